#!/usr/bin/env bash
# Stopping benchmark (issue 19): every stopping method of `scoping simulate --stopping all` on
# every labelled set in ../shared/datasets/screening, seeds 1..SEEDS, in one run. Prints a line
# per set and method, then the markdown table of docs/benchmarks.md ("Stopping"), also kept in
# $OUT/stopping.txt; JSON=1 runs it again with --json into $OUT/stopping.json (every run).
#
#   Benchmarks/stopping.sh                        # builds release into .build
#   SEEDS=3 Benchmarks/stopping.sh
#   SYNERGY=~/synergy Benchmarks/stopping.sh      # also every *.csv / *.csv.gz there (ASReview layout), if present
#   BIN=.build/debug/scoping Benchmarks/stopping.sh   # an existing binary (the figures are the same)
#   BIASES="2 3" Benchmarks/stopping.sh          # the biases of hypergeometric-biased to compare (default 1.5 2 3 5)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
SEEDS=${SEEDS:-10}
OUT=${OUT:-/tmp/stopping-bench}
SETS=${SETS:-../shared/datasets/screening}
BIASES=${BIASES:-1.5 2 3 5}
mkdir -p "$OUT"

if [ -z "${BIN:-}" ]; then
  swift build -c release --product scoping --scratch-path "$SCRATCH" >&2
  BIN=$(cd "$SCRATCH/release" && pwd)/scoping
fi
[ -d "$SETS" ] || { echo "no labelled sets in $SETS" >&2; exit 66; }
args=()
for f in "$SETS"/*.csv "$SETS"/*.csv.gz; do [ -e "$f" ] && args+=(--labels "$f"); done
if [ -n "${SYNERGY:-}" ] && [ -d "$SYNERGY" ]; then
  for f in "$SYNERGY"/*.csv "$SYNERGY"/*.csv.gz; do [ -e "$f" ] && args+=(--labels "$f"); done
fi
[ ${#args[@]} -gt 0 ] || { echo "no .csv or .csv.gz files in $SETS" >&2; exit 66; }
for b in $BIASES; do args+=(--bias "$b"); done
"$BIN" simulate "${args[@]}" --stopping all --seeds "$SEEDS" "$@" | tee "$OUT/stopping.txt"
if [ "${JSON:-0}" = 1 ]; then
  "$BIN" simulate "${args[@]}" --stopping all --seeds "$SEEDS" --json "$@" > "$OUT/stopping.json"
  echo "runs: $OUT/stopping.json" >&2
fi
