public import Bibliography

/// RFC 4180 CSV: writing rows and reading them back, with `,` or `;` as the delimiter.
///
/// Quoting and tokenizing are ``CSVText``'s, shared with the other CSV readers.
public enum CSV {
    /// One row: fields quoted when they hold the delimiter, a quote or a line break; lines end
    /// in CRLF, as spreadsheets expect.
    public static func row(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { quote($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
    }

    /// A field, quoted if needed (see ``CSVText/quote(_:delimiters:)``).
    public static func quote(_ field: String, delimiter: Character = ",") -> String {
        CSVText.quote(field, delimiters: Array(delimiter.unicodeScalars))
    }

    /// The UTF-8 byte order mark, which Excel needs to read UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// One parsed row and the line it starts on (1-based).
    public typealias Row = CSVText.Row

    /// A problem reading CSV: an unterminated quote.
    public struct ParseError: Error, Hashable, Sendable {
        /// The line where the row with the unclosed quote starts.
        public var line: Int
        public var message: String
    }

    /// Guesses the delimiter from the first line: `;` when it has more semicolons than commas.
    public static func detectDelimiter(_ text: String) -> Character {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let semicolons = firstLine.filter { $0 == ";" }.count
        let commas = firstLine.filter { $0 == "," }.count
        return semicolons > commas ? ";" : ","
    }

    /// Parses CSV text (a leading BOM is skipped; blank lines are skipped; text after a
    /// closing quote is kept).
    ///
    /// - Parameter delimiter: `,` or `;` (any ASCII character but a quote or a line break).
    /// - Throws: ``ParseError`` for a quote that is never closed.
    /// - Complexity: O(n) in the text.
    public static func parse(_ text: String, delimiter: Character) throws(ParseError) -> [Row] {
        guard let scalar = delimiter.unicodeScalars.first, delimiter.unicodeScalars.count == 1 else {
            preconditionFailure("a CSV delimiter is one ASCII character, not '\(delimiter)'")
        }
        do throws(CSVText.ParseError) {
            return try CSVText.rows(text, delimiter: scalar, strictness: .lenient, skipBlankLines: true)
        } catch {
            throw ParseError(line: error.rowLine, message: error.message)
        }
    }
}
