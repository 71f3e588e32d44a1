import Bibliography
import Foundation
import Protocol
import Screening

/// A fresh temporary directory per test.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "screening-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A clock that advances one second per call, from 2026-05-01T10:00:00Z.
final class StepClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: TimeInterval = 1_777_629_600
    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        seconds += 1
        return Date(timeIntervalSince1970: seconds)
    }
}

func entry(
    _ reviewer: String, _ stage: DecisionStage, _ key: RecordKey, _ decision: Decision, reason: String? = nil,
    time: String = "2026-05-01T10:00:00Z", reconciles: ScreeningStage? = nil
) -> DecisionEntry {
    DecisionEntry(
        time: time, reviewer: reviewer, stage: stage, reconciles: reconciles, key: key, decision: decision,
        reason: reason, protocolHash: "abc")
}

func contents(_ reviewer: String, _ entries: [DecisionEntry]) throws -> DecisionLogContents {
    let text = entries.map { $0.jsonLine + "\n" }.joined()
    return try DecisionLogContents(data: Data(text.utf8), file: "screening/\(reviewer).jsonl", reviewer: reviewer)
}

func plan(
    _ stage: ScreeningStage = .titleAbstract, perRecord: Int = 2, share: SecondReviewerShare = .all, pilot: Int = 0
) -> ScreeningPlan {
    ScreeningPlan(
        reviewers: ["anna", "bram"],
        stages: [
            StagePlan(
                stage: stage, reviewersPerRecord: perRecord, blinded: true, secondReviewer: share, pilotSize: pilot)
        ])
}

let stageCriteria = [
    EligibilityCriterion(
        id: "E4", label: LocalizedText(en: "Not in general practice", nl: "Niet in de huisartsenpraktijk"),
        stage: .titleAbstract,
        highlight: HighlightTerms(include: ["general practi*", "huisarts*"], exclude: ["hospital*"])),
    EligibilityCriterion(
        id: "E5", label: LocalizedText(en: "Not chronic care", nl: "Geen chronische zorg"), stage: .titleAbstract,
        highlight: HighlightTerms(include: ["chronic care"], exclude: ["children"])),
]
