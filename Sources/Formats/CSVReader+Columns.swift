import Bibliography

/// A CSV column: its name as written and what it holds.
struct CSVColumn {
    enum Kind: Equatable {
        /// Mapped like this RIS tag (see `RISReader+Mapping.swift`).
        case tag(String)
        /// ASReview's `record_id`: kept as an identifier.
        case recordID
        /// Embase's `Source`: `Journal (2014) 3:3 (152-160). Date of Publication: 1 Jul 2014`.
        case embaseSource
        /// Embase's Emtree index terms; `major` for the "(Major Focus)" columns.
        case emtree(major: Bool)
        /// `scheme:value` identifiers, as ``CSVWriter`` writes them.
        case otherIDs
        /// MeSH headings written `*Descriptor/qualifier`.
        case mesh
        /// Derived columns that reading ignores (``CSVWriter``'s `record_key`).
        case ignored
        /// Anything else: kept in the notes as `Column name: value`.
        case other
    }

    let name: String
    let kind: Kind

    init(name raw: String) {
        name = raw.trimmedWhitespace()
        let key = CSVColumn.key(name)
        if let tag = CSVColumn.synonyms[key] {
            kind = .tag(tag)
        } else if key == "recordid" {
            kind = .recordID
        } else if key == "otherids" {
            kind = .otherIDs
        } else if key == "mesh" || key == "meshterms" || key == "meshheadings" {
            kind = .mesh
        } else if key == "recordkey" {
            kind = .ignored
        } else if key == "source" {
            kind = .embaseSource
        } else if key.hasPrefix("emtree") {
            kind = .emtree(major: key.hasSuffix("majorfocus"))
        } else if name.count == 2, name.first?.isUppercase == true,
            name.allSatisfy({ ($0.isUppercase || $0.isNumber) && $0.isASCII })
        {
            kind = .tag(name)  // a RIS tag as column name (synthesisr, revtools)
        } else {
            kind = .other
        }
    }

    /// Lower case, letters and digits only: `Author Names` → `authornames`, `record_id ` → `recordid`.
    static func key(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Column names (as keys) → the RIS tag whose mapping they share.
    static let synonyms: [String: String] = {
        var map: [String: String] = [:]
        let table: [(String, [String])] = [
            ("TI", ["title", "titles", "primarytitle", "articletitle", "documenttitle", "ti", "t1"]),
            ("TT", ["originaltitle"]),
            ("AB", ["abstract", "abstracts", "ab", "abstractnote", "n2"]),
            (
                "AU",
                ["authors", "author", "authornames", "firstauthors", "au", "a1", "authorfullnames", "authorsfullnames"]
            ),
            ("A2", ["editors", "editor", "secondaryauthors", "a2"]),
            ("PY", ["year", "publicationyear", "pubyear", "py", "y1"]),
            ("DA", ["date", "publicationdate", "da"]),
            ("DO", ["doi", "do"]),
            (
                "JF",
                [
                    "journal", "journaltitle", "sourcetitle", "secondarytitle", "publicationtitle", "journalname", "t2",
                    "periodical",
                ]
            ),
            ("J2", ["journalabbreviation", "abbreviation", "alternatetitle2", "j2", "isoabbreviation"]),
            ("J1", ["alternatetitle1"]),
            ("JA", ["alternatetitle3", "ja"]),
            ("KW", ["keywords", "keyword", "authorkeywords", "kw", "manualtags", "tags"]),
            ("UR", ["url", "urls", "ur", "link", "links", "openurllink", "fileattachments1", "fileattachments2"]),
            ("PM", ["pmid", "pubmedid", "medlinepmid", "pm"]),
            ("VL", ["volume", "vl"]),
            ("IS", ["issue", "number", "is"]),
            ("SP", ["pages", "page", "startpage", "pagestart", "sp"]),
            ("EP", ["endpage", "pageend", "ep"]),
            ("C2", ["pmcid"]),
            ("M3", ["publicationtypes", "publicationtype", "typeofwork", "worktype"]),
            ("TY", ["type", "referencetype", "typeofreference", "itemtype", "ty"]),
            ("LA", ["language", "languages", "la"]),
            ("SN", ["issn", "isbn", "isbnissn", "sn", "eissn"]),
            ("PB", ["publisher", "pb"]),
            ("N1", ["notes", "note", "n1"]),
            ("DB", ["nameofdatabase", "database", "db", "sourcedatabase"]),
            ("AD", ["correspondenceaddress", "affiliations", "affiliation", "ad", "authoraddress"]),
            ("CY", ["placepublished", "cy"]),
            ("AN", ["accessionnumber", "an"]),
        ]
        for (tag, names) in table { for n in names { map[n] = tag } }
        return map
    }()
}

/// One CSV row → one ``Record``, through the RIS tag mapping.
enum CSVRowMapping {
    /// Tags whose cell may hold a list.
    static let listTags: Set<String> = ["AU", "A2", "KW", "UR", "LA", "M3"]

