import Bibliography

/// Web of Science tags to the record model; documented in `docs/conformance.md`.
enum WebOfScienceMapping {
    /// Tags read into fields; every other tag with a value is kept as a note `TAG: value`,
    /// except the counts and bookkeeping in ``skipped``.
    static let skipped: Set<String> = [
        "NR", "TC", "Z9", "U1", "U2", "PI", "PA", "RP", "EM", "CR", "GA", "DA", "HC", "HP", "WC", "SC", "WE", "PG",
        "J9", "OA", "RI", "OI", "C3", "EA", "SI", "FN", "VR", "CL", "CY", "SP", "HO", "MA",
    ]

    static func record(_ f: TaggedFields) -> Record {
        var r = Record()
        let documentTypes = f.values("DT").flatMap { $0.split(separator: ";").map { $0.trimmedWhitespace() } }
        r.publicationTypes = documentTypes.filter { !$0.isEmpty }
        r.type = type(pt: f.first("PT"), documentTypes: documentTypes)
        r.title = Text.normalizeWhitespace(f.first("TI") ?? "")
        let people = f.values("AF").isEmpty ? f.values("AU") : f.values("AF")
        r.authors = people.compactMap(author) + f.values("CA").map { Author(group: $0) }
        r.editors = (f.values("BF").isEmpty ? f.values("BE") : f.values("BF")).compactMap(author)
        if r.type == .book {
            r.journal = f.first("SE")
        } else {
            r.journal = f.first("SO", "SE")
        }
        r.journalAbbreviation = f.first("JI")
        r.date = date(year: f.first("PY"), published: f.first("PD"))
        r.volume = f.first("VL")
        r.issue = f.first("IS")
        if let begin = f.first("BP") {
            r.pages = f.first("EP").map { begin + "-" + $0 } ?? begin
        } else {
            r.pages = f.first("AR")
        }
        r.doi = (f.values("DI") + f.values("D2")).lazy.compactMap(DOI.normalize).first
        r.pmid = f.first("PM").flatMap(PMID.normalize)
        let abstract = Text.normalizeWhitespace(f.values("AB").joined(separator: " "))
        r.abstract = abstract.isEmpty ? Abstract() : Abstract(abstract)
        r.languages = f.values("LA").flatMap { $0.split(separator: ";").map { $0.trimmedWhitespace() } }
        r.keywords = (f.values("DE") + f.values("ID")).flatMap {
            $0.split(separator: ";").map { $0.trimmedWhitespace() }
        }
        .filter { !$0.isEmpty }
        r.affiliations = f.values("C1").map(affiliation)
        r.publisher = f.first("PU")
        for ut in f.values("UT") {
            r.otherIDs.append(Identifier(ut.uppercased().hasPrefix("WOS:") ? "wos" : "accession", ut))
        }
        for an in f.values("AN") { r.otherIDs.append(Identifier("accession", an)) }
        for sn in f.values("SN") + f.values("EI") { r.otherIDs.append(Identifier("issn", sn)) }
        for bn in f.values("BN") { r.otherIDs.append(Identifier("isbn", bn)) }
        let mapped: Set<String> = [
            "PT", "DT", "TI", "AF", "AU", "CA", "BF", "BE", "SO", "SE", "JI", "PY", "PD", "VL", "IS", "BP", "EP", "AR",
            "DI", "D2", "PM", "AB", "LA", "DE", "ID", "C1", "PU", "UT", "AN", "SN", "EI", "BN",
        ]
        for field in f.fields where !mapped.contains(field.tag) && !skipped.contains(field.tag) {
            let value = Text.normalizeWhitespace(field.values.joined(separator: "; "))
            if !value.isEmpty { r.notes.append("\(field.tag): \(value)") }
        }
        return r
    }

    /// `PT` (J journal, B book, S series, P patent, C conference) refined by `DT`.
    static func type(pt: String?, documentTypes: [String]) -> ReferenceType {
        let dt = Set(documentTypes.map { $0.lowercased() })
        if dt.contains("meeting abstract") { return .conferenceAbstract }
        if dt.contains("proceedings paper") { return .conferencePaper }
        if dt.contains("book chapter") { return .bookSection }
        if dt.contains("book") { return .book }
        switch pt?.uppercased() {
        case "B": return .book
        case "P": return .patent
        case "C": return .conferencePaper
        default: return .journalArticle
        }
    }

    /// `Asampong, Emmanuel`, `Stillman, Andrew N. (andrew.stillman@uconn.edu)`.
    static func author(_ raw: String) -> Author? {
        var name = raw.trimmedWhitespace()
        if name.hasSuffix(")"), let open = name.lastIndex(of: "(") { name = String(name[..<open]).trimmedWhitespace() }
        return Author(parsing: name)
    }

    /// `[Asampong, Emmanuel] Univ Ghana, …` → `Univ Ghana, …`.
    static func affiliation(_ raw: String) -> String {
        guard raw.hasPrefix("["), let close = raw.firstIndex(of: "]") else { return raw }
        return String(raw[raw.index(after: close)...]).trimmedWhitespace()
    }

    /// `PY 2020` with `PD JUN 15` or `PD 2020 JUN`.
    static func date(year: String?, published: String?) -> PublicationDate? {
        guard let year else { return published.flatMap(PublicationDate.init(parsing:)) }
        if let published, !published.contains(year) {
            return PublicationDate(parsing: year + " " + published) ?? PublicationDate(parsing: year)
        }
        return PublicationDate(parsing: published ?? year) ?? PublicationDate(parsing: year)
    }
}
