import Bibliography

/// Ovid's tags and labels to the record model; documented in `docs/conformance.md`.
enum OvidMapping {
    /// The tag for a field label of Ovid's labelled layout; `AUL` and `KWL` are labelled authors
    /// and keywords (one line, `;`-separated), unknown labels keep their name.
    static func tag(forLabel label: String) -> String {
        switch label.lowercased() {
        case "author", "authors": "AUL"
        case "title", "chapter title": "TI"
        case "source": "SO"
        case "abstract": "AB"
        case "accession number": "AN"
        case "institution": "IN"
        case "author keywords", "keywords", "keyword heading": "KWL"
        case "language": "LG"
        case "document type", "publication type": "PT"
        case "issn": "IS"
        case "isbn": "IB"
        case "doi number", "doi", "digital object identifier": "DO"
        case "year of publication", "publication year": "YR"
        case "journal", "journal name": "JN"
        case "volume": "VO"
        case "issue", "issue/part": "IP"
        case "page", "pages", "pagination": "PG"
        case "publisher": "PB"
        case "editor", "editors": "ED"
        case "unique identifier", "pubmed id", "pmid": "UI"
        case "database": "DB"
        case "mesh subject headings", "subject headings": "MH"
        case "link to the ovid full text or citation", "url": "XL"
        default: label
        }
    }

    /// Tags read into fields; every other tag is kept as a note `TAG: value`, except those in ``skipped``.
    static let skipped: Set<String> = [
        "VN", "OD", "DJ", "CS", "CE", "UP", "RO", "SB", "SC", "Score", "Status", "NLM Journal Code", "Journal Subset",
        "References", "DD", "CC", "MC", "CB", "DS", "CL", "EM", "ET", "OU", "ON", "OL", "JC", "IU", "FO", "LC", "MI",
        "SL",
        "TS", "PO", "PI", "DC", "DG", "PA", "PC", "PN", "IA", "NT", "MD", "XP", "BR", "TN", "SY", "MQ", "DE", "CR",
        "CP", "CY",
    ]

