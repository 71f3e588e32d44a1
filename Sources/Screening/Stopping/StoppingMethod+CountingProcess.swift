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

    /// The power-law rate a·x^k fitted to `labels` (x = 1…n) by maximum likelihood on the counts in
    /// up to 100 windows of equal width (as the method's papers fit windows of the ranking), and
    /// its sum over x = n+1…positions; nil before the first relevant record. With a = R/Σ w·m^k
    /// (R relevant, windows of width w and midpoint m), the likelihood's derivative in k vanishes
    /// where the mean of ln m weighted by w·m^k equals the mean of ln m over the relevant records;
    /// that weighted mean increases with k, so bisection finds it.
    static func powerLawFit(_ labels: [Bool], positions: Int) -> (a: Double, k: Double, remaining: Double)? {
        let n = labels.count
        guard n > 1 else { return nil }
        let width = max(1, (n + 99) / 100)
        var mids: [Double] = []
        var widths: [Double] = []
        var relevant = 0.0
        var sumLog = 0.0
        var start = 0
        while start < n {
            let end = min(n, start + width)
            let mid = log(Double(start + end + 1) / 2)
            mids.append(mid)
            widths.append(Double(end - start))
            for i in start..<end where labels[i] {
                relevant += 1
                sumLog += mid
            }
            start = end
        }
        guard relevant > 0, mids.count > 1 else { return nil }
        let target = sumLog / relevant
        func sums(_ k: Double) -> (Double, Double) {
            var s = 0.0
            var sl = 0.0
            for j in mids.indices {
                let w = widths[j] * exp(k * mids[j])
                s += w
                sl += w * mids[j]
            }
            return (s, sl)
        }
        var lo = -6.0
        var hi = 3.0
        for _ in 0..<40 {
            let mid = (lo + hi) / 2
            let (s, sl) = sums(mid)
            if sl / s < target { lo = mid } else { hi = mid }
        }
        let k = (lo + hi) / 2
        let a = relevant / sums(k).0
        var remaining = 0.0
        if positions > n {
            for x in (n + 1)...positions { remaining += exp(k * log(Double(x))) }
        }
        return (a, k, a * remaining)
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
