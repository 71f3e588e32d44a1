#!/usr/bin/env bash
# PubMed XML ingest, parse + SQLite index: `scoping bench ingest` against the C libxml2 SAX2
# reader writing one SQLite row per record (../shared/bench/c/pmsax.c -o), median of 3 runs
# each, and the ratio of records/s. Also parse-only against `pmsax -f`. Wall-clock seconds
# decide the ratio; CPU seconds (every thread) show what each run cost on a shared machine.
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
. "$root/Benchmarks/release-binary.sh"

median() { sort -n | sed -n 2p; }
field() { sed -E "s/.* $1=([0-9.]+).*/\1/"; }
# `wall cpu` of a command (cpu = user + system, every thread), from /usr/bin/time.
timed() { { /usr/bin/time -f '%e %U %S' "$@" >/dev/null; } 2>&1 | tail -1 | awk '{printf "%s %.2f\n", $1, $2 + $3}'; }
records=$(grep -c '<PubmedArticle>' "$file" || true)
c_parse=(); c_index=(); s_parse=(); s_index=(); rss_parse=(); rss_index=()
c_parse_cpu=(); c_index_cpu=(); s_parse_cpu=(); s_index_cpu=()
for _ in 1 2 3; do
    read -r wall cpu < <(timed "$work/pmsax" -f "$file"); c_parse+=("$wall"); c_parse_cpu+=("$cpu")
    rm -f "$work/out.db" "$work/out.db-wal" "$work/out.db-shm"
    read -r wall cpu < <(timed "$work/pmsax" -f -o "$work/out.db" "$file"); c_index+=("$wall"); c_index_cpu+=("$cpu")
    out="$("$scoping" bench ingest --parse-only "$file")"
    s_parse+=("$(field seconds <<<"$out")"); s_parse_cpu+=("$(field cpu_seconds <<<"$out")"); rss_parse+=("$(field peak_rss_mb <<<"$out")")
    out="$("$scoping" bench ingest "$file")"
    s_index+=("$(field seconds <<<"$out")"); s_index_cpu+=("$(field cpu_seconds <<<"$out")"); rss_index+=("$(field peak_rss_mb <<<"$out")")
done
m() { printf '%s\n' "$@" | median; }
rate() { awk -v n="$records" -v t="$1" 'BEGIN{printf "%.0f", n/t}'; }
ratio() { awk -v c="$1" -v s="$2" 'BEGIN{printf "%.2f", c/s}'; }
cp=$(m "${c_parse[@]}"); ci=$(m "${c_index[@]}"); sp=$(m "${s_parse[@]}"); si=$(m "${s_index[@]}")
echo "file: $file ($records records, $(du -m "$file" | cut -f1) MB), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| reader | seconds | CPU seconds | records/s | × C | peak RSS |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "| C libxml2 SAX2 (pmsax -f) | $cp | $(m "${c_parse_cpu[@]}") | $(rate "$cp") | 1.00 | |"
echo "| scoping, parse only | $sp | $(m "${s_parse_cpu[@]}") | $(rate "$sp") | $(ratio "$cp" "$sp") | $(m "${rss_parse[@]}") MB |"
echo "| C libxml2 SAX2 + SQLite (pmsax -f -o) | $ci | $(m "${c_index_cpu[@]}") | $(rate "$ci") | 1.00 | |"
echo "| scoping ingest (parse + index + FTS5) | $si | $(m "${s_index_cpu[@]}") | $(rate "$si") | $(ratio "$ci" "$si") | $(m "${rss_index[@]}") MB |"
