/// RFC 4180 CSV: writing rows and reading them back, with `,` or `;` as the delimiter.
public enum CSV {
    /// One row: fields quoted when they hold the delimiter, a quote or a line break; lines end
    /// in CRLF, as spreadsheets expect.
    public static func row(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { quote($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
    }

    /// A field, quoted if needed.
    public static func quote(_ field: String, delimiter: Character = ",") -> String {
        let needs = field.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The UTF-8 byte order mark, which Excel needs to read UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// One parsed row and the line it starts on (1-based).
    public struct Row: Hashable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// A problem reading CSV: an unterminated quote.
    public struct ParseError: Error, Hashable, Sendable {
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

    /// Parses CSV text (a leading BOM is skipped; blank lines are skipped).
    ///
    /// - Throws: ``ParseError`` for a quote that is never closed.
    /// - Complexity: O(n) in the text.
    public static func parse(_ text: String, delimiter: Character) throws(ParseError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var fieldStarted = false
        var chars = Substring(text)
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        var i = chars.startIndex
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            field = ""
            fieldStarted = false
        }
        while i < chars.endIndex {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    let next = chars.index(after: i)
                    if next < chars.endIndex, chars[next] == "\"" {
                        field.append("\"")
                        i = chars.index(after: next)
                        continue
                    }
                    inQuotes = false
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && !fieldStarted {
                inQuotes = true
                fieldStarted = true
            } else if c == delimiter {
                fields.append(field)
                field = ""
                fieldStarted = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endRow()
                line += 1
                rowLine = line
            } else {
                field.append(c)
                fieldStarted = true
            }
            i = chars.index(after: i)
        }
        if inQuotes { throw ParseError(line: rowLine, message: "a quoted field is never closed") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
