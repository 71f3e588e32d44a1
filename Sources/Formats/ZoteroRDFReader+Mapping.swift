import Bibliography

/// The items of a resolved ``RDFGraph`` as records: which nodes are items, and how their
/// properties (and those of the nodes they point to) map to a ``Record``.
enum RDFRecords {
    /// Kinds of node that are never records: parts of an item (people, journals, series),
    /// Zotero's attachments, notes and collections, and RDF's own containers.
    static let notItems: Set<String> = [
        "attachment", "memo", "collection", "person", "organization", "organisation", "agent", "seq", "bag", "alt",
        "list", "journal", "periodical", "newspaper", "magazine", "series", "part", "conference", "website", "blog",
        "forum", "courtreporter", "uri", "automatictag", "lcc", "ddc", "udc", "address", "publicationissue",
        "publicationvolume", "statement",
    ]
    /// Properties that link items to each other (see-also, collections' members): their targets
    /// stay items.
    static let links: Set<String> = ["relation", "hasPart", "sameAs", "seeAlso"]

    /// The records, in the order their items start in the file (nodes are made in document
    /// order), with each item's line.
    ///
    /// - Complexity: O(nodes + properties), plus the containers and creators each item reaches.
    static func make(from graph: RDFGraph) -> [(Record, Int)] {
        var pointedTo = [Bool](repeating: false, count: graph.nodes.count)
        for node in graph.nodes {
            for p in node.properties where !links.contains(p.name) {
                if let t = graph.target(p.value) { pointedTo[t] = true }
            }
        }
        var out: [(Record, Int)] = []
        for (i, node) in graph.nodes.enumerated() where !pointedTo[i] && !node.isA(notItems) {
            let item = RDFItem(graph: graph, node: i)
            let zoteroType = item.literal(i, ["itemType"])
            if let zoteroType, zoteroType == "attachment" || zoteroType == "note" { continue }
            guard zoteroType != nil || item.title != nil || RDFItem.type(ofNode: node) != nil else { continue }
            out.append((item.record(), node.line))
        }
        return out
    }
}

/// One item node of the graph and the reading of its properties.
struct RDFItem {
    let graph: RDFGraph
    let node: Int

    // MARK: Reading properties

    /// The literals of the first of `names` that `node` has, in document order.
    func literals(_ node: Int, _ names: [String]) -> [String] {
        for name in names {
            let found = graph.nodes[node].properties.compactMap { p -> String? in
                guard p.name == name, case .literal(let s) = p.value else { return nil }
                return s
            }
            if !found.isEmpty { return found }
        }
        return []
    }

    /// The first literal of the first of `names` that `node` has.
    func literal(_ node: Int, _ names: [String]) -> String? { literals(node, names).first }

    /// Every value of the properties called one of `names`, in document order.
    func values(_ node: Int, _ names: Set<String>) -> [RDFValue] {
        graph.nodes[node].properties.filter { names.contains($0.name) }.map(\.value)
    }

    /// A value's text: the literal, or a node's `rdf:value`, title or name.
    func text(_ value: RDFValue) -> String? {
        if case .literal(let s) = value { return s }
        guard let t = graph.target(value) else { return nil }
        return literal(t, ["value", "title", "name", "organization-name"]).map(Text.normalizeWhitespace)
    }

    /// The nodes `dcterms:isPartOf` leads to (and the parts of those), nearest first.
    var containers: [Int] {
        var seen: Set<Int> = [node]
        var queue = [node]
        var out: [Int] = []
        var k = 0
        while k < queue.count, out.count < 16 {
            for v in values(queue[k], ["isPartOf"]) {
                if let t = graph.target(v), seen.insert(t).inserted {
                    out.append(t)
                    queue.append(t)
                }
            }
            k += 1
        }
        return out
    }

