import Bibliography
import Foundation
import Testing

@testable import Formats

/// The truncation measure: every readable corpus file, cut at a few byte offsets, is either
/// refused with a location or, when the cut falls at a record boundary, read into exactly the
/// records before it. Never a cut record imported as if whole.
@Suite(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found: truncation not measured"))
struct TruncationCorpusTests {
    /// Files larger than this (decompressed) are cut too, but only at the sampled offsets.
    static let maxBytes = 8 << 20

    struct Read {
        var records: [(Record, Int)] = []
        var error: FormatError?
    }

    static func read(_ bytes: ArraySlice<UInt8>, format: ExportFormat, acceptTruncated: Bool = false) -> Read {
        var out = Read()
        let reader = Exports.makeReader(format, file: "cut", acceptTruncated: acceptTruncated) { event in
            if case .record(let r, let line) = event { out.records.append((r, line)) }
        }
        do {
            try bytes.withUnsafeBufferPointer { try reader.feed($0) }
            try reader.finish()
        } catch let error as FormatError {
            out.error = error
        } catch {
            out.error = FormatError(file: "cut", message: "\(error)")
        }
        return out
    }

    /// Byte offsets where lines start (1-based line n starts at `starts[n - 1]`).
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            } else if bytes[i] == 0x0A {
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    /// Cuts that cannot be told from a whole file, with the reason. Ovid writes no record
    /// terminator and no fixed last field, so a one-record Ovid file cut between lines looks
    /// whole; JabRef's MEDLINE test snippets lack PubMed's OWN/STAT/SO frame and their records
    /// end with different tags; Refer and RefWorks have no terminator and no field order. Real PubMed and Web of Science exports, RIS with ER, CSV,
    /// BibTeX and XML are all caught.
    static let undetectable: [String: String] = [
        "jabref/medline_plain/MedlinePlainImporterTestDOI.txt": "synthetic MEDLINE snippet, no PubMed frame",
        "jabref/medline_plain/MedlinePlainImporterTestInproceeding.txt": "synthetic MEDLINE snippet, no PubMed frame",
        "jabref/medline_plain/MedlinePlainImporterTestMultiAbstract.txt": "synthetic MEDLINE snippet, no PubMed frame",
        "jabref/medline_plain/MedlinePlainImporterTestMultiTitle.txt": "synthetic MEDLINE snippet, no PubMed frame",
        "jabref/medline_plain/MedlinePlainImporterTestMultipleEntries.txt":
            "synthetic MEDLINE snippets, each ending differently",
        "jabref/ovid/OvidImporterTest3.txt": "one Ovid record: no terminator to miss",
        "jabref/ovid/OvidImporterTest4.txt": "one Ovid record: no terminator to miss",
        "jabref/ovid/OvidImporterTest5.txt": "one Ovid record: no terminator to miss",
        "jabref/ovid/OvidImporterTest6.txt": "one Ovid record: no terminator to miss",
        "jabref/ovid/OvidImporterTest7.txt": "one Ovid record: no terminator to miss",
        "jabref/ris/RisImporterTest1.ris": "synthetic: three TY in one ER-terminated block, no ER rule to apply",
        "zotero-tests/MEDLINEnbib/MEDLINEnbib_case07.nbib":
            "synthetic Zotero snippet: no PubMed frame, records end differently",
        "jabref/endnote_tagged/Endnote.book.example.enw": "Refer: no terminator, fields in any order",
        "jabref/endnote_tagged/Endnote.entries.enw": "Refer: no terminator, fields in any order",
        "zotero-tests/ReferBibIX/ReferBibIX_case01.enw": "Refer: no terminator, fields in any order",
        "zotero-tests/ReferBibIX/ReferBibIX_case02.enw": "Refer: no terminator, fields in any order",
        "zotero-tests/ReferBibIX/ReferBibIX_case03.enw": "Refer: no terminator, fields in any order",
        "zotero-tests/ReferBibIX/ReferBibIX_case04.enw": "Refer: no terminator, fields in any order",
        "zotero-tests/RefWorks_Tagged/RefWorks_Tagged_case01.txt": "RefWorks: no terminator, fields in any order",
        "zotero-tests/RefWorks_Tagged/RefWorks_Tagged_case02.txt": "RefWorks: no terminator, fields in any order",
        "zotero-tests/RefWorks_Tagged/RefWorks_Tagged_case03.txt": "RefWorks: no terminator, fields in any order",
        "zotero-tests/RefWorks_Tagged/RefWorks_Tagged_case04.txt": "RefWorks: no terminator, fields in any order",
        "zotero-tests/OVID_Tagged/OVID_Tagged_case05.txt": "one Ovid record: no terminator to miss",
        "zotero-tests/OVID_Tagged/OVID_Tagged_case08.txt": "one Ovid record: no terminator to miss",
        "zotero-tests/OVID_Tagged/OVID_Tagged_case09.txt": "one Ovid record: no terminator to miss",
    ]

    @Test func cutFilesAreRefusedOrReadUpToTheCut() throws {
        let corpus = try #require(sharedCorpus)
        var files = 0
        var cuts = 0
        var failures: [String] = []
        var known = 0
        for file in CorpusExpectationTests.corpusFiles(corpus) {
            let path = corpus + "/" + file
            guard let input = try? InputFile(path: path) else { continue }
            var bytes: [UInt8] = []
            while let chunk = try input.next() { bytes += chunk }
            guard bytes.count <= TruncationCorpusTests.maxBytes,
                let format = FormatDetection.detect(Array(bytes.prefix(16 * 1024)))
            else { continue }
            let whole = TruncationCorpusTests.read(bytes[...], format: format)
            guard whole.error == nil, let (_, lastLine) = whole.records.last else { continue }
            files += 1
            let starts = TruncationCorpusTests.lineStarts(bytes)
            let lastStart = starts[min(lastLine - 1, starts.count - 1)]
            // The last record's end: the file's end less trailing blank lines and terminators.
            var end = bytes.count
            while end > lastStart, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
            var offsets: [(Int, String)] = []
            if whole.records.count > 1 { offsets.append((lastStart, "boundary")) }
            if end - lastStart > 8 {
                // Inside a line: a download stops at any byte, rarely right after a line break.
                var middle = (lastStart + end) / 2
                while middle < end - 1,
                    [0x0A, 0x0D].contains(bytes[middle - 1]) || [0x0A, 0x0D].contains(bytes[middle])
                { middle += 1 }
                offsets.append((middle, "inside"))
            }
            let from = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? max(lastStart, 3) : lastStart
            if from < end, let mb = bytes[from..<end].indices.first(where: { bytes[$0] >= 0xC2 && bytes[$0] <= 0xF4 }) {
                offsets.append((mb + 1, "character"))
            }
            for (offset, kind) in offsets {
                cuts += 1
                let cut = TruncationCorpusTests.read(bytes[..<offset], format: format)
                let before = whole.records.filter { $0.1 < lastLine }.count
                if let error = cut.error {
                    if error.line == nil {
                        failures.append("\(file) cut \(kind) at byte \(offset): an error without a line: \(error)")
                    }
                } else if kind != "boundary" {
                    if TruncationCorpusTests.undetectable[file] != nil, kind == "inside" {
                        known += 1
                        continue
                    }
                    failures.append(
                        "\(file) cut \(kind) at byte \(offset) (of \(bytes.count)): read as \(cut.records.count) records, no error"
                    )
                } else if cut.records.count != before
                    || zip(cut.records, whole.records).contains(where: { $0.0.0 != $0.1.0 })
                {
                    failures.append(
                        "\(file) cut at the record boundary (byte \(offset)): \(cut.records.count) records, not the \(before) before it"
                    )
                }
                if kind != "boundary", cut.error != nil {
                    // --accept-truncated: the records before the cut one, or the same error when the
                    // damage is not a cut last record (XML, gzip).
                    let accepted = TruncationCorpusTests.read(bytes[..<offset], format: format, acceptTruncated: true)
                    if accepted.error == nil, accepted.records.count > before {
                        failures.append(
                            "\(file) cut \(kind), --accept-truncated: \(accepted.records.count) records, more than the \(before) before the cut"
                        )
                    }
                }
            }
        }
        print("truncation: \(files) files, \(cuts) cuts, \(failures.count) not caught, \(known) known undetectable")
        for f in failures { Issue.record(Comment(rawValue: f)) }
    }
}
