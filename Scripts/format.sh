#!/usr/bin/env bash
# Formats every Swift file as CI checks it (swift format, with the committed .swift-format).
# Usage: Scripts/format.sh          rewrite the files in place
#        Scripts/format.sh --check  change nothing; exit 1 and list the findings if any
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests Benchmarks Fuzz)
if [ "${1:-}" = "--check" ]; then
  out=$(swift format lint --strict --recursive --parallel "${paths[@]}" 2>&1) || true
  if [ -n "$out" ]; then
    echo "$out"
    echo "format: run Scripts/format.sh to fix these" >&2
    exit 1
  fi
  echo "format: clean"
else
  swift format format --in-place --recursive --parallel "${paths[@]}"
fi