    var title: String? {
        literal(node, ["title", "name", "fn"]).map(IdentifierScan.plainText).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True for a file Zotero wrote (its items carry `z:itemType`): there `dc:description` is
    /// Zotero's Extra field, elsewhere the abstract.
    var isZotero: Bool { literal(node, ["itemType"]) != nil }

    // MARK: The record

    func record() -> Record {
        var r = Record(type: .other)
        let parts = containers
        let series = parts.filter { graph.nodes[$0].isA(["series"]) }
        let hosts = parts.filter { !graph.nodes[$0].isA(["series", "part"]) }
        let journalKinds: Set<String> = [
            "journal", "periodical", "newspaper", "magazine", "book", "website", "blog", "forum", "courtreporter",
            "proceedings",
        ]
        let host =
            hosts.first(where: { graph.nodes[$0].isA(journalKinds) && literal($0, ["title", "name"]) != nil })
            ?? hosts.first(where: { literal($0, ["title", "name"]) != nil })
        r.type = type(host: host)
        r.title = title ?? ""
        let articleLike: Set<ReferenceType> = [
            .journalArticle, .magazineArticle, .newspaperArticle, .conferencePaper, .conferenceAbstract,
        ]

        // People.
        let authors = creators(["authors"]) ?? creators(["creator"]) ?? creators(["author"]) ?? []
        let contributors = creators(["contributor"]) ?? []
        r.authors = authors.isEmpty ? contributors : authors
        if !authors.isEmpty { for c in contributors { r.notes.append("contributor: \(c.displayName)") } }
        r.editors = creators(["editors", "editor"]) ?? []
        let roles = [
            ("contributors", "contributor"), ("translators", "translator"), ("seriesEditors", "series editor"),
            ("bookAuthors", "book author"), ("reviewedAuthors", "reviewed author"),
        ]
        for (property, role) in roles {
            for c in creators([property]) ?? [] { r.notes.append("\(role): \(c.displayName)") }
        }

        // The journal (or book, website …) and where in it.
        if let host {
            r.journal = literal(host, ["title", "name"]).map(IdentifierScan.plainText)
            r.journalAbbreviation = literal(host, ["alternative"])
        } else if articleLike.contains(r.type) {
            r.journal = literal(node, ["publicationName", "publicationTitle", "source"])
            r.journalAbbreviation = literal(node, ["alternative", "journalAbbreviation"])
        }
        let chain = hosts + [node]
        func first(_ names: [String], in nodes: [Int]) -> String? {
            for n in nodes { if let v = literal(n, names) { return v } }
            return nil
        }
        r.volume = first(["volume", "volumeNumber"], in: chain)
        r.issue = first(["issue", "issueNumber"], in: chain) ?? first(["number"], in: hosts)
        if let number = literal(node, ["number"]) {
            if r.issue == nil && articleLike.contains(r.type) {
                r.issue = number
            } else {
                r.notes.append("number: \(number)")
            }
        }
        r.pages = literal(node, ["pages", "pageRange"])
        if r.pages == nil, let start = literal(node, ["pageStart", "startingPage"]) {
            let end = literal(node, ["pageEnd", "endingPage"])
            r.pages = end.map { $0 == start ? start : start + "-" + $0 } ?? start
        }
        for name in ["publicationDate", "issued", "date", "datePublished", "dateCreated", "created"] {
            if let d = first([name], in: [node] + hosts).flatMap(PublicationDate.init(parsing:)) {
                r.date = d
                break
            }
        }
        for n in [node] + hosts {
            if let p = values(n, ["publisher"]).lazy.compactMap(text).first {
                r.publisher = p
                break
            }
        }
        for s in series {
            if let t = literal(s, ["title", "name"]) { r.notes.append("series: \(t)") }
        }
        if series.isEmpty, host == nil, let partOf = literal(node, ["isPartOf"]) {
            if articleLike.contains(r.type) { r.journal = partOf } else { r.notes.append("series: \(partOf)") }
        }
        if let edition = literal(node, ["edition"]) { r.notes.append("edition: \(edition)") }
        for v in values(node, ["presentedAt"]) {
            if let t = text(v) { r.notes.append("conference: \(t)") }
        }

        identifiers(into: &r, hosts: hosts)

        // Content.
        let abstract = literal(node, ["abstract", "teaser"]) ?? (isZotero ? nil : literal(node, ["description"]))
        if let abstract { r.abstract = Abstract(IdentifierScan.plainText(abstract)) }
        for v in values(node, ["subject", "keywords", "keyword", "about", "tag"]) {
            // A subject node is an automatic tag (its `rdf:value`) or a call number (LCC, DDC, UDC).
            let keyword: String? =
                if case .literal(let s) = v {
                    s
                } else if let t = graph.target(v), !graph.nodes[t].isA(["lcc", "ddc", "udc"]) {
                    literal(t, ["value"]).map(Text.normalizeWhitespace)
                } else {
                    nil
                }
            if let keyword, !keyword.isEmpty, !r.keywords.contains(keyword) { r.keywords.append(keyword) }
        }
        for v in values(node, ["language", "inLanguage"]) {
            let language: String
            switch v {
            case .literal(let s): language = s
            case .reference(let uri) where graph.target(v) == nil: language = RDFGraph.localName(of: uri)
            default:
                guard let s = text(v) else { continue }
                language = s
            }
            if !language.isEmpty, !r.languages.contains(language) { r.languages.append(language) }
        }
        r.publicationTypes = literals(node, ["type"])

        // Zotero's Extra, then the item's child notes.
        if isZotero, let extra = literal(node, ["description"]) {
            r.notes.append(extra)
        }
        for v in values(node, ["isReferencedBy"]) {
            guard let t = graph.target(v), graph.nodes[t].isA(["memo"]),
                let note = literal(t, ["value", "description"])
            else { continue }
            let plain = IdentifierScan.plainText(note)
            if !plain.isEmpty { r.notes.append(plain) }
        }
        return r
    }

    /// DOI, PMID, ISSN/ISBN, URLs: from `dc:identifier` (Zotero writes `DOI …`, `ISSN …`,
    /// `ISBN …` on the journal, URLs as `dcterms:URI` nodes), PRISM/BIBO/schema.org properties,
    /// `owl:sameAs` links and the `PMID:`/`PMCID:` lines of Zotero's Extra.
    func identifiers(into r: inout Record, hosts: [Int]) {
        func addStandard(_ raw: String) {
            for id in IdentifierScan.standardNumbers(in: raw) where !r.otherIDs.contains(id) { r.otherIDs.append(id) }
        }
        func addURL(_ raw: String) {
            for u in IdentifierScan.urls(in: raw) where !r.urls.contains(u) { r.urls.append(u) }
        }
        for n in [node] + hosts {
            for v in values(n, ["identifier"]) {
                guard case .literal(let s) = v else {
                    let link: String? = if case .reference(let uri) = v, graph.target(v) == nil { uri } else { text(v) }
                    if let link, link.hasPrefix("http://") || link.hasPrefix("https://") { addURL(link) }
                    continue
                }
                let word = s.prefix(while: { $0 != " " && $0 != ":" }).uppercased()
                let rest = String(s.dropFirst(word.count).drop(while: { $0 == " " || $0 == ":" }))
                switch word {
                case "DOI": if r.doi == nil { r.doi = DOI.normalize(rest) }
                case "ISSN", "ISBN", "EISSN": addStandard(rest)
                case "PMID": if r.pmid == nil { r.pmid = PMID.normalize(rest) }
                case "PMCID": if r.pmcid == nil { r.pmcid = PMCID.normalize(rest) }
                default:
                    if s.hasPrefix("10."), r.doi == nil, let doi = DOI.normalize(s) {
                        r.doi = doi
                    } else if s.hasPrefix("http://") || s.hasPrefix("https://") {
                        addURL(s)
                    } else if n == node {
                        let scheme = s.uppercased().hasPrefix("WOS:") ? "wos" : "accession"
                        r.otherIDs.append(Identifier(scheme, s))
                    }
                }
            }
            for name in ["issn", "eissn", "eIssn", "isbn", "isbn13", "isbn10"] {
                for s in literals(n, [name]) { addStandard(s) }
            }
        }
        if r.doi == nil, let doi = literal(node, ["doi"]).flatMap(DOI.normalize) { r.doi = doi }
        for v in values(node, ["url", "uri"]) {
            if case .reference(let u) = v { addURL(u) } else if let u = text(v) { addURL(u) }
        }
        for v in values(node, ["sameAs"]) {
            let link: String? = if case .reference(let u) = v { u } else { text(v) }
            if r.doi == nil, let link, let doi = IdentifierScan.doi(inText: link) { r.doi = doi }
        }
        if isZotero, let extra = literal(node, ["description"]) {
            for line in extra.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
                guard parts.count == 2 else { continue }
                switch parts[0].uppercased() {
                case "PMID": if r.pmid == nil { r.pmid = PMID.normalize(parts[1]) }
                case "PMCID": if r.pmcid == nil { r.pmcid = PMCID.normalize(parts[1]) }
                case "DOI": if r.doi == nil { r.doi = DOI.normalize(parts[1]) }
                default: break
                }
            }
        }
        if r.doi == nil { r.doi = r.urls.lazy.compactMap(IdentifierScan.doi(inText:)).first }
        if r.pmid == nil { r.pmid = r.urls.lazy.compactMap(IdentifierScan.pmid(inURL:)).first }
    }

