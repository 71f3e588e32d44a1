import Bibliography

/// RIS tags → ``Record`` fields. The table is documented in `docs/conformance.md`.
///
/// Every non-empty value ends up somewhere: in a field, or, when no field takes it (unknown
/// tags, a second differing title, an unparseable year), in ``Record/notes`` as `TAG: value`.
/// Values that repeat what a field already holds (an `ST` equal to the title, a `JO` equal to
/// the journal) are not repeated in notes.
extension RISFields {
    /// Builds the record.
    func record() -> Record {
        var builder = RISRecordBuilder(fields: fields)
        return builder.build(freeText: freeText)
    }
}

struct RISRecordBuilder {
    private var values: [(tag: String, value: String)] = []
    /// What to call a value in a `label: value` note (the tag, or a CSV column's name).
    private var labels: [String] = []
    private var used: Set<Int> = []

    init(fields: [RISFields.Field]) {
        for field in fields {
            for value in field.values {
                values.append(
                    (field.tag, field.tag == "N1" ? value.trimmedWhitespace() : RISRecordBuilder.clean(value)))
                labels.append(field.tag)
            }
        }
    }

    /// A builder over values that carry their own labels (CSV columns mapped to RIS tags).
    init(labelled: [(tag: String, value: String, label: String)]) {
        for (tag, value, label) in labelled {
            values.append((tag, tag == "N1" ? value.trimmedWhitespace() : RISRecordBuilder.clean(value)))
            labels.append(label)
        }
    }

    /// Whitespace normalised; R's `NA` placeholder (CiteSource round trips) and pandas' `nan`
    /// treated as empty.
    static func clean(_ raw: String) -> String {
        let s = Text.normalizeWhitespace(raw)
        return s == "NA" || s == "nan" || s == "NaN" ? "" : s
    }

    /// Indices of the non-empty values of `tags`, in file order.
    private func indices(_ tags: Set<String>) -> [Int] {
        values.indices.filter { tags.contains(values[$0].tag) && !values[$0].value.isEmpty }
    }

    /// The first non-empty value among `tags` (in the order of `tags`), marked used.
    private mutating func first(_ tags: [String]) -> String? {
        for tag in tags {
            if let i = values.indices.first(where: { values[$0].tag == tag && !values[$0].value.isEmpty }) {
                used.insert(i)
                return values[i].value
            }
        }
        return nil
    }

    /// All non-empty values of `tags` in file order, marked used.
    private mutating func all(_ tags: Set<String>) -> [String] {
        let found = indices(tags)
        used.formUnion(found)
        return found.map { values[$0].value }
    }

