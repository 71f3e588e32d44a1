import Bibliography

/// Reads the simple tagged formats that are one line per field and need no more than a table
/// of tags: EndNote tagged / Refer (`%A Smith, J`, `.enw`) and RefWorks tagged (`A1 Smith, J`).
///
/// A record starts at its type tag (`%0`, `RT`) or after a blank line; a line without a tag
/// continues the value above; RefWorks's preamble (`Refworks Export Tagged Format`, a tag
/// legend) before the first `RT` is skipped. These formats have no record terminator and no
/// fixed field order: only a file that ends inside a character is recognised as cut.
public final class ReferReader: ExportReader, TruncationAware, LineByLineReader {
    /// The two dialects.
    enum Dialect {
        /// EndNote tagged / Refer: `%` and one character.
        case refer
        /// RefWorks tagged: two characters and a space.
        case refWorks
    }

    let file: String
    let handler: (ReaderEvent) throws -> Void
    let dialect: Dialect
    /// Drop a cut-off last record with a warning instead of refusing the file.
    public var acceptTruncated = false
    var splitter = LineSplitter()
    private let fallback = FallbackFlag()
    private var current: TaggedFields?
    private var ends = RecordEndTracker()
    private var strayLines: [Int] = []

    init(file: String, dialect: Dialect, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.dialect = dialect
        self.handler = handler
        splitter = LineSplitter(reporting: fallback)
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try feedLines(bytes)
    }

    public func finish() throws {
        try finishLines()
        try endRecord(final: true)
        try reportStrayLines(
            strayLines, format: dialect == .refer ? "Refer tag line (%A …)" : "RefWorks tag line", file: file,
            handler: handler)
    }

    func take(line raw: String, number: Int) throws {
        try fallback.report(file: file, handler: handler)
        var line = Substring(raw)
        while line.first == "\u{FEFF}" { line.removeFirst() }
        if line.trimmedWhitespace().isEmpty {
            try endRecord(final: false)
            return
        }
        if dialect == .refWorks, current == nil, !line.hasPrefix("RT ") {
            return  // RefWorks's preamble and tag legend
        }
        if let (tag, value) = splitTag(line) {
            if tag == (dialect == .refer ? "%0" : "RT"), current?.hasValues == true { try endRecord(final: false) }
            if current == nil { current = TaggedFields(line: number) }
            current?.append(tag: tag, value: value, line: number)
        } else if current?.fields.isEmpty == false {
            current?.continueLast(with: line.trimmedWhitespace(), asNewValue: ["%K", "K1"])
        } else {
            strayLines.append(number)
        }
    }

    private func endRecord(final: Bool) throws {
        guard let fields = current else { return }
        current = nil
        guard fields.hasValues else { return }
        let lastTag = fields.fields.last?.tag
        // Fields come in any order (EndNote writes what a record has), so only a file ending
        // inside a character tells a cut.
        if final, splitter.endedInsideCharacter {
            let reason = "the file ends inside a character (an incomplete UTF-8 or UTF-16 sequence)"
            try cutOff(
                file: file, line: splitter.lineNumber, record: ends.records + 1, reason: reason, handler: handler)
            return
        }
        ends.ended(lastTag: lastTag, byTerminator: false)
        let record = dialect == .refer ? ReferMapping.refer(fields) : ReferMapping.refWorks(fields)
        if record.isEmpty && record.notes.isEmpty {
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: fields.line,
                        message: "a record with no title, author, identifier or abstract was skipped")))
            return
        }
        try handler(.record(record, line: fields.line))
    }

    private func splitTag(_ line: Substring) -> (String, String)? {
        let u = Array(line.utf8.prefix(3))
        switch dialect {
        case .refer:
            guard u.count >= 2, u[0] == 0x25, u[1] > 0x20, u.count == 2 || u[2] == 0x20 else { return nil }
        case .refWorks:
            guard u.count >= 2, u[0] >= 0x41, u[0] <= 0x5A,
                (u[1] >= 0x41 && u[1] <= 0x5A) || (u[1] >= 0x30 && u[1] <= 0x39),
                u.count == 2 || u[2] == 0x20
            else { return nil }
        }
        return (
            String(decoding: u[0..<2], as: UTF8.self), String(Substring(line.utf8.dropFirst(2))).trimmedWhitespace()
        )
    }
}

