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
        var minP = 1.0
        var k = 0
        let ranked = max(0, n - max(0, rankedFrom))
        if ranked > 0 {
            for w in 1...ranked {
                if labels[n - w] { k += 1 }
                let urn = unscreened + w
                let relevantInUrn = kTarget - (r - k)
                let p: Double
                if relevantInUrn > urn {
                    p = 0
                } else {
                    p = hypergeometricCDF(k, population: urn, successes: relevantInUrn, draws: w)
                }
                if p < minP { minP = p }
            }
        }
        estimate.pValue = minP
        estimate.reached = minP < 1 - confidence
        return estimate
    }

    /// P(X ≤ k) for X hypergeometric: `draws` from `population` holding `successes`.
    public static func hypergeometricCDF(_ k: Int, population: Int, successes: Int, draws: Int) -> Double {
        let lo = max(0, draws - (population - successes))
        let hi = min(draws, successes)
        if k < lo { return 0 }
        if k >= hi { return 1 }
        func logPMF(_ x: Int) -> Double {
            logChoose(successes, x) + logChoose(population - successes, draws - x) - logChoose(population, draws)
        }
        var pmf = Foundation_exp(logPMF(lo))
        if pmf == 0 {
            // The first term underflows: sum in log space instead.
            var logs = (lo...k).map(logPMF)
            let top = logs.max() ?? 0
            logs = logs.map { Foundation_exp($0 - top) }
            return min(1, Foundation_exp(top) * logs.reduce(0, +))
        }
        var sum = pmf
        var x = lo
        while x < k {
            let numerator = Double(successes - x) * Double(draws - x)
            let denominator = Double(x + 1) * Double(population - successes - draws + x + 1)
            pmf *= numerator / denominator
            sum += pmf
            x += 1
        }
        return min(1, sum)
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
