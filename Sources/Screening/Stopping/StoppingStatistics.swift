#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The distributions and bounds the stopping methods use.
public enum StoppingStatistics {
    /// P(X ≥ j) for X binomial(n, p).
    public static func binomialUpperTail(_ j: Int, n: Int, p: Double) -> Double {
        if j <= 0 { return 1 }
        if j > n { return 0 }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var sum = 0.0
        for x in j...n {
            sum += exp(StoppingRule.logChoose(n, x) + Double(x) * log(p) + Double(n - x) * log1p(-p))
        }
        return min(1, sum)
    }

    /// The target method's target-set size: the fewest relevant records T drawn at random such
    /// that all T fall in the first τ of the relevant records with probability at most 1 − c,
    /// τ^T ≤ 1 − c (the largest of T order statistics of the uniform distribution). 59 for
    /// τ = c = 0.95, 9 for τ = 0.7, c = 0.95.
    public static func targetSize(_ method: StoppingMethod) -> Int {
        let t = log(1 - method.confidence) / log(method.targetRecall)
        return max(1, Int((t - 1e-9).rounded(.up)))
    }

    /// QBCB's j (Lewis, Yang & Frieder 2021): the smallest j ≤ r such that
    /// P(Binomial(r, τ) ≥ j) ≤ 1 − c, or nil when even j = r is not enough (too few relevant
    /// records in the sample to certify the target).
    public static func qbcbThreshold(relevantInSample r: Int, targetRecall: Double, confidence: Double) -> Int? {
        guard r > 0 else { return nil }
        for j in 1...r where binomialUpperTail(j, n: r, p: targetRecall) <= 1 - confidence {
            return j
        }
        return nil
    }

    /// The ranked hypergeometric test's p-value when `missing` relevant records are still
    /// unscreened: the smallest over windows of the last w ranked records of
    /// P(X ≤ k_w), X hypergeometric with w draws from w + unscreened records holding
    /// missing + k_w relevant ones. Decreases as `missing` grows.
    /// - Complexity: O(n) to find the windows, then O(k·min(k, missing)) (``rankedWindows(labels:ranked:)``).
    public static func rankedPValue(labels: [Bool], ranked: Int, unscreened: Int, missing: Int) -> Double {
        rankedPValue(windows: rankedWindows(labels: labels, ranked: ranked), unscreened: unscreened, missing: missing)
    }

    /// The windows of the last ranked records whose p-value can be the smallest: for each count
    /// k of relevant records in a window, the longest window holding k (it ends at the record
    /// before the next older relevant one, or at the first ranked record).
    ///
    /// Among windows with the same k the longest has the smallest p: one more draw from an urn
    /// with one more irrelevant record leaves as many records undrawn, now from more irrelevant
    /// ones, so fewer relevant are left undrawn and X ≤ k is less likely. The minimum over these
    /// k + 1 windows is therefore the minimum over every window, as Callaghan & Müller-Hansen
    /// (and their `buscar`) take it, at O(k) CDFs instead of O(n).
    public static func rankedWindows(labels: [Bool], ranked: Int) -> [(draws: Int, relevant: Int)] {
        let n = labels.count
        let ranked = min(ranked, n)
        guard ranked > 0 else { return [] }
        var windows: [(draws: Int, relevant: Int)] = []
        var k = 0
        for w in 1...ranked {
            if labels[n - w] { k += 1 }
            if w == ranked || labels[n - w - 1] { windows.append((w, k)) }
        }
        return windows
    }

    /// The ranked test's p-value over `windows` (``rankedWindows(labels:ranked:)``).
    ///
    /// - Parameter below: when given, the answer need only tell whether the p-value is below this
    ///   level: the first window below it is returned, and each window's sum stops at the level.
    public static func rankedPValue(
        windows: [(draws: Int, relevant: Int)], unscreened: Int, missing: Int, below level: Double? = nil
    ) -> Double {
        var minP = 1.0
        for (w, k) in windows {
            let urn = unscreened + w
            let relevantInUrn = missing + k
            let p =
                relevantInUrn > urn
                ? 0
                : StoppingRule.hypergeometricCDF(
                    k, population: urn, successes: relevantInUrn, draws: w, stopAt: level ?? 1)
            if p < minP { minP = p }
            if let level, minP < level { return minP }
        }
        return minP
    }

    /// The largest m in 0...limit with `p(m) ≥ level`, for p decreasing in m (binary search).
    ///
    /// `p(m, level)` need only be exact on which side of `level` it falls.
    static func largest(upTo limit: Int, atLeast level: Double, _ p: (Int, Double) -> Double) -> Int {
        guard limit > 0 else { return 0 }
        if p(limit, level) >= level { return limit }
        var lo = 0
        var hi = limit
        // p(lo) ≥ level (p(0) = 1 for both tests), p(hi) < level.
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if p(mid, level) >= level { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Clopper–Pearson interval for a binomial proportion, k successes in n, at `confidence`.
    public static func clopperPearson(_ k: Int, _ n: Int, confidence: Double) -> ClosedRange<Double> {
        guard n > 0 else { return 0...1 }
        let a = (1 - confidence) / 2
        func solve(_ f: (Double) -> Double) -> Double {
            // f increasing in p, find f(p) = 0.
            var lo = 0.0
            var hi = 1.0
            for _ in 0..<60 {
                let mid = (lo + hi) / 2
                if f(mid) < 0 { lo = mid } else { hi = mid }
            }
            return (lo + hi) / 2
        }
        let low = k == 0 ? 0 : solve { binomialUpperTail(k, n: n, p: $0) - a }
        let high = k == n ? 1 : solve { a - (1 - binomialUpperTail(k + 1, n: n, p: $0)) }
        return low...high
    }
}
