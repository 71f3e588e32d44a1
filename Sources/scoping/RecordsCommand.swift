import ArgumentParser
import Bibliography
import Foundation
import Formats
import Workspace

extension Scoping {
    /// `scoping records [QUERY]`: lists or searches records.
    struct Records: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the records in the index, or search them.",
            discussion: """
                Without a query, every record in file order. With one, the records whose title, \
                abstract, keywords or MeSH contain all the words (accent- and case-insensitive; \
                `word*` matches a prefix; `OR` between words matches either), best match first.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Argument(help: "Words to search for.")
        var query: [String] = []

        @Option(help: "Show at most this many records.")
        var limit: Int?

        @Flag(help: "Print records as a JSON array (one record per line).")
        var json = false

        @Flag(help: "Print records as CSV (UTF-8) with a header row.")
        var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("--json and --csv exclude each other") }
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let found: [IndexedRecord]
            do {
                let index = try options.folder().openIndex()
                found = try index.records(matching: query.isEmpty ? nil : query.joined(separator: " "), limit: limit)
            } catch {
                throw report(error)
            }
            if json {
                Console.out(JSONLines.array(found.map(\.json)))
            } else if csv {
                Console.out(RecordTable.csv(found), terminator: "")
            } else {
                let width = Terminal.width()
                for item in found { Console.out(RecordTable.line(item, width: width)) }
                Console.err("\(found.count) record\(found.count == 1 ? "" : "s")")
            }
        }
    }
}

/// Renderings of indexed records for the terminal and for scripts.
enum RecordTable {
    /// `key  year  first author  title` cut to the terminal width.
    static func line(_ item: IndexedRecord, width: Int) -> String {
        let r = item.record
        let author = r.authors.first?.shortName ?? "–"
        let start =
            pad(item.key.rawValue, 22) + "  " + (r.year.map(String.init) ?? "    ") + "  "
            + pad(String(author.prefix(18)), 18) + "  "
        let room = max(10, width - start.count)
        let title = r.title.isEmpty ? "(no title)" : r.title
        return start + (title.count > room ? String(title.prefix(room - 1)) + "…" : title)
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    /// CSV with the columns a spreadsheet user expects.
    static func csv(_ items: [IndexedRecord]) -> String {
        var out = "key,file,database,year,authors,title,journal,volume,issue,pages,doi,pmid\r\n"
        for item in items {
            let r = item.record
            let cells = [
                item.key.rawValue, item.file, item.database, r.year.map(String.init) ?? "",
                r.authors.map(\.shortName).joined(separator: "; "), r.title, r.journal ?? "", r.volume ?? "",
                r.issue ?? "", r.pages ?? "", r.doi ?? "", r.pmid ?? "",
            ]
            out += cells.map(CSVWriter.quote).joined(separator: ",") + "\r\n"
        }
        return out
    }
}

extension IndexedRecord {
    /// `{"key":…,"file":…,"database":…,"searchedOn":…,"line":…,"record":{…}}`
    var json: String {
        JSONLines.object([
            ("key", .string(key.rawValue)), ("file", .string(file)), ("database", .string(database)),
            ("searchedOn", .optionalString(searchedOn)), ("line", .int(line)), ("record", .raw(record.jsonString())),
        ])
    }
}

/// The terminal's size.
enum Terminal {
    /// Columns of the terminal on stdout, or 100 when stdout is not a terminal (or `COLUMNS` says).
    static func width() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
