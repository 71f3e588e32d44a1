#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoppingMethod {
    /// The counting-process method (Sneyd & Stevenson 2021; Stevenson & Bin-Hezam 2023): relevant
    /// records along the ranking (positions x = 1, 2, … after the prior or pilot records) as an
    /// inhomogeneous Poisson process with rate λ(x) = a·x^k, fitted by maximum likelihood on the
    /// records screened in ranked order. The relevant records still to find are Poisson with mean
    /// μ = Σ λ(x) over the unscreened positions; stop when found ≥ τ·(found + q), q the quantile
    /// of that Poisson distribution at the confidence. The estimate left is μ with the central
    /// interval at the confidence.
    func countingProcess(_ o: StoppingObservation, estimate: Bool, into v: inout StoppingVerdict) {
        let start = max(0, min(o.rankedFrom, o.screened))
        let n = o.screened - start
        let positions = o.total - start
        guard let fit = Self.powerLawFit(Array(o.labels[start...]), positions: positions) else { return }
        let mu = fit.remaining
        let q = Self.poissonQuantile(confidence, mean: mu)
        v.reached = Double(o.found) >= targetRecall * Double(o.found + q) && n > 0
        guard estimate else { return }
        let unscreened = o.total - o.screened
        v.estimatedLeft = min(unscreened, Int(mu.rounded()))
        let lower = Self.poissonQuantile((1 - confidence) / 2, mean: mu)
        let upper = Self.poissonQuantile(1 - (1 - confidence) / 2, mean: mu)
        v.leftInterval = min(unscreened, lower)...min(unscreened, upper)
    }

    /// The power-law rate a·x^k fitted to `labels` (x = 1…n) by maximum likelihood, and its sum
    /// over x = n+1…positions; nil before the first relevant record. With a = R/Σx^k (R relevant),
    /// the likelihood's derivative in k vanishes where the mean of ln x weighted by x^k equals the
    /// mean of ln x over the relevant records, found by bisection (that weighted mean increases with k).
    static func powerLawFit(_ labels: [Bool], positions: Int) -> (a: Double, k: Double, remaining: Double)? {
        let n = labels.count
        var relevant = 0.0
        var sumLog = 0.0
        var logs = [Double](repeating: 0, count: max(n, positions) + 1)
        for x in 1..<logs.count { logs[x] = log(Double(x)) }
        for (i, y) in labels.enumerated() where y {
            relevant += 1
            sumLog += logs[i + 1]
        }
        guard relevant > 0, n > 1 else { return nil }
        let target = sumLog / relevant
        func weightedMean(_ k: Double) -> Double {
            var s = 0.0
            var sl = 0.0
            for x in 1...n {
                let w = exp(k * logs[x])
                s += w
                sl += w * logs[x]
            }
            return sl / s
        }
        var lo = -6.0
        var hi = 3.0
        for _ in 0..<40 {
            let mid = (lo + hi) / 2
            if weightedMean(mid) < target { lo = mid } else { hi = mid }
        }
        let k = (lo + hi) / 2
        var s = 0.0
        for x in 1...n { s += exp(k * logs[x]) }
        let a = relevant / s
        var remaining = 0.0
        if positions > n {
            for x in (n + 1)...positions { remaining += a * exp(k * logs[x]) }
        }
        return (a, k, remaining)
    }

    /// The smallest m with P(X ≤ m) ≥ p for X Poisson with `mean`.
    static func poissonQuantile(_ p: Double, mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 700 {
            // exp(−mean) underflows: the normal approximation, z by bisection on Φ.
            var lo = -40.0
            var hi = 40.0
            for _ in 0..<80 {
                let z = (lo + hi) / 2
                if 0.5 * erfc(-z / 2.0.squareRoot()) < p { lo = z } else { hi = z }
            }
            return max(0, Int((mean + (lo + hi) / 2 * mean.squareRoot()).rounded(.up)))
        }
        var term = exp(-mean)
        var cdf = term
        var m = 0
        while cdf < p && m < 1_000_000 {
            m += 1
            term *= mean / Double(m)
            cdf += term
            if term == 0 && cdf < p { break }
        }
        return m
    }
}
