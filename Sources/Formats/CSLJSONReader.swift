import Bibliography
import Foundation

/// Reads CSL-JSON (an array of items, as Zotero, Mendeley and citation.js write it).
///
/// The array is split into its items as bytes arrive (strings and escapes respected), and each
/// item is parsed alone, so memory is bounded by the largest item. An array still open at the
/// end of the file is a cut file; an item that is not valid JSON is an error with its line.
public final class CSLJSONReader: ExportReader, TruncationAware {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// Drop a cut-off last item with a warning instead of refusing the file.
    public var acceptTruncated = false

    private var depth = 0
    private var inString = false
    private var escaped = false
    private var item: [UInt8] = []
    private var itemLine = 0
    private var line = 1
    private var items = 0
    private var sawStart = false
    /// 1 when the items sit in a top-level array, 0 for a single top-level object.
    private var itemDepth = 1

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        for b in bytes {
            if b == 0x0A { line += 1 }
            if !sawStart {
                if b == 0x5B {
                    sawStart = true
                    depth = 1
                    itemDepth = 1
                    continue
                }
                if b == 0x7B {
                    sawStart = true
                    itemDepth = 0
                } else if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0xEF || b == 0xBB || b == 0xBF {
                    continue
                } else {
                    throw FormatError(
                        file: file, line: line, message: "CSL-JSON must start with [ or {",
                        hint: "export CSL JSON again, or RIS")
                }
            }
            if depth > itemDepth || (b == 0x7B && depth == itemDepth) {
                if depth == itemDepth {
                    itemLine = line
                    item.removeAll(keepingCapacity: true)
                }
                item.append(b)
            }
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == itemDepth, b == 0x7D { try complete() }
            default: break
            }
        }
    }

    public func finish() throws {
        guard depth > 0 else { return }
        let reason =
            depth > itemDepth
            ? "item \(items + 1), which starts at line \(itemLine), is never closed"
            : "the array of items is never closed"
        try cutOff(
            file: file, line: line, record: depth > itemDepth ? items + 1 : nil, reason: reason, handler: handler)
        depth = 0
    }

    private func complete() throws {
        items += 1
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(item))
        } catch {
            throw FormatError(
                file: file, line: itemLine, record: items, message: "item \(items) is not valid JSON",
                hint: "export CSL JSON again, or RIS")
        }
        guard let object = json as? [String: Any] else { return }
        let record = CSLJSONMapping.record(object)
        if record.isEmpty && record.notes.isEmpty {
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: itemLine,
                        message: "item \(items) has no title, author, identifier or abstract: skipped")))
            return
        }
        try handler(.record(record, line: itemLine))
    }
}

/// CSL-JSON variables to the record model.
enum CSLJSONMapping {
    static func record(_ o: [String: Any]) -> Record {
        var r = Record()
        func string(_ key: String) -> String? {
            if let s = o[key] as? String {
                let t = Text.normalizeWhitespace(s)
                return t.isEmpty ? nil : t
            }
            if let n = o[key] as? NSNumber { return n.stringValue }
            return nil
        }
        r.type = type(string("type") ?? "")
        r.title = string("title") ?? ""
        r.authors = names(o["author"])
        r.editors = names(o["editor"])
        r.journal = string("container-title")
        r.journalAbbreviation = string("container-title-short") ?? string("journalAbbreviation")
        r.date = date(o["issued"])
        r.volume = string("volume")
        r.issue = string("issue")
        r.pages = string("page")
        r.doi = string("DOI").flatMap(DOI.normalize)
        r.pmid = string("PMID").flatMap(PMID.normalize)
        r.pmcid = string("PMCID").flatMap(PMCID.normalize)
        if let abstract = string("abstract") { r.abstract = Abstract(abstract) }
        if let keywords = string("keyword") {
            r.keywords = keywords.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmedWhitespace() }
                .filter { !$0.isEmpty }
        }
        if let url = string("URL") { r.urls = [url] }
        for key in ["ISSN", "ISBN"] {
            if let v = string(key) { r.otherIDs.append(contentsOf: IdentifierScan.standardNumbers(in: v)) }
        }
        r.publisher = string("publisher")
        if let language = string("language") { r.languages = [language] }
        if let note = string("note") { r.notes.append(note) }
        if let genre = string("genre") { r.publicationTypes = [genre] }
        return r
    }

    static func type(_ t: String) -> ReferenceType {
        switch t {
        case "article-journal", "review", "review-book": .journalArticle
        case "book": .book
        case "chapter", "entry-encyclopedia", "entry-dictionary": .bookSection
        case "paper-conference": .conferencePaper
        case "thesis": .thesis
        case "report": .report
        case "article", "manuscript": .preprint
        case "dataset": .dataset
        case "webpage", "post-weblog", "post": .webpage
        case "patent": .patent
        case "article-newspaper": .newspaperArticle
        case "article-magazine": .magazineArticle
        default: .other
        }
    }

    static func names(_ value: Any?) -> [Author] {
        guard let people = value as? [[String: Any]] else { return [] }
        return people.compactMap { p in
            if let literal = p["literal"] as? String { return Author(group: literal) }
            guard let family = p["family"] as? String, !family.isEmpty else { return nil }
            let given = (p["given"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            return Author(family: family, given: given, initials: given.map(Author.initials(of:)))
        }
    }

    /// `{"date-parts": [["2013", 1, 1]]}`, `{"raw": "2013-01-01"}`, `{"literal": "Spring 2013"}`.
    static func date(_ value: Any?) -> PublicationDate? {
        guard let d = value as? [String: Any] else { return nil }
        if let parts = (d["date-parts"] as? [[Any]])?.first {
            let numbers = parts.compactMap { ($0 as? NSNumber)?.intValue ?? Int(($0 as? String) ?? "") }
            if let year = numbers.first {
                return PublicationDate(
                    year: year, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
            }
        }
        for key in ["raw", "literal"] { if let s = d[key] as? String { return PublicationDate(parsing: s) } }
        return nil
    }
}
