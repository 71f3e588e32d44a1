import Bibliography

/// The leaf elements of one MODS record, in document order, before mapping to a ``Record``.
/// A `name` or `titleInfo` element also leaves an empty field when it ends, so that the parts
/// of one name (or one title) stay together.
struct MODSDraft {
    var fields: [MODSField] = []

    /// Elements whose end is marked by an empty field.
    static let groups: Set<String> = ["name", "titleInfo"]

    func record() -> Record {
        var r = Record(type: .other)
        let own = fields.filter { !$0.inRelatedItem }
        let host = fields.filter { $0.inHost }

        // Titles: the first titleInfo without a type (or, failing that, any but an abbreviation).
        let titles = MODSDraft.titles(own)
        let main = titles.first(where: { $0.type == nil }) ?? titles.first(where: { $0.type != "abbreviated" })
        r.title = main?.text ?? ""
        for t in titles where t.type == "alternative" || t.type == "translated" || t.type == "uniform" {
            if t.text != r.title { r.notes.append("\(t.type ?? "other") title: \(t.text)") }
        }
        let hostTitles = MODSDraft.titles(host)
        let hostMain = hostTitles.first(where: { $0.type == nil })
        r.journal = (hostMain ?? hostTitles.first(where: { $0.type != "abbreviated" }))?.text
        r.journalAbbreviation = hostTitles.first(where: { $0.type == "abbreviated" })?.text
        if r.journal == nil { r.journal = r.journalAbbreviation }

        // People.
        let (authors, editors, others) = MODSDraft.names(own)
        r.authors = authors.isEmpty ? others.map(\.author) : authors
        if !authors.isEmpty {
            for o in others { r.notes.append("\(o.role): \(o.author.displayName)") }
        }
        r.editors = editors + MODSDraft.names(host).editors
        for f in own where f.name == "affiliation" && f.ancestor("name") != nil {
            if !r.affiliations.contains(f.value) { r.affiliations.append(f.value) }
        }

        // Date: dateIssued (the key date first), the host's, the part's, then dateCreated and copyright.
        func dates(_ fields: [MODSField], _ name: String) -> [MODSField] {
            let all = fields.filter { $0.name == name }
            return all.filter { $0.path.last?.keyDate == true } + all.filter { $0.path.last?.keyDate != true }
        }
        let candidates =
            dates(own, "dateIssued") + dates(host, "dateIssued") + host.filter { $0.localPath == "part/date" }
            + own.filter { $0.localPath == "part/date" } + dates(own, "dateCreated") + dates(own, "copyrightDate")
        for d in candidates {
            if let date = PublicationDate(parsing: d.value) {
                r.date = date
                break
            }
        }
        r.publisher = (own + host).first(where: { $0.localPath == "originInfo/publisher" })?.value

        // Volume, issue, pages: `part` of the host, or of the record itself.
        for f in host + own where f.path.contains(where: { $0.name == "part" }) {
            let detail = f.ancestor("detail")?.type?.lowercased()
            switch (f.name, detail) {
            case ("number", "volume"), ("number", "vol"), ("number", "vol."):
                if r.volume == nil { r.volume = f.value }
            case ("number", "issue"), ("number", "number"), ("number", "no"), ("number", "no."):
                if r.issue == nil { r.issue = f.value }
            case ("number", "page"), ("number", "pages"):
                if r.pages == nil { r.pages = f.value }
            default: break
            }
        }
        if r.pages == nil {
            let extent = (host + own).filter { $0.ancestor("extent") != nil && $0.ancestor("part") != nil }
            func part(_ name: String) -> String? { extent.first(where: { $0.name == name })?.value }
            if let start = part("start") {
                r.pages = part("end").map { $0 == start ? start : start + "-" + $0 } ?? start
            } else {
                r.pages = part("list") ?? part("total")
            }
        }

        // Identifiers.
        for f in own where f.name == "identifier" {
            MODSDraft.identifier(f, into: &r)
        }
        for f in host where f.name == "identifier" {
            let type = f.type?.lowercased() ?? ""
            if type == "issn" || type == "isbn" {
                for id in IdentifierScan.standardNumbers(in: f.value) where !r.otherIDs.contains(id) {
                    r.otherIDs.append(id)
                }
            }
        }

        // Content.
        let abstracts = own.filter { $0.name == "abstract" }.map(\.value)
        if !abstracts.isEmpty { r.abstract = Abstract(abstracts.joined(separator: " ")) }
        for f in own where f.ancestor("subject") != nil {
            guard ["topic", "geographic", "temporal", "genre", "occupation"].contains(f.name) else { continue }
            if !r.keywords.contains(f.value) { r.keywords.append(f.value) }
        }
        let genres = own.filter { $0.localPath == "genre" }.map(\.value)
        r.publicationTypes = genres
        for f in own where f.localPath == "language/languageTerm" && !r.languages.contains(f.value) {
            r.languages.append(f.value)
        }
        for f in own where f.localPath == "location/url" {
            for u in IdentifierScan.urls(in: f.value) where !r.urls.contains(u) { r.urls.append(u) }
        }
        for f in own where f.localPath == "note" || f.localPath == "physicalDescription/note" {
            r.notes.append(f.value)
        }
        if r.doi == nil {
            for u in r.urls {
                if let doi = IdentifierScan.doi(inText: u) {
                    r.doi = doi
                    break
                }
            }
        }

        // Type: the genre, else the host's genre or issuance, else what the record looks like.
        let hostGenres = host.filter { $0.localPath == "genre" || $0.localPath == "originInfo/issuance" }.map(\.value)
        r.type =
            genres.lazy.compactMap(MODSDraft.type(genre:)).first
            ?? hostGenres.lazy.compactMap(MODSDraft.hostType(genre:)).first
            ?? (host.isEmpty ? (r.publisher != nil ? .book : .other) : .journalArticle)
        return r
    }