    // MARK: People

    /// The people of the first property in `names` that gives any: a container (`rdf:Seq` of
    /// `rdf:li`) or the values themselves, each a `foaf:Person` (or schema.org person), an
    /// organisation, or a name as text. Nil when none does.
    func creators(_ names: [String]) -> [Author]? {
        for name in names {
            var out: [Author] = []
            for v in values(node, [name]) { collectPeople(v, depth: 0, into: &out) }
            if !out.isEmpty { return out }
        }
        return nil
    }

    private func collectPeople(_ value: RDFValue, depth: Int, into out: inout [Author]) {
        guard depth < 4 else { return }
        if case .literal(let s) = value {
            if let a = Author(parsing: s) { out.append(a) }
            return
        }
        guard let t = graph.target(value) else { return }
        let members = values(t, ["li"])
        if !members.isEmpty {
            for m in members { collectPeople(m, depth: depth + 1, into: &out) }
            return
        }
        if let person = person(t) { out.append(person) }
    }

    /// A person node: family and given names (Zotero writes `foaf:surname`, `foaf:givenName`,
    /// once `foaf:givenname`), or a name in one piece; an organisation is a group author.
    func person(_ n: Int) -> Author? {
        let family = literal(n, ["surname", "familyName", "lastName", "family_name", "family"])
        let given = literal(n, ["givenName", "givenname", "firstName", "given"])
        if let family {
            if let given { return Author(family: family, given: given) }
            // Zotero's one-field names (institutions) come as a surname alone.
            return family.contains(" ") ? Author(group: family) : Author(family: family)
        }
        guard let name = literal(n, ["name", "fn", "organization-name"]) else { return nil }
        return graph.nodes[n].isA(["organization", "organisation"]) ? Author(group: name) : Author(parsing: name)
    }

