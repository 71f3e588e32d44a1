import Bibliography
import Foundation
import Protocol
import Screening
import Testing

@Suite struct ScreeningStateTests {
    @Test func conflictsReconciliationAndFullTextCandidates() throws {
        let anna = try contents(
            "anna",
            [
                entry("anna", .titleAbstract, "pmid:1", .include),
                entry("anna", .titleAbstract, "pmid:2", .exclude, reason: "E4"),
                entry("anna", .titleAbstract, "pmid:3", .maybe),
                entry("anna", .titleAbstract, "pmid:4", .include),
                entry("anna", .titleAbstract, "pmid:5", .exclude, reason: "E5"),
                entry(
                    "anna", .reconcile, "pmid:4", .exclude, reason: "E4", time: "2026-05-02T10:00:00Z",
                    reconciles: .titleAbstract),
            ])
        let bram = try contents(
            "bram",
            [
                entry("bram", .titleAbstract, "pmid:1", .maybe),
                entry("bram", .titleAbstract, "pmid:2", .exclude, reason: "E5"),
                entry("bram", .titleAbstract, "pmid:3", .exclude, reason: "E4"),
                entry("bram", .titleAbstract, "pmid:4", .exclude, reason: "E4"),
            ])
        let state = ScreeningState(logs: [anna, bram], plan: plan())
        #expect(state.status(of: "pmid:1", at: .titleAbstract) == .included(reconciled: false))
        #expect(state.status(of: "pmid:2", at: .titleAbstract) == .excluded(reason: "E4", reconciled: false))
        #expect(state.status(of: "pmid:3", at: .titleAbstract) == .conflict)
        #expect(state.status(of: "pmid:4", at: .titleAbstract) == .excluded(reason: "E4", reconciled: true))
        #expect(state.status(of: "pmid:5", at: .titleAbstract) == .awaiting(["bram"]))
        #expect(state.status(of: "pmid:6", at: .titleAbstract) == .unscreened)
        #expect(state.conflicts(at: .titleAbstract).map(\.key) == ["pmid:3"])
        #expect(state.conflicts(at: .titleAbstract)[0].decisions.map(\.reviewer) == ["anna", "bram"])
        #expect(state.conflicts(at: .titleAbstract, includingResolved: true).map(\.key) == ["pmid:3", "pmid:4"])
        let keys: [RecordKey] = ["pmid:1", "pmid:2", "pmid:3", "pmid:4", "pmid:5", "pmid:6"]
        #expect(state.fullTextCandidates(among: keys) == ["pmid:1"])
        let summary = state.summary(at: .titleAbstract, keys: keys)
        #expect(
            summary.included == 1 && summary.excluded == 2 && summary.conflicts == 1 && summary.awaiting == 1
                && summary.unscreened == 1)
        #expect(summary.exclusionReasons == ["E4": 2] && summary.reconciled == 1)
    }

    @Test func fullTextNotRetrievedAndReasons() throws {
        let p = ScreeningPlan(
            reviewers: ["anna", "bram"],
            stages: [
                StagePlan(stage: .fullText, reviewersPerRecord: 1, blinded: false, secondReviewer: .all, pilotSize: 0)
            ])
        let anna = try contents(
            "anna",
            [
                entry("anna", .fullText, "pmid:1", .notRetrieved),
                entry("anna", .fullText, "pmid:2", .exclude, reason: "E7"),
                entry("anna", .fullText, "pmid:3", .include),
            ])
        let state = ScreeningState(logs: [anna], plan: p)
        let s = state.summary(at: .fullText, keys: ["pmid:1", "pmid:2", "pmid:3"])
        #expect(s.notRetrieved == 1 && s.exclusionReasons == ["E7": 1] && s.included == 1)
    }

    @Test func secondReviewerShareIsStableAndRoughlyTheShare() {
        let a = ScreeningAssignment(plan: plan(share: .fraction(0.2, seed: 1)), stage: .titleAbstract)
        let keys = (1...2000).map { RecordKey(rawValue: "pmid:\($0)") }
        let both = keys.filter { a.reviewers(for: $0).count == 2 }.count
        #expect(both > 320 && both < 480)
        #expect(keys.allSatisfy { a.isAssigned($0, to: "anna") })
        #expect(keys.filter { a.isAssigned($0, to: "bram") }.count == both)
    }
}

