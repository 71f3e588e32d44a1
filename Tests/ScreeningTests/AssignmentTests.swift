import Bibliography
import Protocol
import Testing
@testable import Screening

/// The assignment of records to reviewers is fixed by the decisions made: a reviewer added
/// later gets new records only.
@Suite struct AssignmentTests {
    static func plan(_ reviewers: [String], perRecord: Int) -> ScreeningPlan {
        ScreeningPlan(
            reviewers: reviewers,
            stages: [
                StagePlan(
                    stage: .titleAbstract, reviewersPerRecord: perRecord, blinded: true, secondReviewer: .all,
                    pilotSize: 0)
            ])
    }

    @Test func decidedRecordsStayWithTheirReviewersWhenOneIsAdded() {
        let three = ScreeningAssignment(plan: Self.plan(["anna", "bram", "carl"], perRecord: 2), stage: .titleAbstract)
        let keys = (1...60).map { RecordKey(rawValue: "pmid:\($0)") }
        // Without decisions the rotation of three gives carl some records.
        #expect(keys.contains { three.reviewers(for: $0).contains("carl") })
        for key in keys {
            #expect(three.reviewers(for: key, decidedBy: ["bram", "anna"]) == ["anna", "bram"])
            // Half done: the one who decided stays first, the rotation tops it up to two.
            let half = three.reviewers(for: key, decidedBy: ["bram"])
            #expect(half.count == 2 && half[0] == "bram" && !half.dropFirst().contains("bram"))
        }
        // One reviewer per record: whoever decided keeps it.
        let one = ScreeningAssignment(plan: Self.plan(["anna", "bram", "carl"], perRecord: 1), stage: .titleAbstract)
        for key in keys { #expect(one.reviewers(for: key, decidedBy: ["anna"]) == ["anna"]) }
    }
}
