import Bibliography
import Foundation
import Protocol
import Screening
import Testing

/// `scoping serve` retrains the ranking off the request path: the queue takes the log without
/// retraining, a copy of its ranker is retrained elsewhere and adopted. The result must be the
/// ranking an inline retrain gives.
@Suite struct BackgroundRetrainTests {
    /// 60 records: one in four about chronic care in general practice, the rest about surgery.
    static let records: [Record] = (0..<60).map { i in
        i % 4 == 0
            ? Record(
                title: "Chronic care in general practice \(i)",
                abstract: Abstract("Diabetes and asthma care by practice nurses, study \(i)."), pmid: "\(i + 1)")
            : Record(
                title: "Surgical outcomes \(i)", abstract: Abstract("Hospital surgery ward outcomes, series \(i)."),
                pmid: "\(i + 1)")
    }

    @Test func aRankerRetrainedElsewhereAndAdoptedRanksAsAnInlineRetrain() throws {
        let empty = try contents("anna", [])
        let inline = ScreeningQueue(records: Self.records, log: empty, stage: .titleAbstract, explorationRate: 0)
        let background = ScreeningQueue(records: Self.records, log: empty, stage: .titleAbstract, explorationRate: 0)
        let decided = try contents(
            "anna",
            [
                entry("anna", .titleAbstract, "pmid:1", .include), entry("anna", .titleAbstract, "pmid:2", .exclude),
                entry("anna", .titleAbstract, "pmid:3", .exclude),
            ])
        inline.refresh(decided)
        background.refresh(decided, retrain: false)
        // Not retrained yet: the old ranking, decided records skipped.
        #expect(background.rankingMode == .fileOrder)
        #expect(background.next().map { $0.key } == "pmid:4")
        #expect(background.trainingRows.relevant == [0] && background.trainingRows.irrelevant == [1, 2])
        let ranker = try #require(background.rankerForRetraining())
        let rows = background.trainingRows
        ranker.update(relevant: rows.relevant, irrelevant: rows.irrelevant)
        // The copy learnt; the queue's own ranker did not until it adopts the copy.
        #expect(ranker.mode == .model && background.rankingMode == .fileOrder)
        background.adopt(ranker)
        #expect(background.rankingMode == .model)
        #expect(inline.rankingMode == .model)
        #expect(background.next()?.key == inline.next()?.key)
        #expect(background.next().map { $0.title.hasPrefix("Chronic care") } == true)
    }
}
