import Bibliography
import Foundation

/// BibTeX fields to the record model; documented in `docs/conformance.md`.
enum BibTeXMapping {
    /// BibTeX's predefined month macros.
    static let months: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    /// Fields read into the record or of no use to a review; any other is kept as a note.
    static let mapped: Set<String> = [
        "title", "author", "editor", "journal", "journaltitle", "booktitle", "year", "date", "month", "volume",
        "number",
        "issue", "pages", "doi", "pmid", "pmcid", "eprint", "archiveprefix", "eprinttype", "primaryclass", "abstract",
        "keywords", "keyword", "author_keywords", "url", "issn", "isbn", "publisher", "language", "note", "affiliation",
        "affiliations", "shortjournal", "journal-iso", "journal_abbreviation", "series", "school", "institution",
        "type",
        "file", "timestamp", "owner", "groups", "urldate", "copyright", "address", "location", "source", "art_number",
        "mendeley-groups", "mendeley-tags", "langid", "abbrev_source_title", "document_type", "publication_stage",
        "correspondence_address", "correspondence_address1", "references", "funding_details", "funding_text",
        "chemicals_cas", "tradenames", "manufacturers", "coden", "page_count", "sponsors", "editor_type",
    ]

    static func record(_ e: BibTeXEntry) -> Record {
        var r = Record()
        func text(_ names: String...) -> String? {
            for name in names {
                if let v = e.value(name) {
                    let t = Text.normalizeWhitespace(LaTeX.toUnicode(v))
                    if !t.isEmpty { return t }
                }
            }
            return nil
        }
        r.type = type(e.type, hasJournal: e.value("journal", "journaltitle") != nil)
        r.title = text("title") ?? ""
        r.authors = names(e.value("author") ?? "")
        r.editors = names(e.value("editor") ?? "")
        switch r.type {
        case .bookSection, .conferencePaper: r.journal = text("booktitle", "journal", "journaltitle")
        case .book: r.journal = text("series", "booktitle")
        default: r.journal = text("journal", "journaltitle", "booktitle")
        }
        r.journalAbbreviation = text("shortjournal", "journal-iso", "journal_abbreviation", "abbrev_source_title")
        if let date = text("date").flatMap(PublicationDate.init(parsing:)) {
            r.date = date
        } else if let year = text("year") {
            r.date =
                PublicationDate(parsing: text("month").map { year + " " + $0 } ?? year)
                ?? PublicationDate(parsing: year)
        }
        r.volume = text("volume")
        r.issue = text("number", "issue")
        r.pages =
            text("pages").map { $0.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "--", with: "-") }
            ?? text("art_number")
        r.doi = text("doi").flatMap(DOI.normalize)
        r.pmid = text("pmid").flatMap(PMID.normalize)
        r.pmcid = text("pmcid").flatMap(PMCID.normalize)
        if let eprint = text("eprint") {
            let kind = (text("archiveprefix", "eprinttype") ?? "").lowercased()
            if kind.isEmpty || kind == "arxiv" {
                r.otherIDs.append(Identifier("arxiv", eprint))
            } else if kind == "pubmed", r.pmid == nil {
                r.pmid = PMID.normalize(eprint)
            } else {
                r.otherIDs.append(Identifier(kind, eprint))
            }
        }
        if let abstract = text("abstract") { r.abstract = Abstract(abstract) }
        if let keywords = text("keywords", "keyword", "author_keywords") {
            let separator: Character = keywords.contains(";") ? ";" : ","
            r.keywords = keywords.split(separator: separator).map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        if let url = text("url") { r.urls = [url] }
        if let issn = text("issn") { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: issn)) }
        if let isbn = text("isbn") { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: isbn)) }
        r.publisher = text("publisher", "school", "institution")
        if let language = text("language", "langid") { r.languages = [language] }
        if let affiliation = text("affiliation", "affiliations") {
            r.affiliations = affiliation.split(separator: ";").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        if let documentType = text("document_type", "type") { r.publicationTypes = [documentType] }
        if let note = text("note") { r.notes.append(note) }
        for (name, value) in e.fields where !mapped.contains(name) {
            let v = Text.normalizeWhitespace(LaTeX.toUnicode(value))
            if !v.isEmpty { r.notes.append("\(name): \(v)") }
        }
        return r
    }

    static func type(_ entryType: String, hasJournal: Bool) -> ReferenceType {
        switch entryType {
        case "article": .journalArticle
        case "book", "booklet", "mvbook", "proceedings", "collection", "manual": .book
        case "inbook", "incollection", "bookinbook", "suppbook": .bookSection
        case "inproceedings", "conference": .conferencePaper
        case "phdthesis", "mastersthesis", "thesis": .thesis
        case "techreport", "report": .report
        case "unpublished", "preprint": .preprint
        case "online", "electronic", "www", "webpage": .webpage
        case "patent": .patent
        case "dataset", "data": .dataset
        default: hasJournal ? .journalArticle : .other
        }
    }

    /// `Li, W. and Dou, Z. and {World Health Organization} and others`.
    static func names(_ raw: String) -> [Author] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        let words = raw.split(omittingEmptySubsequences: true, whereSeparator: { $0.isWhitespace })
        for word in words {
            if depth == 0, word.lowercased() == "and" {
                parts.append(current)
                current = ""
                continue
            }
            for c in word {
                if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        parts.append(current)
        return parts.compactMap { part -> Author? in
            let name = part.trimmedWhitespace()
            guard !name.isEmpty, name.lowercased() != "others" else { return nil }
            // A name wholly in braces is a corporate author: `{World Health Organization}`.
            if name.hasPrefix("{"), name.hasSuffix("}"), !name.dropFirst().dropLast().contains("{") {
                return Author(group: Text.normalizeWhitespace(LaTeX.toUnicode(String(name.dropFirst().dropLast()))))
            }
            return Author(parsing: LaTeX.toUnicode(name))
        }
    }
}
