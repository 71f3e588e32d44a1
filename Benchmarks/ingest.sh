#!/usr/bin/env bash
# PubMed XML ingest, parse + SQLite index: `scoping bench ingest` against the C libxml2 SAX2
# reader writing one SQLite row per record (../shared/bench/c/pmsax.c -o), median of 3 runs
# each, and the ratio of records/s. Also parse-only against `pmsax -f`.
#
#   Benchmarks/ingest.sh [FILE]     default FILE: /tmp/pubmed_30k.xml (made if missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
file="${1:-/tmp/pubmed_30k.xml}"
work="${TMPDIR:-/tmp}/scoping-ingest-bench"
mkdir -p "$work"

[ -f "$file" ] || python3 "$shared/bench/make_pubmed.py" --count 30000 --out "$file"
gcc -O2 -o "$work/pmsax" "$shared/bench/c/pmsax.c" $(xml2-config --cflags --libs) -lsqlite3
# SCOPING_BIN names an already-built release binary; otherwise one is built.
scoping="${SCOPING_BIN:-}"
if [ -z "$scoping" ]; then
    (cd "$root" && swift build -c release --product scoping >/dev/null)
    scoping="$root/.build/release/scoping"
fi

median() { sort -n | sed -n 2p; }
field() { sed -E "s/.*$1=([0-9.]+).*/\1/"; }
records=$(grep -c '<PubmedArticle>' "$file" || true)
c_parse=(); c_index=(); s_parse=(); s_index=(); rss_parse=(); rss_index=()
for _ in 1 2 3; do
    c_parse+=("$( { /usr/bin/time -f '%e' "$work/pmsax" -f "$file" >/dev/null; } 2>&1 | tail -1)")
    rm -f "$work/out.db"
    c_index+=("$( { /usr/bin/time -f '%e' "$work/pmsax" -f -o "$work/out.db" "$file" >/dev/null; } 2>&1 | tail -1)")
    out="$("$scoping" bench ingest --parse-only "$file")"
    s_parse+=("$(field seconds <<<"$out")"); rss_parse+=("$(field peak_rss_mb <<<"$out")")
    out="$("$scoping" bench ingest "$file")"
    s_index+=("$(field seconds <<<"$out")"); rss_index+=("$(field peak_rss_mb <<<"$out")")
done
m() { printf '%s\n' "$@" | median; }
rate() { awk -v n="$records" -v t="$1" 'BEGIN{printf "%.0f", n/t}'; }
ratio() { awk -v c="$1" -v s="$2" 'BEGIN{printf "%.2f", c/s}'; }
cp=$(m "${c_parse[@]}"); ci=$(m "${c_index[@]}"); sp=$(m "${s_parse[@]}"); si=$(m "${s_index[@]}")
echo "file: $file ($records records, $(du -m "$file" | cut -f1) MB)"
echo "| reader | seconds | records/s | × C | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
echo "| C libxml2 SAX2 (pmsax -f) | $cp | $(rate "$cp") | 1.00 | |"
echo "| scoping, parse only | $sp | $(rate "$sp") | $(ratio "$cp" "$sp") | $(m "${rss_parse[@]}") MB |"
echo "| C libxml2 SAX2 + SQLite (pmsax -f -o) | $ci | $(rate "$ci") | 1.00 | |"
echo "| scoping ingest (parse + index + FTS5) | $si | $(rate "$si") | $(ratio "$ci" "$si") | $(m "${rss_index[@]}") MB |"
