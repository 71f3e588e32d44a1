#!/usr/bin/env bash
# PubMed XML ingest (parsing only): scoping's PubMedXMLReader against the C libxml2 SAX2
# baseline (../shared/bench/c/pmsax.c), median of N runs each (alternated), their ratio, and a
# check that both read the same totals.
#
#   Benchmarks/pubmed-ingest.sh [FILE]     default FILE: /tmp/pubmed_30k.xml (made if missing)
#   RUNS=5 Benchmarks/pubmed-ingest.sh     more runs on a noisy machine (default 3)
#
# Both programs are timed the same way, from outside (/usr/bin/time: whole process, start-up
# included). Wall-clock seconds give the records/s; on a shared machine the CPU seconds
# (user + sys) are steadier, so their ratio is printed too. The Swift reader runs libxml2 and
# the record building on two threads (pmsax on one): it gains wall-clock time only when a
# second core is free, so the load average and the Swift run's CPU ÷ wall are printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
file="${1:-/tmp/pubmed_30k.xml}"
runs="${RUNS:-3}"
work="${TMPDIR:-/tmp}/scoping-pubmed-bench"
mkdir -p "$work"

[ -f "$file" ] || python3 "$shared/bench/make_pubmed.py" --count 30000 --out "$file"
gcc -O2 -o "$work/pmsax" "$shared/bench/c/pmsax.c" $(xml2-config --cflags --libs) -lsqlite3
(cd "$root/Benchmarks/PubMedIngest" && swift build -c release --scratch-path "$work/build" >/dev/null)
swift_bin="$work/build/release/pubmed-ingest"

# One timed run: prints "wall cpu peak_rss_mb"; the program's stdout goes to $2.
timed() {
    local out="$1"; shift
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$out"
    awk '{printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024}' "$work/time.txt"
}
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
field() { sed -E "s/.*(^| )$1=([0-9.]+).*/\2/" "$2"; }

c_wall=(); c_cpu=(); s_wall=(); s_cpu=(); s_rss=(); c_rss=()
for _ in $(seq "$runs"); do
    read -r w c r < <(timed "$work/c.out" "$work/pmsax" -f "$file"); c_wall+=("$w"); c_cpu+=("$c"); c_rss+=("$r")
    read -r w c r < <(timed "$work/s.out" "$swift_bin" "$file"); s_wall+=("$w"); s_cpu+=("$c"); s_rss+=("$r")
done

# The same records and fields as the C reader (its items are the Swift reader's list entries).
records=$(field records "$work/s.out")
mismatch=0
for pair in records:records abstract_sections:abstract_sections title_bytes:title_bytes \
            doi_items:dois mesh_items:mesh keywords_items:keywords; do
    c_value=$(field "${pair%%:*}" "$work/c.out"); s_value=$(field "${pair##*:}" "$work/s.out")
    if [ "$c_value" != "$s_value" ]; then
        echo "MISMATCH ${pair%%:*}: C $c_value, Swift $s_value" >&2
        mismatch=1
    fi
done

cw=$(printf '%s\n' "${c_wall[@]}" | median); sw=$(printf '%s\n' "${s_wall[@]}" | median)
cc=$(printf '%s\n' "${c_cpu[@]}" | median); sc=$(printf '%s\n' "${s_cpu[@]}" | median)
cr=$(printf '%s\n' "${c_rss[@]}" | median); sr=$(printf '%s\n' "${s_rss[@]}" | median)
echo "file: $file ($records records), median of $runs runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "C pmsax -f : ${cw}s (cpu ${cc}s)  $(awk -v n="$records" -v t="$cw" 'BEGIN{printf "%.0f", n/t}') records/s  peak RSS ${cr} MB"
echo "Swift      : ${sw}s (cpu ${sc}s)  $(awk -v n="$records" -v t="$sw" 'BEGIN{printf "%.0f", n/t}') records/s  peak RSS ${sr} MB"
echo "ratio (Swift records/s ÷ C records/s): $(awk -v c="$cw" -v s="$sw" 'BEGIN{printf "%.2f", c/s}') wall, $(awk -v c="$cc" -v s="$sc" 'BEGIN{printf "%.2f", c/s}') cpu"
echo "Swift CPU ÷ wall: $(awk -v c="$sc" -v w="$sw" 'BEGIN{printf "%.2f", c/w}') (two threads; near 1.0 means they did not overlap: no free core)"
if [ "$mismatch" = 0 ]; then
    echo "totals agree with the C reader: records, abstract sections, title bytes, DOIs, MeSH headings, keywords"
else
    echo "totals DIFFER from the C reader (see above)" >&2
    exit 1
fi
