import Foundation

/// Normalisation of DOIs, PMIDs and PMCIDs as exports write them.
public enum DOI {
    /// Normalises a DOI: lower case, no resolver prefix (`https://doi.org/`, `dx.doi.org/`,
    /// `doi:`), no surrounding whitespace, no trailing punctuation (`.`, `,`, `;`).
    ///
    /// Returns nil when the text holds no DOI (a DOI starts with `10.` and has a `/`).
    public static func normalize(_ raw: String) -> String? {
        var raw = raw
        if let ascii = raw.withUTF8({ normalizeASCII($0) }) { return ascii }
        return normalizeGeneral(raw)
    }

    /// The general path of ``normalize(_:)``: any Unicode, percent-encoded characters.
    static func normalizeGeneral(_ raw: String) -> String? {
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

    /// The fast path of ``normalize(_:)`` for ASCII text without `%` (every DOI PubMed and
    /// most exports write), on bytes and without Foundation; the same result as
    /// ``normalizeGeneral(_:)``.
    ///
    /// - Returns: `.some(result)` when the fast path applies (`result` may be nil: no DOI),
    ///   nil when the text needs the general path (non-ASCII bytes or a `%`).
    static func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        let n = bytes.count
        // Whitespace and control characters (<= 0x20) end a DOI, as the general path's
        // normalised single spaces do; the first "10." starts it.
        var start = -1
        var i = 0
        while i < n {
            let b = bytes[i]
            if b >= 0x80 || b == 0x25 { return nil }  // non-ASCII or `%`: the general path
            if start < 0, b == 0x31, i + 2 < n, bytes[i + 1] == 0x30, bytes[i + 2] == 0x2E { start = i }
            i += 1
        }
        guard start >= 0 else { return .some(nil) }
        var end = start
        while end < n, bytes[end] > 0x20 { end += 1 }
        // Trailing punctuation, keeping a `)` that closes a `(` inside the DOI.
        var open = 0
        var close = 0
        var slash = false
        for k in start..<end {
            switch bytes[k] {
            case 0x28: open += 1
            case 0x29: close += 1
            case 0x2F: slash = true
            default: break
            }
        }
        while end > start {
            let last = bytes[end - 1]
            guard DOI.isTrailingPunctuation(last) else { break }
            if last == 0x29 {
                if open >= close { break }
                close -= 1
            }
            end -= 1
        }
        // The stripped characters are never `/`: `slash` still holds.
        guard end - start > 4, slash else { return .some(nil) }
        let result = String(unsafeUninitializedCapacity: end - start) { out in
            for k in start..<end {
                let b = bytes[k]
                out[k - start] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            return end - start
        }
        return .some(result)
    }

    /// `.,;:)]}'"`: characters stripped from the end of a DOI.
    @inline(__always)
    private static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        switch b {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x29, 0x5D, 0x7D, 0x27, 0x22: true
        default: false
        }
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
        var raw = raw
        if let ascii = raw.withUTF8({ normalizeASCII($0) }) { return ascii }
        return normalizeGeneral(raw)
    }

    /// The fast path of ``normalize(_:)`` for ASCII text, on bytes and without Foundation; the
    /// same result as ``normalizeGeneral(_:)``. Returns nil when the text is not ASCII (the
    /// general path applies), `.some(nil)` when it holds no PMCID.
    static func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        let n = bytes.count
        @inline(__always) func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
        var after = -1
        var i = 0
        while i < n {
            let b = bytes[i]
            if b >= 0x80 { return nil }
            if after < 0, i + 2 < n, upper(b) == 0x50, upper(bytes[i + 1]) == 0x4D, upper(bytes[i + 2]) == 0x43 {
                after = i + 3
            }
            i += 1
        }
        guard after >= 0 else { return .some(nil) }
        var digits: [UInt8] = Array("PMC".utf8)
        var k = after
        while k < n {
            let b = bytes[k]
            if b >= 0x30 && b <= 0x39 {
                digits.append(b)
            } else if b == 0x20 || b == 0x3A {
                if digits.count > 3 { break }
            } else {
                break
            }
            k += 1
        }
        return .some(digits.count > 3 ? String(decoding: digits, as: UTF8.self) : nil)
    }

    /// The general path of ``normalize(_:)``.
    static func normalizeGeneral(_ raw: String) -> String? {
        let upper = raw.uppercased()
        guard let r = upper.range(of: "PMC") else { return nil }
        var digits = ""
        for c in upper[r.upperBound...] {
            if c.isASCII, c.isNumber {
                digits.append(c)
            } else if c == " " || c == ":" {
                if !digits.isEmpty { break }
            } else {
                break
            }
        }
        return digits.isEmpty ? nil : "PMC" + digits
    }
}
