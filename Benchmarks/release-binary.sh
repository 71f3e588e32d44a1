# Sourced by the benchmark scripts (with `root` set to the package root): sets `scoping` to
# $SCOPING_BIN, or builds the release binary and uses it.
scoping="${SCOPING_BIN:-}"
if [ -z "$scoping" ]; then
    (cd "$root" && swift build -c release --product scoping >/dev/null)
    scoping="$root/.build/release/scoping"
fi
