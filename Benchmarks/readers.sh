#!/usr/bin/env bash
# Parse speed of every text reader against the RIS reader, in the same run: the largest corpus
# file of each format (repeated to about 4 MB so that start-up does not dominate), read with
# `scoping bench ingest --parse-only`, median records/s of RUNS runs (default 3), and the ratio
# to the RIS reader's records/s on its own largest corpus file.
#
#   SCOPING_BIN=.build/release/scoping Benchmarks/readers.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/../shared/corpus"
work="${TMPDIR:-/tmp}/scoping-readers-bench"
runs="${RUNS:-3}"
mkdir -p "$work"
. "$root/Benchmarks/release-binary.sh"

# name  file (the largest of its format in the corpus)
inputs=(
    "ris ris/citesource_working_CAB.ris"
    "wos other/revtools_restoration_wos.ciw"
    "ovid other/k4es_embase_ovid_citavi_r3001-3002.ovd"
    "bibtex other/synthesisr_scopus.bib"
    "refer jabref/endnote_tagged/Endnote.book.example.enw"
    "refworks zotero-tests/RefWorks_Tagged/RefWorks_Tagged_case02.txt"
    "medline medline/revtools_restoration_pubmed.nbib"
    "identifiers other/k4es_pubmed_pmid_list.txt"
    "mods zotero-tests/MODS/MODS_case22.xml"
    "csljson zotero-tests/CSL_JSON/CSL_JSON_case01.json"
    "zoterordf Tests/FormatsTests/Fixtures/zotero-library.rdf"
)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-12s %10s %10s %12s %8s\n' reader bytes records records/s vs_RIS
ris_rate=""
for entry in "${inputs[@]}"; do
    set -- $entry
    name="$1"; src="$corpus/$2"
    # The corpus's RDF files are one item each, not Zotero's layout: the hand-written fixture is.
    [ "$name" = zoterordf ] && src="$root/$2"
    out="$work/$name.${2##*.}"
    : > "$out"
    if [ "$name" = csljson ]; then
        # One JSON array: its items repeated until about 4 MB.
        python3 -c 'import json, sys
items = json.load(open(sys.argv[1]))
one = len(json.dumps(items))
json.dump(items * (4000000 // one + 1), open(sys.argv[2], "w"))' "$src" "$out"
    elif [ "$name" = mods ]; then
        # One <mods> record per file: copies of it (without the XML declaration) in a collection.
        printf '<?xml version="1.0" encoding="UTF-8"?>\n<modsCollection xmlns="http://www.loc.gov/mods/v3">\n' > "$out"
        while [ "$(stat -c %s "$out")" -lt 4000000 ]; do sed '1{/^<?xml/d}' "$src" >> "$out"; done
        printf '</modsCollection>\n' >> "$out"
    elif [ "$name" = zoterordf ]; then
        # The library's nodes repeated inside one <rdf:RDF>, every node name made unique per copy
        # (RDF would merge nodes of the same name into one).
        python3 -c 'import re, sys
text = open(sys.argv[1]).read()
open_end = text.index(">", text.index("<rdf:RDF")) + 1
body = text[open_end:text.rindex("</rdf:RDF>")]
copies = 4000000 // len(body) + 1
name = re.compile(r"(rdf:(?:about|resource|nodeID)=\")([^\"]*)\"")
with open(sys.argv[2], "w") as out:
    out.write(text[:open_end])
    for i in range(copies):
        out.write(name.sub(lambda m: "%s%s-%d\"" % (m.group(1), m.group(2), i), body))
    out.write("</rdf:RDF>\n")' "$src" "$out"
    else
        # Repeat the file (with a blank line between copies) until about 4 MB.
        while [ "$(stat -c %s "$out")" -lt 4000000 ]; do cat "$src" >> "$out"; printf '\n\n' >> "$out"; done
    fi
    rates=()
    for _ in $(seq "$runs"); do
        line=$("$scoping" bench ingest --parse-only "$out")
        rates+=("$(echo "$line" | sed -E 's/.* records_per_s=([0-9]+).*/\1/')")
        records=$(echo "$line" | sed -E 's/.* records=([0-9]+).*/\1/')
    done
    rate=$(printf '%s\n' "${rates[@]}" | median)
    [ "$name" = ris ] && ris_rate="$rate"
    printf '%-12s %10s %10s %12s %8s\n' "$name" "$(stat -c %s "$out")" "$records" "$rate" \
        "$(awk -v a="$rate" -v b="$ris_rate" 'BEGIN { printf "%.2f", a / b }')"
done
