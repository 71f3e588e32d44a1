public import Bibliography

/// Writes records as RIS, so that ``RISReader`` reads back the same records.
///
/// One tag per value, `TY` first and `ER` last, CRLF-free (`\n`) UTF-8 without BOM. Choices
/// (see `docs/conformance.md`): the journal goes in `T2` (`JF` for books), its abbreviation in
/// `J2`; pages whole in `SP`; the date in `PY` (`2019/05/14/` when month or day are known, the
/// source's text when it was more than a date); the PMID in `PM`, the PMCID in `C2`;
/// identifiers RIS has no tag for as `U1  - scheme: value`; notes in `N1`, with further lines
/// indented so that none can be taken for a tag. Lossy, by RIS's limits: abstract sections are
/// written as one text (`Label: text …`), and MeSH headings as `KW` (`*Descriptor/qualifier`,
/// as EndNote writes them), which read back as keywords.
public enum RISWriter {
    /// The RIS text of `records`.
    /// - Complexity: O(total size of the records).
    public static func write(_ records: [Record]) -> String {
        records.map(write).joined(separator: "\n")
    }

    /// The RIS text of one record, ending with `ER  - ` and a line break.
    public static func write(_ r: Record) -> String {
        var out = ""
        func tag(_ t: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            let lines = value.split(separator: "\n", omittingEmptySubsequences: true)
            out += t + "  - " + (lines.first.map(String.init) ?? "") + "\n"
            for line in lines.dropFirst() { out += "      " + line + "\n" }
        }
        switch r.type {
        case .trialRegistration:
            tag("TY", "GEN")
            tag("M3", "Trial Registration")
        default:
            tag("TY", r.type.risType)
        }
        tag("TI", r.title)
        tag("TT", r.originalTitle)
        for a in r.authors { tag("AU", name(a)) }
        for e in r.editors { tag("A2", name(e)) }
        if let date = r.date, date.year != nil {
            if let text = date.text {
                tag("PY", text)
            } else if date.month != nil {
                tag("PY", date.iso.replacingDashes() + "/")
            } else {
                tag("PY", date.iso)
            }
        }
        tag(r.type == .book ? "JF" : "T2", r.journal)
        tag("J2", r.journalAbbreviation)
        tag("VL", r.volume)
        tag("IS", r.issue)
        tag("SP", r.pages)
        tag("AB", r.abstract.text)
        for k in r.keywords { tag("KW", k) }
        for m in r.mesh {
            tag("KW", (m.isMajorTopic ? "*" : "") + ([m.descriptor] + m.qualifiers).joined(separator: "/"))
        }
        tag("DO", r.doi)
        tag("PM", r.pmid)
        tag("C2", r.pmcid)
        for id in r.otherIDs {
            switch id.scheme {
            case "database": tag("DB", id.value)
            case "issn", "isbn", "sn": tag("SN", id.value)
            case "accession", "rayyan", "wos": tag("AN", id.value)
            case "embase": tag("U2", id.value)
            default: tag("U1", id.scheme + ": " + id.value)
            }
        }
        for t in r.publicationTypes { tag("M3", t) }
        for l in r.languages { tag("LA", l) }
        for a in r.affiliations { tag("AD", a) }
        for u in r.urls { tag("UR", u) }
        tag("PB", r.publisher)
        for n in r.notes { tag("N1", n) }
        out += "ER  - \n"
        return out
    }
}

extension RISWriter {
    /// `Family, Given`, or `Family, F.P.J.G.` when only initials are known (so that four
    /// initials are not read back as a given name).
    static func name(_ a: Author) -> String {
        if !a.isGroup, a.given == nil, a.initials == nil, a.suffix == nil, a.family.contains(" ") {
            return a.family + ","  // "Van Dung," stays a family name, not "Dung, Van"
        }
        guard !a.isGroup, a.given == nil, let initials = a.initials, initials.count > 1 else { return a.displayName }
        var name = a.family + ", " + initials.map { String($0) + "." }.joined()
        if let suffix = a.suffix { name += ", " + suffix }
        return name
    }
}

extension String {
    /// `2019-05-14` → `2019/05/14`.
    func replacingDashes() -> String {
        String(map { $0 == "-" ? "/" : $0 })
    }
}
