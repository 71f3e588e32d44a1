#!/usr/bin/env bash
# Fuzz/run.sh NAME SECONDS — build the libFuzzer target fuzz-NAME (pubmed | medline | ris | endnote | csv | wos | ovid | bibtex | refer | refworks | identifiers | csljson | mods | ctgovcsv | ctgovjson | ictrp | zoterordf | utf16) with
# ASan and run it for SECONDS, seeded from ../shared/corpus. Crashes land in Fuzz/crashes/NAME/.
set -euo pipefail
name="$1"; seconds="${2:-600}"
here="$(cd "$(dirname "$0")" && pwd)"
shared="$here/../../shared/corpus"
work="${TMPDIR:-/tmp}/scoping-fuzz"
mkdir -p "$work/corpus-$name" "$here/crashes/$name"
case "$name" in
    pubmed) for f in "$shared"/pubmed-xml/*.xml; do cp "$f" "$work/corpus-$name/"; done
            cp "$here"/../Tests/FormatsTests/Fixtures/pubmed-*.xml "$here"/../Tests/FormatsTests/Fixtures/hostile-*.xml "$work/corpus-$name/" 2>/dev/null || true ;;
    medline) cp "$shared"/medline/* "$here"/../Tests/FormatsTests/Fixtures/medline-* "$work/corpus-$name/" ;;
    ris) find "$shared"/ris -name '*.ris' -size -200k -exec cp {} "$work/corpus-$name/" \;
         cp "$here"/../Tests/FormatsTests/Fixtures/ris-* "$work/corpus-$name/" 2>/dev/null || true ;;
    endnote) cp "$shared"/jabref/endnote_xml/*.xml "$work/corpus-$name/"
             cp "$here"/../Tests/FormatsTests/Fixtures/endnote-* "$work/corpus-$name/" 2>/dev/null || true ;;
    csv) cp "$shared"/csv/* "$work/corpus-$name/"
         cp "$here"/../Tests/FormatsTests/Fixtures/csv-* "$work/corpus-$name/" 2>/dev/null || true ;;
    wos) cp "$shared"/other/*.ciw "$shared"/other/*wos*.txt "$shared"/jabref/isi/*.isi "$work/corpus-$name/" ;;
    ovid) cp "$shared"/other/*.ovd "$shared"/jabref/ovid/*.txt "$shared"/zotero-tests/OVID_Tagged/*.txt "$work/corpus-$name/" ;;
    bibtex) cp "$shared"/other/*.bib "$shared"/jabref/exporter/*.bib "$shared"/jabref/mods/*.bib "$work/corpus-$name/" ;;
    refer) cp "$shared"/jabref/endnote_tagged/* "$shared"/zotero-tests/ReferBibIX/*.enw "$work/corpus-$name/" ;;
    refworks) cp "$shared"/zotero-tests/RefWorks_Tagged/*.txt "$work/corpus-$name/" ;;
    identifiers) cp "$shared"/other/k4es_pubmed_pmid_list.txt "$work/corpus-$name/" ;;
    csljson) cp "$shared"/zotero-tests/CSL_JSON/*.json "$work/corpus-$name/" ;;
    ctgovcsv) cp "$here"/../Tests/FormatsTests/Fixtures/registry-ctgov*.csv "$work/corpus-$name/" ;;
    ctgovjson) cp "$here"/../Tests/FormatsTests/Fixtures/registry-ctgov.json "$work/corpus-$name/" ;;
    ictrp) cp "$here"/../Tests/FormatsTests/Fixtures/registry-ictrp.xml "$work/corpus-$name/" ;;
    utf16) # UTF-16 LE and BE versions (with a BOM, and LE without) of small RIS, CSV and MEDLINE files.
           for f in "$here"/../corpus/*.ris "$here"/../corpus/*.csv "$here"/../Tests/FormatsTests/Fixtures/medline-*.nbib \
                    $(find "$shared"/ris -name '*.ris' -size -16k | head -20); do
               b="$work/corpus-$name/$(basename "$f")"
               iconv -f utf-8 -t utf-16 "$f" > "$b.bom" 2>/dev/null || continue
               iconv -f utf-8 -t utf-16le "$f" > "$b.le"; { printf '\xfe\xff'; iconv -f utf-8 -t utf-16be "$f"; } > "$b.be"
           done ;;
    mods) cp "$shared"/zotero-tests/MODS/*.xml "$shared"/jabref/mods/*.xml "$shared"/mods/*.xml "$work/corpus-$name/" ;;
    zoterordf) cp "$shared"/zotero-tests/RDF/*.rdf "$work/corpus-$name/"
               cp "$here"/../Tests/FormatsTests/Fixtures/zotero-*.rdf "$work/corpus-$name/" 2>/dev/null || true ;;
    *) echo "usage: $0 pubmed|medline|ris|endnote|csv|wos|ovid|bibtex|refer|refworks|identifiers|csljson|mods|ctgovcsv|ctgovjson|ictrp|zoterordf|utf16 SECONDS" >&2; exit 2 ;;
esac
cd "$here"
swift build -c debug --scratch-path "$work/build" -Xswiftc -sanitize=fuzzer,address --product "fuzz-$name"
"$work/build/debug/fuzz-$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$here/crashes/$name/" "$work/corpus-$name" 2>&1 | tee "$work/fuzz-$name.log" | grep -E "^#[0-9]+ +(DONE|INITED)|ERROR|SUMMARY|crash-|Done" || true
