import Bibliography
import Foundation
import Testing

@testable import Formats

/// Every file of the shared corpus, read alone as `scoping ingest` reads it, compared with
/// `Fixtures/corpus-expectations.tsv` (per file: the format and record count, or the refusal),
/// so that a regression in any reader or in detection shows. Re-record deliberately with
/// `RECORD_CORPUS_EXPECTATIONS=1 swift test --filter CorpusExpectationTests` and review the diff.
@Suite(
    .enabled(
        if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found: corpus expectations not checked"))
struct CorpusExpectationTests {
    static let expectationsPath = fixturesFolder + "/corpus-expectations.tsv"

    /// Every readable-looking file of the corpus (the inputs, not the expected outputs), sorted.
    static func corpusFiles(_ corpus: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: corpus)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: corpus + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            if path == "MANIFEST.tsv" || path == "README.md" || path.hasSuffix(".expected.json") { continue }
            // JabRef's expected outputs (a .bib beside an input of the same name) are not inputs.
            if path.hasPrefix("jabref/"), path.hasSuffix(".bib"), !path.hasPrefix("jabref/exporter/") { continue }
            files.append(path)
        }
        return files.sorted()
    }

    /// One line per file: `path  format  records` or `path  refused  message`.
    static func outcome(_ corpus: String, _ file: String) -> String {
        do {
            let summary = try Exports.read(path: corpus + "/" + file, name: file) { _ in }
            return "\(file)\t\(summary.format.rawValue)\t\(summary.records)"
        } catch let error as FormatError {
            var e = error
            e.hint = nil
            // The list of formats tried grows with every reader; what the file looks like stays.
            // (Its own parentheses, "EndNote tagged (Refer)", are matched, not taken for its end.)
            if let tried = e.message.range(of: " (tried ") {
                var depth = 1
                var close = tried.upperBound
                while close < e.message.endIndex {
                    if e.message[close] == "(" { depth += 1 }
                    if e.message[close] == ")" { depth -= 1 }
                    if depth == 0 { break }
                    close = e.message.index(after: close)
                }
                e.message.removeSubrange(tried.lowerBound..<min(e.message.index(after: close), e.message.endIndex))
            }
            return "\(file)\trefused\t\(e.description.replacingOccurrences(of: "\t", with: " "))"
        } catch {
            return "\(file)\trefused\t\(error)"
        }
    }

    @Test func everyCorpusFileAsExpected() throws {
        let corpus = try #require(sharedCorpus)
        let lines = CorpusExpectationTests.corpusFiles(corpus).map { CorpusExpectationTests.outcome(corpus, $0) }
        let text = "# file\tformat (or refused)\trecords (or the refusal)\n" + lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RECORD_CORPUS_EXPECTATIONS"] != nil {
            try text.write(toFile: CorpusExpectationTests.expectationsPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: CorpusExpectationTests.expectationsPath, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        let old = Set(expectedLines)
        let new = Set(lines)
        for line in lines where !old.contains(line) {
            let file = line.split(separator: "\t").first.map(String.init) ?? line
            let was = expectedLines.first { $0.hasPrefix(file + "\t") } ?? "(not in the expectations)"
            Issue.record("corpus outcome changed:\n  now: \(line)\n  was: \(was)")
        }
        for line in expectedLines
        where !new.contains(line)
            && !lines.contains(where: {
                $0.hasPrefix((line.split(separator: "\t").first.map(String.init) ?? "") + "\t")
            })
        {
            Issue.record("corpus file gone: \(line)")
        }
        let refused = lines.filter { $0.contains("\trefused\t") }.count
        print("corpus expectations: \(lines.count) files, \(lines.count - refused) read, \(refused) refused")
    }
}
