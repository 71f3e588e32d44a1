import Bibliography

/// One CSV row → one ``Record``, through the RIS tag mapping (or, for a Web of Science
/// tab-delimited table, through ``WebOfScienceMapping``).
enum CSVRowMapping {
    /// Tags whose cell may hold a list.
    static let listTags: Set<String> = ["AU", "A2", "KW", "UR", "LA", "M3", "SN"]
    /// Tags every column adds to: they never compete by rank (see ``CSVColumn``).
    static let additiveTags: Set<String> = ["KW", "UR", "N1", "XX", "SN", "DB"]

    /// A value on its way to the RIS builder, with the rank of the column it came from.
    struct Pair {
        var tag: String
        var value: String
        var label: String
        var rank: Int
    }

    static func record(header: CSVHeader, row: [String], line: Int = 0) -> Record {
        if header.flavour == .webOfScience { return webOfScienceRecord(header: header, row: row, line: line) }
        var pairs: [Pair] = []
        var recordIDs: [String] = []
        var emtree: [MeshHeading] = []
        var otherIDs: [Identifier] = []
        var documentTypes: [String] = []
        var month: String?
        var day: String?
        for (column, cell) in zip(header.columns, row) {
            let value = cleanCell(cell)
            guard !value.isEmpty else { continue }
            func add(_ tag: String, _ value: String, rank: Int = column.rank) {
                pairs.append(Pair(tag: tag, value: value, label: column.name, rank: rank))
            }
            switch column.kind {
            case .tag(let tag):
                if tag == "AB", value == "[No abstract available]" { continue }  // Scopus
                if tag == "AN", RISRecordBuilder.isEmbaseAccession(value) {
                    add("U2", value)  // an Embase L-number (Covidence keeps it): typed `embase`
                    continue
                }
                for item in split(value, tag: tag, as: column.split) {
                    add(tag, tag == "AU" || tag == "A2" ? withoutAuthorID(item) : item)
                }
            case .recordID:
                recordIDs.append(value)
            case .embaseSource:
                if let parsed = parseEmbaseSource(value) {
                    for (tag, v) in parsed { add(tag, v) }
                } else {
                    add("N1", column.name + ": " + value)
                }
            case .emtree(let major):
                for term in split(value, at: ",", outside: "(", ")") {
                    emtree.append(heading(term, major: major))
                }
            case .otherIDs:
                for item in splitList(value) {
                    guard let colon = item.firstIndex(of: ":") else { continue }
                    otherIDs.append(Identifier(String(item[..<colon]), String(item[item.index(after: colon)...])))
                }
            case .mesh:
                for item in splitList(value) {
                    let major = item.hasPrefix("*")
                    let parts = item.drop(while: { $0 == "*" }).split(separator: "/").map(String.init)
                    if let descriptor = parts.first {
                        emtree.append(
                            MeshHeading(
                                descriptor: descriptor, qualifiers: Array(parts.dropFirst()), isMajorTopic: major))
                    }
                }
            case .ignored:
                continue
            case .other:
                add("XX", value)
            case .documentType:
                for item in split(value, tag: "M3", as: column.split) {
                    documentTypes.append(item)
                    add("M3", item)
                }
            case .database:
                add("DB", value)
            case .identifier(let scheme):
                otherIDs.append(Identifier(scheme, value))
            case .key:
                if value.lowercased().hasPrefix("rayyan-") {
                    otherIDs.append(Identifier("rayyan", value))
                } else {
                    add("XX", value)
                }
            case .pubmedCitation:
                for (tag, v) in parsePubMedCitation(value) { add(tag, v) }
            case .ebscoAccession:
                let plink = zip(header.columns, row).first { CSVColumn.key($0.0.name) == "plink" }?.1 ?? ""
                if let id = ebscoAccession(value, link: plink) {
                    otherIDs.append(id)
                } else {
                    add("PM", value)
                }
            case .zoteroExtra:
                for (tag, v) in zoteroExtra(value) { add(tag, v, rank: tag == "XX" ? 1 : 0) }
            case .zoteroItemType:
                add("TY", ReferenceType(zoteroItemType: value).map(\.risType) ?? value)
            case .usDate:
                add("DA", usDate(value) ?? value)
            case .month:
                month = value
            case .day:
                day = value
            case .webOfScience:
                continue  // only in a Web of Science table, read above
            }
        }
        let used = competing(pairs)
        var builder = RISRecordBuilder(labelled: used.map { ($0.tag, $0.value, $0.label) })
        var record = builder.build(freeText: [])
        if !used.contains(where: { $0.tag == "TY" }) {
            record.type = documentTypes.isEmpty ? .journalArticle : referenceType(documentTypes: documentTypes)
        }
        for id in recordIDs { record.otherIDs.append(Identifier("record_id", id)) }
        record.otherIDs += otherIDs
        record.mesh = emtree
        if let month { record.date = refine(record.date, month: month, day: day) }
        return record
    }

    /// The pairs that win their field: for each tag outside ``additiveTags``, only those from
    /// the highest rank that has a value.
    static func competing(_ pairs: [Pair]) -> [Pair] {
        var best: [String: Int] = [:]
        for p in pairs where !p.value.isEmpty && !additiveTags.contains(p.tag) {
            best[p.tag] = max(best[p.tag] ?? Int.min, p.rank)
        }
        return pairs.filter { additiveTags.contains($0.tag) || $0.rank >= (best[$0.tag] ?? Int.min) }
    }

    /// A cell without surrounding whitespace, and without the `="…"` that EBSCOhost wraps
    /// numbers and dates in (so that spreadsheets keep them as text).
    static func cleanCell(_ cell: String) -> String {
        let value = cell.trimmedWhitespace()
        guard value.hasPrefix("=\""), value.hasSuffix("\""), value.count >= 3 else { return value }
        return String(value.dropFirst(2).dropLast()).trimmedWhitespace()
    }

    /// The values of one cell for `tag`, cut as the column says.
    static func split(_ value: String, tag: String, as split: CSVColumn.Split) -> [String] {
        switch split {
        case .none:
            guard listTags.contains(tag) else { return [value] }
            return tag == "AU" || tag == "A2" ? splitNames(value) : splitList(value)
        case .list:
            return splitList(value)
        case .semicolons:
            return value.split(whereSeparator: { $0 == ";" || $0.isNewline }).map { $0.trimmedWhitespace() }
                .filter { !$0.isEmpty }
        case .commas:
            var list = value
            if list.hasSuffix(".") { list.removeLast() }
            return list.split(separator: ",").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
    }

    /// `Wilson, Lauren N. (58975547800)` → `Wilson, Lauren N.`: Scopus puts its author id after
    /// each full name.
    static func withoutAuthorID(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
        let inside = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !inside.isEmpty, inside.allSatisfy({ $0.isASCII && $0.isNumber }) else { return name }
        return String(name[..<open]).trimmedWhitespace()
    }
}
