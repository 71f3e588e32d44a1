import Bibliography
import Foundation
import Protocol
import Screening
import Testing

/// The status line's stopping text before and after the method can estimate, the counting
/// process on clear cases, and random checks offered openly and logged as `check`.
@Suite struct StoppingStatusTests {
    static func verdict(_ method: StoppingMethod, _ labels: [Bool], total: Int) -> StoppingVerdict {
        method.evaluate(StoppingObservation(labels: labels, total: total))
    }

    @Test func noEstimateBeforeTheMethodCanGiveOne() {
        let v = Self.verdict(.default, [true], total: 100)
        #expect(v.statusText == "95% recall not yet shown (too early to estimate what is left)")
    }

    /// 10 relevant then 90 irrelevant of 200: estimate 1, interval 0–4 (StoppingMethodTests).
    @Test func estimateWithItsInterval() {
        let labels = [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 90)
        #expect(
            Self.verdict(.default, labels, total: 200).statusText
                == "95% recall not yet shown; 1 relevant record estimated left (0–4)")
    }

    @Test func reachedSaysWhenWithConfidence() {
        let labels = [Bool](repeating: true, count: 20) + [Bool](repeating: false, count: 900)
        let v = Self.verdict(.default, labels, total: 1000)
        #expect(v.reached)
        let text = v.statusText
        #expect(
            text.hasPrefix(
                "95% recall reached with 95% confidence after 920 records; 0 relevant records estimated left (0–"),
            "\(text)")
    }

    @Test func heuristicsGiveNoEstimate() {
        let m = StoppingMethod(.irrelevantRun, irrelevantRun: 3)
        #expect(Self.verdict(m, [true, false], total: 10).statusText == "3 irrelevant in a row: keep screening")
        #expect(
            Self.verdict(m, [true, false, false, false], total: 10).statusText
                == "3 irrelevant in a row: stopping is reasonable after 4 records")
        let knee = Self.verdict(StoppingMethod(.knee), [true], total: 10)
        #expect(knee.statusText == "knee method: keep screening")
    }

    @Test func countingProcess() {
        let m = StoppingMethod(.countingProcess)
        #expect(Self.verdict(m, [false, false], total: 100).estimatedLeft == nil)
        // Every tenth record relevant, in the middle of each ten: the rate is flat (k ≈ 0), about
        // 90 left of 900 unscreened.
        let steady = (0..<100).map { $0 % 10 == 4 }
        let v = Self.verdict(m, steady, total: 1000)
        #expect(!v.reached)
        #expect(abs((v.estimatedLeft ?? 0) - 90) <= 10, "\(String(describing: v.estimatedLeft))")
        // Ten relevant, then 990 irrelevant of 1,100: the rate has died out.
        let done = [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 990)
        #expect(Self.verdict(m, done, total: 1100).reached)
    }

    /// With a method that asks for random checks, the queue offers one openly (the session
    /// labels it), the log marks it `"order":"check"`, and the method sees it as one.
    @Test func randomChecksAreOfferedAndLogged() throws {
        let dir = temporaryDirectory()
        let log = try DecisionLog(directory: dir, reviewer: "anna", displayDirectory: "screening", now: StepClock().now)
        let records = (0..<30).map { Record(title: "Record number \($0) about topic \($0 % 3)", pmid: "\($0 + 1)") }
        let queue = ScreeningQueue(
            records: records, log: log.contents, stage: .titleAbstract, order: .ranked,
            stoppingMethod: StoppingMethod(.qbcb, sampleShare: 0.1))
        let renderer = RecordText(highlighter: Highlighter(criteria: stageCriteria), style: .markers, width: 0)
        let session = ScreeningSession(
            queue: queue, log: log, criteria: stageCriteria, renderer: renderer, protocolHash: "abc")
        let first = session.start()
        #expect(first.text.contains(ScreeningSession.randomCheckNotice), "\(first.text)")
        #expect(first.text.contains("· random checks: 0"))
        _ = session.handle("e 1")
        _ = session.handle("e 1")
        let third = session.handle("e 1")
        // A sample of 10% of 30 records: three random checks, then ranked order.
        #expect(!third.text.contains(ScreeningSession.randomCheckNotice), "\(third.text)")
        #expect(third.text.contains("· random checks: 3"))
        #expect(queue.stoppingObservation.checkCount == 3)
        log.close()
        let lines = try String(contentsOfFile: dir + "/anna.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.contains(#""order":"check""#) })
        // The log reads back with the checks marked.
        let back = try DecisionLogContents(
            data: Data(contentsOf: URL(fileURLWithPath: dir + "/anna.jsonl")), file: "anna.jsonl", reviewer: "anna")
        #expect(back.screenedInOrder(at: .titleAbstract).allSatisfy { $0.order == .check })
    }

    /// The protocol's stopping key, and its default.
    @Test func protocolPlanMapsToTheMethod() {
        #expect(StoppingMethod(plan: StoppingPlan()) == .default)
        let m = StoppingMethod(plan: StoppingPlan(method: "irrelevant-run", irrelevantRun: 100))
        #expect(m.kind == .irrelevantRun && m.irrelevantRun == 100)
        #expect(StoppingPlan.methods == StoppingMethod.Kind.allCases.map(\.rawValue))
    }
}