    mutating func build(freeText: [String]) -> Record {
        var r = Record()
        for i in values.indices where values[i].value.isEmpty { used.insert(i) }

        // Type: the last non-empty TY (exporters that repeat TY mean the last one).
        let typeCode = indices(["TY"]).last.map { values[$0].value }
        used.formUnion(values.indices.filter { values[$0].tag == "TY" })
        r.type = RISRecordBuilder.referenceType(typeCode)
        if r.type == .other, let m3 = values.first(where: { $0.tag == "M3" })?.value,
            Text.foldForMatching(m3) == "trial registration"
        {
            r.type = .trialRegistration
            markUsed("M3", m3)
        }

        // Titles.
        let isBook = r.type == .book
        var title = first(["TI", "T1", "CT"]) ?? ""
        if title.isEmpty, isBook { title = first(["BT"]) ?? "" }
        if Text.foldForMatching(title) == "no title" { title = "" }
        r.title = IdentifierScan.plainText(title)
        r.originalTitle = first(["TT"])

        // Journal / book / proceedings title, and abbreviation.
        let containerTags = isBook ? ["JF", "JO"] : ["JF", "T2", "JO", "BT"]
        r.journal = first(containerTags).map { Text.normalizeWhitespace(Text.decodeEntities($0)) }
        r.journalAbbreviation = first(["JA", "J2", "JI", "J1", "J9"])
        if r.journalAbbreviation == nil, let jo = indices(["JO"]).first, !used.contains(jo) {
            r.journalAbbreviation = values[jo].value
            used.insert(jo)
        }
        if r.journal == nil, let abbreviation = r.journalAbbreviation { r.journal = abbreviation }

        // People.
        r.authors = all(["AU", "A1"]).compactMap(RISRecordBuilder.author)
        r.editors = all(["A2", "ED"]).compactMap(RISRecordBuilder.author)

        // Date: PY, else Y1, else DA; a more precise date of the same year (DA) refines it.
        r.date = date()

        // Abstract.
        if let abstract = first(["AB", "N2"]) {
            r.abstract = Abstract(IdentifierScan.plainText(abstract))
        }

        var keywords: [String] = []
        for k in all(["KW"]) where !keywords.contains(k) { keywords.append(k) }
        r.keywords = keywords

        let types = indices(["M3"]).filter { !used.contains($0) }
        used.formUnion(types)
        r.publicationTypes = types.map { values[$0].value }
        r.volume = first(["VL", "VO"])
        r.issue = first(["IS", "CP"])
        r.pages = pages()
        r.publisher = first(["PB", "PU"])
        r.languages = all(["LA"])
        var affiliations: [String] = []
        for a in all(["AD"]) where !affiliations.contains(a) { affiliations.append(a) }
        r.affiliations = affiliations
        var urls: [String] = []
        for u in all(["UR", "L1", "L2", "L3", "L4", "LK"]).flatMap(IdentifierScan.urls(in:)) where !urls.contains(u) {
            urls.append(u)
        }
        r.urls = urls

        identifiers(into: &r)

        // Notes: N1 verbatim, then whatever no field took, then free text lines.
        var notes: [String] = []
        let duplicates = Set(
            [r.title, r.journal ?? "", r.journalAbbreviation ?? ""].filter { !$0.isEmpty }.map(Text.foldForMatching))
        for i in values.indices {
            let (tag, value) = values[i]
            if tag == "N1" {
                if !value.isEmpty { notes.append(value) }
                continue
            }
            guard !used.contains(i), !value.isEmpty else { continue }
            if ["ST", "JO", "JF", "T2", "BT", "JA", "J2", "JI", "J1", "J9", "TI", "T1"].contains(tag),
                duplicates.contains(Text.foldForMatching(value))
            {
                continue
            }
            notes.append(labels[i] + ": " + value)
        }
        notes.append(contentsOf: freeText)
        r.notes = notes
        return r
    }

    private mutating func markUsed(_ tag: String, _ value: String) {
        if let i = values.indices.first(where: { values[$0].tag == tag && values[$0].value == value }) {
            used.insert(i)
        }
    }

    private mutating func date() -> PublicationDate? {
        var date: PublicationDate?
        for tag in ["PY", "Y1", "DA"] {
            for i in indices([tag]) {
                guard let parsed = PublicationDate(parsing: values[i].value) else { continue }
                if date == nil {
                    date = parsed
                    used.insert(i)
                } else if parsed.year == date?.year, parsed.month != nil, date?.month == nil {
                    date = parsed
                    used.insert(i)
                } else if parsed == date {
                    used.insert(i)
                }
            }
        }
        // EndNote's `DA  - Jun` (month only) refines a year from PY.
        if var d = date, d.month == nil, let i = indices(["DA"]).first(where: { !used.contains($0) }) {
            let words = values[i].value.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            if let m = words.first.flatMap({ PublicationDate.monthNumber(named: $0) }) {
                let day = words.dropFirst().first.flatMap { Int($0) }
                d = PublicationDate(year: d.year, month: m, day: day)
                date = d
                used.insert(i)
            }
        }
        return date
    }

    private mutating func pages() -> String? {
        let sp = first(["SP"])
        let ep = first(["EP"])
        // Ovid writes "SP  - No" / "EP  - Specified" for records without pages.
        if sp == "No", ep == "Specified" { return nil }
        switch (sp, ep) {
        case let (s?, e?) where s.contains("-") || s == e: return s
        case let (s?, e?): return s + "-" + e
        case let (s?, nil): return s
        case let (nil, e?): return e
        case (nil, nil): return nil
        }
    }

