public import Protocol

/// Reading typed values for a codebook field: what `scoping chart` and the charting page of
/// `scoping serve` accept, with the same messages.
public enum ChartValue {
    /// Why a typed value is refused (`'x' is not a number`).
    public struct Problem: Error { public var message: String }

    public static let directions: [String: FindingDirection?] = [
        "+": .favourable, "favourable": .favourable, "favorable": .favourable, "gunstig": .favourable,
        "=": .noDifference, "0": .noDifference, "no_difference": .noDifference, "no difference": .noDifference, "geen verschil": .noDifference,
        "-": .unfavourable, "−": .unfavourable, "unfavourable": .unfavourable, "unfavorable": .unfavourable, "ongunstig": .unfavourable,
        "±": .mixed, "+/-": .mixed, "mixed": .mixed, "wisselend": .mixed,
        "?": nil, "": nil,
    ]

    /// The value typed for `field`.
    public static func parse(_ text: String, for field: CodebookField) throws(Problem) -> FieldValue {
        switch field.type {
        case .text:
            return .text(text)
        case .number:
            guard let n = Double(text.replacingOccurrences(of: ",", with: ".")), n.isFinite else { throw Problem(message: "'\(text)' is not a number") }
            return .number(n)
        case .singleChoice:
            let ids = try choices(text, field)
            guard ids.count == 1 else { throw Problem(message: "\(field.id) takes one choice, got \(ids.count)") }
            return .choices(ids)
        case .multipleChoice:
            return .choices(try choices(text, field))
        case .findings:
            var list: [OutcomeFinding] = []
            for item in text.split(separator: ";") {
                let parts = item.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let outcome = parts.first, !outcome.isEmpty else { continue }
                let id = try choice(outcome, field)
                let word = parts.count > 1 ? parts[1].lowercased() : ""
                guard let direction = directions[word] else {
                    throw Problem(message: "unknown direction '\(parts[1])'; expected favourable (+), no_difference (=), unfavourable (-), mixed (±) or ?")
                }
                let measure = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
                let finding = parts.count > 3 && !parts[3].isEmpty ? parts[3] : nil
                list.append(OutcomeFinding(outcome: id, direction: direction, measure: measure, finding: finding))
            }
            return .findings(list)
        }
    }

    public static func choices(_ text: String, _ field: CodebookField) throws(Problem) -> [String] {
        var ids: [String] = []
        for token in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let t = token.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            let id = try choice(t, field)
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// A choice by id, 1-based number or label (English or Dutch, any case).
    public static func choice(_ token: String, _ field: CodebookField) throws(Problem) -> String {
        if field.choice(token) != nil { return token }
        if let n = Int(token), n >= 1, n <= field.choices.count { return field.choices[n - 1].id }
        let lower = token.lowercased()
        if let c = field.choices.first(where: { $0.id.lowercased() == lower || $0.label.en.lowercased() == lower || $0.label.nl.lowercased() == lower }) {
            return c.id
        }
        let known = field.choices.prefix(8).map(\.id).joined(separator: ", ") + (field.choices.count > 8 ? ", …" : "")
        throw Problem(message: "unknown choice '\(token)' for \(field.id); expected one of \(known)")
    }

    /// A value as it is typed back: ids for choices, `outcome:direction` for findings.
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
