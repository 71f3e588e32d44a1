import Bibliography
import Foundation
import Formats
import Testing
@testable import Workspace

@Suite struct ReviewIndexTests {
    /// A temporary folder removed when the test ends.
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "scoping-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ name: String, _ text: String) throws -> URL {
            let file = url.appending(path: name)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return file
        }
    }

    static let twoRecords = """
        TY  - JOUR
        TI  - Group consultations for type 2 diabetes in general practice
        AU  - Jansen, Pieter
        PY  - 2019
        DO  - https://doi.org/10.5555/DEMO.1
        AB  - Practices offered group consultations.
        ER  -

        TY  - JOUR
        TI  - Telemonitoring of COPD at home
        AU  - de Vries, Anna
        PY  - 2020
        ER  -

        """

    /// `scoping serve` checks a full text's name in SQL; it must name exactly the files
    /// ``FullText/relativePath(_:)`` gives (keys with `:` and `/`), and nothing else.
    @Test func fullTextNamesAgreeWithTheirPaths() throws {
        let dir = try TempDir()
        let file = try dir.write("corpus/search.ris", Self.twoRecords)
        let index = try ReviewIndex()
        _ = try index.importFile(
            path: file.path, name: "corpus/search.ris", provenance: Provenance(database: "Embase", searchedOn: nil))
        for record in try index.records() {
            let name = String(FullText.relativePath(record.key).dropFirst("fulltext/".count))
            #expect(try index.knowsFullText(named: name), "\(name)")
        }
        #expect(try index.knowsFullText(named: "doi_10.5555_demo.1.pdf"))
        for name in [
            "doi:10.5555/demo.1.pdf", "doi_10.5555_demo.1", "doi_10.5555_demo.pdf", "../doi_10.5555_demo.1.pdf", "",
        ] {
            #expect(try !index.knowsFullText(named: name), "\(name)")
        }
    }

    @Test func importsRecordsWithProvenance() throws {
        let dir = try TempDir()
        let file = try dir.write("corpus/search.ris", Self.twoRecords)
        let index = try ReviewIndex()
        let outcome = try index.importFile(
            path: file.path, name: "corpus/search.ris",
            provenance: Provenance(database: "Embase", searchedOn: "2026-09-16"))
        #expect(outcome.action == .imported)
        #expect(outcome.records == 2)
        #expect(outcome.format == .ris)
        let records = try index.records()
        #expect(records.map(\.key.rawValue) == ["doi:10.5555/demo.1", RecordKey(for: records[1].record).rawValue])
        #expect(records[0].database == "Embase")
        #expect(records[0].searchedOn == "2026-09-16")
        #expect(records[0].line == 1)
        #expect(records[1].line == 9)
        #expect(try index.imports().map(\.records) == [2])
    }

    @Test func unchangedFileIsSkippedAndChangedFileReplaced() throws {
        let dir = try TempDir()
        let file = try dir.write("a.ris", Self.twoRecords)
        let index = try ReviewIndex()
        #expect(try index.importFile(path: file.path, name: "a.ris").action == .imported)
        #expect(try index.importFile(path: file.path, name: "a.ris").action == .unchanged)
        _ = try dir.write("a.ris", String(Self.twoRecords.split(separator: "\n\n")[0]) + "\n")
        let replaced = try index.importFile(path: file.path, name: "a.ris")
        #expect(replaced.action == .replaced)
        #expect(replaced.records == 1)
        #expect(try index.recordCount() == 1)
    }

    @Test func malformedFileLeavesIndexUnchanged() throws {
        let dir = try TempDir()
        let good = try dir.write("good.ris", Self.twoRecords)
        let bad = try dir.write(
            "bad.xml",
            """
            <?xml version="1.0"?>
            <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>990000001</PMID>
            <Article><ArticleTitle>Unclosed</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
            """)
        let index = try ReviewIndex()
        _ = try index.importFile(path: good.path, name: "good.ris")
        #expect(throws: FormatError.self) { try index.importFile(path: bad.path, name: "bad.xml") }
        #expect(try index.recordCount() == 2)
        #expect(try index.imports().map(\.path) == ["good.ris"])
    }

    @Test func fullTextSearchFindsWordsAndPrefixes() throws {
        let dir = try TempDir()
        let file = try dir.write("a.ris", Self.twoRecords)
        let index = try ReviewIndex()
        _ = try index.importFile(path: file.path, name: "a.ris")
        #expect(try index.records(matching: "telemonitoring").map(\.record.title) == ["Telemonitoring of COPD at home"])
        #expect(try index.records(matching: "consult*").count == 1)
        #expect(try index.records(matching: "diabetes OR copd").count == 2)
        #expect(try index.records(matching: "\"unbalanced").isEmpty)
    }

    @Test func fullTextIndexIsBuiltByTheFirstSearchAfterAnImport() throws {
        let dir = try TempDir()
        let a = try dir.write("a.ris", Self.twoRecords)
        let index = try ReviewIndex()
        _ = try index.importFile(path: a.path, name: "a.ris")
        #expect(try index.updateFullTextIndex() == 2)  // the import left it to the first search
        #expect(try index.updateFullTextIndex() == 0)
        let b = try dir.write(
            "b.ris", Self.twoRecords.replacingOccurrences(of: "Telemonitoring", with: "Videoconsultation"))
        _ = try index.importFile(path: b.path, name: "b.ris")
        #expect(try index.records(matching: "videoconsultation").map(\.file) == ["b.ris"])
        #expect(try index.updateFullTextIndex() == 0)  // that search brought it up to date
        // A replaced file's old rows leave the full-text index with its records.
        try Data(Self.twoRecords.replacingOccurrences(of: "Telemonitoring", with: "Teleconsultation").utf8).write(to: b)
        _ = try index.importFile(path: b.path, name: "b.ris")
        #expect(try index.records(matching: "videoconsultation").isEmpty)
        #expect(try index.records(matching: "teleconsultation").map(\.file) == ["b.ris"])
    }

    @Test func findsTheReviewFolderUpwards() throws {
        let dir = try TempDir()
        _ = try dir.write("corpus/x.ris", Self.twoRecords)
        let sub = dir.url.appending(path: "corpus")
        #expect(try ReviewFolder.find(from: sub).root.path == ReviewFolder(root: dir.url).root.path)
    }

    @Test func initMakesAFolderAndNeverOverwrites() throws {
        let dir = try TempDir()
        let created = try ReviewFolder.create(at: dir.url, protocolTemplate: "version: 1\n")
        #expect(created.contains("protocol/protocol.yaml"))
        #expect(created.contains("corpus/"))
        #expect(throws: WorkspaceError.alreadyAReview(dir.url.path)) {
            try ReviewFolder.create(at: dir.url, protocolTemplate: "version: 1\n")
        }
    }
}
