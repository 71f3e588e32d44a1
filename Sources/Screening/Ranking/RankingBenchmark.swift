import Bibliography

/// A harness (not a test) that times retrain-and-rescore on a synthetic set, for
/// `scoping bench rank`; figures are recorded in docs/benchmarks.md.
public enum RankingBenchmark {
    public struct Result: Hashable, Sendable {
        public var records: Int
        public var decisions: Int
        public var features: Int
        public var nonZeros: Int
        /// Building features and keyword scores, once per session.
        public var buildMilliseconds: Double
        /// Retrain on the decisions plus rescore every record plus pick the best, per decision.
        public var medianRetrainMilliseconds: Double
        public var maxRetrainMilliseconds: Double

        /// One line for a terminal or a markdown table.
        public var summary: String {
            func f(_ x: Double) -> String { String((x * 10).rounded() / 10) }
            return
                "\(records) records, \(decisions) decisions, \(features) features, \(nonZeros) non-zeros: build \(f(buildMilliseconds)) ms, retrain+rescore median \(f(medianRetrainMilliseconds)) ms, max \(f(maxRetrainMilliseconds)) ms"
        }
    }

    /// Synthetic abstracts (150 words from a Zipf-like 20,000-word vocabulary; 3% relevant
    /// records share topic words), then `rounds` decisions after `decisions` earlier ones, each
    /// followed by a retrain, a rescore and a pick.
    public static func run(
        records: Int = 10_000, decisions: Int = 500, rounds: Int = 30, seed: UInt64 = 1,
        configuration: Ranker.Configuration = .init()
    ) -> Result {
        var rng = SeededGenerator(seed: seed)
        func word() -> String {
            // Zipf-like: the index is skewed towards small numbers.
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            return "w" + String(Int(pow20000(u)))
        }
        var docs: [RankingDocument] = []
        var relevant: [Bool] = []
        for _ in 0..<records {
            let isRelevant = rng.next() % 100 < 3
            var words: [String] = []
            for k in 0..<150 { words.append(isRelevant && k % 10 == 0 ? "topic" + String(rng.next() % 20) : word()) }
            docs.append(
                RankingDocument(
                    title: words.prefix(12).joined(separator: " "), abstract: words.dropFirst(12).joined(separator: " ")
                ))
            relevant.append(isRelevant)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let ranker = Ranker(documents: docs, includeTerms: ["topic1", "topic2"], configuration: configuration)
        let build = milliseconds(start.duration(to: clock.now))
        var skip = [Bool](repeating: false, count: records)
        var rel: [Int] = []
        var irr: [Int] = []
        for i in 0..<min(decisions, records) {
            skip[i] = true
            if relevant[i] { rel.append(i) } else { irr.append(i) }
        }
        var times: [Double] = []
        for _ in 0..<rounds {
            let t0 = clock.now
            ranker.update(relevant: rel, irrelevant: irr)
            let next = ranker.best(skipping: skip)
            times.append(milliseconds(t0.duration(to: clock.now)))
            guard let next else { break }
            skip[next] = true
            if relevant[next] { rel.append(next) } else { irr.append(next) }
        }
        times.sort()
        return Result(
            records: records, decisions: decisions, features: ranker.matrix.columnCount,
            nonZeros: ranker.matrix.values.count,
            buildMilliseconds: build, medianRetrainMilliseconds: times.isEmpty ? 0 : times[times.count / 2],
            maxRetrainMilliseconds: times.last ?? 0)
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    /// Maps u in [0, 1) to [0, 20,000) with a heavy head.
    static func pow20000(_ u: Double) -> Double { Foundation_exp(u * Foundation_log(20_000)) - 1 }
}
