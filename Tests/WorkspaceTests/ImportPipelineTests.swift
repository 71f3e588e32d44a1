import Bibliography
import Foundation
import Formats
import GRDB
import Testing
@testable import Workspace

/// Imports large enough to go through the pipelined reader in many batches, and the stored
/// records' format.
@Suite struct ImportPipelineTests {
    typealias TempDir = ReviewIndexTests.TempDir

    /// `count` PubMed articles (about 1.2 KB each, so many pipeline batches), a
    /// `DeleteCitation` of the first two, and an optional malformed tail.
    static func pubmed(count: Int, word: String = "telemonitoring", malformedTail: Bool = false) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"
        let filler = String(
            repeating: "Patients with chronic obstructive pulmonary disease were followed at home. ", count: 12)
        for i in 1...count {
            xml += """
                <PubmedArticle><MedlineCitation><PMID Version="1">\(70_000_000 + i)</PMID><Article>
                <Journal><JournalIssue><PubDate><Year>\(2000 + i % 25)</Year></PubDate></JournalIssue><Title>Journal \(i % 7)</Title></Journal>
                <ArticleTitle>Study \(i) of \(i % 3 == 0 ? word : "care")</ArticleTitle>
                <Abstract><AbstractText Label="METHODS">\(filler)</AbstractText><AbstractText Label="RESULTS">Result number \(i).</AbstractText></Abstract>
                <AuthorList><Author><LastName>Author\(i)</LastName><ForeName>Anna</ForeName></Author></AuthorList>
                </Article></MedlineCitation></PubmedArticle>

                """
        }
        xml +=
            "<DeleteCitation><PMID Version=\"1\">70000001</PMID><PMID Version=\"1\">70000002</PMID></DeleteCitation>\n"
        xml +=
            malformedTail
            ? "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Unclosed</Article>"
            : "</PubmedArticleSet>\n"
        return xml
    }

    @Test func largeFileImportsEveryRecordInOrder() throws {
        let dir = try TempDir()
        let file = try dir.write("big.xml", Self.pubmed(count: 3000))
        let index = try ReviewIndex(path: dir.url.appending(path: "index.sqlite").path)
        let outcome = try index.importFile(path: file.path, name: "big.xml")
        #expect(outcome.records == 3000)
        #expect(outcome.deletions == 2)
        #expect(outcome.database == "PubMed")
        #expect(outcome.sha256 == FileDigest.sha256(try Data(contentsOf: file)))
        let records = try index.records()
        #expect(records.count == 2998)  // two withdrawn by DeleteCitation
        #expect(records.map(\.position) == Array(3...3000))
        #expect(records.first?.record.title == "Study 3 of telemonitoring")
        #expect(records.last?.key.rawValue == "pmid:70003000")
        #expect(zip(records, records.dropFirst()).allSatisfy { $0.line < $1.line })
        #expect(try index.records(matching: "telemonitoring").count == 1000)  // 3, 6, … 3000
        #expect(try index.records(matching: "\"result number 2999\"").map(\.key.rawValue) == ["pmid:70002999"])
        #expect(try index.imports().map(\.sha256) == [outcome.sha256])
    }

    @Test func malformedTailAfterManyBatchesLeavesNothingOfTheFile() throws {
        let dir = try TempDir()
        let good = try dir.write("good.ris", ReviewIndexTests.twoRecords)
        let bad = try dir.write("bad.xml", Self.pubmed(count: 2000, malformedTail: true))
        let index = try ReviewIndex(path: dir.url.appending(path: "index.sqlite").path)
        _ = try index.importFile(path: good.path, name: "good.ris")
        #expect(throws: FormatError.self) { try index.importFile(path: bad.path, name: "bad.xml") }
        #expect(try index.recordCount() == 2)
        #expect(try index.imports().map(\.path) == ["good.ris"])
        #expect(try index.records(matching: "telemonitoring").map(\.file) == ["good.ris"])
        // The index is still usable, and the fixed file imports.
        _ = try dir.write("bad.xml", Self.pubmed(count: 2000))
        #expect(try index.importFile(path: bad.path, name: "bad.xml").records == 2000)
        #expect(try index.recordCount() == 2 + 1998)
    }

    @Test func replacedFileLeavesNoStaleFullTextEntries() throws {
        let dir = try TempDir()
        let file = try dir.write("a.xml", Self.pubmed(count: 600, word: "telemonitoring"))
        let index = try ReviewIndex(path: dir.url.appending(path: "index.sqlite").path)
        _ = try index.importFile(path: file.path, name: "a.xml")
        #expect(try index.records(matching: "telemonitoring").count == 200)
        _ = try dir.write("a.xml", Self.pubmed(count: 600, word: "videoconsultation"))
        #expect(try index.importFile(path: file.path, name: "a.xml").action == .replaced)
        #expect(try index.records(matching: "telemonitoring").isEmpty)
        #expect(try index.records(matching: "videoconsultation").count == 200)
        #expect(try index.recordCount() == 598)
        #expect(try index.removeImport(name: "a.xml"))
        #expect(try index.records(matching: "videoconsultation OR care").isEmpty)
    }

    @Test func missingFileSaysSo() throws {
        let index = try ReviewIndex()
        #expect(throws: WorkspaceError.missingFile("/nonexistent/x.ris")) {
            try index.importFile(path: "/nonexistent/x.ris")
        }
    }

    @Test func newIndexUsesLargePages() throws {
        let dir = try TempDir()
        let path = dir.url.appending(path: "index.sqlite").path
        _ = try ReviewIndex(path: path)
        let pageSize = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
        #expect(pageSize == ReviewIndex.pageSize)
    }

    @Test func damagedStoredRecordIsAnIndexErrorNamingTheFile() throws {
        let dir = try TempDir()
        let path = dir.url.appending(path: "index.sqlite").path
        let file = try dir.write("a.ris", ReviewIndexTests.twoRecords)
        let index = try ReviewIndex(path: path)
        _ = try index.importFile(path: file.path, name: "a.ris")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE record SET data = substr(data, 1, 10) WHERE position = 2")
        }
        #expect {
            try index.records()
        } throws: { error in
            guard case WorkspaceError.index(let where_, let detail) = error else { return false }
            return where_ == path && detail.contains("stored record damaged")
        }
    }

    /// An index written before v4 (records as JSON) is converted in place when opened.
    @Test func jsonIndexIsConvertedWhenOpened() throws {
        let dir = try TempDir()
        let path = dir.url.appending(path: "index.sqlite").path
        let record = RecordBinaryTests.everyField
        let second = Bibliography.Record(title: "Second", pmid: "42")
        do {
            let queue = try DatabaseQueue(path: path)
            try ReviewIndex.migrator.migrate(queue, upTo: "v3: dedup")
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO import (id, path, sha256, format, database, recordCount, deletionCount, warnings) VALUES (1, 'old.ris', 'x', 'ris', 'Embase', 2, 0, '')"
                )
                for (position, r) in [record, second].enumerated() {
                    try db.execute(
                        sql:
                            "INSERT INTO record (importId, position, line, key, pmid, title, json) VALUES (1, ?, ?, ?, ?, ?, ?)",
                        arguments: [position + 1, position * 10 + 1, r.key.rawValue, r.pmid, r.title, r.jsonString()]
                    )
                }
                try db.execute(
                    sql: "INSERT INTO dedup_cluster (key, position, json, databases) VALUES (?, 1, ?, 'Embase')",
                    arguments: [second.key.rawValue, second.jsonString()])
            }
        }
        let index = try ReviewIndex(path: path)
        #expect(try index.records().map(\.record) == [record, second])
        #expect(try index.imports().map(\.path) == ["old.ris"])
        let cluster = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT data FROM dedup_cluster").map { row in try index.storedRecord(row) }
        }
        #expect(cluster == second)
    }
}
