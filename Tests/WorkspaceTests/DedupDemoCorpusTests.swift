import Bibliography
import Foundation
import Testing
@testable import Workspace

/// Dedup on the demo review's corpus, scored against the truth file written with it
/// (`Scripts/demo-corpus-truth.json`: every record's file, position and study).
@Suite struct DedupDemoCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Truth: Decodable {
        struct Record: Decodable {
            var file: String
            var position: Int
            var study: String
        }

        var records: [Record]
    }

    @Test func demoCorpusClustersMatchTheTruth() throws {
        let truth = try JSONDecoder().decode(
            Truth.self, from: Data(contentsOf: Self.root.appending(path: "Scripts/demo-corpus-truth.json")))
        let studyOf = Dictionary(
            truth.records.map { ("\($0.file)#\($0.position)", $0.study) }, uniquingKeysWith: { a, _ in a })
        let uniqueStudies = Set(truth.records.map(\.study)).count

        let index = try ReviewIndex()
        // The first three searches, the search update and citation searching.
        for name in Set(truth.records.map(\.file)).sorted() {
            _ = try index.importFile(path: Self.root.appending(path: name).path, name: name)
        }
        let summary = try index.deduplicate()
        let clusterOf = try index.dedupClusterKeys()
        let records = try index.records()
        #expect(records.count == truth.records.count)

        // No false merge: every cluster holds records of one true study only.
        var studiesOfCluster: [RecordKey: Set<String>] = [:]
        var clustersOfStudy: [String: Set<RecordKey>] = [:]
        for r in records {
            let study = try #require(studyOf["\(r.file)#\(r.position)"])
            let cluster = try #require(clusterOf[r.key])
            studiesOfCluster[cluster, default: []].insert(study)
            clustersOfStudy[study, default: []].insert(cluster)
        }
        let falseMerges = studiesOfCluster.filter { $0.value.count > 1 }
        #expect(falseMerges.isEmpty, "false merges: \(falseMerges)")

        // Every duplicate not merged is awaiting a person's review: nothing is missed silently.
        let missed = clustersOfStudy.values.map { $0.count - 1 }.reduce(0, +)
        #expect(summary.studies == uniqueStudies + missed)
        #expect(missed <= summary.awaitingReview)
        let duplicates = records.count - uniqueStudies
        let found = duplicates - missed
        print(
            "demo corpus: \(records.count) records, \(uniqueStudies) true studies, \(summary.studies) clusters, \(summary.awaitingReview) awaiting review, \(summary.relatedPairs) related; sensitivity \(found)/\(duplicates)"
        )
        #expect(summary.records == 240)
        #expect(summary.relatedPairs >= 2)  // DEMO-BP protocol ↔ results, DEMO-GC registration ↔ paper

        // Every uncertain pair that is a true duplicate accounts for a missed one.
        let queue = try index.dedupReviewQueue()
        let trueUncertain = queue.filter { p in
            guard let a = records.first(where: { $0.key == p.a }), let b = records.first(where: { $0.key == p.b })
            else { return false }
            return studyOf["\(a.file)#\(a.position)"] == studyOf["\(b.file)#\(b.position)"]
        }
        #expect(trueUncertain.count >= missed)

        // The register's record of the DEMO-GC trial and its PubMed record, which names the number
        // only in its DataBankList (not in the abstract): linked and handed to a person.
        func record(of study: String, in file: String) -> IndexedRecord? {
            records.first { $0.file == file && studyOf["\($0.file)#\($0.position)"] == study }
        }
        let registration = try #require(record(of: "S001", in: "corpus/clinicaltrials-demo.csv"))
        let paper = try #require(record(of: "S001", in: "corpus/pubmed-demo.xml"))
        #expect(!paper.record.abstract.text.contains("NCT99000101"))
        #expect(paper.record.otherIDs.contains(Identifier("trial", "NCT99000101")))
        #expect(queue.contains { Set([$0.a, $0.b]) == Set([registration.key, paper.key]) })
    }
}
