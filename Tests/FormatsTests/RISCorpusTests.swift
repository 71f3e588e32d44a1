import Bibliography
import Foundation
import Testing

@testable import Formats

/// Every RIS file of the shared corpus reads without error into the expected number of records.
@Suite(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
struct RISCorpusTests {
    /// Record counts checked by hand (the manifest's counts are approximate).
    static let expectedCounts: [String: Int] = [
        "ris/asreview_embase.ris": 6,
        "ris/asreview_ovid_psycinfo.ris": 6,
        "ris/asreview_scopus_issue1099.txt": 7,
        "ris/asreview_rayyan_issue992.txt": 19,
        "ris/asreview_baseline.ris": 100,
        "ris/asreview_baseline_reference_types.ris": 59,  // 61 blocks, 2 without any value
        "ris/rispy_example_extraneous_data.ris": 2,
        "ris/rispy_example_multiline.ris": 3,
        "ris/citesource_wildfire_merged_phases_export.ris": 150,
        "ris/asysd_wos.ris": 50,
        "ris/citesource_wildfire_dimensions_246.ris.gz": 246,
        "ris/citesource_working_CAB.ris": 687,
    ]

    @Test func everyRISFileReads() throws {
        let corpus = try #require(sharedCorpus)
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus + "/ris").sorted()
        let dump = ProcessInfo.processInfo.environment["RIS_DUMP"]
        for name in files {
            let path = corpus + "/ris/" + name
            var records: [Record] = []
            var warnings: [FormatWarning] = []
            let summary = try Exports.read(path: path) { event in
                if case .record(let r, _) = event { records.append(r) }
                if case .warning(let w) = event { warnings.append(w) }
            }
            #expect(summary.format == .ris, "\(name)")
            if let expected = RISCorpusTests.expectedCounts["ris/" + name] {
                #expect(records.count == expected, "\(name)")
            }
            if let dump, name.contains(dump) {
                print("== \(name): \(records.count) records, \(warnings.count) warnings")
                for w in warnings { print("  warning: \(w)") }
                for r in records { print(RISCorpusTests.describe(r)) }
            }
        }
    }

    static func describe(_ r: Record) -> String {
        var lines = ["- [\(r.type.rawValue)] \(r.title)"]
        lines.append(
            "  authors: \(r.authors.map(\.displayName).joined(separator: " | "))  editors: \(r.editors.map(\.displayName))"
        )
        lines.append(
            "  date: \(r.date?.iso ?? "-") \(r.date?.text ?? "")  journal: \(r.journal ?? "-") / \(r.journalAbbreviation ?? "-")  vol \(r.volume ?? "-") iss \(r.issue ?? "-") pp \(r.pages ?? "-")"
        )
        lines.append(
            "  doi: \(r.doi ?? "-") pmid: \(r.pmid ?? "-") pmcid: \(r.pmcid ?? "-") ids: \(r.otherIDs.map { "\($0.scheme)=\($0.value)" })"
        )
        lines.append(
            "  kw: \(r.keywords.prefix(6)) lang: \(r.languages) pub: \(r.publisher ?? "-") urls: \(r.urls.count) aff: \(r.affiliations.count)"
        )
        lines.append("  abstract: \(r.abstract.text.prefix(80))")
        for n in r.notes { lines.append("  note: \(n.prefix(100).replacingOccurrences(of: "\n", with: "⏎"))") }
        return lines.joined(separator: "\n")
    }
}
