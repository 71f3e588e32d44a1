#!/usr/bin/env bash
# scoping against bib-dedupe 0.11.0 on the same labelled sets, in one run: per set TP, FP, FN,
# sensitivity and seconds of both, as one Markdown table (docs/benchmarks.md).
#
#   Benchmarks/dedup-compare.sh ../shared/datasets/dedup /tmp/dedup-hard [path/to/bib-dedupe/data ...]
#   BIN=.build/release/scoping VENV=/tmp/bibdedupe-venv Benchmarks/dedup-compare.sh DIR ...
#
# Each DIR is one set or a folder of sets in the bib-dedupe layout (records_pre_merged.csv[.gz],
# merged_record_ids.csv); sets without their records file are skipped. The bib-dedupe venv is
# made on first use (pip install bib-dedupe==0.11.0). SKIP_BIBDEDUPE=1 runs scoping alone.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/scoping}
VENV=${VENV:-/tmp/bibdedupe-venv}
OUT=${OUT:-$(mktemp -d /tmp/dedup-compare.XXXXXX)}
mkdir -p "$OUT"
[ $# -ge 1 ] || { echo "usage: $0 DIR [DIR ...]" >&2; exit 64; }
[ -x "$BIN" ] || { echo "$BIN: no scoping binary; run swift build -c release --product scoping first" >&2; exit 66; }

: > "$OUT/scoping.jsonl"
for dir in "$@"; do
  "$BIN" bench dedup "$dir" --json 2>>"$OUT/scoping.err" \
    | python3 -c 'import json,sys; [print(json.dumps(r)) for r in json.load(sys.stdin) if r["set"] != "pooled"]' >> "$OUT/scoping.jsonl"
done

: > "$OUT/bibdedupe.jsonl"
if [ "${SKIP_BIBDEDUPE:-0}" != 1 ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" && "$VENV/bin/pip" install -q bib-dedupe==0.11.0
  fi
  "$VENV/bin/python" Benchmarks/bibdedupe-bench.py "$@" > "$OUT/bibdedupe.jsonl" 2>"$OUT/bibdedupe.err" || true
fi

python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
ours = [json.loads(l) for l in open(f"{out}/scoping.jsonl") if l.strip()]
theirs = {r["set"]: r for r in (json.loads(l) for l in open(f"{out}/bibdedupe.jsonl") if l.strip())}
print("| set | records | scoping TP / FP / FN | scoping sensitivity | uncertain | bib-dedupe TP / FP / FN | bib-dedupe sensitivity | scoping s | bib-dedupe s |")
print("| --- | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |")
for r in ours:
    b = theirs.get(r["set"])
    if b and "error" not in b:
        bt, bs, bsec = f'{b["TP"]} / {b["FP"]} / {b["FN"]}', f'{b["sensitivity"]:.4f}', f'{b["seconds"]:.2f}'
    else:
        bt, bs, bsec = (b or {}).get("error", "—"), "—", "—"
    print(f'| {r["set"]} | {r["records"]:,} | {r["tp"]} / {r["fp"]} / {r["fn"]} | {r["sensitivity"]:.4f} | {r["uncertain"]} | {bt} | {bs} | {r["seconds"]:.3f} | {bsec} |')
PY
echo "raw results: $OUT" >&2
