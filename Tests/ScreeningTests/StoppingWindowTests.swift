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
