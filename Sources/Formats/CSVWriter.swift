public import Bibliography

/// Writes records as CSV (RFC 4180, comma-separated, `\r\n` row ends, UTF-8 without BOM) in
/// the column layout ASReview reads, so that ``CSVReader`` reads back the same records.
///
/// Lists are joined with `; ` (a trailing `;` is added when a single item would otherwise be
/// split, e.g. a group author with " and " in its name); notes and affiliations, which may
/// hold any punctuation, get one column each (`notes`, `notes` …, as many as the record with
/// the most). MeSH headings are written `*Descriptor/qualifier/qualifier` (`*` for a major
/// topic); other identifiers as `scheme:value`.
public enum CSVWriter {
    static let header = [
        "record_key", "type", "title", "original_title", "abstract", "authors", "editors", "year", "date",
        "journal", "journal_abbreviation", "volume", "issue", "pages", "doi", "pmid", "pmcid", "other_ids",
        "keywords", "mesh", "publication_types", "languages", "urls", "publisher",
    ]

    /// The CSV text of `records`, header row first.
    /// - Complexity: O(total size of the records).
    public static func write(_ records: [Record]) -> String {
        let noteColumns = records.map(\.notes.count).max() ?? 0
        let affiliationColumns = records.map(\.affiliations.count).max() ?? 0
        var rows: [[String]] = [
            header + Array(repeating: "affiliations", count: affiliationColumns)
                + Array(repeating: "notes", count: noteColumns)
        ]
        for r in records {
            var row: [String] = [
                r.key.rawValue, r.type.rawValue, r.title, r.originalTitle ?? "", r.abstract.text,
                joinNames(r.authors.map(RISWriter.name)), joinNames(r.editors.map(RISWriter.name)),
                yearCell(r.date), r.date.flatMap { $0.month != nil && $0.text == nil ? $0.iso : nil } ?? "",
                r.journal ?? "", r.journalAbbreviation ?? "", r.volume ?? "", r.issue ?? "", r.pages ?? "",
                r.doi ?? "", r.pmid ?? "", r.pmcid ?? "",
                joinList(r.otherIDs.map { $0.scheme + ":" + $0.value }),
                joinList(r.keywords),
                joinList(
                    r.mesh.map {
                        (($0.isMajorTopic ? "*" : "") + ([$0.descriptor] + $0.qualifiers).joined(separator: "/"))
                    }),
                joinList(r.publicationTypes), joinList(r.languages), joinList(r.urls), r.publisher ?? "",
            ]
            row += r.affiliations + Array(repeating: "", count: affiliationColumns - r.affiliations.count)
            row += r.notes + Array(repeating: "", count: noteColumns - r.notes.count)
            rows.append(row)
        }
        return rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func yearCell(_ date: PublicationDate?) -> String {
        guard let date, let year = date.year else { return "" }
        return date.text ?? String(year)
    }

    static func joinNames(_ items: [String]) -> String {
        let joined = items.joined(separator: "; ")
        if items.isEmpty || CSVRowMapping.splitNames(joined) == items { return joined }
        if CSVRowMapping.splitNames(joined + ";") == items { return joined + ";" }
        return pythonList(items)
    }

    static func joinList(_ items: [String]) -> String {
        let joined = items.joined(separator: "; ")
        if items.isEmpty || CSVRowMapping.splitList(joined) == items { return joined }
        if CSVRowMapping.splitList(joined + ";") == items { return joined + ";" }
        return pythonList(items)
    }

    /// `['a', 'b']`, as pandas writes lists: for items that hold `;` themselves.
    static func pythonList(_ items: [String]) -> String {
        "["
            + items.map { item in
                var escaped = ""
                for c in item {
                    if c == "\\" || c == "'" { escaped.append("\\") }
                    escaped.append(c)
                }
                return "'" + escaped + "'"
            }.joined(separator: ", ") + "]"
    }

    /// A cell, quoted when it holds a comma, semicolon, tab, quote, line break or surrounding
    /// whitespace: every delimiter ``CSVReader`` may sniff, so the file reads the same with any.
    public static func quote(_ cell: String) -> String {
        CSVText.quote(cell, delimiters: [",", ";", "\t"])
    }
}
