import Bibliography

/// Identifier recognition shared by the RIS, EndNote XML and CSV readers: ISSN/ISBN in a
/// free-form `SN`, DOIs inside links and notes, PMIDs inside PubMed and Ovid links.
enum IdentifierScan {
    /// ISSNs and ISBNs in an `SN`-like value (`1234-5678 (Print); 978-1-2345-6789-0`).
    ///
    /// ISSNs come out as `1234-567X`, ISBNs as digits (and `X`) without hyphens. Text that is
    /// neither is returned under the scheme `sn` so nothing is lost.
    static func standardNumbers(in raw: String) -> [Identifier] {
        var out: [Identifier] = []
        var unrecognised = false
        // "1234-5678 (Print)", "1895-5770 1895-5770", "0312-5963; 1179-1926"
        let pieces = raw.replacingParentheses().split(whereSeparator: { $0 == ";" || $0 == "," || $0.isWhitespace })
        for piece in pieces {
            // "1234-5678 (Print)", "13361376 (ISSN)", "9781234567890 (ISBN)"
            let text = String(piece.drop(while: { !$0.isNumber }))
            guard !text.isEmpty else { continue }
            let compact = text.filter(IdentifierScan.isCodeDigit).uppercased()
            let onlyCodeChars = text.allSatisfy { IdentifierScan.isCodeDigit($0) || $0 == "-" || $0 == " " }
            if onlyCodeChars, compact.count == 8 {
                let id = String(compact.prefix(4)) + "-" + String(compact.suffix(4))
                out.append(Identifier("issn", id))
            } else if onlyCodeChars, compact.count == 10 || compact.count == 13 {
                out.append(Identifier("isbn", compact))
            } else {
                unrecognised = true
            }
        }
        if unrecognised || out.isEmpty, !raw.trimmedWhitespace().isEmpty {
            out.append(Identifier("sn", raw.trimmedWhitespace()))
        }
        var seen = Set<Identifier>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Text for a title or abstract: inline HTML and JATS markup removed, entities decoded,
    /// whitespace normalised.
    static func plainText(_ raw: String) -> String {
        // Entities first (Lens writes `&lt;p&gt;`, sometimes escaped twice), then markup.
        var decoded = Text.decodeEntities(raw)
        for _ in 0..<2 where decoded.contains("&") {
            let again = Text.decodeEntities(decoded)
            if again == decoded { break }
            decoded = again
        }
        var s = Text.stripTags(decoded)
        if s.contains("<jats:") || s.contains("</jats:") {
            var out = ""
            var i = s.startIndex
            while i < s.endIndex {
                if s[i] == "<", s[i...].hasPrefix("<jats:") || s[i...].hasPrefix("</jats:"),
                    let close = s[i...].firstIndex(of: ">")
                {
                    out.append(" ")
                    i = s.index(after: close)
                    continue
                }
                out.append(s[i])
                i = s.index(after: i)
            }
            s = out
        }
        return Text.normalizeWhitespace(s)
    }

    static func isCodeDigit(_ c: Character) -> Bool {
        (c.isASCII && c.isNumber) || c == "X" || c == "x"
    }

    /// A DOI inside a link or note: `https://doi.org/10.…`, `doi:10.…`, `DOI: 10.…`,
    /// `…&doi=10.15598%2faeee…` (Scopus links).
    static func doi(inText raw: String) -> String? {
        let lower = raw.lowercased()
        for marker in ["doi.org/", "doi:", "doi=", "doi "] {
            if let r = lower.range(of: marker) {
                let rest = String(raw[r.upperBound...]).trimmedWhitespace()
                let token = rest.prefix(while: { $0 != "&" && $0 != " " && $0 != ";" && $0 != "," })
                if let doi = DOI.normalize(String(token)) { return doi }
            }
        }
        return nil
    }

    /// A PMID inside a PubMed or Ovid MEDLINE link.
    static func pmid(inURL url: String) -> String? {
        let lower = url.lowercased()
        for marker in ["pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pubmed/", "www.ncbi.nlm.nih.gov/pubmed/?term="] {
            if let r = lower.range(of: marker) {
                let digits = lower[r.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
                if !digits.isEmpty { return PMID.normalize(String(digits)) }
            }
        }
        // Ovid: ovidweb.cgi?…&D=medl&…&AN=12345678 (MEDLINE databases: medl, medp, prem, mesz, med…)
        if lower.contains("ovidweb.cgi"), let d = lower.range(of: "d=") {
            let db = lower[d.upperBound...].prefix(while: { $0 != "&" })
            if db.hasPrefix("med") || db.hasPrefix("prem"), let an = lower.range(of: "an=") {
                let digits = lower[an.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
                if !digits.isEmpty, digits.count <= 9 { return PMID.normalize(String(digits)) }
            }
        }
        return nil
    }

    /// URLs in a value that may hold several (`a; b`, `a b`, one per line).
    /// Splits only when every piece is a link: a file name with spaces stays whole.
    static func urls(in raw: String) -> [String] {
        let pieces = raw.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\n" || $0 == "\t" })
            .map { $0.trimmedWhitespace() }
            .filter { !$0.isEmpty }
        if pieces.count > 1, !pieces.allSatisfy({ $0.contains("://") || $0.lowercased().hasPrefix("www.") }) {
            return [raw.trimmedWhitespace()]
        }
        return pieces
    }

    /// True for database names that mean the record came from PubMed/MEDLINE.
    static func isPubMedDatabase(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("pubmed") || lower.contains("medline") || lower == "nlm"
    }
}

extension StringProtocol {
    /// The text with every parenthesised part (`(Print)`, `(ISSN)`) removed.
    func replacingParentheses() -> String {
        var out = ""
        var depth = 0
        for c in self {
            if c == "(" {
                depth += 1
                out.append(" ")
            } else if c == ")" {
                depth = Swift.max(0, depth - 1)
            } else if depth == 0 {
                out.append(c)
            }
        }
        return out
    }

    /// The text without leading and trailing whitespace (spaces, tabs, line breaks, NBSP).
    func trimmedWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
