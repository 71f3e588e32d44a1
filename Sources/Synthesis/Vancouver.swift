public import Bibliography

/// References in Vancouver style (ICMJE / NLM *Citing Medicine*).
public enum Vancouver {
    /// `Jansen A, de Boer B, Smit C, et al. Title. J Abbrev. 2019;12(3):73-6. doi:10.5555/x`
    ///
    /// Up to six authors, then `et al.`; the journal's abbreviation without full stops when
    /// known; year;volume(issue):pages.
    public static func reference(_ record: Record) -> String {
        var parts: [String] = []
        if !record.authors.isEmpty {
            let names = record.authors.prefix(6).map { author in
                author.isGroup
                    ? author.family
                    : author.family + ((author.initials ?? "").isEmpty ? "" : " " + (author.initials ?? ""))
            }
            parts.append(names.joined(separator: ", ") + (record.authors.count > 6 ? ", et al." : "."))
        }
        var title = record.title.trimmingSpaces()
        if title.isEmpty { title = record.originalTitle ?? "[No title]" }
        if let last = title.last, !".?!".contains(last) { title += "." }
        parts.append(title)
        var source = ""
        if let journal = record.journalAbbreviation ?? record.journal {
            source = journal.replacingOccurrences(of: ".", with: "") + "."
        }
        var citation = record.year.map(String.init) ?? ""
        if let volume = record.volume, !volume.isEmpty {
            citation += ";" + volume
            if let issue = record.issue, !issue.isEmpty { citation += "(" + issue + ")" }
        }
        if let pages = record.pages, !pages.isEmpty { citation += ":" + pages }
        if !citation.isEmpty { source += (source.isEmpty ? "" : " ") + citation + "." }
        if !source.isEmpty { parts.append(source) }
        if let doi = record.doi { parts.append("doi:" + doi) }
        return parts.joined(separator: " ")
    }
}
