import Bibliography

/// What particular exports write in their cells.
extension CSVRowMapping {
    /// `Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 1 Jul 2014`.
    static func parseEmbaseSource(_ s: String) -> [(String, String)]? {
        guard let open = s.range(of: " ("), s[open.upperBound...].prefix(5).last == ")" else { return nil }
        let year = String(s[open.upperBound...].prefix(4))
        guard year.count == 4, year.allSatisfy(\.isNumber) else { return nil }
        var out = [("T2", String(s[..<open.lowerBound])), ("PY", year)]
        var rest = String(s[s.index(open.upperBound, offsetBy: 5)...])
        if let date = rest.range(of: "Date of Publication:") {
            out.append(("DA", rest[date.upperBound...].trimmedWhitespace()))
            rest = String(rest[..<date.lowerBound])
        }
        rest = rest.trimmedWhitespace()
        if rest.hasSuffix(".") { rest.removeLast() }
        if let p = rest.firstIndex(of: "("), let q = rest.lastIndex(of: ")"), p < q {
            out.append(("SP", String(rest[rest.index(after: p)..<q])))
            rest = String(rest[..<p]).trimmedWhitespace()
        }
        let parts = rest.split(separator: ":", maxSplits: 1).map { $0.trimmedWhitespace() }
        if let v = parts.first, !v.isEmpty { out.append(("VL", v)) }
        if parts.count > 1, !parts[1].isEmpty { out.append(("IS", parts[1])) }
        return out
    }

    /// `term (qualifier, qualifier)` → a heading.
    static func heading(_ term: String, major: Bool) -> MeshHeading {
        guard let p = term.firstIndex(of: "("), term.hasSuffix(")") else {
            return MeshHeading(descriptor: term, isMajorTopic: major)
        }
        let qualifiers = term[term.index(after: p)..<term.index(before: term.endIndex)].split(separator: ",").map {
            $0.trimmedWhitespace()
        }
        return MeshHeading(descriptor: term[..<p].trimmedWhitespace(), qualifiers: qualifiers, isMajorTopic: major)
    }

    /// A row of Web of Science's tab-delimited export: the cells become the tagged fields of
    /// its plain-text export, read by the same ``WebOfScienceMapping``. Cells of list tags
    /// (`AU`, `AF`, `C1` …) are split at `;` outside brackets (`[Smith, J; Doe, A] Univ X`).
    static func webOfScienceRecord(header: CSVHeader, row: [String], line: Int) -> Record {
        var fields = TaggedFields(line: line)
        for (column, cell) in zip(header.columns, row) {
            guard case .webOfScience(let tag) = column.kind else { continue }
            let value = cell.trimmedWhitespace()
            guard !value.isEmpty else { continue }
            let values = WebOfScienceReader.listTags.contains(tag) ? split(value, at: ";", outside: "[", "]") : [value]
            fields.fields.append(TaggedFields.Field(tag: tag, values: values, line: line))
        }
        return WebOfScienceMapping.record(fields)
    }

    /// PubMed's `Citation` column, `Journal. Date;Volume(Issue):Pages. doi: … Epub …`, as RIS
    /// pairs: `J2` journal, `DA` date, `VL`, `IS`, `SP`. A citation of another shape (a book)
    /// gives what it can: nothing is lost, as the cell is also kept as a note when nothing is read.
    static func parsePubMedCitation(_ s: String) -> [(String, String)] {
        guard let stop = s.range(of: ". ") else { return [("XX", s)] }
        var out = [("J2", String(s[..<stop.lowerBound]))]
        var rest = s[stop.upperBound...]
        // The date runs to `;` (volume follows) or to the next `. ` (no volume: ahead of print).
        let semicolon = rest.firstIndex(of: ";")
        let period = rest.range(of: ". ")?.lowerBound ?? (rest.hasSuffix(".") ? rest.index(before: rest.endIndex) : nil)
        let dateEnd = [semicolon, period].compactMap { $0 }.min() ?? rest.endIndex
        let date = rest[..<dateEnd].trimmedWhitespace()
        guard PublicationDate(parsing: date) != nil else { return [("XX", s)] }
        out.append(("DA", date))
        guard let semicolon, semicolon == dateEnd else { return out }
        rest = rest[rest.index(after: semicolon)...]
        let end =
            rest.range(of: ". ")?.lowerBound
            ?? (rest.hasSuffix(".") ? rest.index(before: rest.endIndex) : rest.endIndex)
        var locator = String(rest[..<end]).trimmedWhitespace()
        if let colon = locator.firstIndex(of: ":") {
            let pages = locator[locator.index(after: colon)...].trimmedWhitespace()
            if !pages.isEmpty { out.append(("SP", pages)) }
            locator = String(locator[..<colon])
        }
        if let open = locator.firstIndex(of: "("), locator.hasSuffix(")") {
            let issue = locator[locator.index(after: open)..<locator.index(before: locator.endIndex)]
            if !issue.isEmpty { out.append(("IS", String(issue))) }
            locator = String(locator[..<open])
        }
        if !locator.trimmedWhitespace().isEmpty { out.append(("VL", locator.trimmedWhitespace())) }
        return out
    }

