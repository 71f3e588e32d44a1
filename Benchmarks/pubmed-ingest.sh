#!/usr/bin/env bash
# PubMed XML ingest (parsing only): scoping's PubMedXMLReader against the C libxml2 SAX2
# baseline (../shared/bench/c/pmsax.c), median of 3 runs each, and their ratio.
#
#   Benchmarks/pubmed-ingest.sh [FILE]     default FILE: /tmp/pubmed_30k.xml (made if missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
file="${1:-/tmp/pubmed_30k.xml}"
work="${TMPDIR:-/tmp}/scoping-pubmed-bench"
mkdir -p "$work"

[ -f "$file" ] || python3 "$shared/bench/make_pubmed.py" --count 30000 --out "$file"
gcc -O2 -o "$work/pmsax" "$shared/bench/c/pmsax.c" $(xml2-config --cflags --libs) -lsqlite3
(cd "$root/Benchmarks/PubMedIngest" && swift build -c release --scratch-path "$work/build" >/dev/null)
swift_bin="$work/build/release/pubmed-ingest"

median() { sort -n | sed -n 2p; }
records=$(grep -c '<PubmedArticle>' "$file" || true)
c_times=(); s_times=(); s_rss=()
for _ in 1 2 3; do
    c_times+=("$( { /usr/bin/time -f '%e' "$work/pmsax" -f "$file" >/dev/null; } 2>&1 | tail -1)")
    out="$("$swift_bin" "$file")"
    s_times+=("$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$out")")
    s_rss+=("$(sed -E 's/.*peak_rss_mb=([0-9.]+).*/\1/' <<<"$out")")
done
c=$(printf '%s\n' "${c_times[@]}" | median)
s=$(printf '%s\n' "${s_times[@]}" | median)
rss=$(printf '%s\n' "${s_rss[@]}" | median)
echo "file: $file ($records records)"
echo "C pmsax -f : ${c}s  $(awk -v n="$records" -v t="$c" 'BEGIN{printf "%.0f", n/t}') records/s"
echo "Swift      : ${s}s  $(awk -v n="$records" -v t="$s" 'BEGIN{printf "%.0f", n/t}') records/s  peak RSS ${rss} MB"
echo "ratio (Swift records/s ÷ C records/s): $(awk -v c="$c" -v s="$s" 'BEGIN{printf "%.2f", c/s}')"
