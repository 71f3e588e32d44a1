import Foundation

/// Normalisation of DOIs, PMIDs and PMCIDs as exports write them.
public enum DOI {
    /// Normalises a DOI: lower case, no resolver prefix (`https://doi.org/`, `dx.doi.org/`,
    /// `doi:`), no surrounding whitespace, no trailing punctuation (`.`, `,`, `;`).
    ///
    /// Returns nil when the text holds no DOI (a DOI starts with `10.` and has a `/`).
    public static func normalize(_ raw: String) -> String? {
        var s = Text.normalizeWhitespace(raw).lowercased()
        guard !s.isEmpty else { return nil }
        // Several DOIs or trailing notes: take the first token that contains "10."
        if let r = s.range(of: "10.") {
            s = String(s[r.lowerBound...])
        } else {
            return nil
        }
        // Cut at whitespace (a DOI has none) and at "[doi]"-style annotations.
        if let space = s.firstIndex(where: { $0 == " " || $0 == "\t" }) { s = String(s[..<space]) }
        s = s.removingPercentEncodedSlash()
        while let last = s.last, ".,;:)]}'\"".contains(last) {
            // keep a closing parenthesis that closes one inside the DOI, e.g. 10.1016/s0140-6736(19)30000-0
            if last == ")" && s.filter({ $0 == "(" }).count >= s.filter({ $0 == ")" }).count { break }
            s.removeLast()
        }
        guard s.count > 4, s.contains("/") else { return nil }
        return s
    }
}

extension String {
    fileprivate func removingPercentEncodedSlash() -> String {
        guard contains("%") else { return self }
        var out = ""
        var it = makeIterator()
        var pending: [Character] = []
        while let c = it.next() {
            if c == "%" {
                pending = [c]
                if let a = it.next() { pending.append(a) }
                if let b = it.next() { pending.append(b) }
                let hex = String(pending.dropFirst())
                if pending.count == 3, let v = UInt8(hex, radix: 16), let scalar = Unicode.Scalar(Int(v)), v >= 0x20 {
                    out.append(Character(scalar).lowercased())
                } else {
                    out.append(contentsOf: pending)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}

public enum PMID {
    /// Digits of a PMID as exports write it (`12345678`, `PMID: 12345678`, `12345678 [pmid]`).
    /// Returns nil when there is no run of 1–9 digits.
    public static func normalize(_ raw: String) -> String? {
        let s = raw.lowercased()
        if s.contains("pmc") && !s.contains("pmid") { return nil }
        var digits = ""
        for c in s {
            if c.isASCII, c.isNumber { digits.append(c) } else if !digits.isEmpty { break }
        }
        while digits.hasPrefix("0") { digits.removeFirst() }
        guard (1...9).contains(digits.count) else { return nil }
        return digits
    }
}

public enum PMCID {
    /// `PMC1234567` from `PMC1234567`, `pmc1234567`, `PMCID: PMC1234567`; nil otherwise.
    public static func normalize(_ raw: String) -> String? {
        let upper = raw.uppercased()
        guard let r = upper.range(of: "PMC") else { return nil }
        var digits = ""
        for c in upper[r.upperBound...] {
            if c.isASCII, c.isNumber { digits.append(c) } else if c == " " || c == ":" { if !digits.isEmpty { break } } else { break }
        }
        return digits.isEmpty ? nil : "PMC" + digits
    }
}