    static func record(_ f: TaggedFields) -> Record {
        var r = Record()
        let database = f.first("DB") ?? ""
        let isMedline = database.lowercased().contains("medline") || database.lowercased().contains("pubmed")
        r.publicationTypes = f.values("PT") + f.values("ST").filter { !f.values("PT").contains($0) }
        r.type = type(r.publicationTypes)
        var title = Text.normalizeWhitespace(f.first("TI") ?? "")
        // Ovid's labelled layout appends the document type: `Title.[Review]`.
        if title.hasSuffix("]"), let open = title.lastIndex(of: "["), title[..<open].hasSuffix(".") {
            title = String(title[..<open])
        }
        r.title = title
        r.authors =
            (f.values("AU") + f.values("FA").prefix(0)).compactMap(author)
            + f.values("AUL").flatMap(labelledAuthors)
        r.editors = f.values("ED").compactMap(author)
        var source = Source(f.first("SO") ?? "")
        if let jn = f.first("JN", "JT") { source.journal = jn }
        if let bt = f.first("BT"), r.type == .bookSection { source.journal = bt }
        r.journal = source.journal.map(Text.normalizeWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        r.volume = f.first("VO", "VI") ?? source.volume
        r.issue = f.first("IP") ?? source.issue
        r.pages = f.first("PG").flatMap { $0.lowercased().contains("no pagination") ? nil : $0 } ?? source.pages
        let year = f.first("YR", "DP", "PY") ?? source.year
        r.date = year.flatMap(PublicationDate.init(parsing:))
        r.doi = (f.values("DO") + f.values("DI")).lazy.compactMap(DOI.normalize).first
        if let ui = f.first("UI") {
            if isMedline, let pmid = PMID.normalize(ui) {
                r.pmid = pmid
            } else {
                r.otherIDs.append(Identifier(database.lowercased().contains("embase") ? "embase" : "accession", ui))
            }
        }
        if let pm = f.first("PM"), r.pmid == nil { r.pmid = PMID.normalize(pm) }
        for an in f.values("AN") {
            r.otherIDs.append(Identifier("accession", an.hasSuffix(".") ? String(an.dropLast()) : an))
        }
        if !database.isEmpty { r.otherIDs.append(Identifier("database", database)) }
        for issn in f.values("IS") { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: issn)) }
        for isbn in f.values("IB") { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: isbn)) }
        let abstract = Text.normalizeWhitespace(f.values("AB").joined(separator: " "))
        r.abstract = abstract.isEmpty ? Abstract() : Abstract(abstract)
        r.languages = f.values("LG").map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        if isMedline {
            r.mesh = f.values("MH").compactMap(MedlineRecordDraft.meshHeading)
        } else {
            r.keywords = f.values("MH").map { $0.hasPrefix("*") ? String($0.dropFirst()) : $0 }
        }
        r.keywords += (f.values("KW") + f.values("ID")).filter { !r.keywords.contains($0) }
        r.keywords += f.values("KWL").flatMap { $0.split(separator: ";").map { $0.trimmedWhitespace() } }
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
        r.affiliations = f.values("IN") + f.values("AD").filter { !f.values("IN").contains($0) }
        r.publisher = f.first("PB", "PU")
        r.urls = f.values("XL") + f.values("UR") + f.values("JL")
        let mapped: Set<String> = [
            "DB", "PT", "ST", "TI", "AU", "FA", "AUL", "ED", "SO", "JN", "JT", "BT", "VO", "VI", "IP", "PG", "YR", "DP",
            "PY",
            "DO", "DI", "UI", "PM", "AN", "IS", "IB", "AB", "LG", "MH", "KW", "ID", "KWL", "IN", "AD", "PB", "PU", "XL",
            "UR", "JL",
        ]
        for field in f.fields where !mapped.contains(field.tag) && !skipped.contains(field.tag) {
            let value = Text.normalizeWhitespace(field.values.joined(separator: "; "))
            if !value.isEmpty { r.notes.append("\(field.tag): \(value)") }
        }
        return r
    }

    static func type(_ publicationTypes: [String]) -> ReferenceType {
        let types = publicationTypes.map { $0.lowercased() }
        if types.contains(where: { $0.contains("conference abstract") || $0.contains("meeting abstract") }) {
            return .conferenceAbstract
        }
        if types.contains(where: { $0.contains("book chapter") || $0.contains("chapter") }) { return .bookSection }
        if types.contains(where: { $0.contains("book") }) { return .book }
        if types.contains(where: { $0.contains("dissertation") || $0.contains("thesis") }) { return .thesis }
        if types.contains(where: { $0.contains("patent") }) { return .patent }
        if types.contains(where: {
            $0.contains("conference") || $0.contains("meeting paper") || $0.contains("proceeding")
        }) {
            return .conferencePaper
        }
        return .journalArticle
    }

    /// `Behan L.`, `Walsdorf, Neill B. [Inventor, Reprint Author]`.
    static func author(_ raw: String) -> Author? {
        var name = raw.trimmedWhitespace()
        if name.hasSuffix("]"), let open = name.lastIndex(of: "[") { name = String(name[..<open]).trimmedWhitespace() }
        if name.hasSuffix("."), !name.contains(","), let space = name.lastIndex(of: " ") {
            // Embase: `Lucas J.S.` → family `Lucas`, initials `JS`.
            let initials = name[name.index(after: space)...].filter { $0 != "." }
            if !initials.isEmpty, initials.allSatisfy({ $0.isUppercase }) {
                return Author(family: String(name[..<space]), initials: String(initials))
            }
        }
        return Author(parsing: name)
    }

    /// `Holstiege, Jakob 1;  Mathes, Tim 2` (labelled layout): names with affiliation numbers.
    static func labelledAuthors(_ raw: String) -> [Author] {
        raw.split(separator: ";").compactMap { part in
            var name = part.trimmedWhitespace()
            while let last = name.last, last.isNumber || last == " " || last == "," { name.removeLast() }
            return name.isEmpty ? nil : Author(parsing: name)
        }
    }

    /// The parts of Ovid's `SO` source line, in the forms its databases write:
    /// `Journal Month Year;Vol(Issue):pages` (Ovid MEDLINE, Journals@Ovid),
    /// `Journal. Vol (Issue) (pages), Year.` (Embase), `Journal. Vol(Issue):pages, Month Year.`
    struct Source {
        var journal: String?
        var volume: String?
        var issue: String?
        var pages: String?
        var year: String?

        init(_ raw: String) {
            let so = Text.normalizeWhitespace(raw)
            guard !so.isEmpty else { return }
            year = Source.lastYear(so)
            if let semicolon = so.firstIndex(of: ";") {
                // Journal Month Year;Vol(Issue):pages
                var head = so[..<semicolon].split(separator: " ").map(String.init)
                while let last = head.last, Source.isDateWord(last) { head.removeLast() }
                journal = head.joined(separator: " ")
                volumeIssuePages(String(so[so.index(after: semicolon)...]))
                return
            }
            // Journal. Rest
            if let dot = so.range(of: ". ") {
                journal = String(so[..<dot.lowerBound])
                let rest = String(so[dot.upperBound...])
                if let first = rest.first, first.isNumber { volumeIssuePages(rest) }
                return
            }
            journal = so.hasSuffix(".") ? String(so.dropLast()) : so
        }

        private mutating func volumeIssuePages(_ text: String) {
            let chars = Array(text)
            var i = 0
            var vol = ""
            while i < chars.count, chars[i] != "(", chars[i] != ":", chars[i] != ",", chars[i] != " " {
                vol.append(chars[i])
                i += 1
            }
            if !vol.isEmpty, vol.first?.isNumber == true || vol.count < 8 { volume = vol }
            while i < chars.count, chars[i] == " " { i += 1 }
            var groups: [String] = []
            while i < chars.count, chars[i] == "(" {
                var g = ""
                i += 1
                while i < chars.count, chars[i] != ")" {
                    g.append(chars[i])
                    i += 1
                }
                i += 1
                groups.append(g)
                while i < chars.count, chars[i] == " " { i += 1 }
            }
            if let first = groups.first { issue = first }
            if groups.count > 1, !groups[1].lowercased().contains("no pagination") { pages = groups[1] }
            if i < chars.count, chars[i] == ":" {
                var p = ""
                i += 1
                while i < chars.count, chars[i] != ",", chars[i] != ";", chars[i] != " " {
                    p.append(chars[i])
                    i += 1
                }
                if p.hasSuffix(".") { p.removeLast() }
                if !p.isEmpty { pages = p }
            }
        }

        static func isDateWord(_ word: String) -> Bool {
            let w = word.trimmingCharacters(in: ".,")
            if w.count == 4, w.allSatisfy(\.isNumber) { return true }
            if w.count <= 2, !w.isEmpty, w.allSatisfy(\.isNumber) { return true }
            return w.split(separator: "/").allSatisfy { PublicationDate.monthNumber(named: $0) != nil }
                || ["spring", "summer", "autumn", "fall", "winter"].contains(w.lowercased())
        }

        static func lastYear(_ s: String) -> String? {
            let tokens = s.split(whereSeparator: { !$0.isNumber })
            return tokens.last(where: { $0.count == 4 && (1000...2999).contains(Int($0) ?? 0) }).map(String.init)
        }
    }
}
