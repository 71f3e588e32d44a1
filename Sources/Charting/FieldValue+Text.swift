import Bibliography
public import Protocol

/// The one grammar for charted values typed by people: at the `scoping chart` prompt, in a
/// filled-in charting sheet (CSV or xlsx), and in the browser. Every spelling any of them took
/// is taken by all.
public enum FieldValueText {
    /// Why a typed value was not taken; the message says what was expected.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    /// A finding's direction: the id (`no_difference`), the English or Dutch label (`no
    /// difference`, `geen verschil`), the American spelling (`favorable`), or a symbol (`+`, `=`,
    /// `0`, `-`, `−`, `±`, `+/-`), in any case. `.some(nil)` is "reported, direction not known
    /// yet" (`?` or nothing); nil is a word that names no direction.
    public static func direction(_ raw: String) -> FindingDirection?? {
        let word = raw.trimmingSpacesAndNewlines()
        switch word {
        case "", "?": return .some(nil)
        case "+": return .favourable
        case "=", "0": return .noDifference
        case "-", "−": return .unfavourable
        case "±", "+/-": return .mixed
        default: break
        }
        let folded = Text.foldForMatching(word)
        for direction in FindingDirection.allCases {
            let names = [direction.rawValue, direction.label.en, direction.label.nl]
            if names.contains(where: { Text.foldForMatching($0) == folded }) { return direction }
        }
        switch folded {
        case Text.foldForMatching("favorable"): return .favourable
        case Text.foldForMatching("unfavorable"): return .unfavourable
        default: return nil
        }
    }

    /// The message for a word that names no direction.
    public static let directionsExpected =
        "expected favourable, no_difference, unfavourable, mixed or ? (not known yet)"

    /// A choice by id, by its 1-based number, or by its English or Dutch label (any case,
    /// accents folded); returns the choice's id.
    public static func choice(_ token: String, of field: CodebookField) throws(Problem) -> String {
        if field.choice(token) != nil { return token }
        if let n = Int(token), n >= 1, n <= field.choices.count { return field.choices[n - 1].id }
        let folded = Text.foldForMatching(token)
        let match = field.choices.first {
            Text.foldForMatching($0.id) == folded || Text.foldForMatching($0.label.en) == folded
                || Text.foldForMatching($0.label.nl) == folded
        }
        if let match { return match.id }
        let known = field.choices.prefix(8).map(\.id).joined(separator: ", ") + (field.choices.count > 8 ? ", …" : "")
        throw Problem(message: "unknown choice '\(token)'; expected one of \(known)")
    }

    /// Choices separated by `,`, `;` or `|`, each as ``choice(_:of:)`` takes it; duplicates
    /// dropped, order kept. A single-choice field takes one.
    public static func choices(_ text: String, of field: CodebookField) throws(Problem) -> [String] {
        var ids: [String] = []
        for token in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }) {
            let t = token.trimmingSpacesAndNewlines()
            if t.isEmpty { continue }
            let id = try choice(t, of: field)
            if !ids.contains(id) { ids.append(id) }
        }
        if field.type == .singleChoice, ids.count > 1 { throw Problem(message: "one choice only, found \(ids.count)") }
        return ids
    }

    /// A number, with `.` or `,` as the decimal mark.
    public static func number(_ text: String) throws(Problem) -> Double {
        let t = text.trimmingSpacesAndNewlines()
        guard let n = Double(t.replacingOccurrences(of: ",", with: ".")), n.isFinite else {
            throw Problem(message: "'\(text)' is not a number")
        }
        return n
    }

    /// A value for `field` typed on one line. Findings are `outcome:direction[:measure[:finding]]`
    /// items separated by `;` (the outcome as a choice, the direction as ``direction(_:)``).
    public static func parse(_ text: String, for field: CodebookField) throws(Problem) -> FieldValue {
        switch field.type {
        case .text:
            return .text(text)
        case .number:
            return .number(try number(text))
        case .singleChoice, .multipleChoice:
            return .choices(try choices(text, of: field))
        case .findings:
            var list: [OutcomeFinding] = []
            for item in text.split(separator: ";") {
                let parts = item.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
                    .map { $0.trimmingSpacesAndNewlines() }
                guard let outcome = parts.first, !outcome.isEmpty else { continue }
                let id = try choice(outcome, of: field)
                guard let direction = direction(parts.count > 1 ? parts[1] : "") else {
                    throw Problem(message: "unknown direction '\(parts[1])'; \(directionsExpected)")
                }
                let measure = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
                let finding = parts.count > 3 && !parts[3].isEmpty ? parts[3] : nil
                list.append(OutcomeFinding(outcome: id, direction: direction, measure: measure, finding: finding))
            }
            return .findings(list)
        }
    }

    /// A value as it is typed back: ids for choices, `outcome:direction` for findings;
    /// `- (not reported)` for no value.
    public static func typed(_ value: FieldValue?) -> String {
        guard let value else { return "- (not reported)" }
        switch value {
        case .text(let s): return s
        case .number(let n): return FieldValue.format(n)
        case .choices(let ids): return ids.joined(separator: ", ")
        case .findings(let list):
            return list.map { f in
                var s = f.outcome + ":" + (f.direction?.rawValue ?? "?")
                if let m = f.measure { s += ":" + m }
                if let text = f.finding { s += (f.measure == nil ? "::" : ":") + text }
                return s
            }.joined(separator: "; ")
        }
    }
}
