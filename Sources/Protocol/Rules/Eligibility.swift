public import Bibliography

/// The outcome of the automatic criteria on one record.
public enum Eligibility: Hashable, Sendable {
    /// No automatic criterion excludes the record: it goes to screening.
    case eligible
    /// Excluded: `criterion` is the first (in file order) that fired, the reason recorded;
    /// `firings` explains every criterion that fired, in file order.
    case ineligible(criterion: String, firings: [CriterionFiring])

    public var isEligible: Bool { self == .eligible }

    /// The exclusion reason, if excluded.
    public var reason: String? {
        if case .ineligible(let id, _) = self { return id }
        return nil
    }

    /// Every criterion that fired (empty when eligible).
    public var firings: [CriterionFiring] {
        if case .ineligible(_, let firings) = self { return firings }
        return []
    }
}

/// One automatic criterion that fired on a record, and why (for `--explain`).
public struct CriterionFiring: Hashable, Sendable, CustomStringConvertible {
    public var criterion: String
    /// The conditions of the rule that fired and on what text. For an inclusion criterion
    /// (id `I…`), which fires when its rule does not hold, this is empty.
    public var evidence: [RuleEvidence]

    public init(criterion: String, evidence: [RuleEvidence]) {
        self.criterion = criterion
        self.evidence = evidence
    }

    /// `E1: year < 2015 (year = 2012)`; several pieces of evidence are joined with `; `.
    public var description: String {
        evidence.isEmpty
            ? "\(criterion): rule does not hold"
            : "\(criterion): " + evidence.map(\.description).joined(separator: "; ")
    }
}

extension ReviewProtocol {
    /// Applies the automatic criteria to `record`.
    ///
    /// Every automatic criterion is evaluated (so the explanation is complete); the first one
    /// that fires, in file order, is the reason.
    ///
    /// - Complexity: O(criteria × text length); each field is read and folded once.
    public func evaluate(_ record: Record) -> Eligibility {
        var fields = RecordFields(record)
        var firings: [CriterionFiring] = []
        for criterion in criteria where criterion.stage == .auto {
            guard let rule = criterion.rule else { continue }
            let result = rule.evaluate(&fields)
            if criterion.isInclusion {
                if !result.holds { firings.append(CriterionFiring(criterion: criterion.id, evidence: [])) }
            } else if result.holds {
                firings.append(CriterionFiring(criterion: criterion.id, evidence: result.evidence))
            }
        }
        guard let first = firings.first else { return .eligible }
        return .ineligible(criterion: first.criterion, firings: firings)
    }
}
