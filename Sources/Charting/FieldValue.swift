public import Protocol

/// A value charted for one codebook field.
///
/// In a charting log it is written as plain JSON: a string (text), a number, an array of choice
/// ids (single and multiple choice), or an array of findings (a `findings` field).
public enum FieldValue: Hashable, Sendable {
    case text(String)
    case number(Double)
    /// Choice ids in the order chosen (one for a single-choice field).
    case choices([String])
    /// Per-outcome findings, one per outcome reported.
    case findings([OutcomeFinding])

    /// True when the value holds nothing (empty text, no choice, no finding).
    public var isEmpty: Bool {
        switch self {
        case .text(let s): s.trimmingSpacesAndNewlines().isEmpty
        case .number: false
        case .choices(let c): c.isEmpty
        case .findings(let f): f.isEmpty
        }
    }

    /// The choice ids, for choice values (empty otherwise).
    public var choiceIDs: [String] {
        if case .choices(let ids) = self { return ids }
        return []
    }

    /// The findings, for findings values (empty otherwise).
    public var findingList: [OutcomeFinding] {
        if case .findings(let list) = self { return list }
        return []
    }

    /// The value as the field's type expects it: an empty array read from a log becomes empty
    /// findings for a `findings` field.
    public func normalized(for field: CodebookField) -> FieldValue {
        if field.type == .findings, case .choices(let ids) = self, ids.isEmpty { return .findings([]) }
        return self
    }

    /// The value as one line of plain text: choice labels joined with `; `, numbers without a
    /// trailing `.0`, findings as `label: direction (measure)`.
    public func display(for field: CodebookField?, in language: ReportLanguage) -> String {
        switch self {
        case .text(let s): return s
        case .number(let n): return FieldValue.format(n)
        case .choices(let ids):
            return ids.map { id in field?.choice(id)?.label.text(in: language) ?? id }.joined(separator: "; ")
        case .findings(let list):
            return list.map { finding in
                var s = field?.choice(finding.outcome)?.label.text(in: language) ?? finding.outcome
                if let direction = finding.direction { s += ": " + direction.label.text(in: language) }
                if let measure = finding.measure, !measure.isEmpty { s += " (" + measure + ")" }
                return s
            }.joined(separator: "; ")
        }
    }

    /// `12` for 12.0, `2.5` for 2.5: numbers as a person writes them.
    public static func format(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
        return String(n)
    }
}

/// One outcome a study reports, with the direction of its finding.
public struct OutcomeFinding: Hashable, Codable, Sendable {
    /// The outcome: a choice id of the `findings` field (`effectiveness`).
    public var outcome: String
    /// The direction; nil while only suggested (a confirmed finding has one).
    public var direction: FindingDirection?
    /// What was measured (`HbA1c`, `EQ-5D`), optional.
    public var measure: String?
    /// A short finding in words, optional.
    public var finding: String?

    public init(outcome: String, direction: FindingDirection?, measure: String? = nil, finding: String? = nil) {
        self.outcome = outcome
        self.direction = direction
        self.measure = measure
        self.finding = finding
    }
}

extension FieldValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) {
            self = .text(s)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let ids = try? container.decode([String].self) {
            self = .choices(ids)
        } else if let list = try? container.decode([OutcomeFinding].self) {
            self = .findings(list)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a string, a number, an array of choice ids or an array of findings"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let s): try container.encode(s)
        case .number(let n):
            if n.isFinite, n == n.rounded(), abs(n) < 1e15 {
                try container.encode(Int(n))
            } else {
                try container.encode(n)
            }
        case .choices(let ids): try container.encode(ids)
        case .findings(let list): try container.encode(list)
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing whitespace and line breaks.
    func trimmingSpacesAndNewlines() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace || f.isNewline { s.removeFirst() }
        while let l = s.last, l.isWhitespace || l.isNewline { s.removeLast() }
        return String(s)
    }
}
