public import Bibliography
public import Foundation

/// Why a rule held on a record: one piece of evidence per condition that fired.
public struct RuleEvidence: Hashable, Sendable, CustomStringConvertible {
    /// The condition as written in the rule (`year < 2015`, `not (language in ["en"])`).
    public var condition: String
    /// The field the condition read.
    public var field: RuleField
    /// What fired: the value compared, or the text a term or pattern matched.
    public var value: String

    public init(condition: String, field: RuleField, value: String) {
        self.condition = condition
        self.field = field
        self.value = value
    }

    /// `year < 2015 (year = 2012)`.
    public var description: String { "\(condition) (\(field.rawValue) = \(value))" }
}

/// The outcome of a rule on one record.
public struct RuleEvaluation: Hashable, Sendable {
    public var holds: Bool
    /// When the rule holds: the conditions that made it hold, left to right.
    public var evidence: [RuleEvidence]
}

/// Limits that keep a rule's cost bounded on any input.
public enum RuleLimits {
    /// Text longer than this (in UTF-16 units) is cut before a regular expression sees it.
    public static let regexInputLength = 20_000
    /// A regular expression that runs longer than this on one value is stopped and counts as
    /// no match.
    public static let regexTimeLimit: TimeInterval = 0.05
}

/// The values of a record's fields, read and folded once however many rules look at them.
public struct RecordFields {
    public let record: Record
    private var values: [RuleField: [String]] = [:]
    private var folded: [RuleField: [FoldedText]] = [:]

    public init(_ record: Record) {
        self.record = record
    }

    mutating func values(_ field: RuleField) -> [String] {
        if let cached = values[field] { return cached }
        let v = field.values(of: record)
        values[field] = v
        return v
    }

    mutating func folded(_ field: RuleField) -> [FoldedText] {
        if let cached = folded[field] { return cached }
        let f = values(field).map(FoldedText.init)
        folded[field] = f
        return f
    }
}

extension Rule {
    /// Evaluates the rule on `record`.
    public func evaluate(_ record: Record) -> RuleEvaluation {
        var fields = RecordFields(record)
        return evaluate(&fields)
    }

    /// Evaluates the rule on a record's cached fields (share `fields` across rules).
    public func evaluate(_ fields: inout RecordFields) -> RuleEvaluation {
        var evidence: [RuleEvidence] = []
        let holds = eval(root, &fields, &evidence)
        return RuleEvaluation(holds: holds, evidence: holds ? evidence : [])
    }

    private func text(_ span: Range<Int>) -> String {
        let scalars = source.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: span.lowerBound)
        let upper = scalars.index(scalars.startIndex, offsetBy: span.upperBound)
        return String(scalars[lower..<upper])
    }

    private func eval(_ node: RuleNode, _ fields: inout RecordFields, _ evidence: inout [RuleEvidence]) -> Bool {
        switch node {
        case .and(let a, let b, _):
            let mark = evidence.count
            guard eval(a, &fields, &evidence), eval(b, &fields, &evidence) else {
                evidence.removeSubrange(mark...)
                return false
            }
            return true
        case .or(let a, let b, _):
            let left = eval(a, &fields, &evidence)
            let right = eval(b, &fields, &evidence)  // both, so every firing branch is explained
            return left || right
        case .not(let inner, let span):
            var discarded: [RuleEvidence] = []
            if eval(inner, &fields, &discarded) { return false }
            for field in inner.fields.sorted(by: { $0.rawValue < $1.rawValue }) {
                let values = fields.values(field)
                evidence.append(
                    RuleEvidence(
                        condition: text(span), field: field,
                        value: values.isEmpty ? "(none)" : values.joined(separator: "; ")))
            }
            return true
        case .compare(let field, .notEqual, let value, let span):
            // `!=` is `not in [value]`: the field has values and none equals the literal.
            return eval(.within(field, [value], negated: true, span: span), &fields, &evidence)
        case .compare(let field, let op, let value, let span):
            for v in fields.values(field) where compare(v, op, value, field: field) {
                evidence.append(RuleEvidence(condition: text(span), field: field, value: v))
                return true
            }
            return false
        case .within(let field, let list, let negated, let span):
            let values = fields.values(field)
            guard !values.isEmpty else { return false }
            if negated {
                guard !values.contains(where: { v in list.contains { compare(v, .equal, $0, field: field) } }) else {
                    return false
                }
                evidence.append(
                    RuleEvidence(condition: text(span), field: field, value: values.joined(separator: "; ")))
                return true
            }
            for v in values where list.contains(where: { compare(v, .equal, $0, field: field) }) {
                evidence.append(RuleEvidence(condition: text(span), field: field, value: v))
                return true
            }
            return false
        case .contains(let field, let terms, let span):
            for folded in fields.folded(field) {
                for term in terms {
                    if let range = term.firstRange(in: folded) {
                        evidence.append(
                            RuleEvidence(condition: text(span), field: field, value: String(folded.original[range])))
                        return true
                    }
                }
            }
            return false
        case .matches(let field, let regex, let span):
            for v in fields.values(field) {
                if let hit = Rule.firstMatch(regex.regex, in: v) {
                    evidence.append(RuleEvidence(condition: text(span), field: field, value: hit))
                    return true
                }
            }
            return false
        }
    }

    /// Compares a record value with a literal. Strings compare folded (case and accents
    /// ignored); a literal ending in `*` matches values starting with the rest; languages
    /// compare as ISO 639-1 codes.
    private func compare(_ value: String, _ op: RuleComparison, _ literal: RuleValue, field: RuleField) -> Bool {
        switch literal {
        case .number(let n):
            guard let v = Int(value) else { return false }
            switch op {
            case .less: return v < n
            case .lessOrEqual: return v <= n
            case .greater: return v > n
            case .greaterOrEqual: return v >= n
            case .equal: return v == n
            case .notEqual: return v != n
            }
        case .string(let s):
            let equal: Bool
            if field == .language {
                equal = value == LanguageCode.normalize(s)
            } else if s.hasSuffix("*") {
                let prefix = FoldedText(String(s.dropLast())).foldedLetters
                equal = FoldedText(value).foldedLetters.hasPrefix(prefix)
            } else {
                equal = FoldedText(value).foldedLetters == FoldedText(s).foldedLetters
            }
            switch op {
            case .equal: return equal
            case .notEqual: return !equal
            default: return false
            }
        }
    }

    /// The first match of `regex` in `text` (cut to ``RuleLimits/regexInputLength``), or nil
    /// when there is none or the time limit ran out.
    static func firstMatch(_ regex: NSRegularExpression, in text: String) -> String? {
        let ns = text as NSString
        let length = min(ns.length, RuleLimits.regexInputLength)
        let start = Date()
        var found: NSRange?
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: length)) {
            match, _, stop in
            if let match {
                found = match.range
                stop.pointee = true
            } else if Date().timeIntervalSince(start) > RuleLimits.regexTimeLimit {
                stop.pointee = true
            }
        }
        return found.map { ns.substring(with: $0) }
    }
}
