#!/usr/bin/env bash
# Builds a release tarball a researcher can install without a Swift toolchain:
#   dist/scoping-<version>-linux-<arch>.tar.gz
#     bin/scoping                      statically linked Swift runtime and Foundation;
#                                      needs only the system's libxml2, SQLite and zlib
#     share/man/man1/scoping*.1        man pages (swift-argument-parser's generate-manual)
#     share/bash-completion/completions/scoping, share/zsh/site-functions/_scoping,
#     share/fish/vendor_completions.d/scoping.fish
#     README.md, LICENSE (scoping's, MIT)
#     share/doc/scoping/third-party/<package>/LICENSE*, NOTICE*: every Swift package built
#                                      into the binary (Apache-2.0 asks for its notices)
# Usage: Scripts/package.sh [--version V] [--output DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(git describe --tags --always 2>/dev/null || echo dev)
out=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version=$2; shift 2 ;;
    --output) out=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done

arch=$(uname -m)
os=$(uname -s | tr '[:upper:]' '[:lower:]')
name="scoping-$version-$os-$arch"
scratch=.build-release

static=()
[ "$os" = linux ] && static=(--static-swift-stdlib)
echo "building release binary (${static[*]:-dynamic Swift runtime})" >&2
swift build -c release --product scoping --scratch-path "$scratch" "${static[@]}" >&2
bin="$(swift build -c release --product scoping --scratch-path "$scratch" "${static[@]}" --show-bin-path)/scoping"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
cp "$bin" "$root/bin/scoping"
strip "$root/bin/scoping" 2>/dev/null || true

echo "writing man pages" >&2
# The plugin builds the package first (a debug build: cheaper than a second release build,
# and the manual does not depend on it), then asks the built tool for its help.
mkdir -p "$stage/man"
swift package --scratch-path "$scratch" --allow-writing-to-directory "$stage/man" \
  generate-manual --configuration debug --multi-page --output-directory "$stage/man" >&2
find "$stage/man" -name '*.1' -exec cp {} "$root/share/man/man1/" \;

"$root/bin/scoping" --generate-completion-script bash > "$root/share/bash-completion/completions/scoping"
"$root/bin/scoping" --generate-completion-script zsh > "$root/share/zsh/site-functions/_scoping"
"$root/bin/scoping" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/scoping.fish"
cp README.md LICENSE "$root/"
# The licences and notices of the packages statically linked into the binary.
for dir in "$scratch"/checkouts/*/; do
  for f in "$dir"LICENSE* "$dir"NOTICE* "$dir"COPYING*; do
    [ -f "$f" ] || continue
    mkdir -p "$root/share/doc/scoping/third-party/$(basename "$dir")"
    cp "$f" "$root/share/doc/scoping/third-party/$(basename "$dir")/"
  done
done

mkdir -p "$out"
tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
