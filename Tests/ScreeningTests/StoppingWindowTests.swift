import Bibliography
import Screening
import Testing

/// The ranked test over the longest window per count of relevant records gives the same p-value
/// as over every window (as `buscar` computes it), and the CDF's two sides agree.
@Suite struct StoppingWindowTests {
    /// Every window, as the paper and `buscar` take the minimum.
    static func everyWindow(_ labels: [Bool], ranked: Int, unscreened: Int, missing: Int) -> Double {
        var minP = 1.0
        var k = 0
        for w in 1...ranked {
            if labels[labels.count - w] { k += 1 }
            let urn = unscreened + w
            let p =
                missing + k > urn
                ? 0 : StoppingRule.hypergeometricCDF(k, population: urn, successes: missing + k, draws: w)
            minP = min(minP, p)
        }
        return minP
    }

    /// T, F, F, T, F, F, F of 20 (ranked from the second): windows of lengths 1…6 hold 0, 0, 0,
    /// 1, 1, 1 relevant; the longest for k = 0 is 3, for k = 1 it is 6 (the first ranked record).
    @Test func longestWindowPerCount() {
        let labels = [true, false, false, true, false, false, false]
        let windows = StoppingStatistics.rankedWindows(labels: labels, ranked: 6)
        #expect(windows.map(\.draws) == [3, 6] && windows.map(\.relevant) == [0, 1])
    }

    @Test func sameMinimumAsEveryWindow() {
        var rng = SeededGenerator(seed: 19)
        for trial in 0..<200 {
            let n = 5 + Int(rng.next() % 200)
            let total = n + 1 + Int(rng.next() % 400)
            let density = Double(rng.next() % 100) / 200
            let labels = (0..<n).map { i in
                Double(rng.next() % 1000) / 1000 < density * (1 - Double(i) / Double(n))
            }
            let ranked = n - Int(rng.next() % 3)
            for missing in [1, 2, 5, 20] {
                let all = Self.everyWindow(labels, ranked: ranked, unscreened: total - n, missing: missing)
                let fast = StoppingStatistics.rankedPValue(
                    labels: labels, ranked: ranked, unscreened: total - n, missing: missing)
                #expect(abs(all - fast) <= 1e-12 * max(1, all), "trial \(trial), missing \(missing)")
            }
        }
    }

    /// With a biased urn too (the windows, the bounds that skip windows, the early stop).
    @Test func biasedSameMinimumAsEveryWindow() {
        var rng = SeededGenerator(seed: 2)
        for trial in 0..<40 {
            let n = 5 + Int(rng.next() % 120)
            let total = n + 1 + Int(rng.next() % 300)
            let labels = (0..<n).map { i in Double(rng.next() % 1000) / 1000 < 0.4 * (1 - Double(i) / Double(n)) }
            for missing in [1, 3, 8] {
                var all = 1.0
                var k = 0
                for w in 1...n {
                    if labels[n - w] { k += 1 }
                    all = min(
                        all,
                        StoppingStatistics.walleniusCDF(
                            k, population: total - n + w, successes: missing + k, draws: w, odds: 2))
                }
                let windows = StoppingStatistics.rankedWindows(labels: labels, ranked: n)
                let fast = StoppingStatistics.rankedPValue(
                    windows: windows, unscreened: total - n, missing: missing, odds: 2)
                #expect(abs(all - fast) <= 1e-12 * max(1, all), "trial \(trial), missing \(missing)")
                let below = StoppingStatistics.rankedPValue(
                    windows: windows, unscreened: total - n, missing: missing, odds: 2, below: 0.05)
                #expect((below < 0.05) == (all < 0.05), "trial \(trial), missing \(missing)")
            }
        }
    }

    /// The estimate searched from the previous decision's is the one searched from scratch, and
    /// the one computed as before 2026-12-05 (every window, a binary search over all).
    @Test func estimateFromThePreviousDecision() {
        let labels = StoppingCostBenchmark.labels(total: 1500, relevantShare: 0.04, seed: 3)
        for method in [StoppingMethod(.hypergeometric), StoppingMethod(.hypergeometricBiased, bias: 2)] {
            var previous: StoppingVerdict?
            for n in stride(from: 20, to: 1400, by: 41) {
                let o = StoppingObservation(labels: Array(labels.prefix(n)), total: 1500, rankedFrom: 2)
                let warm = method.evaluate(o, previous: previous)
                let cold = method.evaluate(o)
                #expect(warm == cold, "\(method.kind) after \(n)")
                if method.kind == .hypergeometric, let left = cold.estimatedLeft, let interval = cold.leftInterval {
                    let (estimate, high) = StoppingCostBenchmark.baselineEstimate(o, method: method)
                    #expect(estimate == left && high == interval.upperBound, "baseline after \(n)")
                }
                previous = warm
            }
        }
    }

