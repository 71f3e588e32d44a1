import Bibliography

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the stopping estimate costs on the decision path: the status line evaluates the
/// review's method once per decision, with its estimate (``StoppingMethod/evaluate(_:estimate:)``).
public enum StoppingCostBenchmark {
    /// One timing: a method evaluated on a synthetic screening of `total` records after `screened`.
    public struct Timing: Hashable, Sendable {
        public var method: StoppingMethod
        public var total: Int
        public var screened: Int
        public var found: Int
        /// Milliseconds per evaluation with the estimate after a decision, the previous decision's
        /// verdict known (the status line during a session), median of the rounds.
        public var milliseconds: Double
        /// The same without the previous verdict (the first status line of a session).
        public var coldMilliseconds: Double
        /// Milliseconds per evaluation without it (what a decision costs when no one reads the line).
        public var decisionOnlyMilliseconds: Double
        /// The baseline in the same run, for the plain test only: every window of the last ranked
        /// records and a binary search from scratch for the estimate (the code before 2026-12-05).
        public var baselineMilliseconds: Double?
    }

    /// The estimate as it was computed before 2026-12-05: the test over every window (O(n) CDFs,
    /// summed from the bottom of the support) and a binary search over 0…unscreened for the
    /// upper bound and the median. Returns (estimate, upper bound); the baseline of ``run``.
    public static func baselineEstimate(_ o: StoppingObservation, method: StoppingMethod) -> (Int, Int) {
        let unscreened = o.total - o.screened
        let ranked = max(0, o.screened - o.rankedFrom)
        func p(_ missing: Int) -> Double {
            var minP = 1.0
            var k = 0
            let n = o.labels.count
            for w in 1...max(1, ranked) where ranked > 0 {
                if o.labels[n - w] { k += 1 }
                let urn = unscreened + w
                if missing + k > urn { return 0 }
                minP = min(minP, lowerSum(k, population: urn, successes: missing + k, draws: w))
            }
            return minP
        }
        func largest(_ limit: Int, _ level: Double) -> Int {
            if p(limit) >= level { return limit }
            var lo = 0
            var hi = limit
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if p(mid) >= level { lo = mid } else { hi = mid }
            }
            return lo
        }
        let high = largest(unscreened, 1 - method.confidence)
        return (largest(high, 0.5), high)
    }

    /// P(X ≤ k), the terms from the bottom of the support, each from the last by its ratio (as before).
    private static func lowerSum(_ k: Int, population: Int, successes: Int, draws: Int) -> Double {
        let lo = max(0, draws - (population - successes))
        let hi = min(draws, successes)
        if k < lo { return 0 }
        if k >= hi { return 1 }
        func logPMF(_ x: Int) -> Double {
            lgamma(Double(successes + 1)) - lgamma(Double(x + 1)) - lgamma(Double(successes - x + 1))
                + lgamma(Double(population - successes + 1)) - lgamma(Double(draws - x + 1))
                - lgamma(Double(population - successes - draws + x + 1))
                - (lgamma(Double(population + 1)) - lgamma(Double(draws + 1)) - lgamma(Double(population - draws + 1)))
        }
        var pmf = exp(logPMF(lo))
        if pmf == 0 {
            var logs = (lo...k).map(logPMF)
            let top = logs.max() ?? 0
            logs = logs.map { exp($0 - top) }
            return min(1, exp(top) * logs.reduce(0, +))
        }
        var sum = pmf
        var x = lo
        while x < k {
            pmf *=
                Double(successes - x) * Double(draws - x)
                / (Double(x + 1) * Double(population - successes - draws + x + 1))
            sum += pmf
            x += 1
        }
        return min(1, sum)
    }

    /// A synthetic ranked screening: `total` records, `relevantShare` of them relevant, found
    /// along the ranking at a rate falling as a power law (most early, a tail late), as a
    /// ranking does. Deterministic for a seed.
    public static func labels(total: Int, relevantShare: Double, seed: UInt64) -> [Bool] {
        var rng = SeededGenerator(seed: seed)
        let relevant = Int(Double(total) * relevantShare)
        // Rate ∝ x^(−0.7) over x = 1…total, scaled so that its sum is `relevant`.
        var weights = (1...total).map { 1 / pow(Double($0), 0.7) }
        let scale = Double(relevant) / weights.reduce(0, +)
        for i in weights.indices { weights[i] = min(1, weights[i] * scale) }
        return weights.map { Double(rng.next() >> 11) / Double(1 << 53) < $0 }
    }

    private static func timeBaseline(_ o: StoppingObservation, method: StoppingMethod, now: () -> Double) -> Double {
        let start = now()
        _ = baselineEstimate(o, method: method)
        return (now() - start) * 1000
    }

    /// Times every method in `methods` on the synthetic screening after each of `screenedPoints`.
    ///
    /// - Parameter now: the clock in seconds (the caller's: libraries read no clock).
    public static func run(
        methods: [StoppingMethod], total: Int, screenedPoints: [Int], relevantShare: Double = 0.03, rounds: Int = 5,
        seed: UInt64 = 1, baseline: Bool = true, now: () -> Double
    ) -> [Timing] {
        let all = labels(total: total, relevantShare: relevantShare, seed: seed)
        var timings: [Timing] = []
        for n in screenedPoints where n > 2 && n < total {
            let observation = StoppingObservation(labels: Array(all.prefix(n)), total: total, rankedFrom: 2)
            let before = StoppingObservation(labels: Array(all.prefix(n - 1)), total: total, rankedFrom: 2)
            for method in methods {
                let previous = method.evaluate(before)
                func median(estimate: Bool, previous: StoppingVerdict?) -> Double {
                    var times: [Double] = []
                    for _ in 0..<max(1, rounds) {
                        let start = now()
                        _ = method.evaluate(observation, estimate: estimate, previous: previous)
                        times.append((now() - start) * 1000)
                    }
                    return times.sorted()[times.count / 2]
                }
                timings.append(
                    Timing(
                        method: method, total: total, screened: n, found: observation.found,
                        milliseconds: median(estimate: true, previous: previous),
                        coldMilliseconds: median(estimate: true, previous: nil),
                        decisionOnlyMilliseconds: median(estimate: false, previous: nil),
                        baselineMilliseconds: baseline && method.kind == .hypergeometric
                            ? timeBaseline(observation, method: method, now: now) : nil))
            }
        }
        return timings
    }
}
