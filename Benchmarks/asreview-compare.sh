#!/usr/bin/env bash
# Screening ranking benchmark (issue 6): `scoping simulate` against `asreview simulate` (ASReview
# 3.0.8, default model ELAS u4) on every set in ../shared/datasets/screening, same prior records,
# seeds 1..SEEDS, in one run. Prints the markdown table of docs/benchmarks.md ("Screening");
# every run is in $OUT/runs.csv.
#
#   Benchmarks/asreview-compare.sh                         # builds release into .build
#   SCRATCH=.build-screening SEEDS=5 Benchmarks/asreview-compare.sh
#   VENV=/tmp/asreview-venv  (made with: python3 -m venv $VENV && $VENV/bin/pip install asreview==3.0.8)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
SEEDS=${SEEDS:-5}
VENV=${VENV:-/tmp/asreview-venv}
OUT=${OUT:-/tmp/asreview-compare}

[ -x "$VENV/bin/asreview" ] || { echo "no ASReview in $VENV: python3 -m venv $VENV && $VENV/bin/pip install asreview==3.0.8" >&2; exit 69; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product scoping --scratch-path "$SCRATCH" >&2
fi
BIN=$(cd "$SCRATCH/release" && pwd)/scoping
"$VENV/bin/python" Benchmarks/asreview-compare.py --scoping "$BIN" --seeds "$SEEDS" --out "$OUT" "$@"