    /// 1 − the terms above k (the short side) against the terms up to k, and an early stop.
    @Test func cdfSides() {
        // 40 of 50 relevant, 10 drawn: P(X ≤ 8) = 1 − P(9) − P(10), exact fractions in Python
        let p = StoppingRule.hypergeometricCDF(8, population: 50, successes: 40, draws: 10)
        #expect(abs(p - 0.651_289_687_767_479_9) < 1e-12)
        let stopped = StoppingRule.hypergeometricCDF(8, population: 50, successes: 40, draws: 10, stopAt: 0.01)
        #expect(stopped >= 0.01)
        // Terms that underflow one by one still sum (log scale): P(X ≤ 2000) of 4000 draws
        // from 8000 holding 4000 is 1/2 + P(X = 2000)/2 by symmetry.
        let half = StoppingRule.hypergeometricCDF(2000, population: 8000, successes: 4000, draws: 4000)
        #expect(abs(half - 0.508_919_784_311_796_1) < 1e-9)
    }
}

/// Wallenius' noncentral hypergeometric distribution (the biased urn) against the urn drawn one
/// record at a time.
@Suite struct WalleniusTests {
    /// The urn itself: after each draw, a relevant record comes next with probability
    /// ω·(relevant left) / (ω·(relevant left) + irrelevant left).
    static func byDraws(population: Int, successes: Int, draws: Int, odds: Double) -> [Double] {
        var p = [Double](repeating: 0, count: draws + 1)
        p[0] = 1
        for i in 0..<draws {
            var next = [Double](repeating: 0, count: draws + 1)
            for x in 0...i where p[x] > 0 {
                let a = Double(successes - x)
                let b = Double(population - successes - (i - x))
                let relevant = odds * a / (odds * a + b)
                next[x + 1] += p[x] * relevant
                next[x] += p[x] * (1 - relevant)
            }
            p = next
        }
        return p
    }

    /// One relevant record (odds 2) and two irrelevant ones, two drawn: both irrelevant with
    /// probability 2/4 · 1/3 = 1/6; one of each 5/6.
    @Test func handComputed() {
        let p0 = StoppingStatistics.walleniusPMF(0, population: 3, successes: 1, draws: 2, odds: 2)
        let p1 = StoppingStatistics.walleniusPMF(1, population: 3, successes: 1, draws: 2, odds: 2)
        #expect(abs(p0 - 1.0 / 6.0) < 1e-9)
        #expect(abs(p1 - 5.0 / 6.0) < 1e-9)
        let cdf = StoppingStatistics.walleniusCDF(0, population: 3, successes: 1, draws: 2, odds: 2)
        #expect(abs(cdf - 1.0 / 6.0) < 1e-9)
    }

    @Test func agreesWithTheUrnDrawnOneByOne() {
        for (population, successes, draws) in [(20, 5, 7), (60, 3, 30), (200, 12, 150), (500, 6, 40), (400, 30, 399)] {
            for odds in [1.0, 1.5, 2, 5] {
                let exact = Self.byDraws(population: population, successes: successes, draws: draws, odds: odds)
                var cdf = 0.0
                for x in 0...min(draws, successes) {
                    let pmf = StoppingStatistics.walleniusPMF(
                        x, population: population, successes: successes, draws: draws, odds: odds)
                    #expect(
                        abs(pmf - exact[x]) < 1e-8 * max(1, exact[x] * 10),
                        "\(population) \(successes) \(draws) \(odds) x=\(x)")
                    cdf += exact[x]
                    let c = StoppingStatistics.walleniusCDF(
                        x, population: population, successes: successes, draws: draws, odds: odds)
                    #expect(abs(c - min(1, cdf)) < 1e-7, "cdf \(population) \(successes) \(draws) \(odds) x=\(x)")
                }
            }
        }
    }

    /// The biased test by hand: 10 relevant, then 90 irrelevant, of 200 (as StoppingTests, where
    /// the plain test gives 100/190). Under H₀ one relevant record is left; with bias 2 the last 90
    /// miss it with probability Π_{j=100}^{189} j/(j + 2) = (100·101)/(190·191), the smallest window.
    @Test func biasedTestByHand() {
        let labels = [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 90)
        let o = StoppingObservation(labels: labels, total: 200)
        let v = StoppingMethod(.hypergeometricBiased, bias: 2).evaluate(o)
        #expect(abs((v.pValue ?? 0) - 100.0 * 101.0 / (190.0 * 191.0)) < 1e-9)
        #expect(!v.reached)
        let plain = StoppingMethod(.hypergeometric).evaluate(o)
        #expect(abs((plain.pValue ?? 0) - 100.0 / 190.0) < 1e-12)
        // Bias 1 is the plain test.
        #expect(StoppingMethod(.hypergeometricBiased, bias: 1).evaluate(o).pValue == plain.pValue)
    }

    /// Larger urns, against scipy.stats.nchypergeom_wallenius.cdf (BiasedUrn's algorithm).
    @Test func largeUrnsAsScipy() {
        let cases: [(Int, Int, Int, Int, Double, Double)] = [
            (0, 1500, 5, 800, 2, 0.000_491_691_665_211_242), (2, 1500, 8, 700, 2, 0.008_604_336_046_918_086),
            (40, 2019, 45, 1200, 2, 0.898_678_698_405_916_3), (3, 20000, 30, 5000, 1.5, 0.001_864_120_429_394_664),
        ]
        for (k, population, successes, draws, odds, expected) in cases {
            let p = StoppingStatistics.walleniusCDF(
                k, population: population, successes: successes, draws: draws, odds: odds)
            #expect(abs(p - expected) < 1e-9 * max(1, expected * 100), "\(k) \(population) \(successes) \(draws)")
        }
    }
}
