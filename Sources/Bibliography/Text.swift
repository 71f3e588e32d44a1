import Foundation

/// Text normalisation shared by every reader and by matching.
public enum Text {
    /// Collapses every run of whitespace (including non-breaking and zero-width spaces, tabs
    /// and line breaks) to one space and trims both ends.
    ///
    /// - Complexity: O(n) in the length of the text.
    public static func normalizeWhitespace(_ s: some StringProtocol) -> String {
        var out = String()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            // Zero-width space, BOM, soft hyphen.
            if scalar.value == 0x200B || scalar.value == 0xFEFF || scalar.value == 0x00AD { continue }
            if scalar.value < 0x20 {
                pendingSpace = !out.isEmpty
                continue
            }  // other controls
            if pendingSpace {
                out.unicodeScalars.append(" ")
                pendingSpace = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            true
        default: false
        }
    }

    /// Decodes HTML/XML character references (`&amp;`, `&#233;`, `&#xE9;`, and the common
    /// named entities) that text exports sometimes carry. Unknown entities are kept as written.
    public static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = String()
        out.reserveCapacity(s.utf8.count)
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = s[s.index(after: i)..<semi]
                if let decoded = decodeEntity(name) {
                    out.append(decoded)
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }

    static func decodeEntity(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            guard let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) else { return nil }
            return String(Character(u))
        }
        if name.hasPrefix("#") {
            guard let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) else { return nil }
            return String(Character(u))
        }
        return namedEntities[String(name)]
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "hellip": "…", "deg": "°", "plusmn": "±", "times": "×", "le": "≤", "ge": "≥",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ", "mu": "μ",
        "micro": "µ", "eacute": "é", "egrave": "è", "euml": "ë", "iuml": "ï", "ouml": "ö",
        "uuml": "ü", "auml": "ä", "aacute": "á", "oacute": "ó", "ccedil": "ç", "szlig": "ß",
    ]

    /// Removes inline HTML-like tags (`<i>`, `</sup>`, `<b>`) from text that carries them as
    /// literal markup (RIS, CSV). Text between tags is kept; `<` not followed by a tag name is kept.
    public static func stripTags(_ s: String) -> String {
        guard s.contains("<") else { return s }
        var out = String()
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "<", let close = s[i...].prefix(40).firstIndex(of: ">") {
                let inner = s[s.index(after: i)..<close]
                let name = inner.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber || $0 == ":" })
                if !name.isEmpty, inlineTags.contains(name.lowercased()) {
                    i = s.index(after: close)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    static let inlineTags: Set<String> = [
        "i", "b", "u", "em", "strong", "sup", "sub", "sc", "span", "br", "p", "div", "font", "small", "tt", "mml:math",
        "math", "mi", "mo", "mn", "mrow", "msub", "msup", "mml:mi", "mml:mo", "mml:mn", "mml:mrow", "mml:msub",
        "mml:msup", "mml:mtext", "mtext", "inf", "a",
    ]

    /// Folds text for matching: lower case, accents removed, Greek letters spelled out,
    /// punctuation removed, whitespace collapsed. `"Type 2 β-cell Function."` → `"type 2 beta cell function"`.
    public static func foldForMatching(_ s: String) -> String {
        var out = String()
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for raw in s.lowercased().decomposedScalars() {
            // `CO₂` matches `CO2`: a superscript or subscript character is its base character.
            var scalar = raw
            if raw.value >= 0xB2, let base = scriptBases[raw] {
                scalar = Unicode.Scalar(base.properties.lowercaseMapping) ?? base
            }
            if let greek = greekNames[scalar.value] {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(greek)
                continue
            }
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark { continue }
            if props.isAlphabetic || props.numericType != nil {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(folded(scalar))
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    static func folded(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "ß": "s"
        case "ø": "o"
        case "æ": "a"
        case "ł": "l"
        case "đ": "d"
        case "ı": "i"
        default: s
        }
    }

    static let greekNames: [UInt32: String] = [
        0x3B1: "alpha", 0x3B2: "beta", 0x3B3: "gamma", 0x3B4: "delta", 0x3B5: "epsilon", 0x3B6: "zeta",
        0x3B7: "eta", 0x3B8: "theta", 0x3B9: "iota", 0x3BA: "kappa", 0x3BB: "lambda", 0x3BC: "mu",
        0xB5: "mu", 0x3BD: "nu", 0x3BE: "xi", 0x3BF: "omicron", 0x3C0: "pi", 0x3C1: "rho", 0x3C3: "sigma",
        0x3C2: "sigma", 0x3C4: "tau", 0x3C5: "upsilon", 0x3C6: "phi", 0x3C7: "chi", 0x3C8: "psi", 0x3C9: "omega",
    ]
}

extension String {
    /// Unicode scalars in canonical decomposition (NFD).
    func decomposedScalars() -> String.UnicodeScalarView {
        decomposedStringWithCanonicalMapping.unicodeScalars
    }
}
