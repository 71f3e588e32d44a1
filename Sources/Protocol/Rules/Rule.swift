import Foundation

/// A rule of an automatic criterion, parsed from the rule language:
///
/// ```
/// year < 2015
/// language not in ["en", "nl"]
/// publication_type in ["Editorial", "Letter"] and not (title contains "trial*")
/// text matches /\bGP[- ]?led\b/
/// ```
///
/// Fields: see ``RuleField``. Operators: `and`, `or`, `not`, parentheses; `<`, `<=`, `>`,
/// `>=` (year only), `=`, `!=`, `in [...]`, `not in [...]`, `contains "term*"` (or a list of
/// terms: any of them), `matches /regex/`. `not` binds tightest, then `and`, then `or`.
/// A comparison on a field the record does not carry is false, whatever the operator.
public struct Rule: Hashable, Sendable, CustomStringConvertible {
    /// The rule as written.
    public let source: String
    let root: RuleNode

    /// Parses `source`.
    ///
    /// - Throws: ``RuleSyntaxError`` with the offending span (in Unicode scalars of `source`).
    public init(_ source: String) throws(RuleSyntaxError) {
        var parser = RuleParser(source)
        self.root = try parser.parseRule()
        self.source = source
    }

    public var description: String { source }

    public static func == (lhs: Rule, rhs: Rule) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// The fields this rule reads.
    public var fields: Set<RuleField> { root.fields }
}

/// A rule that does not parse: what and where (offsets in Unicode scalars of the rule).
public struct RuleSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Where in the rule text (Unicode scalar offsets).
    public var span: Range<Int>
    public var hint: String?

    public init(_ message: String, at span: Range<Int>, hint: String? = nil) {
        self.message = message
        self.span = span
        self.hint = hint
    }

    public var description: String {
        "\(span.lowerBound + 1): \(message)" + (hint.map { "; \($0)" } ?? "")
    }
}

/// Comparison operators.
enum RuleComparison: String, Hashable, Sendable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "="
    case notEqual = "!="
}

/// A literal in a rule.
enum RuleValue: Hashable, Sendable, CustomStringConvertible {
    case number(Int)
    case string(String)

    var description: String {
        switch self {
        case .number(let n): String(n)
        case .string(let s): "\"\(s)\""
        }
    }

    var text: String {
        switch self {
        case .number(let n): String(n)
        case .string(let s): s
        }
    }
}

/// A compiled regular expression, shared read-only (NSRegularExpression is immutable and thread-safe).
final class RuleRegex: Hashable, @unchecked Sendable {
    let pattern: String
    let regex: NSRegularExpression

    init(pattern: String) throws {
        self.pattern = pattern
        self.regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    static func == (lhs: RuleRegex, rhs: RuleRegex) -> Bool { lhs.pattern == rhs.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// The parsed rule. Every node keeps its span in the rule text for explanations.
indirect enum RuleNode: Hashable, Sendable {
    case and(RuleNode, RuleNode, span: Range<Int>)
    case or(RuleNode, RuleNode, span: Range<Int>)
    case not(RuleNode, span: Range<Int>)
    case compare(RuleField, RuleComparison, RuleValue, span: Range<Int>)
    /// `field in [...]`, or `field not in [...]` when `negated`.
    case within(RuleField, [RuleValue], negated: Bool, span: Range<Int>)
    case contains(RuleField, [Term], span: Range<Int>)
    case matches(RuleField, RuleRegex, span: Range<Int>)

    var span: Range<Int> {
        switch self {
        case .and(_, _, let span), .or(_, _, let span), .not(_, let span), .compare(_, _, _, let span),
            .within(_, _, _, let span), .contains(_, _, let span), .matches(_, _, let span):
            span
        }
    }

    var fields: Set<RuleField> {
        switch self {
        case .and(let a, let b, _), .or(let a, let b, _): a.fields.union(b.fields)
        case .not(let a, _): a.fields
        case .compare(let f, _, _, _), .within(let f, _, _, _), .contains(let f, _, _), .matches(let f, _, _): [f]
        }
    }
}