    /// EBSCOhost's accession number, typed by the database (`db=…`) of the row's `PLink`: a
    /// CINAHL database's `cinahl`, another's `ebsco-<db>` (never matched across databases);
    /// nil for EBSCOhost's MEDLINE, whose accession number is the PMID.
    static func ebscoAccession(_ value: String, link: String) -> Identifier? {
        let lower = link.lowercased()
        var db = ""
        if let r = lower.range(of: "db=") {
            db = String(lower[r.upperBound...].prefix(while: { $0.isLetter || $0.isNumber }))
        }
        if ["cmedm", "mdc", "mnh", "mdb"].contains(db), value.allSatisfy({ $0.isASCII && $0.isNumber }) { return nil }
        if ["c8h", "ccm", "rzh", "cin20", "cin"].contains(db) { return Identifier("cinahl", value) }
        return Identifier(db.isEmpty ? "ebsco" : "ebsco-" + db, value)
    }

    /// Zotero's `Extra` field: `PMID: 123` → `PM`, `PMCID: PMC…` → `C2`, `DOI: …` → `DO`,
    /// every other line a note.
    static func zoteroExtra(_ value: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for line in value.split(whereSeparator: \.isNewline).map({ $0.trimmedWhitespace() }) where !line.isEmpty {
            if let colon = line.firstIndex(of: ":") {
                let rest = line[line.index(after: colon)...].trimmedWhitespace()
                switch line[..<colon].lowercased() {
                case "pmid":
                    out.append(("PM", rest))
                    continue
                case "pmcid":
                    out.append(("C2", rest))
                    continue
                case "doi":
                    out.append(("DO", rest))
                    continue
                default: break
                }
            }
            out.append(("XX", line))
        }
        return out
    }

    /// The type for document types (Scopus `Document Type`, EBSCO `Doctype`), as for Web of
    /// Science's `DT`; Scopus's `Conference Paper` and `Conference Review` are conference papers.
    static func referenceType(documentTypes: [String]) -> ReferenceType {
        let lower = Set(documentTypes.map { $0.lowercased() })
        if lower.contains("conference paper") || lower.contains("conference review") { return .conferencePaper }
        return WebOfScienceMapping.type(pt: nil, documentTypes: documentTypes)
    }

    /// `3/7/2022` (month/day/year, as EBSCOhost writes) → `2022-03-07`; nil for other text.
    static func usDate(_ s: String) -> String? {
        let parts = s.split(separator: "/")
        guard parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d), parts[2].count == 4
        else { return nil }
        return String(y) + "-" + (m < 10 ? "0" : "") + String(m) + "-" + (d < 10 ? "0" : "") + String(d)
    }

    /// `date` with the month (a number or a name) and day of separate columns, when `date`
    /// has a year and no month of its own.
    static func refine(_ date: PublicationDate?, month: String, day: String?) -> PublicationDate? {
        guard let date, let year = date.year, date.month == nil, date.text == nil else { return date }
        let token = Substring(month.trimmedWhitespace())
        let number = Int(token).flatMap { (1...12).contains($0) ? $0 : nil }
        guard let m = number ?? PublicationDate.monthNumber(named: token) else { return date }
        let d = day.flatMap { Int($0.trimmedWhitespace()) }.flatMap { (1...31).contains($0) ? $0 : nil }
        return PublicationDate(year: year, month: m, day: d)
    }
}
