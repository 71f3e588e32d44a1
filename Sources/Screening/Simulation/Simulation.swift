import Bibliography

/// A record with a known label, for simulation.
public struct LabelledRecord: Hashable, Sendable {
    public var title: String
    public var abstract: String
    /// Author keywords and MeSH descriptors, read by the ranking as in `scoping screen` (the
    /// labelled CSV sets have none).
    public var keywords: [String]
    public var relevant: Bool

    public init(title: String, abstract: String, keywords: [String] = [], relevant: Bool) {
        self.title = title
        self.abstract = abstract
        self.keywords = keywords
        self.relevant = relevant
    }
}

/// One point of a simulated screening run, after `screened` records.
public struct SimulationPoint: Hashable, Sendable {
    public var screened: Int
    public var found: Int
    /// The stopping test at this point (see ``StoppingRule``).
    public var pValue: Double
    public var reached: Bool
}

/// What a simulated screening run measured.
public struct SimulationResult: Hashable, Sendable {
    public var total: Int
    public var relevant: Int
    public var seed: UInt64
    /// The prior records (one relevant, one not), screened first.
    public var priors: [Int]
    /// Record indices in the order screened (priors first), up to the point where every
    /// relevant record was found and the stopping test had fired.
    public var order: [Int]
    /// One point per screened record.
    public var curve: [SimulationPoint]
    /// Records screened (priors included) to find ⌈0.95·relevant⌉ and all relevant records.
    public var recordsFor95: Int
    public var recordsFor100: Int
    /// Work saved over sampling: (N − recordsFor95)/N − 0.05, and (N − recordsFor100)/N.
    public var wss95: Double { Double(total - recordsFor95) / Double(total) - 0.05 }
    public var wss100: Double { Double(total - recordsFor100) / Double(total) }
    /// Records screened when the stopping test first said the target was reached, and the
    /// recall then; nil when it never did.
    public var stoppedAt: Int?
    public var recallAtStop: Double?
    /// Milliseconds per retrain and rescore, median and maximum, when measured.
    public var medianRetrainMilliseconds: Double?
    public var maxRetrainMilliseconds: Double?

    /// The recall curve as CSV: `screened,found,recall,p_value,stop`.
    public var curveCSV: String {
        var out = "screened,found,recall,p_value,stop\n"
        for p in curve {
            out +=
                "\(p.screened),\(p.found),\(fmt(Double(p.found) / Double(max(1, relevant)))),\(fmt(p.pValue)),\(p.reached ? 1 : 0)\n"
        }
        return out
    }

    private func fmt(_ x: Double) -> String {
        let scaled = (x * 10_000).rounded() / 10_000
        return String(scaled)
    }
}

/// Replays screening on a labelled set: ranked order, retraining after every record, as a
/// reviewer would see it with ``Ranker``.
public enum Simulation {
    /// Runs one simulation.
    ///
    /// Prior knowledge: one relevant and one irrelevant record drawn with `seed` (as ASReview's
    /// simulations do), screened first and counted as screened. Then the model retrains after
    /// each record and the best-scoring unscreened record is screened next. Runs until every
    /// relevant record is found and the stopping test has fired (or everything is screened);
    /// after the last relevant record, retraining is skipped (the order of irrelevant records
    /// no longer changes any figure).
    ///
    /// - Parameters:
    ///   - includeTerms: keyword query for BM25 (unused once the priors are known; kept for parity).
    ///   - stoppingEvery: evaluate the stopping test at every `stoppingEvery`-th point (1 = every point).
    ///   - clock: when given, times each retrain (for benchmarks).
    /// - Complexity: one retrain per screened record; see docs/benchmarks.md.
    public static func run(
        records: [LabelledRecord], seed: UInt64, includeTerms: [String] = [],
        configuration: Ranker.Configuration = .init(),
        targetRecall: Double = 0.95, confidence: Double = 0.95, stoppingEvery: Int = 1, clock: ContinuousClock? = nil
    ) -> SimulationResult {
        let total = records.count
        let relevantIndices = records.indices.filter { records[$0].relevant }
        let irrelevantIndices = records.indices.filter { !records[$0].relevant }
        var result = SimulationResult(
            total: total, relevant: relevantIndices.count, seed: seed, priors: [], order: [], curve: [],
            recordsFor95: total, recordsFor100: total, stoppedAt: nil, recallAtStop: nil)
        guard !relevantIndices.isEmpty, !irrelevantIndices.isEmpty else { return result }
        var rng = SeededGenerator(seed: seed)
        let priors = [
            relevantIndices[Int(rng.next() % UInt64(relevantIndices.count))],
            irrelevantIndices[Int(rng.next() % UInt64(irrelevantIndices.count))],
        ]
        result.priors = priors
        let ranker = Ranker(
            documents: records.map { RankingDocument(title: $0.title, abstract: $0.abstract, keywords: $0.keywords) },
            includeTerms: includeTerms,
            configuration: configuration)
        var screened = [Bool](repeating: false, count: total)
        var labels: [Bool] = []
        var relevant: [Int] = []
        var irrelevant: [Int] = []
        let need95 = Int((0.95 * Double(relevantIndices.count)).rounded(.up))
        var times: [Double] = []

        func screen(_ i: Int) {
            screened[i] = true
            result.order.append(i)
            labels.append(records[i].relevant)
            if records[i].relevant { relevant.append(i) } else { irrelevant.append(i) }
            let found = relevant.count
            if found == need95, records[i].relevant { result.recordsFor95 = labels.count }
            if found == relevantIndices.count, records[i].relevant { result.recordsFor100 = labels.count }
            var point = SimulationPoint(screened: labels.count, found: found, pValue: 1, reached: false)
            if labels.count > priors.count, labels.count % max(1, stoppingEvery) == 0 || labels.count == total {
                let s = StoppingRule.evaluate(
                    labels: labels, total: total, rankedFrom: priors.count, targetRecall: targetRecall,
                    confidence: confidence)
                point.pValue = s.pValue
                point.reached = s.reached
                if s.reached, result.stoppedAt == nil {
                    result.stoppedAt = labels.count
                    result.recallAtStop = Double(found) / Double(relevantIndices.count)
                }
            }
            result.curve.append(point)
        }

        for p in priors { screen(p) }
        while labels.count < total {
            if relevant.count == relevantIndices.count {
                if result.stoppedAt != nil { break }
                // Everything left is irrelevant: the order no longer matters.
                guard let next = screened.firstIndex(of: false) else { break }
                screen(next)
                continue
            }
            let start = clock?.now
            ranker.update(relevant: relevant, irrelevant: irrelevant)
            guard let next = ranker.best(skipping: screened) else { break }
            if let clock, let start {
                let d = start.duration(to: clock.now)
                times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            screen(next)
        }
        if !times.isEmpty {
            let sorted = times.sorted()
            result.medianRetrainMilliseconds = sorted[sorted.count / 2]
            result.maxRetrainMilliseconds = sorted.last
        }
        return result
    }

    /// Runs `run` for several seeds.
    public static func run(records: [LabelledRecord], seeds: [UInt64], configuration: Ranker.Configuration = .init())
        -> [SimulationResult]
    {
        seeds.map { run(records: records, seed: $0, configuration: configuration) }
    }

    /// Convenience for tuples `(title, abstract, label)`.
    public static func run(records: [(title: String, abstract: String, label: Bool)], seed: UInt64) -> SimulationResult
    {
        run(
            records: records.map { LabelledRecord(title: $0.title, abstract: $0.abstract, relevant: $0.label) },
            seed: seed)
    }
}
