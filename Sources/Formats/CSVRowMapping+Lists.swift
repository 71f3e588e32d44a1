import Bibliography

/// Cutting a cell into a list.
extension CSVRowMapping {
    /// A Python list literal (`['a', 'b']`, as pandas writes lists), or nil.
    static func pythonList(_ s: String) -> [String]? {
        guard s.hasPrefix("["), s.hasSuffix("]"), s.count >= 2 else { return nil }
        let inner = s.dropFirst().dropLast()
        var items: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for c in inner {
            if let q = quote {
                if escaped {
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == q {
                    quote = nil
                    items.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c != "," && !c.isWhitespace {
                return nil  // not a list of strings
            }
        }
        return quote == nil ? items.filter { !$0.isEmpty } : nil
    }

    /// Keywords and links: a Python list, else `;`-separated, else `,`-separated outside
    /// parentheses.
    static func splitList(_ s: String) -> [String] {
        if let list = pythonList(s) { return list }
        if s.contains(";") { return s.split(separator: ";").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty } }
        if s.contains("\n") {
            return s.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        return split(s, at: ",", outside: "(", ")")
    }

    /// Author lists: a Python list, `;`-separated, ` and `-separated, or Embase's
    /// `Liu R., Adler D.G.` (commas between names that each end in initials).
    static func splitNames(_ s: String) -> [String] {
        if let list = pythonList(s) { return list }
        if s.contains(";") { return s.split(separator: ";").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty } }
        if s.contains("\n") {
            return s.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        if s.contains(" and ") {
            return s.components(separatedByString: " and ").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        let pieces = s.split(separator: ",").map { $0.trimmedWhitespace() }
        if pieces.count > 1, pieces.allSatisfy(looksLikeFamilyAndInitials) { return pieces }
        return [s]
    }

    /// `Liu R.`, `Adler D.G.`, `van der Berg J.-P.`.
    static func looksLikeFamilyAndInitials(_ s: String) -> Bool {
        guard let space = s.lastIndex(of: " ") else { return false }
        let last = s[s.index(after: space)...]
        return !last.isEmpty && last.allSatisfy { $0.isUppercase || $0 == "." || $0 == "-" }
            && last.filter(\.isLetter).count <= 4
    }

    /// Splits at `separator` where it is not between `open` and `close` (commas outside
    /// parentheses, `;` outside square brackets); the parts trimmed, empty ones dropped.
    static func split(_ s: String, at separator: Character, outside open: Character, _ close: Character) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            if c == open { depth += 1 } else if c == close { depth = Swift.max(0, depth - 1) }
            if c == separator, depth == 0 {
                out.append(current.trimmedWhitespace())
                current = ""
            } else {
                current.append(c)
            }
        }
        out.append(current.trimmedWhitespace())
        return out.filter { !$0.isEmpty }
    }
}

extension String {
    /// Splits at every occurrence of `separator` (no Foundation needed).
    func components(separatedByString separator: String) -> [String] {
        var out: [String] = []
        var rest = self[...]
        while let r = rest.range(of: separator) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