@Suite struct AgreementTests {
    /// The worked example of Cohen's kappa on Wikipedia: 50 proposals, 20 both yes, 15 both
    /// no, 5 and 10 split: p₀ = 0.7, pₑ = 0.5, κ = 0.4. SE by the Fleiss–Cohen–Everitt
    /// formula, worked by hand (checked in Python): 0.126996.
    @Test func textbookExample() throws {
        let a = Agreement(
            first: "A", second: "B", bothInclude: 20, firstOnlyInclude: 5, secondOnlyInclude: 10, bothExclude: 15)
        #expect(a.count == 50)
        #expect(abs(try #require(a.percentAgreement) - 0.7) < 1e-12)
        #expect(abs(try #require(a.expectedAgreement) - 0.5) < 1e-12)
        #expect(abs(try #require(a.kappa) - 0.4) < 1e-12)
        #expect(abs(try #require(a.pabak) - 0.4) < 1e-12)
        #expect(abs(try #require(a.standardError) - 0.126_996_062_931_100_3) < 1e-9)
        let ci = try #require(a.kappaInterval95)
        #expect(abs(ci.lowerBound - 0.151_092_290_476_661) < 1e-9 && abs(ci.upperBound - 0.648_907_709_523_339) < 1e-9)
    }

    /// A second table, skewed: 88/14/10/40 → p₀ = 0.842105, pₑ = 0.549515, κ = 0.649500, SE = 0.065079.
    @Test func skewedTable() throws {
        let a = Agreement(
            first: "A", second: "B", bothInclude: 88, firstOnlyInclude: 14, secondOnlyInclude: 10, bothExclude: 40)
        #expect(abs(try #require(a.kappa) - 0.649_500_384_319_754) < 1e-9)
        #expect(abs(try #require(a.standardError) - 0.065_078_964_795_840_65) < 1e-9)
        #expect(abs(try #require(a.pabak) - 0.684_210_526_315_789_4) < 1e-9)
    }

    @Test func undefinedKappaWhenEveryoneExcludesEverything() {
        let a = Agreement(
            first: "A", second: "B", bothInclude: 0, firstOnlyInclude: 0, secondOnlyInclude: 0, bothExclude: 10)
        #expect(a.kappa == nil && a.percentAgreement == 1 && a.pabak == 1)
    }

    @Test func fromLogsWithPilot() throws {
        let anna = try contents(
            "anna",
            [
                entry("anna", .titleAbstract, "pmid:1", .include, time: "2026-05-01T10:00:01Z"),
                entry("anna", .titleAbstract, "pmid:2", .maybe, time: "2026-05-01T10:00:02Z"),
                entry("anna", .titleAbstract, "pmid:3", .exclude, time: "2026-05-01T10:00:03Z"),
                entry("anna", .titleAbstract, "pmid:4", .exclude, time: "2026-05-01T10:00:04Z"),
            ])
        let bram = try contents(
            "bram",
            [
                entry("bram", .titleAbstract, "pmid:1", .include, time: "2026-05-01T11:00:01Z"),
                entry("bram", .titleAbstract, "pmid:2", .exclude, time: "2026-05-01T11:00:02Z"),
                entry("bram", .titleAbstract, "pmid:3", .exclude, time: "2026-05-01T11:00:03Z"),
                entry("bram", .titleAbstract, "pmid:4", .include, time: "2026-05-01T11:00:04Z"),
            ])
        let state = ScreeningState(logs: [anna, bram], plan: plan(pilot: 2))
        let all = Agreement(state: state, stage: .titleAbstract, first: "anna", second: "bram")
        #expect((all.bothInclude, all.firstOnlyInclude, all.secondOnlyInclude, all.bothExclude) == (1, 1, 1, 1))
        let pilot = try #require(Agreement.all(state: state, stage: .titleAbstract, pilot: true).first)
        #expect((pilot.bothInclude, pilot.firstOnlyInclude, pilot.secondOnlyInclude, pilot.bothExclude) == (1, 1, 0, 0))
    }
}
