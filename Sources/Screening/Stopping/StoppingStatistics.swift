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
    /// - Complexity: O(n) to find the windows, then O(k·min(k, missing))
    ///   (``rankedWindows(labels:ranked:)``).
    public static func rankedPValue(labels: [Bool], ranked: Int, unscreened: Int, missing: Int) -> Double {
        rankedPValue(windows: rankedWindows(labels: labels, ranked: ranked), unscreened: unscreened, missing: missing)
    }

    /// The windows of the last ranked records whose p-value can be the smallest: for each count
    /// k of relevant records in a window, the longest window holding k (it ends at the record
    /// before the next older relevant one, or at the first ranked record).
    ///
    /// Among windows with the same k the longest has the smallest p, for the hypergeometric and
    /// Wallenius' urn alike: draw the records in order of independent exponential times (rate ω
    /// for a relevant one, 1 for the others: that is Wallenius' urn, and ω = 1 the plain one);
    /// the longer window adds one irrelevant record to the urn and one draw. If that record is
    /// among the first w + 1, the other w drawn are the same; if not, w + 1 of the others are
    /// drawn. Either way X is at least what it was, so X ≤ k is no more likely. The minimum over
    /// these k + 1 windows is therefore the minimum over every window, as Callaghan &
    /// Müller-Hansen (and their `buscar`) take it, at O(k) CDFs instead of O(n).
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
    /// - Parameters:
    ///   - odds: the urn's bias ω (1: the hypergeometric distribution; above 1: Wallenius').
    ///   - below: when given, the answer need only tell whether the p-value is below this level:
    ///     the first window below it is returned, and each window's sum stops at the level.
    public static func rankedPValue(
        windows: [(draws: Int, relevant: Int)], unscreened: Int, missing: Int, odds: Double = 1,
        below level: Double? = nil
    ) -> Double {
        var minP = 1.0
        for (w, k) in windows {
            let urn = unscreened + w
            let relevantInUrn = missing + k
            if relevantInUrn > urn { return 0 }
            let p: Double
            if odds == 1 {
                p = StoppingRule.hypergeometricCDF(
                    k, population: urn, successes: relevantInUrn, draws: w, stopAt: level ?? 1)
            } else {
                // Bounds first, each a sum without integrals: the plain urn's P(X ≤ k) is at least
                // the biased one's (a bias towards relevant records only raises X); a binomial
                // with every draw's chance at its highest, ω·K/(ω·K + unscreened − K + 1), at most.
                let bar = min(level ?? 1, minP)
                let plain = StoppingRule.hypergeometricCDF(
                    k, population: urn, successes: relevantInUrn, draws: w, stopAt: 1)
                if let level, plain < level { return plain }
                let weight = odds * Double(relevantInUrn)
                let chance = weight / (weight + Double(unscreened - relevantInUrn + 1))
                if chance < 1, binomialCDF(k, n: w, p: chance, stopAt: bar) >= bar { continue }
                p = walleniusCDF(
                    k, population: urn, successes: relevantInUrn, draws: w, odds: odds, stopAt: level ?? 1)
            }
            if p < minP { minP = p }
            if let level, minP < level { return minP }
        }
        return minP
    }

    /// P(X ≤ k) for X binomial(n, p), summed from 0 in log scale; stops once the sum reaches `stopAt`.
    static func binomialCDF(_ k: Int, n: Int, p: Double, stopAt: Double = 1) -> Double {
        if k >= n || p <= 0 { return 1 }
        if k < 0 { return 0 }
        if p >= 1 { return 0 }
        // P(0) = (1 − p)ⁿ; P(x + 1) = P(x)·(n − x)/(x + 1)·p/(1 − p).
        var logScale = Double(n) * log1p(-p)
        var term = 1.0
        var sum = 1.0
        let odds = p / (1 - p)
        var limit = exp(log(stopAt) - logScale)
        var x = 0
        while x < k {
            term *= Double(n - x) / Double(x + 1) * odds
            sum += term
            x += 1
            if sum >= limit { break }
            if sum > 1e200 {
                logScale += log(sum)
                term /= sum
                sum = 1
                limit = exp(log(stopAt) - logScale)
            }
        }
        return min(1, exp(logScale + log(sum)))
    }

    /// The largest m in 0...limit with `p(m) ≥ level`, for p decreasing in m (binary search).
    ///
    /// `p(m, level)` need only be exact on which side of `level` it falls. With `near` (the
    /// answer after the previous decision, which moves little from one decision to the next) the
    /// search gallops out from there: O(log |answer − near|) calls instead of O(log limit), with
    /// the same answer, since p decreases.
    static func largest(
        upTo limit: Int, atLeast level: Double, near: Int? = nil, _ p: (Int, Double) -> Double
    ) -> Int {
        guard limit > 0 else { return 0 }
        var lo = 0
        var hi = limit
        if let near {
            let start = min(max(0, near), limit)
            var step = 1
            if p(start, level) >= level {
                lo = start
                while true {
                    let next = min(limit, lo + step)
                    if next == lo { return limit }
                    if p(next, level) >= level {
                        lo = next
                        if lo == limit { return limit }
                        step *= 2
                    } else {
                        hi = next
                        break
                    }
                }
            } else {
                hi = start
                while true {
                    let next = max(0, hi - step)
                    if next == 0 || p(next, level) >= level {
                        lo = next
                        break
                    }
                    hi = next
                    step *= 2
                }
            }
        } else if p(limit, level) >= level {
            return limit
        }
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
