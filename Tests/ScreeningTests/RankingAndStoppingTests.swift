import Bibliography
import Foundation
import Protocol
import Screening
import Testing

@Suite struct RankingTests {
    static let toy: [RankingDocument] = {
        var docs: [RankingDocument] = []
        for i in 0..<40 {
            if i % 8 == 3 {
                docs.append(
                    RankingDocument(
                        title: "Group consultations for chronic care in general practice \(i)",
                        abstract:
                            "Nurse-led chronic care programmes in general practice improve diabetes self-management."))
            } else {
                docs.append(
                    RankingDocument(
                        title: "Hospital surgery outcomes \(i)",
                        abstract: "Children admitted to hospital wards after surgery; intensive care length of stay."))
            }
        }
        return docs
    }()

    @Test func keywordsRankBeforeTheFirstInclusion() {
        let ranker = Ranker(documents: Self.toy, includeTerms: ["general practi*", "chronic care"])
        #expect(ranker.mode == .keywords)
        let order = ranker.ranking(skipping: [Bool](repeating: false, count: Self.toy.count))
        #expect(order.prefix(5).allSatisfy { $0 % 8 == 3 })
    }

    @Test func modelPutsRelevantRecordsFirst() {
        let ranker = Ranker(documents: Self.toy, includeTerms: [])
        #expect(ranker.mode == .fileOrder)
        ranker.update(relevant: [3], irrelevant: [0])
        #expect(ranker.mode == .model)
        var skip = [Bool](repeating: false, count: Self.toy.count)
        skip[3] = true
        skip[0] = true
        let order = ranker.ranking(skipping: skip)
        #expect(Array(order.prefix(4)).sorted() == [11, 19, 27, 35])
        #expect(ranker.best(skipping: skip).map { $0 % 8 } == 3)
    }

    @Test func simulationOnAToySetFindsEverythingEarly() {
        let records = Self.toy.enumerated().map {
            LabelledRecord(title: $1.title, abstract: $1.abstract, relevant: $0 % 8 == 3)
        }
        let result = Simulation.run(records: records, seed: 7)
        #expect(result.relevant == 5)
        #expect(result.recordsFor100 <= 7)
        #expect(result.wss95 > 0.7)
        #expect(result.curve.count == result.order.count)
    }

    @Test func asreviewCSVLoader() throws {
        let csv = "record_id,title,abstract,label_included\n1,\"A, b\",x,1\n2,c,\"y\ny\",0\n"
        let records = try ASReviewCSV.parse(csv, file: "set.csv")
        #expect(
            records == [
                LabelledRecord(title: "A, b", abstract: "x", relevant: true),
                LabelledRecord(title: "c", abstract: "y\ny", relevant: false),
            ])
        #expect(
            throws: ScreeningError.csvImport(
                file: "set.csv",
                issues: [
                    CSVIssue(
                        line: 2, column: 3, columnName: "label_included",
                        message: "no label: a simulation needs every record labelled (1 relevant, 0 not)")
                ])
        ) {
            try ASReviewCSV.parse("title,abstract,label_included\na,b,\n", file: "set.csv")
        }
        #expect(
            throws: ScreeningError.csvImport(
                file: "set.csv",
                issues: [
                    CSVIssue(
                        line: 2, column: 3, columnName: "label_included",
                        message: "'maybe' is not a label; expected 1 or 0 (yes or no)")
                ])
        ) {
            try ASReviewCSV.parse("title,abstract,label_included\na,b,maybe\n", file: "set.csv")
        }
    }

    /// The column names and label values ASReview accepts (an ASReview LAB export: `Primary_Title`,
    /// `abstract note`, `included` with yes/no), and its preference when several labels exist.
    @Test func asreviewCSVColumnNamesAndLabelValues() throws {
        let lab = "Primary_Title,Abstract Note,included,label_included\nA,x,Yes,0\nB,y,n,1\n"
        #expect(
            try ASReviewCSV.parse(lab, file: "lab.csv") == [
                LabelledRecord(title: "A", abstract: "x", relevant: true),
                LabelledRecord(title: "B", abstract: "y", relevant: false),
            ])
        // An explicit label column wins over the preference.
        #expect(
            try ASReviewCSV.parse(lab, file: "lab.csv", labelColumn: "label_included").map(\.relevant) == [false, true])
        #expect(
            throws: ScreeningError.csvImport(
                file: "t.csv",
                issues: [
                    CSVIssue(
                        line: 1, column: 0, columnName: "title",
                        message: "no title column: expected one of title, primary_title"),
                    CSVIssue(
                        line: 1, column: 0, columnName: "abstract",
                        message: "no abstract column: expected one of abstract, notes_abstract, abstract note"),
                    CSVIssue(
                        line: 1, column: 0, columnName: "asreview_label",
                        message: "no label column: expected one of " + ASReviewCSV.labelColumns.joined(separator: ", ")),
                ])
        ) {
            try ASReviewCSV.parse("name,summary,score\na,b,1\n", file: "t.csv")
        }
        // Titles only, as ASReview reads such a set: the abstract is empty, and the caller is told.
        let titles = try ASReviewCSV.read("title,label\nA,1\nB,0\n", file: "t.csv")
        #expect(titles.records.map(\.abstract) == ["", ""] && titles.absent == ["abstract"])
    }

    /// ASReview's own test sets in ../shared/corpus/csv read as ASReview reads them.
    @Test func asreviewTestSetsFromTheSharedCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(
            path: "../../../shared/corpus/csv"
        ).standardizedFileURL
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print(
                "skipped: \(folder.path) is not here (the shared corpus sits beside the repository only on the project's machines)"
            )
            return
        }
        func read(_ name: String) throws -> (records: [LabelledRecord], absent: [String]) {
            try ASReviewCSV.read(try String(contentsOf: folder.appending(path: name), encoding: .utf8), file: name)
        }
        let labels = try read("asreview_generic_labels.csv")
        #expect(labels.records.map(\.relevant) == [true, false, true, false, true, false] && labels.absent.isEmpty)
        #expect(labels.records.allSatisfy { !$0.title.isEmpty && !$0.abstract.isEmpty })
        let noAbstract = try read("asreview_generic_labels_no_abs.csv")
        #expect(noAbstract.absent == ["abstract"] && noAbstract.records.count == 6)
        let noTitle = try read("asreview_generic_labels_no_title.csv")
        #expect(noTitle.absent == ["title"] && noTitle.records.allSatisfy { $0.title.isEmpty && !$0.abstract.isEmpty })
        // Two records without a label: a simulation cannot use the set, and says where.
        let error = #expect(throws: ScreeningError.self) { try read("asreview_generic_partial_labels.csv") }
        guard case .csvImport(_, let issues) = error else {
            Issue.record("expected csvImport, got \(String(describing: error))")
            return
        }
        #expect(issues.map(\.line) == [4, 5] && issues.allSatisfy { $0.message.hasPrefix("no label") })
        // Without any label column (a set to screen, not to simulate).
        #expect(throws: ScreeningError.self) { try read("asreview_generic.csv") }
    }
}

