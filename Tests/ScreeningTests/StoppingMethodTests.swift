import Screening
import Testing

/// Each stopping method against small cases computed by hand (the sums in the comments), and
/// the benchmark's scoring.
@Suite struct StoppingMethodTests {
    static func observation(_ labels: [Bool], checks: [Bool]? = nil, total: Int, reached: Int? = nil)
        -> StoppingObservation
    {
        StoppingObservation(labels: labels, checks: checks, total: total, checksReached: reached)
    }

    // MARK: The distributions

    @Test func binomialTailAndQBCBThreshold() {
        // Binomial(10, ½): P(X ≥ 8) = (45 + 10 + 1)/1024, P(X ≥ 9) = 11/1024.
        #expect(abs(StoppingStatistics.binomialUpperTail(8, n: 10, p: 0.5) - 56.0 / 1024) < 1e-12)
        #expect(StoppingStatistics.qbcbThreshold(relevantInSample: 10, targetRecall: 0.5, confidence: 0.95) == 9)
        // τ = 0.95: 0.95^59 = 0.0485 ≤ 0.05 but 0.95^58 = 0.0510: 59 relevant in the sample at the
        // least, and then all of them; with 60, P(X ≥ 59) = 0.95^60 + 60·0.05·0.95^59 > 0.05, so 60.
        #expect(StoppingStatistics.qbcbThreshold(relevantInSample: 58, targetRecall: 0.95, confidence: 0.95) == nil)
        #expect(StoppingStatistics.qbcbThreshold(relevantInSample: 59, targetRecall: 0.95, confidence: 0.95) == 59)
        #expect(StoppingStatistics.qbcbThreshold(relevantInSample: 60, targetRecall: 0.95, confidence: 0.95) == 60)
    }

    /// τ^T ≤ 1 − c: ln 0.05 / ln 0.95 = 58.4, ln 0.05 / ln 0.7 = 8.4.
    @Test func targetSetSize() {
        #expect(StoppingStatistics.targetSize(StoppingMethod(.target)) == 59)
        #expect(StoppingStatistics.targetSize(StoppingMethod(.target, targetRecall: 0.7)) == 9)
    }

    /// Clopper–Pearson for 0 of 10 at 95%: upper 1 − 0.025^(1/10) = 0.3085.
    @Test func clopperPearson() {
        let i = StoppingStatistics.clopperPearson(0, 10, confidence: 0.95)
        #expect(i.lowerBound == 0)
        #expect(abs(i.upperBound - 0.308_497) < 1e-5)
    }

    // MARK: The methods

    /// 10 relevant, then 90 irrelevant, of 200. The test's p as in StoppingTests (100/190). With
    /// m relevant left the last 90 give P(X = 0) = C(100, m)/C(190, m): 0.526, 0.276, 0.144,
    /// 0.0745, 0.0385 for m = 1…5; so median estimate 1 and 95% upper bound 4.
    @Test func hypergeometricEstimatesWhatIsLeft() {
        let labels = [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 90)
        let v = StoppingMethod(.hypergeometric).evaluate(Self.observation(labels, total: 200))
        #expect(abs((v.pValue ?? 0) - 100.0 / 190.0) < 1e-12)
        #expect(!v.reached && !v.wantsRandomCheck)
        #expect(v.estimatedLeft == 1)
        #expect(v.leftInterval == 0...4)
        #expect(abs((v.estimatedRecall ?? 0) - 10.0 / 11.0) < 1e-12)
        #expect(v.recallInterval == (10.0 / 14.0)...1)
    }

    /// No estimate before the first relevant record, nor while all that is left may be relevant.
    @Test func hypergeometricGivesNoEstimateTooEarly() {
        let m = StoppingMethod(.hypergeometric)
        #expect(m.evaluate(Self.observation([false, false, false], total: 100)).estimatedLeft == nil)
        #expect(m.evaluate(Self.observation([true], total: 100)).estimatedLeft == nil)
        #expect(m.evaluate(Self.observation([true, false], total: 100)).estimatedLeft != nil)
    }

