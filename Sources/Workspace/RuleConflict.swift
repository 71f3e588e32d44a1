public import Bibliography
import Charting
public import Protocol
import Screening

/// A study the protocol's automatic criteria exclude now, though people included it (or charted
/// it): human work outranks a later rule. The study stays in screening and in the report, and
/// `scoping check`, `scoping status` and the report list it, until a person excludes it (by
/// reconciling, or with `scoping criteria --confirm`, which logs that exclusion).
public struct RuleConflict: Hashable, Sendable {
    public var key: RecordKey
    /// The criterion that excludes it now.
    public var criterion: String
    /// The stage people last moved it on at: where a confirmation excludes it.
    public var stage: ScreeningStage
    /// What people did: `included by anna at title/abstract`, `charted by bram`.
    public var by: [String]
}

extension RuleConflict {
    /// The rule conflicts among `verdicts` (a criterion id: excluded by the rules), in key order.
    ///
    /// A study counts as people's when a reviewer's latest decision on it, at either stage, is
    /// include or maybe (or a reconciliation included it), or when it has charting entries;
    /// unless people excluded it themselves (a final exclusion, or not retrieved).
    /// - Complexity: O(studies + charting entries).
    static func find(verdicts: [RecordKey: String?], screening: ScreeningState, charting: [ChartingEntry])
        -> [RuleConflict]
    {
        var chartedBy: [RecordKey: Set<String>] = [:]
        for entry in charting { chartedBy[entry.study, default: []].insert(entry.reviewer) }
        var out: [RuleConflict] = []
        for (key, verdict) in verdicts {
            guard let criterion = verdict ?? nil else { continue }
            let ta = screening.status(of: key, at: .titleAbstract)
            let ft = screening.status(of: key, at: .fullText)
            if case .excluded = ta { continue }
            if case .excluded = ft { continue }
            if case .notRetrieved = ft { continue }
            var by: [String] = []
            var stage = ScreeningStage.titleAbstract
            for s in ScreeningStage.allCases {
                var movers = screening.decisions(on: key, at: s).values.filter { $0.decision.movesOn }.map(\.reviewer)
                if let r = screening.reconciliations[s]?[key], r.decision.movesOn { movers.append(r.reviewer) }
                for reviewer in Set(movers).sorted() {
                    by.append("included by \(reviewer) at \(s == .titleAbstract ? "title/abstract" : "full text")")
                }
                if !movers.isEmpty { stage = s }
            }
            for reviewer in (chartedBy[key] ?? []).sorted() { by.append("charted by \(reviewer)") }
            if !(chartedBy[key] ?? []).isEmpty { stage = .fullText }
            guard !by.isEmpty else { continue }
            out.append(RuleConflict(key: key, criterion: criterion, stage: stage, by: by))
        }
        return out.sorted { $0.key < $1.key }
    }
}
