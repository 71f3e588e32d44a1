public import Bibliography
public import Protocol

/// The order in which a reviewer sees records.
public enum QueueOrder: String, Hashable, Sendable, CaseIterable {
    /// Most likely relevant first (``Ranker``), with a share of random picks.
    case ranked
    /// A seeded random order.
    case random
    /// The order the records were given in (file order).
    case file
    /// Drawn at random for the stopping method (a random check), in any order the reviewer chose.
    /// Only decision logs write it (`"order":"check"`); it is not an order to choose.
    case check

    /// The orders a reviewer can choose (`--order`).
    public static var choosable: [QueueOrder] { [.ranked, .random, .file] }
}

/// One reviewer's queue at one stage, built from that reviewer's log only (blinding by
/// construction: there is no way to pass another reviewer's decisions in).
///
/// Records assigned to the reviewer (``ScreeningAssignment``) are shown once each; the pilot
/// records (the first `pilotSize` assigned ones in file order) come first for everyone, in the
/// same order; then the order chosen. In ranked order, one pick in ten (`explorationRate`) is a
/// random unscreened record, drawn from a hash of the seed and the number screened, so a resumed
/// session makes the same picks.
public final class ScreeningQueue {
    public let stage: ScreeningStage
    public let reviewer: String
    public let order: QueueOrder
    /// The stage's records, shared with every other reviewer's queue at the stage.
    public let corpus: ScreeningCorpus
    /// The queue's records, as rows of ``corpus``, in the order given.
    let rows: [Int]
    /// The keys of the records this reviewer screens at this stage, in the order given.
    public let keys: [RecordKey]
    public let explorationRate: Double
    public let seed: UInt64
    private let index: [RecordKey: Int]
    let pilot: [Int]
    private let randomOrder: [Int]
    /// Per row of ``corpus``: its position in this queue, or −1 when not this reviewer's.
    private let positionOfRow: [Int32]
    private(set) var ranker: Ranker?
    /// The stopping method of the status line (the protocol's, or ``StoppingMethod/default``).
    public let stoppingMethod: StoppingMethod
    /// The record last put forward as a random check, until it is decided.
    var offeredCheck: RecordKey?
    /// The stopping verdict for the decisions as they are now (cleared by ``refresh(_:)``).
    var verdictCache: StoppingVerdict?
    /// The last verdict computed, kept across decisions: the next estimate starts from it.
    var previousVerdict: StoppingVerdict?
    private var own: [RecordKey: DecisionEntry] = [:]
    private(set) var screenedOrder: [DecisionEntry] = []

    /// - Parameters:
    ///   - records: the records that reached `stage` (for full text:
    ///     ``ScreeningState/fullTextCandidates(among:)``), in file order.
    ///   - log: the reviewer's own log; its reviewer is the queue's reviewer.
    ///   - assignment: who screens what; nil: every record.
    ///   - includeTerms: the protocol's include-leaning terms at this stage (BM25 before the first inclusion).
    public convenience init(
        records: [Record], log: DecisionLogContents, stage: ScreeningStage, assignment: ScreeningAssignment? = nil,
        includeTerms: [String] = [], order: QueueOrder = .ranked, seed: UInt64 = 1, explorationRate: Double = 0.1,
        pilotSize: Int = 0, rankerConfiguration: Ranker.Configuration = .init(),
        stoppingMethod: StoppingMethod = .default
    ) {
        // The features of this reviewer's records only, as a queue built alone always had.
        let allKeys = records.map(\.key)
        let chosen = records.indices.filter { assignment?.isAssigned(allKeys[$0], to: log.reviewer) ?? true }
        let mine = chosen.map { records[$0] }
        let features =
            order == .ranked
            ? RankingFeatures(
                documents: mine.map(RankingDocument.init), includeTerms: includeTerms,
                options: rankerConfiguration.features) : nil
        self.init(
            corpus: ScreeningCorpus(records: mine, keys: chosen.map { allKeys[$0] }, features: features), log: log,
            stage: stage, assignment: nil,
            order: order, seed: seed, explorationRate: explorationRate, pilotSize: pilotSize,
            rankerConfiguration: rankerConfiguration, stoppingMethod: stoppingMethod)
    }