    static func record(header: [CSVColumn], row: [String]) -> Record {
        var pairs: [(tag: String, value: String, label: String)] = []
        var recordIDs: [String] = []
        var emtree: [MeshHeading] = []
        var otherIDs: [Identifier] = []
        for (column, cell) in zip(header, row) {
            let value = cell.trimmedWhitespace()
            guard !value.isEmpty else { continue }
            switch column.kind {
            case .tag(let tag):
                if listTags.contains(tag) {
                    let items = tag == "AU" || tag == "A2" ? splitNames(value) : splitList(value)
                    for item in items { pairs.append((tag, item, column.name)) }
                } else {
                    pairs.append((tag, value, column.name))
                }
            case .recordID:
                recordIDs.append(value)
            case .embaseSource:
                if let parsed = parseEmbaseSource(value) {
                    for (tag, v) in parsed { pairs.append((tag, v, column.name)) }
                } else {
                    pairs.append(("N1", column.name + ": " + value, column.name))
                }
            case .emtree(let major):
                for term in splitOutsideParentheses(value) {
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
                pairs.append(("XX", value, column.name))
            }
        }
        var builder = RISRecordBuilder(labelled: pairs)
        var record = builder.build(freeText: [])
        if !pairs.contains(where: { $0.tag == "TY" }) { record.type = .journalArticle }
        for id in recordIDs { record.otherIDs.append(Identifier("record_id", id)) }
        record.otherIDs += otherIDs
        record.mesh = emtree
        return record
    }

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

    /// A Python list literal (`['a', 'b']`, as pandas writes lists), or nil.
    static func pythonList(_ s: String) -> [String]? {
        guard s.hasPrefix("["), s.hasSuffix("]"), s.count >= 2 else { return nil }
        let inner = s.dropFirst().dropLast()
        var items: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for c in inner {
            if let q = quote {
                if escaped {
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == q {
                    quote = nil
                    items.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c != "," && !c.isWhitespace {
                return nil  // not a list of strings
            }
        }
        return quote == nil ? items.filter { !$0.isEmpty } : nil
    }

    /// Keywords and links: a Python list, else `;`-separated, else `,`-separated outside
    /// parentheses.
    static func splitList(_ s: String) -> [String] {
        if let list = pythonList(s) { return list }
        if s.contains(";") { return s.split(separator: ";").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty } }
        if s.contains("\n") {
            return s.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        return splitOutsideParentheses(s)
    }

    /// Author lists: a Python list, `;`-separated, ` and `-separated, or Embase's
    /// `Liu R., Adler D.G.` (commas between names that each end in initials).
    static func splitNames(_ s: String) -> [String] {
        if let list = pythonList(s) { return list }
        if s.contains(";") { return s.split(separator: ";").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty } }
        if s.contains("\n") {
            return s.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        if s.contains(" and ") {
            return s.components(separatedByString: " and ").map { $0.trimmedWhitespace() }.filter { !$0.isEmpty }
        }
        let pieces = s.split(separator: ",").map { $0.trimmedWhitespace() }
        if pieces.count > 1, pieces.allSatisfy(looksLikeFamilyAndInitials) { return pieces }
        return [s]
    }

    /// `Liu R.`, `Adler D.G.`, `van der Berg J.-P.`.
    static func looksLikeFamilyAndInitials(_ s: String) -> Bool {
        guard let space = s.lastIndex(of: " ") else { return false }
        let last = s[s.index(after: space)...]
        return !last.isEmpty && last.allSatisfy { $0.isUppercase || $0 == "." || $0 == "-" }
            && last.filter(\.isLetter).count <= 4
    }

    /// Splits at commas that are not inside parentheses.
    static func splitOutsideParentheses(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for c in s {
            if c == "(" { depth += 1 } else if c == ")" { depth = Swift.max(0, depth - 1) }
            if c == ",", depth == 0 {
                out.append(current.trimmedWhitespace())
                current = ""
            } else {
                current.append(c)
            }
        }
        out.append(current.trimmedWhitespace())
        return out.filter { !$0.isEmpty }
    }
}

extension String {
    /// Splits at every occurrence of `separator` (no Foundation needed).
    func components(separatedByString separator: String) -> [String] {
        var out: [String] = []
        var rest = self[...]
        while let r = rest.range(of: separator) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
