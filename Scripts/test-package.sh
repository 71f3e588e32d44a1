#!/usr/bin/env bash
# Checks a release tarball from Scripts/package.sh as a researcher without Swift would use it:
# the binary is copied into an empty folder, links no Swift runtime or Foundation library,
# makes a new review with `scoping init`, and reproduces the demo review's output/ byte for
# byte with `scoping run` on a copy of its inputs. Usage: Scripts/test-package.sh TARBALL
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tar -C "$work" -xzf "$tarball"
mkdir "$work/bin"
cp "$work"/scoping-*/bin/scoping "$work/bin/scoping"
for f in share/man/man1/scoping.1 share/bash-completion/completions/scoping \
  share/zsh/site-functions/_scoping share/fish/vendor_completions.d/scoping.fish LICENSE \
  share/doc/scoping/third-party/GRDB.swift/LICENSE share/doc/scoping/third-party/swift-nio/NOTICE.txt; do
  [ -s "$work"/scoping-*/"$f" ] || { echo "package: $f is missing or empty" >&2; exit 1; }
done

if ldd "$work/bin/scoping" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift'; then
  echo "package: the binary still links the Swift runtime (above)" >&2
  exit 1
fi

# No Swift on the paths: only the system's libraries.
run() { (cd "$1" && shift && env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$work/bin/scoping" "$@"); }

run "$work" init new-review >/dev/null
[ -f "$work/new-review/protocol/protocol.yaml" ] || { echo "package: scoping init made no protocol" >&2; exit 1; }

mkdir "$work/demo"
cp -R "$repo/protocol" "$repo/corpus" "$repo/screening" "$repo/charting" "$work/demo/"
[ -d "$repo/dedup" ] && cp -R "$repo/dedup" "$work/demo/"
run "$work/demo" run >/dev/null 2>"$work/run.err" || { cat "$work/run.err" >&2; exit 1; }
diff -r "$repo/output" "$work/demo/output" >&2 || { echo "package: the packaged binary's output/ differs" >&2; exit 1; }
echo "package test: $(basename "$tarball") runs without Swift and reproduces the demo's output/"