    /// A queue over a stage's shared records: this reviewer's rows of `corpus` (by `assignment`).
    ///
    /// - Parameters:
    ///   - corpus: the stage's records in file order, with features when `order` is ranked
    ///     (built with `rankerConfiguration.features`; without them the queue falls back to file order).
    /// - Complexity: O(rows of the corpus): no record is read.
    public init(
        corpus: ScreeningCorpus, log: DecisionLogContents, stage: ScreeningStage, assignment: ScreeningAssignment?,
        order: QueueOrder = .ranked, seed: UInt64 = 1, explorationRate: Double = 0.1, pilotSize: Int = 0,
        rankerConfiguration: Ranker.Configuration = .init(), stoppingMethod: StoppingMethod = .default
    ) {
        self.stage = stage
        self.stoppingMethod = stoppingMethod
        self.corpus = corpus
        reviewer = log.reviewer
        self.order = order
        self.seed = seed
        self.explorationRate = order == .ranked ? explorationRate : 0
        // Each record's key once (the corpus holds them): a hash key folds the whole title, far
        // too slow to redo in a sort's comparator or at every decision.
        let rows = corpus.keys.indices.filter { assignment?.isAssigned(corpus.keys[$0], to: log.reviewer) ?? true }
        self.rows = rows
        let keys = rows.map { corpus.keys[$0] }
        self.keys = keys
        index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var positionOfRow = [Int32](repeating: -1, count: corpus.count)
        for (i, r) in rows.enumerated() { positionOfRow[r] = Int32(i) }
        self.positionOfRow = positionOfRow
        pilot = Array(0..<min(max(0, pilotSize), keys.count))
        let hashes = keys.map { StableHash.hash($0.rawValue, seed: seed) }
        randomOrder = keys.indices.sorted { (hashes[$0], $0) < (hashes[$1], $1) }
        if order == .ranked, let features = corpus.features {
            let active: [Bool]? = rows.count == corpus.count ? nil : positionOfRow.map { $0 >= 0 }
            ranker = Ranker(features: features, active: active, configuration: rankerConfiguration)
        } else {
            ranker = nil
        }
        refresh(log)
    }

    /// The records this reviewer screens at this stage, in the order given (read from the index
    /// when the corpus does not hold them: prefer ``count`` and ``record(at:)``).
    public var records: [Record] { rows.map { corpus.record(at: $0) } }

    /// The number of records this reviewer screens at this stage.
    public var count: Int { rows.count }

    /// The `i`-th record of the queue (in the order given).
    public func record(at i: Int) -> Record { corpus.record(at: rows[i]) }

    /// The first record (in the order given) whose title holds every word of `text` (case
    /// ignored), and how many do; nil when none does. Reads every record of the queue.
    public func find(titleWords text: String) -> (first: Record, matches: Int)? {
        let words = text.lowercased().split(separator: " ")
        var first: Record?
        var matches = 0
        for i in rows.indices {
            let r = record(at: i)
            let title = r.title.lowercased()
            guard words.allSatisfy({ title.contains($0) }) else { continue }
            matches += 1
            if first == nil { first = r }
        }
        return first.map { ($0, matches) }
    }

    /// The databases that found the record `key` (empty when not in the queue).
    public func databases(of key: RecordKey) -> [String] { index[key].map { corpus.databases[rows[$0]] } ?? [] }

    /// Takes the reviewer's log again after a decision and, unless `retrain` is false, retrains
    /// the ranker (with false, ``rankerForRetraining()`` and ``adopt(_:)`` do it elsewhere;
    /// meanwhile the ranking stays as it was, decided records skipped).
    ///
    /// - Precondition: `log` is this queue's reviewer's log.
    public func refresh(_ log: DecisionLogContents, retrain: Bool = true) {
        precondition(log.reviewer == reviewer, "a queue only ever reads its own reviewer's log")
        verdictCache = nil
        own = log.current(at: stage)
        screenedOrder = log.screenedInOrder(at: stage).filter { index[$0.key] != nil }
        guard retrain, let ranker else { return }
        let rows = trainingRows
        ranker.update(relevant: rows.relevant, irrelevant: rows.irrelevant)
    }

