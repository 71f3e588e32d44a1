#!/usr/bin/env bash
# Reading a large RIS export as UTF-8 and the same export as UTF-16 LE (with a BOM, as Windows
# tools write it), in the same run: the largest RIS file of the corpus repeated to about 8 MB,
# `scoping bench ingest --parse-only` on each in turn, RUNS times (default 5), the median wall
# and CPU seconds of each and the ratio UTF-16 / UTF-8 (the cost of the transcoding in InputFile).
#
#   SCOPING_BIN=.build/release/scoping Benchmarks/utf16.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/../shared/corpus/ris/citesource_working_CAB.ris"
work="${TMPDIR:-/tmp}/scoping-utf16-bench"
runs="${RUNS:-5}"
mkdir -p "$work"
. "$root/Benchmarks/release-binary.sh"
utf8="$work/large.utf8.ris"
utf16="$work/large.utf16le.ris"
: > "$utf8"
while [ "$(stat -c %s "$utf8")" -lt 8000000 ]; do cat "$src" >> "$utf8"; printf '\n\n' >> "$utf8"; done
{ printf '\xff\xfe'; iconv -f utf-8 -t utf-16le "$utf8"; } > "$utf16"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { echo "$1" | sed -E "s/.* $2=([0-9.]+).*/\\1/"; }
w8=(); c8=(); w16=(); c16=()
for _ in $(seq "$runs"); do
    a=$("$scoping" bench ingest --parse-only "$utf8")
    b=$("$scoping" bench ingest --parse-only "$utf16")
    [ "$(field "$a" records)" = "$(field "$b" records)" ] || { echo "record counts differ: $a / $b" >&2; exit 1; }
    w8+=("$(field "$a" seconds)"); c8+=("$(field "$a" cpu_seconds)")
    w16+=("$(field "$b" seconds)"); c16+=("$(field "$b" cpu_seconds)")
done
m_w8=$(printf '%s\n' "${w8[@]}" | median); m_c8=$(printf '%s\n' "${c8[@]}" | median)
m_w16=$(printf '%s\n' "${w16[@]}" | median); m_c16=$(printf '%s\n' "${c16[@]}" | median)
printf '%-10s %10s %9s %10s %10s\n' encoding bytes records seconds cpu_seconds
printf '%-10s %10d %9d %10s %10s\n' UTF-8 "$(stat -c %s "$utf8")" "$(field "$a" records)" "$m_w8" "$m_c8"
printf '%-10s %10d %9d %10s %10s\n' "UTF-16 LE" "$(stat -c %s "$utf16")" "$(field "$b" records)" "$m_w16" "$m_c16"
awk -v a="$m_w16" -v b="$m_w8" -v c="$m_c16" -v d="$m_c8" \
    'BEGIN { printf "UTF-16 / UTF-8: %.2fx wall, %.2fx CPU (median of '"$runs"' runs each)\n", a / b, c / d }'
