#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoppingStatistics {
    /// P(X = x) for X Wallenius' noncentral hypergeometric: `draws` records drawn one by one
    /// from `population` holding `successes` relevant ones, a relevant record `odds` times as
    /// likely to be drawn as an irrelevant one (the biased urn of `buscar`'s `bias`).
    ///
    /// C(m₁, x)·C(m₂, n − x)·∫₀¹ (1 − t^{ω/D})ˣ (1 − t^{1/D})ⁿ⁻ˣ dt with D = ω(m₁ − x) + m₂ − n + x
    /// (Wallenius 1963; Fog 2008), written with t = e^{Dy} as D∫ e^{Dy}(1 − e^{ωy})ˣ(1 − e^y)ⁿ⁻ˣ dy
    /// over y < 0. For ω ≥ 1 the logarithm of that integrand is concave, so it has one peak:
    /// found by bisection, the integral is taken with Gauss–Legendre on each side of it, out to
    /// where the integrand has fallen by e⁻⁴⁰. When x = 0 or x = n it is a Beta function.
    ///
    /// - Precondition: odds ≥ 1.
    public static func walleniusPMF(_ x: Int, population: Int, successes: Int, draws: Int, odds: Double) -> Double {
        let m1 = successes
        let m2 = population - successes
        let n = draws
        guard x >= max(0, n - m2), x <= min(n, m1) else { return 0 }
        if n == 0 || n == population { return 1 }
        if odds == 1 {
            return exp(
                StoppingRule.logChoose(m1, x) + StoppingRule.logChoose(m2, n - x)
                    - StoppingRule.logChoose(population, n))
        }
        let w = odds
        let d = w * Double(m1 - x) + Double(m2 - n + x)
        let logCount = StoppingRule.logChoose(m1, x) + StoppingRule.logChoose(m2, n - x)
        let a = Double(x)
        let b = Double(n - x)
        if x == 0 { return exp(logCount + log(d) + logBeta(d, b + 1)) }
        if x == n { return exp(logCount + log(d / w) + logBeta(d / w, a + 1)) }
        // In y = ln s the integrand is exp(h(y)), h(y) = D·y + x·ln(1 − e^{ωy}) + (n − x)·ln(1 − e^y),
        // smooth and concave on (−∞, 0): no endpoint singularity when D is near 1.
        func h(_ y: Double) -> Double { d * y + a * log(-expm1(w * y)) + b * log(-expm1(y)) }
        func slope(_ y: Double) -> Double { d - a * w / expm1(-w * y) - b / expm1(-y) }
        func curvature(_ y: Double) -> Double {
            let e1 = expm1(-w * y)
            let e2 = expm1(-y)
            return -a * w * w * (e1 + 1) / (e1 * e1) - b * (e2 + 1) / (e2 * e2)
        }
        // The peak: the slope falls from D > 0 to −∞. Newton's steps, kept inside a bracket
        // that bisection narrows whenever a step would leave it.
        var lo = -1.0
        while slope(lo) <= 0 && lo > -1e6 { lo *= 2 }
        var hi = 0.0
        var y = lo / 2
        for _ in 0..<60 {
            let g = slope(y)
            if g > 0 { lo = y } else { hi = y }
            var next = y - g / curvature(y)
            if !(next > lo && next < hi) { next = (lo + hi) / 2 }
            if abs(next - y) <= 1e-12 * max(1, abs(y)) || next == lo || next == hi {
                y = next
                break
            }
            y = next
        }
        let peak = y
        let top = h(peak)
        // Where the integrand has fallen below e⁻⁴⁰ of its peak, on each side: from 9 widths of
        // the peak (1/√−h''), doubled until it has (a slow tail e^{Dy}, D near 1, needs more).
        let sigma = 1 / (-curvature(peak)).squareRoot()
        var leftDistance = 9 * sigma
        while h(peak - leftDistance) - top > -40 && leftDistance < 1e7 { leftDistance *= 2 }
        let left = peak - leftDistance
        var right = peak + 9 * sigma
        if right >= 0 {
            // The peak is within 9 widths of 0, where the integrand vanishes: bisect for the edge.
            var i = peak
            var o = -Double.leastNormalMagnitude
            for _ in 0..<40 {
                let mid = (i + o) / 2
                if h(mid) - top >= -40 { i = mid } else { o = mid }
            }
            right = o
        } else {
            var distance = 9 * sigma
            while h(peak + distance) - top > -40 && peak + 2 * distance < 0 { distance *= 2 }
            right = peak + distance
        }
        // Panels of at most 2 units of y (a slow tail e^{Dy} when D is near 1 spans 40/D).
        func panels(_ width: Double) -> Int { max(2, min(32, Int(width / 2) + 1)) }
        let integral =
            gaussLegendre(from: left, to: peak, panels: panels(peak - left)) { exp(h($0) - top) }
            + gaussLegendre(from: peak, to: right, panels: panels(right - peak)) { exp(h($0) - top) }
        guard integral > 0 else { return 0 }
        return exp(logCount + log(d) + top + log(integral))
    }

    /// P(X ≤ k) for X Wallenius' noncentral hypergeometric (``walleniusPMF(_:population:successes:draws:odds:)``):
    /// the shorter side of the support, as ``StoppingRule/hypergeometricCDF(_:population:successes:draws:stopAt:)``.
    /// - Parameter stopAt: stop summing the terms up to k once they reach this.
    /// - Complexity: min(k − lo + 1, hi − k) terms, each an integral of about 250 evaluations.
    public static func walleniusCDF(
        _ k: Int, population: Int, successes: Int, draws: Int, odds: Double, stopAt: Double = 1
    ) -> Double {
        if odds == 1 {
            return StoppingRule.hypergeometricCDF(
                k, population: population, successes: successes, draws: draws, stopAt: stopAt)
        }
        let lo = max(0, draws - (population - successes))
        let hi = min(draws, successes)
        if k < lo { return 0 }
        if k >= hi { return 1 }
        func pmf(_ x: Int) -> Double {
            walleniusPMF(x, population: population, successes: successes, draws: draws, odds: odds)
        }
        if hi - k < k - lo + 1 {
            var tail = 0.0
            for x in (k + 1)...hi { tail += pmf(x) }
            let p = 1 - tail
            if p >= 1e-3 { return min(1, p) }
        }
        // From k down: the largest terms first when k is below the mode, so a sum that reaches
        // `stopAt` does so in few terms; below the mode the terms then only fall, and once one
        // adds less than 10⁻¹⁴ of the sum the rest (fewer than k terms, each smaller) cannot
        // change it by more than k·10⁻¹⁴.
        var sum = 0.0
        var last = Double.infinity
        for x in stride(from: k, through: lo, by: -1) {
            let term = pmf(x)
            sum += term
            if sum >= stopAt { break }
            if term < last && term < sum * 1e-14 { break }
            last = term
        }
        return min(1, sum)
    }

    /// ln B(a, b).
    static func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

    /// ∫ f over [a, b] by 16-point Gauss–Legendre on `panels` equal panels.
    static func gaussLegendre(from a: Double, to b: Double, panels: Int, _ f: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        let width = (b - a) / Double(panels)
        var sum = 0.0
        for p in 0..<panels {
            let mid = a + (Double(p) + 0.5) * width
            for (node, weight) in legendre16 {
                sum += weight * f(mid + node * width / 2)
            }
        }
        return sum * width / 2
    }

    /// The 16 nodes and weights of Gauss–Legendre on [−1, 1], by Newton's method on P₁₆.
    static let legendre16: [(Double, Double)] = {
        let n = 16
        var out: [(Double, Double)] = []
        for i in 1...n {
            var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0
                var p1 = x
                for j in 2...n {
                    let p2 = ((2 * Double(j) - 1) * x * p1 - (Double(j) - 1) * p0) / Double(j)
                    p0 = p1
                    p1 = p2
                }
                derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-15 { break }
            }
            out.append((x, 2 / ((1 - x * x) * derivative * derivative)))
        }
        return out
    }()
}