    /// What the ranker learns from: the rows (of ``corpus``) decided relevant (include, maybe)
    /// and irrelevant (exclude).
    public var trainingRows: (relevant: [Int], irrelevant: [Int]) {
        var relevant: [Int] = []
        var irrelevant: [Int] = []
        for entry in screenedOrder {
            guard let i = index[entry.key].map({ rows[$0] }) else { continue }
            switch entry.decision {
            case .include, .maybe: relevant.append(i)
            case .exclude: irrelevant.append(i)
            case .notRetrieved, .retract: break
            }
        }
        return (relevant, irrelevant)
    }

    /// A copy of the ranker to retrain on ``trainingRows`` away from the queue; nil unless ranked.
    public func rankerForRetraining() -> Ranker? { ranker?.copy() }

    /// Takes a ranker retrained from ``rankerForRetraining()`` in place of the current one.
    public func adopt(_ retrained: Ranker) {
        guard ranker != nil else { return }
        ranker = retrained
    }

    /// The reviewer's current decision on `key` at this stage.
    public func decision(for key: RecordKey) -> DecisionEntry? { own[key] }

    /// True when `key` is one of the queue's records (none is read).
    public func contains(_ key: RecordKey) -> Bool { index[key] != nil }

    /// The record with this key, if it is in the queue.
    public func record(for key: RecordKey) -> Record? { index[key].map { record(at: $0) } }

    /// The order in which the queue puts `key` forward, as decision logs record it: `file` for
    /// a pilot record (pilot records come first, in file order, whatever the order chosen),
    /// else the queue's ``order`` (in ranked order the random picks included).
    public func order(of key: RecordKey) -> QueueOrder {
        if let i = index[key], i < pilot.count { return .file }
        if key == offeredCheck { return .check }
        return order
    }

    /// Records decided / still to decide / decided include or maybe.
    public var screenedCount: Int { screenedOrder.count }
    public var remainingCount: Int { count - screenedOrder.count }
    public var includedCount: Int { screenedOrder.filter { $0.decision.movesOn }.count }

    /// How the ranked order is computed now (nil unless ranked).
    public var rankingMode: Ranker.Mode? { ranker?.mode }

    /// The next record to show, skipping `later` unless nothing else is left; nil when done.
    public func next(later: Set<RecordKey> = []) -> Record? { nextPosition(later: later).map { record(at: $0) } }

    /// The position in the queue of ``next(later:)``'s record, which is read only then.
    func nextPosition(later: Set<RecordKey>) -> Int? {
        var skip = keys.map { own[$0] != nil || later.contains($0) }
        if !skip.contains(false) {
            skip = keys.map { own[$0] != nil }
            // Only "later" records left: in the order they were put off.
            for key in later { if let i = index[key], !skip[i] { return i } }
        }
        guard skip.contains(false) else { return nil }
        if let i = pilot.first(where: { !skip[$0] }) { return i }
        if let i = randomCheck(skipping: skip) { return i }
        offeredCheck = nil
        switch order {
        case .file:
            return skip.firstIndex(of: false)
        case .random:
            return randomOrder.first { !skip[$0] }
        case .ranked, .check:
            let picks = screenedOrder.count
            if explorationRate > 0, StableHash.unit("pick:\(picks)", seed: seed) < explorationRate {
                let open = keys.indices.filter { !skip[$0] }
                let choice = Int(StableHash.hash("choice:\(picks)", seed: seed) % UInt64(open.count))
                return open[choice]
            }
            guard let ranker else { return skip.firstIndex(of: false) }
            if rows.count == corpus.count { return ranker.best(skipping: skip) }
            var skipRows = [Bool](repeating: true, count: corpus.count)
            for (i, r) in rows.enumerated() { skipRows[r] = skip[i] }
            return ranker.best(skipping: skipRows).map { Int(positionOfRow[$0]) }
        }
    }

    /// The row of ``corpus`` (and of the ranker) of `key`, when it is in the queue.
    func row(of key: RecordKey) -> Int? { index[key].map { rows[$0] } }

    /// The stopping test and estimate over this reviewer's decisions (see ``StoppingRule``).
    public func stopping(targetRecall: Double = 0.95, confidence: Double = 0.95) -> StoppingEstimate {
        StoppingRule.evaluate(
            labels: screenedOrder.map { $0.decision.movesOn }, total: count,
            rankedFrom: min(pilot.count, screenedOrder.count),
            targetRecall: targetRecall, confidence: confidence)
    }
}
