#!/usr/bin/env bash
# `scoping screen --plain` at scale (issue 12): the time to start (the queue built, the first
# record shown) and the time per decision, for two builds in the same run, so the ratio holds
# on a busy machine. Two reviews of COUNT records made by Benchmarks/make-scale-review.py:
#   pmid  the records as PubMed wrote them (keys `pmid:…`, cheap to compute)
#   hash  the same records without PMID or DOI (keys hash the folded title, as in RIS exports
#         without identifiers), plus one record with a 1 MB title
# Each build runs `scoping run` on its own copy and starts once without a stored corpus
# (.scoping/screening-<stage>.corpus removed: the start builds it from the records, as after
# an ingest outside `scoping run`); then, RUNS times, anna's log is removed and
#   printf 'q\n' | scoping screen --reviewer anna --plain                 (start)
#   (DECISIONS decisions, then q) | scoping screen --reviewer anna --plain  (start + decisions)
# are timed; per decision = (second − first) / DECISIONS. The decisions: every fifth an
# inclusion, the others `e 1`, so the ranker retrains from the first inclusion on. Prints
# medians and the ratios, and checks that both builds showed the records in the same order
# (the keys of anna's log, in order): exits 1 when they differ.
#
#   BEFORE=/path/to/old/scoping AFTER=.build-release/release/scoping Benchmarks/screen.sh
#   COUNT=20000 RUNS=3 DECISIONS=200 OUT=/tmp/scoping-screen VARIANTS="pmid hash" Benchmarks/screen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-20000}
RUNS=${RUNS:-3}
DECISIONS=${DECISIONS:-200}
OUT=${OUT:-/tmp/scoping-screen}
VARIANTS=${VARIANTS:-pmid hash}
BEFORE=${BEFORE:?the build to compare against: BEFORE=path/to/scoping}
AFTER=${AFTER:-.build-release/release/scoping}
BEFORE=$(cd "$(dirname "$BEFORE")" && pwd)/$(basename "$BEFORE")
AFTER=$(cd "$(dirname "$AFTER")" && pwd)/$(basename "$AFTER")

rm -rf "$OUT"
mkdir -p "$OUT"
python3 Benchmarks/make-scale-review.py --count "$COUNT" --out "$OUT/pmid" >&2
# The hash variant: the studies exported as RIS without identifiers, and a 1 MB title.
mkdir -p "$OUT/hash/corpus"
cp -r "$OUT/pmid/protocol" "$OUT/hash/"
(cd "$OUT/pmid" && "$AFTER" run >/dev/null 2>&1 && "$AFTER" export --format ris) \
  | grep -v -E '^(PM|DO|C2|AN|UR)  - ' >"$OUT/hash/corpus/studies.ris"
python3 - "$OUT/hash/corpus/long-title.ris" <<'PY'
import sys
words = " ".join(["telemonitoring heart failure general practice nurse"] * 20000)
open(sys.argv[1], "w").write("TY  - JOUR\nTI  - " + words[:1_000_000] + "\nAU  - Long, Title\nPY  - 2022\nLA  - en\nER  -\n")
PY
# The protocol's source names the new export (the old one is gone from this folder).
sed -i 's#corpus/pubmed-scale.xml#corpus/studies.ris#' "$OUT/hash/protocol/protocol.yaml"
rm -rf "$OUT/pmid/.scoping" "$OUT/pmid/output"
echo "machine: $(nproc) cores; $(uptime)"

