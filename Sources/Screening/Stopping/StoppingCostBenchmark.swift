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

    /// Times every method in `methods` on the synthetic screening after each of `screenedPoints`.
    ///
    /// - Parameter now: the clock in seconds (the caller's: libraries read no clock).
    public static func run(
        methods: [StoppingMethod], total: Int, screenedPoints: [Int], relevantShare: Double = 0.03, rounds: Int = 5,
        seed: UInt64 = 1, now: () -> Double
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
                        decisionOnlyMilliseconds: median(estimate: false, previous: nil)))
            }
        }
        return timings
    }
}
