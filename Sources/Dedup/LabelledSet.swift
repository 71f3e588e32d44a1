import Bibliography
import Foundation

/// A labelled deduplication set in the layout of the bib-dedupe benchmark:
/// `records_pre_merged.csv` (`ID`, `title`, `year`, `author`, `pages`, `volume`, `number`,
/// `ENTRYTYPE`, `journal`, optionally `doi`, `abstract`, `booktitle`) and
/// `merged_record_ids.csv` (`merged_ids`: one group of duplicates per row, ids joined by `;`).
///
/// Pure: it takes the files' bytes; reading (and gunzipping) them is the caller's job.
public struct LabelledSet: Sendable {
    public var name: String
    public var inputs: [DedupInput]
    /// Groups of ids that are the same study (two or more ids each).
    public var groups: [[String]]

    public init(name: String, inputs: [DedupInput], groups: [[String]]) {
        self.name = name
        self.inputs = inputs
        self.groups = groups
    }

    /// Parses the two files.
    ///
    /// - Throws: ``LabelledSetError`` when a required column is missing.
    public init(name: String, records: [UInt8], mergedIDs: [UInt8]) throws(LabelledSetError) {
        self.name = name
        let rows = CSV.parse(CSV.decode(records))
        guard let header = rows.first else { throw .missingColumn(file: "records_pre_merged.csv", column: "ID") }
        var col: [String: Int] = [:]
        for (k, h) in header.enumerated() { col[h.trimmingCharacters(in: " \u{FEFF}").lowercased()] = k }
        guard let idCol = col["id"] else { throw .missingColumn(file: "records_pre_merged.csv", column: "ID") }
        func field(_ row: [String], _ name: String) -> String? {
            guard let k = col[name], k < row.count else { return nil }
            let v = row[k].trimmingCharacters(in: " ")
            return v.isEmpty || v == "nan" ? nil : v
        }
        var inputs: [DedupInput] = []
        for row in rows.dropFirst() where row.count > idCol && !row[idCol].isEmpty {
            inputs.append(DedupInput(id: row[idCol], record: Self.record(row, field: field)))
        }
        self.inputs = inputs
        let groupRows = CSV.parse(CSV.decode(mergedIDs))
        guard let gHeader = groupRows.first,
            let gCol = gHeader.firstIndex(where: { $0.trimmingCharacters(in: " \u{FEFF}").lowercased() == "merged_ids" }
            )
        else {
            throw .missingColumn(file: "merged_record_ids.csv", column: "merged_ids")
        }
        groups = groupRows.dropFirst().compactMap { row in
            guard gCol < row.count else { return nil }
            let ids = row[gCol].split(separator: ";").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
            return ids.count > 1 ? ids : nil
        }
    }

    static func record(_ row: [String], field: ([String], String) -> String?) -> Record {
        var r = Record()
        r.title = Text.normalizeWhitespace(field(row, "title") ?? "")
        if let y = field(row, "year").flatMap({ Int($0.prefix(4)) }) { r.date = PublicationDate(year: y) }
        if let authors = field(row, "author") {
            r.authors = authors.components(separatedBy: " and ").compactMap { Author(parsing: $0) }
        }
        r.pages = field(row, "pages")
        r.volume = field(row, "volume")
        r.issue = field(row, "number") ?? field(row, "issue")
        r.journal = field(row, "journal") ?? field(row, "booktitle") ?? field(row, "container_title")
        r.doi = field(row, "doi").flatMap(DOI.normalize)
        r.pmid = field(row, "pmid").flatMap(PMID.normalize)
        if let abstract = field(row, "abstract") { r.abstract = Abstract(abstract) }
        switch field(row, "entrytype")?.lowercased() ?? "article" {
        case "article": r.type = .journalArticle
        case "inproceedings", "conference", "proceedings": r.type = .conferencePaper
        case "book": r.type = .book
        case "inbook", "incollection": r.type = .bookSection
        case "phdthesis", "mastersthesis", "thesis": r.type = .thesis
        case "techreport": r.type = .report
        default: r.type = .other
        }
        return r
    }
}

/// A labelled set that cannot be read.
public enum LabelledSetError: Error, Equatable, CustomStringConvertible {
    /// A required column is not in the header.
    case missingColumn(file: String, column: String)

    public var description: String {
        switch self {
        case .missingColumn(let file, let column):
            "\(file): no column \"\(column)\"; expected the bib-dedupe benchmark layout"
        }
    }
}

/// The benchmark files' CSV: decoding their bytes, and rows through ``CSVText``.
enum CSV {
    /// UTF-8 when valid (a BOM is dropped), else Windows-1252.
    static func decode(_ bytes: [UInt8]) -> String {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var s = String()
        s.reserveCapacity(bytes.count)
        for b in bytes {
            if b < 0x80 || b >= 0xA0 {
                s.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                s.unicodeScalars.append(cp1252[Int(b - 0x80)])
            }
        }
        return s
    }

    static let cp1252: [Unicode.Scalar] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD,
        0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD,
        0x017E, 0x0178,
    ].map { Unicode.Scalar(UInt32($0))! }

    /// The rows of `text`, read leniently (text after a closing quote is kept), blank lines
    /// skipped: the benchmark files are data to measure on, not user input to correct.
    static func parse(_ text: String) -> [[String]] {
        do throws(CSVText.ParseError) {
            return try CSVText.rows(text, strictness: .lenient, skipBlankLines: true).map(\.fields)
        } catch {
            // A quote never closed: the rest of the text is its field, as a lenient reader takes
            // it. Closing the quote at the end reads it so (and cannot fail again).
            return (try? CSVText.rows(text + "\"", strictness: .lenient, skipBlankLines: true).map(\.fields)) ?? []
        }
    }
}
