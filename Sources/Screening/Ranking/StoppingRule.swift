#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where screening stands against a recall target: the hypergeometric stopping test of
/// Callaghan & Müller-Hansen (2020) and a rough estimate of relevant records left.
public struct StoppingEstimate: Hashable, Sendable {
    /// Records screened so far, and relevant among them.
    public var screened: Int
    public var relevantFound: Int
    /// Records in the set (screened and not).
    public var total: Int
    public var targetRecall: Double
    public var confidence: Double
    /// The smallest p-value over the windows of last-screened records (1 when not testable).
    public var pValue: Double
    /// True when the null hypothesis "recall is below the target" is rejected: p < 1 − confidence.
    public var reached: Bool
    /// Relevant records estimated still unscreened (rounded), from the share of relevant
    /// records among the most recently screened ones.
    public var estimatedRemaining: Int
    /// relevantFound / (relevantFound + estimatedRemaining); nil before any relevant record.
    public var estimatedRecall: Double?
}

/// The stopping test of Callaghan & Müller-Hansen (2020), "Statistical stopping criteria for
/// automated screening in systematic reviews", Systematic Reviews 9:273,
/// doi:10.1186/s13643-020-01521-4, in its form for records screened in ranked order.
///
/// H₀: recall so far is below the target τ, i.e. the set holds at least K = ⌊r/τ⌋ + 1 relevant
/// records, r being those found. For every window of the last w screened records (w = 1…n,
/// counting only records screened after ranking began), treat those w records as drawn at
/// random, without replacement, from an urn of the w records plus every unscreened one; under
/// H₀ the urn holds K − (r − k_w) relevant records, k_w being those in the window. The window's
/// p-value is the hypergeometric P(X ≤ k_w); the test's p-value is the smallest over windows,
/// and H₀ is rejected (target reached) when it is below 1 − confidence. The tool reports this;
/// it never stops screening by itself.
public enum StoppingRule {
    /// Evaluates the test on `labels` (true = relevant), in the order screened.
    ///
    /// - Parameters:
    ///   - total: records in the whole set (screened and unscreened).
    ///   - rankedFrom: how many of the first labels were not screened in ranked order (prior
    ///     knowledge); they count as found but are never part of a window.
    ///   - targetRecall: τ, default 0.95.
    ///   - confidence: default 0.95 (reject at p < 0.05).
    /// - Complexity: O(n·k) in screened records and relevant ones found.
    public static func evaluate(
        labels: [Bool], total: Int, rankedFrom: Int = 0, targetRecall: Double = 0.95, confidence: Double = 0.95
    ) -> StoppingEstimate {
        let n = labels.count
        let r = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let unscreened = max(0, total - n)
        var estimate = StoppingEstimate(
            screened: n, relevantFound: r, total: total, targetRecall: targetRecall, confidence: confidence,
            pValue: 1, reached: false, estimatedRemaining: 0, estimatedRecall: nil)
        // Rough estimate: the share of relevant records in the last 10% screened (at least 20).
        let window = min(n, max(20, n / 10))
        if window > 0 {
            let recent = labels.suffix(window).reduce(0) { $0 + ($1 ? 1 : 0) }
            estimate.estimatedRemaining = Int((Double(recent) / Double(window) * Double(unscreened)).rounded())
        }
        if r > 0 { estimate.estimatedRecall = Double(r) / Double(r + estimate.estimatedRemaining) }
        if unscreened == 0 {
            estimate.pValue = 0
            estimate.reached = true
            return estimate
        }
        let kTarget = Int((Double(r) / targetRecall).rounded(.down)) + 1
        let minP = StoppingStatistics.rankedPValue(
            labels: labels, ranked: max(0, n - max(0, rankedFrom)), unscreened: unscreened, missing: kTarget - r)
        estimate.pValue = minP
        estimate.reached = minP < 1 - confidence
        return estimate
    }

    /// P(X ≤ k) for X hypergeometric: `draws` from `population` holding `successes`.
    ///
    /// Sums the shorter side of the support: the terms up to k, or 1 − the terms above k when
    /// those are fewer (the ranked test's windows hold few relevant records above k under H₀),
    /// unless that leaves less than 10⁻³, where the terms up to k keep the precision. Terms
    /// follow from the first by their ratio, scaled in log space so that none underflows.
    ///
    /// - Parameter stopAt: when the sum up to k reaches this, stop and return it (the caller
    ///   only asks whether P(X ≤ k) is below it); 1 or more for the exact value.
    /// - Complexity: O(min(k − lo, hi − k)) terms, hi − lo the support.
    public static func hypergeometricCDF(
        _ k: Int, population: Int, successes: Int, draws: Int, stopAt: Double = 1
    ) -> Double {
        let lo = max(0, draws - (population - successes))
        let hi = min(draws, successes)
        if k < lo { return 0 }
        if k >= hi { return 1 }
        func logPMF(_ x: Int) -> Double {
            logChoose(successes, x) + logChoose(population - successes, draws - x) - logChoose(population, draws)
        }
        if hi - k < k - lo + 1 {
            // P(X > k), from hi down: pmf(x − 1) = pmf(x)·x·(N − K − n + x) / ((K − x + 1)(n − x + 1)).
            let tail = scaledSum(from: logPMF(hi), count: hi - k, stopAt: .infinity) { i in
                let x = hi - i
                return Double(x) * Double(population - successes - draws + x)
                    / (Double(successes - x + 1) * Double(draws - x + 1))
            }
            let p = 1 - tail
            if p >= 1e-3 { return min(1, p) }
        }
        // P(X ≤ k), from lo up: pmf(x + 1) = pmf(x)·(K − x)(n − x) / ((x + 1)(N − K − n + x + 1)).
        let sum = scaledSum(from: logPMF(lo), count: k - lo + 1, stopAt: stopAt) { i in
            let x = lo + i
            return Double(successes - x) * Double(draws - x)
                / (Double(x + 1) * Double(population - successes - draws + x + 1))
        }
        return min(1, sum)
    }

    /// Σ of `count` terms, the first exp(`logFirst`), each next one the previous times
    /// `ratio(i)` (i = 0, 1, …), kept as a scaled sum and a log scale so that neither
    /// underflows nor overflows; stops early once the sum reaches `stopAt`.
    private static func scaledSum(
        from logFirst: Double, count: Int, stopAt: Double, ratio: (Int) -> Double
    ) -> Double {
        var logScale = logFirst
        var term = 1.0
        var sum = 1.0
        var limit = stopAt.isFinite ? Foundation_exp(Foundation_log(stopAt) - logScale) : .infinity
        var i = 0
        while i < count - 1 {
            term *= ratio(i)
            sum += term
            i += 1
            if sum >= limit { break }
            if sum > 1e200 || (sum < 1e-200 && sum > 0) {
                logScale += Foundation_log(sum)
                term /= sum
                sum = 1
                limit = stopAt.isFinite ? Foundation_exp(Foundation_log(stopAt) - logScale) : .infinity
            }
        }
        return Foundation_exp(logScale + Foundation_log(sum))
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