/// Refer and RefWorks tags to the record model.
enum ReferMapping {
    static func refer(_ f: TaggedFields) -> Record {
        var r = Record()
        let type = f.first("%0") ?? ""
        r.type = ReferenceType(endNoteName: type) ?? (f.first("%J") != nil ? .journalArticle : .other)
        r.title = Text.normalizeWhitespace(f.first("%T") ?? "")
        r.authors = f.values("%A").compactMap(Author.init(parsing:))
        r.editors = f.values("%E").compactMap(Author.init(parsing:))
        r.journal = f.first("%J", "%B")
        r.date = f.first("%D").flatMap(PublicationDate.init(parsing:))
        if let precise = f.first("%8").flatMap(PublicationDate.init(parsing:)), precise.year == r.year {
            r.date = precise
        }
        r.volume = f.first("%V")
        r.issue = f.first("%N")
        r.pages = f.first("%P")
        r.doi = f.values("%R").lazy.compactMap(DOI.normalize).first
        r.abstract = f.first("%X").map(Abstract.init) ?? Abstract()
        r.keywords = f.values("%K").flatMap {
            $0.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { $0.trimmedWhitespace() }
        }
        .filter { !$0.isEmpty }
        r.urls = f.values("%U")
        r.publisher = f.first("%I")
        r.languages = f.values("%G")
        for isbn in f.values("%@") { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: isbn)) }
        for an in f.values("%M") { r.otherIDs.append(Identifier("accession", an)) }
        r.publicationTypes = f.values("%9")
        r.notes = f.values("%Z")
        let mapped: Set<String> = [
            "%0", "%T", "%A", "%E", "%J", "%B", "%D", "%8", "%V", "%N", "%P", "%R", "%X", "%K", "%U", "%I", "%G", "%@",
            "%M", "%9", "%Z",
        ]
        for field in f.fields where !mapped.contains(field.tag) {
            let v = Text.normalizeWhitespace(field.values.joined(separator: "; "))
            if !v.isEmpty { r.notes.append("\(field.tag): \(v)") }
        }
        return r
    }

    static func refWorks(_ f: TaggedFields) -> Record {
        var r = Record()
        let type = (f.first("RT") ?? "").lowercased()
        r.type =
            type.contains("section") || type.contains("chapter")
            ? .bookSection
            : type.contains("book")
                ? .book
                : type.contains("thesis") || type.contains("dissertation")
                    ? .thesis
                    : type.contains("conference")
                        ? .conferencePaper
                        : type.contains("report")
                            ? .report
                            : type.contains("web")
                                ? .webpage
                                : .journalArticle
        r.title = Text.normalizeWhitespace(f.first("T1") ?? "")
        r.authors = f.values("A1").compactMap(author)
        r.editors = f.values("A2").compactMap(author)
        r.journal = r.type == .book ? f.first("T2") : f.first("JF", "T2")
        r.journalAbbreviation = f.first("JO")
        r.date = f.first("FD", "YR").flatMap(PublicationDate.init(parsing:))
        if let year = f.first("YR"), r.date?.year == nil { r.date = PublicationDate(parsing: year) }
        r.volume = f.first("VO")
        r.issue = f.first("IS")
        if let sp = f.first("SP") { r.pages = f.first("OP").map { sp + "-" + $0 } ?? sp }
        r.doi = f.values("DO").lazy.compactMap(DOI.normalize).first
        r.abstract = f.first("AB").map(Abstract.init) ?? Abstract()
        r.keywords = f.values("K1")
        r.urls = f.values("UL")
        r.publisher = f.first("PB")
        r.languages = f.values("LA")
        r.affiliations = f.values("AD")
        for sn in f.values("SN") { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: sn)) }
        for an in f.values("AN") { r.otherIDs.append(Identifier("accession", an)) }
        for db in f.values("DB") { r.otherIDs.append(Identifier("database", db)) }
        r.notes = f.values("NO")
        let mapped: Set<String> = [
            "RT", "T1", "A1", "A2", "JF", "T2", "JO", "FD", "YR", "VO", "IS", "SP", "OP", "DO", "AB", "K1", "UL", "PB",
            "LA", "AD", "SN", "AN", "DB", "NO", "ID", "SR",
        ]
        for field in f.fields where !mapped.contains(field.tag) {
            let v = Text.normalizeWhitespace(field.values.joined(separator: "; "))
            if !v.isEmpty { r.notes.append("\(field.tag): \(v)") }
        }
        return r
    }

    /// `Stansfeld,Stephen` (RefWorks writes no space after the comma).
    static func author(_ raw: String) -> Author? {
        Author(parsing: raw.replacingOccurrences(of: ",", with: ", "))
    }
}