    /// Ranked T, T, then 3 irrelevant: the random phase begins (irrelevant run 3). Then 5 random
    /// checks, none relevant, of the 15 records left: K = ⌊2/0.95⌋ + 1 = 3, one relevant left
    /// under H₀, P(X = 0) = C(14, 5)/C(15, 5) = 10/15. With m left, C(10, m)/C(15, m): 0.667,
    /// 0.429, 0.264, 0.154, 0.0839, 0.042: estimate 1, upper bound 5.
    @Test func hypergeometricWithRandomPhase() {
        let m = StoppingMethod(.hypergeometricRandom, irrelevantRun: 3)
        let ranked: [Bool] = [true, true, false, false]
        #expect(!m.evaluate(Self.observation(ranked, total: 20)).wantsRandomCheck)
        let switched = ranked + [false]
        #expect(m.evaluate(Self.observation(switched, total: 20)).wantsRandomCheck)
        let labels = switched + [Bool](repeating: false, count: 5)
        let checks = [Bool](repeating: false, count: 5) + [Bool](repeating: true, count: 5)
        let v = m.evaluate(Self.observation(labels, checks: checks, total: 20))
        #expect(abs((v.pValue ?? 0) - 10.0 / 15.0) < 1e-12)
        #expect(!v.reached && v.wantsRandomCheck)
        #expect(v.checks == 5)
        #expect(v.estimatedLeft == 1)
        #expect(v.leftInterval == 0...5)
    }

    /// τ = 0.7: a target set of 9 relevant random checks; stop when the ranking reached all 9.
    @Test func targetMethod() {
        let m = StoppingMethod(.target, targetRecall: 0.7)
        let some = Self.observation([true, false, true], checks: [true, true, true], total: 100)
        #expect(m.evaluate(some).wantsRandomCheck)
        let labels = [Bool](repeating: true, count: 9) + [false]
        let checks = [Bool](repeating: true, count: 10)
        let eight = m.evaluate(Self.observation(labels, checks: checks, total: 100, reached: 8))
        #expect(!eight.wantsRandomCheck && !eight.reached)
        #expect(m.evaluate(Self.observation(labels, checks: checks, total: 100, reached: 9)).reached)
        // 9 of 10 random records relevant: 90 of 100 in the set, 81 left after the 9 found.
        #expect(eight.estimatedLeft == 81)
    }

    /// A 10% sample of 100 records holding 10 relevant; τ = ½: j = 9 (above).
    @Test func qbcb() {
        let m = StoppingMethod(.qbcb, targetRecall: 0.5)
        let nine = [Bool](repeating: true, count: 9)
        #expect(m.evaluate(Self.observation(nine, checks: nine, total: 100)).wantsRandomCheck)
        let ten = [Bool](repeating: true, count: 10)
        #expect(!m.evaluate(Self.observation(ten, checks: ten, total: 100, reached: 8)).reached)
        #expect(m.evaluate(Self.observation(ten, checks: ten, total: 100, reached: 9)).reached)
        #expect(!m.evaluate(Self.observation(ten, checks: ten, total: 100, reached: 9)).wantsRandomCheck)
    }

    /// 10 relevant first, then irrelevant: the knee at 10, ρ = (10/10)/(1/(n − 10)) = n − 10,
    /// against 156 − 10 = 146: reached at n = 156, not at 155; never before 150 records.
    @Test func kneeMethod() {
        let m = StoppingMethod(.knee)
        func labels(_ n: Int) -> [Bool] { [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: n - 10) }
        #expect(!m.evaluate(Self.observation(labels(155), total: 1000)).reached)
        #expect(m.evaluate(Self.observation(labels(156), total: 1000)).reached)
        #expect(m.evaluate(Self.observation(labels(156), total: 1000)).estimatedLeft == nil)
        // 100 relevant first: threshold 56, ρ = n − 100 ≥ 56 at 156, but 149 records are too few.
        let many = [Bool](repeating: true, count: 100) + [Bool](repeating: false, count: 49)
        #expect(!m.evaluate(Self.observation(many, total: 1000)).reached)
    }

    @Test func irrelevantRun() {
        let m = StoppingMethod(.irrelevantRun, irrelevantRun: 3)
        #expect(!m.evaluate(Self.observation([true, false, false], total: 10)).reached)
        #expect(m.evaluate(Self.observation([true, false, false, false], total: 10)).reached)
        #expect(!m.evaluate(Self.observation([false, false, false, true], total: 10)).reached)
    }

    @Test func everythingScreenedIsAlwaysReached() {
        for method in StoppingMethod.all {
            let v = method.evaluate(Self.observation([true, false], total: 2))
            #expect(v.reached, "\(method.kind)")
            #expect(!v.wantsRandomCheck)
        }
    }

    // MARK: The benchmark's scoring

