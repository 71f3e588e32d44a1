public import Bibliography
public import Protocol

/// Where a record stands at a stage once every reviewer's log is read.
public enum RecordStatus: Hashable, Sendable {
    /// Nobody has decided yet.
    case unscreened
    /// Some assigned reviewers have decided, these have not.
    case awaiting([String])
    /// Reviewers disagree (include or maybe against exclude, or not-retrieved against another
    /// decision) and nobody has reconciled.
    case conflict
    /// Goes on (included, or maybe, by everyone or by reconciliation).
    case included(reconciled: Bool)
    /// Excluded; `reason` is the criterion id (the reconciler's, or the first reviewer's).
    case excluded(reason: String?, reconciled: Bool)
    /// Full text: the report could not be retrieved.
    case notRetrieved(reconciled: Bool)

    /// True when the record's status at this stage is final.
    public var isFinal: Bool {
        switch self {
        case .included, .excluded, .notRetrieved: true
        case .unscreened, .awaiting, .conflict: false
        }
    }
}

/// Reviewers disagreeing about one record.
public struct Conflict: Hashable, Sendable {
    public var key: RecordKey
    public var stage: ScreeningStage
    /// Each reviewer's current decision (with reason and note), in the protocol's reviewer order.
    public var decisions: [DecisionEntry]
    /// The reconciliation, when someone has resolved it.
    public var resolution: DecisionEntry?
}

/// Counts for one stage over a set of records.
public struct StageSummary: Hashable, Sendable {
    public var records = 0
    public var unscreened = 0
    public var awaiting = 0
    public var conflicts = 0
    public var included = 0
    public var excluded = 0
    /// Exclusions per criterion id (`""` for exclusions without a reason).
    public var exclusionReasons: [String: Int] = [:]
    public var notRetrieved = 0
    /// Final decisions that came from a reconciliation.
    public var reconciled = 0

    public init() {}
}

/// The state of screening from all reviewers' logs: decisions per stage and record,
/// conflicts, reconciliations and final statuses.
///
/// Built for the team view (conflicts, agreement, reports). A reviewer's own queue never uses
/// it while screening blinded: see ``ScreeningQueue``, which takes only that reviewer's log.
public struct ScreeningState: Sendable {
    public let plan: ScreeningPlan
    /// Per stage, per record, each reviewer's current decision.
    public let decisions: [ScreeningStage: [RecordKey: [String: DecisionEntry]]]
    /// Per stage, per record, the latest reconciliation (by time, then reviewer).
    public let reconciliations: [ScreeningStage: [RecordKey: DecisionEntry]]

    /// - Complexity: O(n) in the total number of log entries.
    public init(logs: [DecisionLogContents], plan: ScreeningPlan) {
        self.plan = plan
        var decisions: [ScreeningStage: [RecordKey: [String: DecisionEntry]]] = [:]
        var reconciliations: [ScreeningStage: [RecordKey: DecisionEntry]] = [:]
        for log in logs {
            for stage in ScreeningStage.allCases {
                for (key, entry) in log.current(at: stage) {
                    decisions[stage, default: [:]][key, default: [:]][log.reviewer] = entry
                }
                for (key, entry) in log.reconciliations(at: stage) {
                    if let other = reconciliations[stage]?[key],
                        (other.time, other.reviewer) > (entry.time, entry.reviewer)
                    {
                        continue
                    }
                    reconciliations[stage, default: [:]][key] = entry
                }
            }
        }
        self.decisions = decisions
        self.reconciliations = reconciliations
    }

    /// Each reviewer's current decision on `key` at `stage`.
    public func decisions(on key: RecordKey, at stage: ScreeningStage) -> [String: DecisionEntry] {
        decisions[stage]?[key] ?? [:]
    }

    /// The record's status at `stage`.
    public func status(of key: RecordKey, at stage: ScreeningStage) -> RecordStatus {
        if let r = reconciliations[stage]?[key] { return Self.status(of: r, reconciled: true) }
        let mine = decisions(on: key, at: stage)
        let assigned = ScreeningAssignment(plan: plan, stage: stage)
            .reviewers(for: key, decidedBy: mine.filter { $0.value.decision != .retract }.keys)
        if mine.isEmpty { return .unscreened }
        let missing = assigned.filter { mine[$0] == nil }
        let ordered = orderedDecisions(mine)
        let kinds = Set(ordered.map { $0.decision == .maybe ? Decision.include : $0.decision })
        if kinds.count > 1 { return .conflict }
        if ordered.count < assigned.count, !missing.isEmpty { return .awaiting(missing) }
        return Self.status(of: ordered[0], reconciled: false)
    }

    private static func status(of entry: DecisionEntry, reconciled: Bool) -> RecordStatus {
        switch entry.decision {
        case .include, .maybe: .included(reconciled: reconciled)
        case .exclude: .excluded(reason: entry.reason, reconciled: reconciled)
        case .notRetrieved: .notRetrieved(reconciled: reconciled)
        case .retract: .unscreened
        }
    }

    /// Decisions in the protocol's reviewer order, then others by name.
    private func orderedDecisions(_ byReviewer: [String: DecisionEntry]) -> [DecisionEntry] {
        let rank = Dictionary(plan.reviewers.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return byReviewer.values.sorted {
            (rank[$0.reviewer] ?? Int.max, $0.reviewer) < (rank[$1.reviewer] ?? Int.max, $1.reviewer)
        }
    }

    /// Records where reviewers disagree at `stage`, by key; resolved ones only when asked.
    ///
    /// - Complexity: O(r log r) in the records decided at the stage.
    public func conflicts(at stage: ScreeningStage, includingResolved: Bool = false) -> [Conflict] {
        var out: [Conflict] = []
        for (key, byReviewer) in decisions[stage] ?? [:] {
            let ordered = orderedDecisions(byReviewer)
            let kinds = Set(ordered.map { $0.decision == .maybe ? Decision.include : $0.decision })
            guard kinds.count > 1 else { continue }
            let resolution = reconciliations[stage]?[key]
            if resolution != nil, !includingResolved { continue }
            out.append(Conflict(key: key, stage: stage, decisions: ordered, resolution: resolution))
        }
        return out.sorted { $0.key < $1.key }
    }

    /// Of `keys`, those included at title/abstract (after reconciliation), in the given order:
    /// the records that go on to full text.
    public func fullTextCandidates(among keys: [RecordKey]) -> [RecordKey] {
        keys.filter { if case .included = status(of: $0, at: .titleAbstract) { true } else { false } }
    }

    /// Counts for `stage` over `keys` (the records that reached the stage).
    public func summary(at stage: ScreeningStage, keys: [RecordKey]) -> StageSummary {
        var s = StageSummary()
        s.records = keys.count
        for key in keys {
            switch status(of: key, at: stage) {
            case .unscreened: s.unscreened += 1
            case .awaiting: s.awaiting += 1
            case .conflict: s.conflicts += 1
            case .included(let r):
                s.included += 1
                if r { s.reconciled += 1 }
            case .excluded(let reason, let r):
                s.excluded += 1
                s.exclusionReasons[reason ?? "", default: 0] += 1
                if r { s.reconciled += 1 }
            case .notRetrieved(let r):
                s.notRetrieved += 1
                if r { s.reconciled += 1 }
            }
        }
        return s
    }
}