@Suite struct StoppingTests {
    /// 10 relevant in the first 10 of 100 screened, 200 records: K = ⌊10/0.95⌋ + 1 = 11; the
    /// best window is the last 90 (no relevant): urn = 100 unscreened + 90, one relevant under
    /// H₀, P(X = 0) = C(189, 90)/C(190, 90) = 100/190.
    @Test func handComputedPValue() {
        let labels = [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 90)
        let s = StoppingRule.evaluate(labels: labels, total: 200)
        #expect(abs(s.pValue - 100.0 / 190.0) < 1e-12)
        #expect(!s.reached)
        #expect(s.estimatedRemaining == 0)
    }

    /// Checked against exact binomial sums in Python: 0.798590130916415.
    @Test func sparseRelevantLongTail() {
        let labels = [true, true, false, true, false, false, true] + [Bool](repeating: false, count: 200)
        let s = StoppingRule.evaluate(labels: labels, total: 1000)
        #expect(abs(s.pValue - 0.798_590_130_916_415) < 1e-9)
    }

    @Test func reachedAfterALongRunOfIrrelevantRecords() {
        let labels = [Bool](repeating: true, count: 20) + [Bool](repeating: false, count: 900)
        let s = StoppingRule.evaluate(labels: labels, total: 1000)
        #expect(s.reached && s.pValue < 0.05)
        #expect(s.estimatedRecall == 1)
        #expect(StoppingRule.evaluate(labels: labels, total: 920).reached)
    }

    @Test func hypergeometricCDF() {
        // C(10,0)C(40,10)+C(10,1)C(40,9)+C(10,2)C(40,8) over C(50,10), by hand in Python.
        #expect(
            abs(StoppingRule.hypergeometricCDF(2, population: 50, successes: 10, draws: 10) - 0.685_608_395_377_011_1)
                < 1e-12)
        #expect(StoppingRule.hypergeometricCDF(10, population: 50, successes: 10, draws: 10) == 1)
    }
}

@Suite struct RankingBenchmarkTests {
    /// Small in a debug build (a smoke test); `swift test -c release` prints the real figure.
    @Test func retrainAndRescore() {
        #if DEBUG
            let result = RankingBenchmark.run(records: 500, decisions: 50, rounds: 3)
        #else
            let result = RankingBenchmark.run()
        #endif
        print("rank benchmark: " + result.summary)
        #expect(result.medianRetrainMilliseconds > 0)
    }
}