    /// Priors 0 (relevant) and 1, then the ranked order 2…9; relevant 0, 2 and 9. Three
    /// irrelevant in a row after record 5: stop at 6 records, 2 of 3 found; five in a row: at 8.
    @Test func scoringByHand() {
        var relevant = [Bool](repeating: false, count: 10)
        relevant[0] = true
        relevant[2] = true
        relevant[9] = true
        let order = Array(0..<10)
        let three = StoppingBenchmark.score(
            order: order, relevant: relevant, priors: 2, method: StoppingMethod(.irrelevantRun, irrelevantRun: 3),
            seed: 1)
        #expect(three.stoppedAt == 6 && three.stoppedEarly)
        #expect(three.found == 2 && three.relevant == 3)
        #expect(abs(three.recall - 2.0 / 3.0) < 1e-12)
        #expect(abs(three.screenedShare - 0.6) < 1e-12 && abs(three.workSaved - 0.4) < 1e-12)
        #expect(!three.met(0.95))
        let five = StoppingBenchmark.score(
            order: order, relevant: relevant, priors: 2, method: StoppingMethod(.irrelevantRun, irrelevantRun: 5),
            seed: 1)
        #expect(five.stoppedAt == 8 && five.found == 2)
        let never = StoppingBenchmark.score(
            order: order, relevant: relevant, priors: 2, method: StoppingMethod(.irrelevantRun, irrelevantRun: 9),
            seed: 1)
        #expect(never.stoppedAt == 10 && !never.stoppedEarly && never.recall == 1 && never.met(0.95))
    }

    /// A method with random checks: the checks are counted in the work, each record is screened
    /// once, and the target method stops only once its target set is complete and reached.
    @Test func scoringWithRandomChecks() {
        let relevant = (0..<200).map { $0 % 4 == 0 }
        let order = (0..<200).sorted { (relevant[$0] ? 0 : 1, $0) < (relevant[$1] ? 0 : 1, $1) }
        let method = StoppingMethod(.target, targetRecall: 0.7)
        let outcome = StoppingBenchmark.score(order: order, relevant: relevant, priors: 2, method: method, seed: 7)
        #expect(outcome.stoppedEarly)
        #expect(outcome.checks >= 9)
        // The ranked order puts every relevant record first: the target set is reached by the
        // time the ranking has shown all 50.
        #expect(outcome.stoppedAt <= 50 + outcome.checks)
        #expect(outcome.found <= outcome.stoppedAt && outcome.found <= 50)
        let again = StoppingBenchmark.score(order: order, relevant: relevant, priors: 2, method: method, seed: 7)
        #expect(again == outcome)
    }

    /// The bound for methods that verify by random sampling, against hand-computed cases.
    @Test func theSamplingBoundIsTheBestOracleStopWithTheSmallestSampleThatRulesOutTheMissingRecords() {
        // 100 records, 2 relevant, ranked first. After both: 98 left, and H0 says 1 is missing;
        // a sample of m finds none with probability (98 − m)/98 ≤ 0.05 from m = 94 on.
        var relevant = [Bool](repeating: false, count: 100)
        relevant[0] = true
        relevant[1] = true
        let bound = StoppingBenchmark.samplingBound(
            order: Array(0..<100), relevant: relevant, targetRecall: 0.95, confidence: 0.95)
        #expect(abs(bound - 0.04) < 1e-12)

        // 138 records, 38 relevant, ranked first. After 37 (recall 0.974 ≥ 0.95): 101 left, 2
        // missing under H0: (101 − m)(100 − m)/(101 · 100) ≤ 0.05 from m = 79 (22 · 21 = 462 ≤
        // 505 < 23 · 22), saving 22/138. After 38: 100 left, 3 missing: (100 − m)(99 − m)(98 − m)
        // /(100 · 99 · 98) ≤ 0.05 from m = 63 (0.0481; 0.0522 at 62), saving 37/138: the best.
        relevant = [Bool](repeating: false, count: 138)
        for i in 0..<38 { relevant[i] = true }
        let order = Array(0..<138)
        #expect(
            abs(
                StoppingBenchmark.samplingBound(order: order, relevant: relevant, targetRecall: 0.95, confidence: 0.95)
                    - 37.0 / 138) < 1e-12)
        // The relevant records last: 37 found with 1 record left, where 2 cannot be missing, so
        // no sample is needed; that one record is all there is to save.
        #expect(
            StoppingBenchmark.samplingBound(
                order: order.reversed(), relevant: relevant, targetRecall: 0.95, confidence: 0.95) == 1.0 / 138)
        // A lower confidence needs a smaller sample: more saved.
        #expect(
            StoppingBenchmark.samplingBound(order: order, relevant: relevant, targetRecall: 0.95, confidence: 0.8)
                > 37.0 / 138)
    }
}
