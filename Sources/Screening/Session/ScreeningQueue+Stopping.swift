public import Bibliography

extension ScreeningQueue {
    /// What the stopping method sees in this reviewer's decisions: the labels in the order
    /// decided, which were random checks (logged with `"order":"check"`), and how many relevant
    /// random checks the ranking has reached by now.
    public var stoppingObservation: StoppingObservation {
        let entries = screenedOrder
        return StoppingObservation(
            labels: entries.map(\.decision.movesOn), checks: entries.map { $0.order == .check },
            total: count, rankedFrom: min(pilot.count, entries.count), checksReached: checksReached(entries))
    }

    /// The stopping method's verdict on this reviewer's decisions, with its estimate.
    /// - Complexity: the test's windows O(n + k·min(k, m)), times a few evaluations for the
    ///   estimate (its search starts from the previous decision's); once per decision (cached).
    public func stoppingVerdict() -> StoppingVerdict {
        if let verdictCache { return verdictCache }
        let verdict = stoppingMethod.evaluate(stoppingObservation, previous: previousVerdict)
        verdictCache = verdict
        previousVerdict = verdict
        return verdict
    }

    /// True when `key` was (or is now offered as) a random check.
    public func isRandomCheck(_ key: RecordKey) -> Bool {
        key == offeredCheck || decision(for: key)?.order == .check
    }

    /// A random check to show next, when the method asks for one (ranked order only: in random
    /// order every record is a random draw already). Drawn from a hash of the seed and the number
    /// screened, so a resumed session offers the same record.
    func randomCheck(skipping skip: [Bool]) -> Int? {
        guard order == .ranked, stoppingMethod.kind.usesRandomChecks else { return nil }
        guard stoppingMethod.evaluate(stoppingObservation, estimate: false).wantsRandomCheck else { return nil }
        let open = keys.indices.filter { !skip[$0] }
        guard !open.isEmpty else { return nil }
        let i = open[Int(StableHash.hash("check:\(screenedCount)", seed: seed) % UInt64(open.count))]
        offeredCheck = keys[i]
        return i
    }

    /// Relevant random checks the ranking has reached: the model scores them at least as high as
    /// the best record still to screen, so ranked screening would have shown them by now.
    func checksReached(_ entries: [DecisionEntry]) -> Int? {
        guard stoppingMethod.kind == .target || stoppingMethod.kind == .qbcb, let ranker, ranker.mode == .model
        else { return nil }
        let relevantChecks = entries.filter { $0.order == .check && $0.decision.movesOn }.compactMap {
            row(of: $0.key)
        }
        guard !relevantChecks.isEmpty else { return 0 }
        let frontier = ranker.scores.max() ?? -.infinity
        return relevantChecks.filter { ranker.decidedScore($0) >= frontier }.count
    }
}