    /// Identifiers, kept in file order whatever the tag (so a written record reads back equal).
    private mutating func identifiers(into r: inout Record) {
        let fromPubMed = indices(["DB", "DP"]).contains { IdentifierScan.isPubMedDatabase(values[$0].value) }

        for i in indices(["DO"]) {
            if let doi = DOI.normalize(values[i].value) {
                if r.doi == nil { r.doi = doi }
                if doi == r.doi { used.insert(i) }
            }
        }
        if r.doi == nil {
            for i in indices(["UR", "L1", "L2", "L3", "L4", "LK", "N1", "DI"]) {
                if let doi = IdentifierScan.doi(inText: values[i].value) {
                    r.doi = doi
                    break
                }
            }
        }
        if let pm = first(["PM"]) { r.pmid = PMID.normalize(pm) }

        for i in indices(["DB", "DP", "AN", "C2", "C5", "U1", "U2", "M1", "SN", "BN", "IB"]) {
            let (tag, value) = values[i]
            let digits = value.allSatisfy { $0.isASCII && $0.isNumber }
            switch tag {
            case "DB", "DP":
                r.otherIDs.append(Identifier("database", value))
            case "AN":
                if value.uppercased().hasPrefix("PMC"), r.pmcid == nil, let pmcid = PMCID.normalize(value) {
                    r.pmcid = pmcid
                } else if value.lowercased().hasPrefix("rayyan-") {
                    r.otherIDs.append(Identifier("rayyan", value))
                } else if fromPubMed, digits, r.pmid == nil {
                    r.pmid = PMID.normalize(value)
                } else if value.uppercased().hasPrefix("WOS:") {
                    r.otherIDs.append(Identifier("wos", value))
                } else {
                    r.otherIDs.append(Identifier("accession", value))
                }
            case "C2", "C5":
                if value.uppercased().hasPrefix("PMC"), let pmcid = PMCID.normalize(value) {
                    r.pmcid = pmcid
                } else if fromPubMed, digits, r.pmid == nil {
                    r.pmid = PMID.normalize(value)
                } else {
                    continue
                }
            case "U1":
                // `scheme: value`, as ``RISWriter`` writes identifiers RIS has no tag for.
                guard let colon = value.firstIndex(of: ":"),
                    value[..<colon].allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" }),
                    !value[..<colon].isEmpty
                else { continue }
                r.otherIDs.append(
                    Identifier(String(value[..<colon]), value[value.index(after: colon)...].trimmedWhitespace()))
            case "U2", "M1":
                guard RISRecordBuilder.isEmbaseAccession(value) else { continue }
                r.otherIDs.append(Identifier("embase", value))
            default:  // SN, BN, IB
                for id in IdentifierScan.standardNumbers(in: value) where !r.otherIDs.contains(id) {
                    r.otherIDs.append(id)
                }
            }
            used.insert(i)
        }
        if r.pmid == nil {
            for url in r.urls {
                if let pmid = IdentifierScan.pmid(inURL: url) {
                    r.pmid = pmid
                    break
                }
            }
        }
    }

    /// Embase accession numbers: `L` and digits (`L2005123456`), as Embase writes them in `U2`.
    static func isEmbaseAccession(_ s: String) -> Bool {
        s.count >= 8 && s.first == "L" && s.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The type for a `TY` value: a RIS code (`JOUR`) or, as some exporters write, an EndNote
    /// type name (`Journal Article`). A missing or empty `TY` gives ``ReferenceType/other``.
    static func referenceType(_ code: String?) -> ReferenceType {
        guard let code, !code.isEmpty else { return .other }
        if code.count <= 6, !code.contains(" ") {
            let type = ReferenceType(risType: code)
            if type != .other || ["GEN", "OTHER"].contains(code.uppercased()) { return type }
        }
        return ReferenceType(endNoteName: code) ?? .other
    }

    /// An author from a RIS name; `Fanning E.` and `Babur O.` (Embase, Scopus) are read as
    /// family name and initials.
    static func author(_ raw: String) -> Author? {
        var name = Text.normalizeWhitespace(raw)
        // EndNote's "et al." entry marks a cut list; it names nobody.
        let bare = name.lowercased().trimmingCharacters(in: " ,;.")
        if ["et al", "et. al", "and others"].contains(bare) { return nil }
        if !name.contains(","), let space = name.lastIndex(of: " ") {
            let last = name[name.index(after: space)...]
            if last.contains("."), last.allSatisfy({ $0.isUppercase || $0 == "." || $0 == "-" }) {
                name = name[..<space] + ", " + last
            }
        }
        return Author(parsing: name)
    }
}

extension PublicationDate {
    /// The month number of a month name (`Jun`, `June`, `juni`), nil otherwise.
    static func monthNumber(named token: Substring) -> Int? {
        guard token.count >= 3, token.first?.isLetter == true else { return nil }
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let dutch = ["jan", "feb", "maa", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        let prefix = token.prefix(3).lowercased()
        if let i = names.firstIndex(of: prefix) { return i + 1 }
        if let i = dutch.firstIndex(of: prefix) { return i + 1 }
        return nil
    }
}
