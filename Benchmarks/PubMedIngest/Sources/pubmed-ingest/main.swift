// pubmed-ingest [--format pubmed-xml|medline|…] [--json] FILE
//
// Reads FILE with scoping's reader and prints totals comparable with pmsax's
// (records, abstract sections, bytes per field), records/s, MB/s and peak RSS.
// With --json, prints every record as one JSON line instead (for checking).
import Bibliography
import Formats
import Foundation

var args = Array(CommandLine.arguments.dropFirst())
var format: ExportFormat?
var json = false
while let first = args.first, first.hasPrefix("--") {
    args.removeFirst()
    switch first {
    case "--json": json = true
    case "--format": format = ExportFormat(rawValue: args.removeFirst())
    default:
        FileHandle.standardError.write("unknown option \(first)\n".data(using: .utf8)!)
        exit(2)
    }
}
guard let path = args.first else {
    FileHandle.standardError.write("usage: pubmed-ingest [--format F] [--json] FILE\n".data(using: .utf8)!)
    exit(2)
}

var records = 0
var deletions = 0
var warnings = 0
var sections = 0
var titleBytes = 0
var abstractBytes = 0
var authorCount = 0
var meshCount = 0
var keywordCount = 0
var dois = 0
let start = Date()
do {
    try Exports.read(path: path, format: format) { event in
        switch event {
        case .record(let r, _):
            records += 1
            if json { print(r.jsonString()) }
            titleBytes += r.title.utf8.count
            sections += r.abstract.sections.count
            abstractBytes += r.abstract.sections.reduce(0) { $0 + $1.text.utf8.count }
            authorCount += r.authors.count
            meshCount += r.mesh.count
            keywordCount += r.keywords.count
            if r.doi != nil { dois += 1 }
        case .delete(let pmids):
            deletions += pmids.count
            if json { print("{\"delete\":\(pmids)}") }
        case .warning(let w):
            warnings += 1
            FileHandle.standardError.write("warning: \(w)\n".data(using: .utf8)!)
        }
    }
} catch {
    FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
    exit(1)
}
let seconds = Date().timeIntervalSince(start)
var usage = rusage()
#if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
#else
    getrusage(RUSAGE_SELF, &usage)
#endif
#if os(Linux)
    let peakMB = Double(usage.ru_maxrss) / 1024
#else
    let peakMB = Double(usage.ru_maxrss) / 1024 / 1024
#endif
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
let line = String(
    format:
        "records=%d deletions=%d warnings=%d abstract_sections=%d title_bytes=%d abstract_bytes=%d authors=%d mesh=%d keywords=%d dois=%d seconds=%.3f records_per_s=%.0f mb_per_s=%.1f peak_rss_mb=%.1f",
    records, deletions, warnings, sections, titleBytes, abstractBytes, authorCount, meshCount, keywordCount, dois,
    seconds, Double(records) / seconds, Double(size) / 1_048_576 / seconds, peakMB)
if json { FileHandle.standardError.write((line + "\n").data(using: .utf8)!) } else { print(line) }
