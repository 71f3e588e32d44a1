#!/usr/bin/env bash
# Scale benchmark (issue 7): `scoping run` on a generated review of 20,000 PubMed records with
# decisions for every record that passes the automatic criteria and 300 charted studies.
# Targets on the shared 2-core machine: from scratch under 30 s, nothing changed under 2 s.
# Also timed, per run: the export touched (same bytes: its SHA-256 is compared, nothing redone)
# and one decision log changed (ingest, dedup and criteria skipped; output/ rendered again).
#
#   Benchmarks/scale.sh                    # builds release into .build, generates /tmp/scoping-scale
#   SCRATCH=.build-lead-rel Benchmarks/scale.sh   # reuse an existing release build
#   RUNS=1 COUNT=20000 OUT=/tmp/scoping-scale Benchmarks/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build}
RUNS=${RUNS:-3}
COUNT=${COUNT:-20000}
OUT=${OUT:-/tmp/scoping-scale}
LOGS=${LOGS:-/tmp/scoping-scale-logs}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product scoping --scratch-path "$SCRATCH" >&2
fi
BIN=$(cd "$SCRATCH/release" && pwd)/scoping
python3 Benchmarks/make-scale-review.py --count "$COUNT" --out "$OUT" >&2
mkdir -p "$LOGS"
echo "machine: $(nproc) cores; $(uptime)"

# One timed `scoping run`: prints wall seconds and peak RSS (MB).
timed() {
  local log=$1
  set +e
  ( cd "$OUT" && /usr/bin/time -v "$BIN" run ) >"$log.out" 2>"$log.err"
  local rc=$?
  set -e
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.err" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log.err")
  echo "$wall $rss $rc"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The decision log changed in the last timing: bram's last line taken away, then put back.
LOG="$OUT/screening/bram.jsonl"
cp -p "$LOG" "$LOGS/bram.jsonl.orig"

cold=() ; warm=() ; touched=() ; changed=()
for i in $(seq 1 "$RUNS"); do
  rm -rf "$OUT/.scoping" "$OUT/output"
  read -r w r rc < <(timed "$LOGS/cold-$i")
  echo "from scratch #$i: ${w} s, peak RSS ${r} MB, exit $rc"
  [ "$rc" = 0 ] || [ "$rc" = 1 ] || { echo "scoping run failed:"; tail -20 "$LOGS/cold-$i.err"; exit 1; }
  cold+=("$w")
  read -r w r rc < <(timed "$LOGS/warm-$i")
  echo "nothing changed #$i: ${w} s, peak RSS ${r} MB, exit $rc"
  grep -q "nothing changed since the last run" "$LOGS/warm-$i.err" || { echo "the unchanged run did not skip:"; tail -20 "$LOGS/warm-$i.err"; exit 1; }
  warm+=("$w")
  touch "$OUT"/corpus/*
  read -r w r rc < <(timed "$LOGS/touched-$i")
  echo "export touched #$i: ${w} s, peak RSS ${r} MB, exit $rc"
  touched+=("$w")
  sed -i '$ d' "$LOG"
  read -r w r rc < <(timed "$LOGS/changed-$i")
  echo "one log changed #$i: ${w} s, peak RSS ${r} MB, exit $rc"
  changed+=("$w")
  cp -p "$LOGS/bram.jsonl.orig" "$LOG"
done
( cd "$OUT" && "$BIN" run ) >/dev/null 2>&1 || true   # output/ for the log as generated
echo "median from scratch: $(printf '%s\n' "${cold[@]}" | median) s (target < 30 s)"
echo "median nothing changed: $(printf '%s\n' "${warm[@]}" | median) s (target < 2 s)"
echo "median export touched (same bytes): $(printf '%s\n' "${touched[@]}" | median) s"
echo "median one decision log changed: $(printf '%s\n' "${changed[@]}" | median) s"

# The PRISMA counts against what the generator wrote.
echo "generator: $(cat "$OUT/expected.json" | tr -d '\n ')"
( cd "$OUT" && "$BIN" status --json ) >"$LOGS/status.json" || true
echo "status --json: $LOGS/status.json"
python3 - "$OUT" <<'PY'
import csv, json, sys
out = sys.argv[1]
e = json.load(open(out + "/expected.json"))
n = {row["data"]: row["n"] for row in csv.DictReader(open(out + "/output/prisma.csv", encoding="utf-8"))}
auto = sum(e["auto_excluded"].values())
want = {"database_results": e["records"], "duplicates": 0, "excluded_automatic": auto,
        "records_screened": e["screened_title_abstract"],
        "records_excluded": e["screened_title_abstract"] - e["full_text"],
        "dbr_sought_reports": e["full_text"], "dbr_notretrieved_reports": e["not_retrieved"],
        "dbr_assessed": e["full_text"] - e["not_retrieved"], "new_studies": e["included"],
        "total_studies": e["included"]}
bad = [(k, n.get(k), v) for k, v in want.items() if str(n.get(k)) != str(v)]
for k, v in want.items():
    print("prisma %-26s %8s  expected %s" % (k, n.get(k), v))
if bad:
    print("PRISMA MISMATCH: %s" % bad)
    sys.exit(1)
print("PRISMA counts line up with the generator")
PY
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("status: studies %d, eligible %d, included %d, charted %d, verified %d, open conflicts %d" % (s["studies"], s["eligible"], s["included"], s["charted"], s["verified"], sum(len(v) for v in s["conflicts"].values())))' "$LOGS/status.json"