    /// One `titleInfo`: its type and its text (`nonSort title: subTitle. partNumber. partName`).
    struct Title {
        var type: String?
        var text: String
    }

    static func titles(_ fields: [MODSField]) -> [Title] {
        var out: [Title] = []
        var parts: [String: String] = [:]
        var type: String?
        for f in fields {
            if f.name == "titleInfo" && f.value.isEmpty && f.path.count >= 1 {
                if let t = parts["title"] {
                    var text = (parts["nonSort"].map { $0.hasSuffix(" ") || $0.hasSuffix("'") ? $0 : $0 + " " } ?? "")
                    text = Text.normalizeWhitespace(text + t)
                    if let sub = parts["subTitle"] { text += (text.hasSuffix(":") ? " " : ": ") + sub }
                    for p in ["partNumber", "partName"] { if let v = parts[p] { text += ". " + v } }
                    out.append(Title(type: type, text: text))
                }
                parts = [:]
                type = nil
                continue
            }
            guard let info = f.ancestor("titleInfo") else { continue }
            type = info.type
            if parts[f.name] == nil { parts[f.name] = f.value }
        }
        return out
    }

    /// A name and the role it plays (`author`, `editor`, `photographer` …).
    struct Name {
        var author: Author
        var role: String
    }

    /// The names of `fields`: authors, editors, and names in other roles.
    static func names(_ fields: [MODSField]) -> (authors: [Author], editors: [Author], others: [Name]) {
        var authors: [Author] = []
        var editors: [Author] = []
        var others: [Name] = []
        var family: [String] = []
        var given: [String] = []
        var untyped: [String] = []
        var display: String?
        var roles: [String] = []
        var corporate = false
        for f in fields {
            if f.name == "name" && f.value.isEmpty {
                let author: Author?
                if corporate {
                    author = Author(group: (family + given + untyped).joined(separator: ", "))
                } else if !family.isEmpty {
                    let g = given.joined(separator: " ")
                    author = Author(family: family.joined(separator: " "), given: g.isEmpty ? nil : g)
                } else if !untyped.isEmpty {
                    author = Author(parsing: untyped.joined(separator: untyped.count == 2 ? ", " : " "))
                } else {
                    author = display.flatMap { Author(parsing: $0) }
                }
                if let author, !author.family.isEmpty {
                    let role = roles.first(where: { !$0.isEmpty }) ?? "author"
                    switch role {
                    case "aut", "author", "cre", "creator": authors.append(author)
                    case "edt", "editor", "ed.", "eds.": editors.append(author)
                    default: others.append(Name(author: author, role: role))
                    }
                }
                (family, given, untyped, display, roles, corporate) = ([], [], [], nil, [], false)
                continue
            }
            guard let name = f.ancestor("name") else { continue }
            corporate = name.type == "corporate" || name.type == "conference"
            switch (f.name, f.type) {
            case ("namePart", "family"): family.append(f.value)
            case ("namePart", "given"): given.append(f.value)
            case ("namePart", nil): untyped.append(f.value)
            case ("displayForm", _): display = f.value
            case ("roleTerm", _): roles.append(f.value.lowercased().trimmingCharacters(in: " ."))
            default: break
            }
        }
        return (authors, editors, others)
    }