seconds() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A START PER STARTCPU PERCPU MEM COLD
for variant in $VARIANTS; do
  for build in before after; do
    bin=$BEFORE; [ "$build" = after ] && bin=$AFTER
    dir="$OUT/$build-$variant"
    rm -rf "$dir"; mkdir -p "$dir"
    cp -r "$OUT/$variant/protocol" "$OUT/$variant/corpus" "$dir/"
    (cd "$dir" && "$bin" run >/dev/null 2>&1) || { echo "$build $variant: scoping run failed" >&2; exit 1; }
    starts=(); pers=(); cpus=(); percpu=(); mems=()
    # A start without a stored corpus (.scoping/screening-<stage>.corpus, which `scoping run`
    # stores and a start builds when it is missing or stale): built here from the records; the
    # timed starts below read it.
    rm -f "$dir/screening/anna.jsonl" "$dir/screening/anna.jsonl.lock" "$dir"/.scoping/screening-*.corpus
    c=$(cd "$dir" && printf 'q\n' | { /usr/bin/time -f '%e %U %S %M' "$bin" screen --reviewer anna --plain >/dev/null; } 2>&1 | tail -1)
    read -r cw cu cs cm <<<"$c"
    COLD[$build-$variant]="$cw s wall, $(awk -v u="$cu" -v s="$cs" 'BEGIN { printf "%.2f", u + s }') s CPU, $((cm / 1024)) MB"
    echo "$build $variant: start without a stored corpus: ${COLD[$build-$variant]}"
    for _ in $(seq "$RUNS"); do
      rm -f "$dir/screening/anna.jsonl" "$dir/screening/anna.jsonl.lock"
      s=$(cd "$dir" && printf 'q\n' | { /usr/bin/time -f '%e %U %S %M' "$bin" screen --reviewer anna --plain >/dev/null; } 2>&1 | tail -1)
      rm -f "$dir/screening/anna.jsonl"
      d=$(cd "$dir" && { for k in $(seq "$DECISIONS"); do if [ $((k % 5)) = 0 ]; then echo i; else echo 'e 1'; fi; done; echo q; } \
        | { /usr/bin/time -f '%e %U %S' "$bin" screen --reviewer anna --plain >/dev/null; } 2>&1 | tail -1)
      decided=$(grep -c . "$dir/screening/anna.jsonl" || true)
      [ "$decided" = "$DECISIONS" ] || { echo "$build $variant: $decided decisions logged, not $DECISIONS" >&2; exit 1; }
      # Wall time, and CPU time (user + system): on a shared machine the CPU time is the steadier one.
      read -r sw su ss sm <<<"$s"
      read -r dw du ds <<<"$d"
      mems+=("$((sm / 1024))")
      starts+=("$sw"); cpus+=("$(awk -v u="$su" -v s="$ss" 'BEGIN { printf "%.2f", u + s }')")
      pers+=("$(awk -v a="$dw" -v b="$sw" -v n="$DECISIONS" 'BEGIN { printf "%.4f", (a - b) / n }')")
      percpu+=("$(awk -v a="$du" -v b="$ds" -v c="$su" -v d="$ss" -v n="$DECISIONS" 'BEGIN { printf "%.4f", (a + b - c - d) / n }')")
    done
    START[$build-$variant]=$(printf '%s\n' "${starts[@]}" | median)
    PER[$build-$variant]=$(printf '%s\n' "${pers[@]}" | median)
    STARTCPU[$build-$variant]=$(printf '%s\n' "${cpus[@]}" | median)
    PERCPU[$build-$variant]=$(printf '%s\n' "${percpu[@]}" | median)
    MEM[$build-$variant]=$(printf '%s\n' "${mems[@]}" | median)
    echo "$build $variant: start ${starts[*]} s (CPU ${cpus[*]} s, peak RSS ${mems[*]} MB); per decision ${pers[*]} s (CPU ${percpu[*]} s)"
  done
done
for variant in $VARIANTS; do
  echo "$variant: start peak RSS ${MEM[before-$variant]} MB -> ${MEM[after-$variant]} MB (medians)"
  echo "$variant: start without a stored corpus: ${COLD[before-$variant]} -> ${COLD[after-$variant]}"
  # The same records in the same order: the ranking did not change.
  if cmp -s <(grep -o '"key":"[^"]*"' "$OUT/before-$variant/screening/anna.jsonl") \
    <(grep -o '"key":"[^"]*"' "$OUT/after-$variant/screening/anna.jsonl"); then
    echo "$variant: both builds showed the same $DECISIONS records in the same order"
  else
    echo "$variant: THE ORDER DIFFERS between the builds (screening/anna.jsonl of before-$variant and after-$variant)"
    ORDER_DIFFERS=1
  fi
done
for variant in $VARIANTS; do
  for kind in wall CPU; do
    if [ "$kind" = wall ]; then
      sb=${START[before-$variant]}; sa=${START[after-$variant]}; pb=${PER[before-$variant]}; pa=${PER[after-$variant]}
    else
      sb=${STARTCPU[before-$variant]}; sa=${STARTCPU[after-$variant]}; pb=${PERCPU[before-$variant]}; pa=${PERCPU[after-$variant]}
    fi
    awk -v v="$variant" -v k="$kind" -v sb="$sb" -v sa="$sa" -v pb="$pb" -v pa="$pa" 'BEGIN {
      printf "%s, %s: start %.2f s -> %.2f s (%.2fx faster); per decision %.1f ms -> %.1f ms (%.2fx faster)\n",
        v, k, sb, sa, (sa > 0 ? sb / sa : 0), pb * 1000, pa * 1000, (pa > 0 ? pb / pa : 0) }'
  done
done
[ -z "${ORDER_DIFFERS:-}" ] || exit 1