    // MARK: Types

    /// The reference type: Zotero's `z:itemType`, else the node's RDF type (BIBO, biblio,
    /// schema.org), else `dc:type`, else what its container says.
    func type(host: Int?) -> ReferenceType {
        if let z = literal(node, ["itemType"]) { return ReferenceType(zoteroItemType: z) ?? .other }
        let hostKinds = host.map { graph.nodes[$0].types.map { $0.lowercased() } } ?? []
        if var t = RDFItem.type(ofNode: graph.nodes[node]) {
            // `bib:Article` is refined by its container (Zotero writes magazines as `bib:Periodical`);
            // schema.org's `ScholarlyArticle` in a `schema:Periodical` stays a journal article.
            if t == .journalArticle, graph.nodes[node].types.contains("Article") {
                if hostKinds.contains("periodical") || hostKinds.contains("magazine") { t = .magazineArticle }
                if hostKinds.contains("newspaper") { t = .newspaperArticle }
            }
            return t
        }
        for dcType in literals(node, ["type"]) {
            if let t = MODSDraft.type(genre: dcType) { return t }
        }
        if hostKinds.contains("journal") { return .journalArticle }
        if hostKinds.contains("book") { return .bookSection }
        return .other
    }

    /// The type an item's RDF class names (`bib:Article`, `bibo:AcademicArticle`,
    /// `schema:ScholarlyArticle` …), or nil for a class that names no bibliographic type.
    static func type(ofNode node: RDFNode) -> ReferenceType? {
        for kind in node.types {
            switch kind.lowercased() {
            case "article", "academicarticle", "scholarlyarticle", "journalarticle": return .journalArticle
            case "book", "ebook", "editedbook": return .book
            case "booksection", "chapter": return .bookSection
            case "thesis": return .thesis
            case "report", "techreport": return .report
            case "patent": return .patent
            case "document", "webpage", "website": return .webpage
            case "newsarticle", "newspaperarticle": return .newspaperArticle
            case "manuscript": return .preprint
            case "dataset": return .dataset
            case "letter", "interview", "motionpicture", "image", "illustration", "recording", "legislation",
                "conferenceproceedings", "data", "softwaresourcecode", "softwareapplication", "creativework":
                return .other
            default: continue
            }
        }
        return nil
    }
}