    /// `identifier type="doi|pmid|pmcid|isbn|issn|uri…"` into the record.
    static func identifier(_ f: MODSField, into r: inout Record) {
        let type = f.type?.lowercased() ?? ""
        switch type {
        case "doi":
            if r.doi == nil, let doi = DOI.normalize(f.value) { r.doi = doi }
        case "pmid", "pubmed":
            if r.pmid == nil { r.pmid = PMID.normalize(f.value) }
        case "pmcid", "pmc":
            if r.pmcid == nil { r.pmcid = PMCID.normalize(f.value) }
        case "isbn", "issn":
            for id in IdentifierScan.standardNumbers(in: f.value) where !r.otherIDs.contains(id) {
                r.otherIDs.append(id)
            }
        case "uri", "url", "hdl", "handle":
            if r.doi == nil, let doi = IdentifierScan.doi(inText: f.value) {
                r.doi = doi
            } else if type == "uri" || type == "url" {
                if !r.urls.contains(f.value) { r.urls.append(f.value) }
            } else {
                r.otherIDs.append(Identifier(type, f.value))
            }
        case "citekey": break
        default:
            r.otherIDs.append(Identifier(type.isEmpty ? "identifier" : type, f.value))
        }
    }

    /// The reference type a record's own `genre` names, or nil.
    static func type(genre raw: String) -> ReferenceType? {
        switch Text.foldForMatching(raw) {
        case "article", "journal article", "journalarticle", "periodical article", "academic journal article":
            .journalArticle
        case "book", "monograph", "edited book": .book
        case "book chapter", "chapter", "booksection", "book section", "incollection", "inbook": .bookSection
        case "conference publication", "conference paper", "conference proceedings", "inproceedings",
            "conferencepaper":
            .conferencePaper
        case "thesis", "theses", "dissertation", "phdthesis", "mastersthesis", "academic theses": .thesis
        case "report", "technical report", "techreport", "government publication": .report
        case "web site", "webpage", "web page", "website": .webpage
        case "patent": .patent
        case "newspaper article", "newspaper": .newspaperArticle
        case "magazine article", "magazine": .magazineArticle
        case "dataset", "database": .dataset
        default: nil
        }
    }

    /// The type of a record from its host's `genre` or `issuance`: an article in a journal, a
    /// chapter in a book, a paper in proceedings.
    static func hostType(genre raw: String) -> ReferenceType? {
        switch Text.foldForMatching(raw) {
        case "journal", "periodical", "academic journal", "continuing", "serial", "magazine", "newspaper":
            .journalArticle
        case "book", "monographic", "monograph", "collection": .bookSection
        case "conference publication", "proceedings", "conference proceedings": .conferencePaper
        default: nil
        }
    }
}
