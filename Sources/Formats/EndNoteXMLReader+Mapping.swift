import Bibliography

/// The fields of one EndNote XML `<record>`, by path (`titles/title`, `authors/author`,
/// `record/pages`), in document order, before mapping to a ``Record``.
struct EndNoteDraft {
    var typeName: String?
    var fields: [(path: String, raw: String)] = []

    mutating func add(path: String, raw: String) {
        fields.append((path, raw))
    }

    /// Paths that describe the EndNote library, not the work: dropped.
    static let bookkeeping: Set<String> = [
        "record/database", "record/source-app", "record/rec-number", "foreign-keys/key", "record/ref-type",
    ]

    func record() -> Record {
        var r = Record()
        r.type = typeName.flatMap { ReferenceType(endNoteName: $0) } ?? .other
        var used = Set<Int>()
        func values(_ path: String) -> [String] {
            var out: [String] = []
            for (i, f) in fields.enumerated() where f.path == path {
                let v = Text.normalizeWhitespace(f.raw)
                used.insert(i)
                if !v.isEmpty { out.append(v) }
            }
            return out
        }
        func first(_ paths: String...) -> String? {
            for p in paths { if let v = values(p).first { return v } }
            return nil
        }

        r.title = IdentifierScan.plainText(first("titles/title") ?? "")
        let secondary = first("titles/secondary-title")
        let periodical = first("periodical/full-title")
        if r.type == .book {
            // For a book the secondary title is the series; the periodical is empty.
            if let series = secondary { r.notes.append("secondary-title: " + series) }
            r.journal = periodical
        } else {
            r.journal = (secondary ?? periodical).map(IdentifierScan.plainText)
        }
        r.journalAbbreviation = first(
            "periodical/abbr-1", "alt-periodical/abbr-1", "titles/alt-title", "alt-periodical/full-title",
            "periodical/abbr-2")
        if r.journal == nil, let abbreviation = r.journalAbbreviation { r.journal = abbreviation }

        r.authors = values("authors/author").compactMap(RISRecordBuilder.author)
        r.editors = values("secondary-authors/author").compactMap(RISRecordBuilder.author)

        // Date: year, refined by pub-dates/date when it names a month (`Jun 14`, `2019-06-14`).
        if let year = first("dates/year").flatMap({ PublicationDate(parsing: $0) }) {
            r.date = year
            if year.month == nil, let full = first("pub-dates/date") {
                if let parsed = PublicationDate(parsing: full), parsed.year == year.year {
                    r.date = parsed
                } else {
                    let words = full.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                    if let m = words.first.flatMap({ PublicationDate.monthNumber(named: $0) }) {
                        r.date = PublicationDate(
                            year: year.year, month: m, day: words.dropFirst().first.flatMap { Int($0) })
                    } else {
                        r.notes.append("pub-dates: " + full)
                    }
                }
            }
        } else if let full = first("pub-dates/date") {
            r.date = PublicationDate(parsing: full)
            if r.date == nil { r.notes.append("pub-dates: " + full) }
        }
        for (i, f) in fields.enumerated() where f.path == "dates/year" && !used.contains(i) { used.insert(i) }

        if let abstract = first("record/abstract") { r.abstract = Abstract(IdentifierScan.plainText(abstract)) }
        for k in values("keywords/keyword") where !r.keywords.contains(k) { r.keywords.append(k) }
        r.volume = first("record/volume")
        r.issue = first("record/number", "record/issue")
        r.pages = first("record/pages")
        r.publisher = first("record/publisher")
        r.languages = values("record/language")
        r.publicationTypes = values("record/work-type")

        // Affiliations: EndNote separates several addresses with line breaks.
        for (i, f) in fields.enumerated() where f.path == "record/auth-address" {
            used.insert(i)
            for line in f.raw.split(whereSeparator: \.isNewline) {
                let a = Text.normalizeWhitespace(line)
                if !a.isEmpty, !r.affiliations.contains(a) { r.affiliations.append(a) }
            }
        }
        for path in [
            "related-urls/url", "pdf-urls/url", "web-urls/url", "text-urls/url", "image-urls/url", "record/url",
        ] {
            for u in values(path).flatMap(IdentifierScan.urls(in:)) where !r.urls.contains(u) { r.urls.append(u) }
        }

        // Identifiers.
        let databases = values("record/remote-database-name") + values("record/remote-database-provider")
        for db in databases { r.otherIDs.append(Identifier("database", db)) }
        let fromPubMed = databases.contains(where: IdentifierScan.isPubMedDatabase)
        let otherDatabase = !databases.isEmpty && !fromPubMed
        for doiText in values("record/electronic-resource-num") {
            if let doi = DOI.normalize(doiText) {
                if r.doi == nil {
                    r.doi = doi
                } else if doi != r.doi {
                    r.notes.append("electronic-resource-num: " + doiText)
                }
            } else {
                r.notes.append("electronic-resource-num: " + doiText)
            }
        }
        for an in values("record/accession-num") {
            // Digits alone are a PMID unless the record names another database (EndNote and
            // Mendeley write PubMed's PMID here; Embase's are `L…`, PsycINFO's have dashes).
            if !otherDatabase, an.count <= 9, an.allSatisfy({ $0.isASCII && $0.isNumber }), r.pmid == nil {
                r.pmid = PMID.normalize(an)
            } else if an.uppercased().hasPrefix("WOS:") {
                r.otherIDs.append(Identifier("wos", an))
            } else if RISRecordBuilder.isEmbaseAccession(an) {
                r.otherIDs.append(Identifier("embase", an))
            } else {
                r.otherIDs.append(Identifier("accession", an))
            }
        }
        for sn in values("record/isbn") {
            for id in IdentifierScan.standardNumbers(in: sn) where !r.otherIDs.contains(id) { r.otherIDs.append(id) }
        }
        if r.doi == nil {
            for u in r.urls {
                if let doi = IdentifierScan.doi(inText: u) {
                    r.doi = doi
                    break
                }
            }
        }
        if r.pmid == nil {
            for u in r.urls {
                if let pmid = IdentifierScan.pmid(inURL: u) {
                    r.pmid = pmid
                    break
                }
            }
        }

        // Notes verbatim; every other field as `element: text`.
        for (i, f) in fields.enumerated() where f.path == "record/notes" || f.path == "record/research-notes" {
            used.insert(i)
            let note = f.raw.trimmedWhitespace()
            if !note.isEmpty { r.notes.append(note) }
        }
        let duplicates = Set([r.title, r.journal ?? "", r.journalAbbreviation ?? ""].map(Text.foldForMatching))
        for (i, f) in fields.enumerated() where !used.contains(i) && !EndNoteDraft.bookkeeping.contains(f.path) {
            let v = Text.normalizeWhitespace(f.raw)
            guard !v.isEmpty else { continue }
            if f.path.hasPrefix("titles/") || f.path.hasPrefix("periodical/") || f.path.hasPrefix("alt-periodical/"),
                duplicates.contains(Text.foldForMatching(v))
            {
                continue
            }
            let element = f.path.split(separator: "/").last.map(String.init) ?? f.path
            let label = f.path.hasPrefix("record/") ? element : f.path
            r.notes.append(label + ": " + v)
        }
        return r
    }
}
