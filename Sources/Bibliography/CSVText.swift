/// RFC 4180 CSV text, read whole: the one tokenizer (and the one field quoting) that the
/// charting sheet, the decision and ASReview imports and the deduplication benchmark sets share.
///
/// The tokenizer works on the UTF-8 bytes: a leading byte order mark is skipped; rows end in
/// CRLF, LF or CR; a field that starts with a quote runs to the matching quote and may hold
/// delimiters, line breaks and doubled quotes (`""` for one `"`); a quote anywhere else is
/// text. Each row comes with the line it starts on. (`Formats.CSVReader` reads big exports as
/// a stream and has its own incremental tokenizer.)
public enum CSVText {
    /// What to do with text between a closing quote and the next delimiter or line end
    /// (`"a"b,c`).
    public enum Strictness: Sendable {
        /// It is an error (``ParseError/Kind/textAfterClosingQuote``): for imports
        /// where a silently merged field would put a value in the wrong column.
        case strict
        /// It is kept as text, quotes included (`"a"b"` reads as `ab"`).
        case lenient
    }

    /// One row and the 1-based line it starts on (a quoted line break makes a row span lines).
    public struct Row: Hashable, Sendable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Text that is not CSV: where, what, and what to do about it.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public enum Kind: Hashable, Sendable {
            /// A quoted field runs to the end of the text.
            case unterminatedQuote
            /// Text right after a closing quote (strict reading only).
            case textAfterClosingQuote
        }

        public var kind: Kind
        /// The 1-based line of the problem: where the unclosed quote opened, or where the text
        /// after the closing quote is.
        public var line: Int
        /// The 1-based column on that line, in Unicode scalars (characters, for text without
        /// combining marks).
        public var column: Int
        /// The 1-based line where the row with the problem starts.
        public var rowLine: Int

        public init(kind: Kind, line: Int, column: Int, rowLine: Int) {
            self.kind = kind
            self.line = line
            self.column = column
            self.rowLine = rowLine
        }

        /// What happened and what to do, without the place (callers add it in their own form).
        public var message: String {
            switch kind {
            case .unterminatedQuote:
                "a quoted field is never closed; close it with a quote, and double every quote inside it (\"\")"
            case .textAfterClosingQuote:
                "text right after a closing quote; a quoted field must end at its quote: move the text inside the quotes, and double every quote inside them (\"\")"
            }
        }

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// The rows of `text`.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator: an ASCII character other than a quote or a line
    ///     break (`,`, `;` or a tab).
    ///   - strictness: whether text after a closing quote is an error or kept.
    ///   - skipBlankLines: leave out rows of one empty field (an empty line, or one holding
    ///     only `""`); else they are rows like any other.
    /// - Throws: ``ParseError`` for a quote never closed, and (strict) for text after a
    ///   closing quote.
    /// - Complexity: O(n) in the length of the text.
    public static func rows(
        _ text: String, delimiter: Unicode.Scalar = ",", strictness: Strictness, skipBlankLines: Bool = false
    ) throws(ParseError) -> [Row] {
        precondition(
            delimiter.isASCII && delimiter != "\"" && delimiter != "\n" && delimiter != "\r",
            "a CSV delimiter is an ASCII character other than a quote or a line break")
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(ParseError) in
                try tokenize(
                    bytes, delimiter: UInt8(delimiter.value), strict: strictness == .strict,
                    skipBlankLines: skipBlankLines)
            }
        }
        return try result.get()
    }

    static let quote: UInt8 = 0x22
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    static func tokenize(
        _ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, strict: Bool, skipBlankLines: Bool
    ) throws(ParseError) -> [Row] {
        let n = bytes.count
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard i < n else { return [] }
        var rows: [Row] = []
        var fields: [String] = []
        var scratch: [UInt8] = []
        var line = 1
        var lineStart = i  // the offset of the current line's first byte, for columns
        var rowLine = 1

        /// The text of `bytes[start..<end]`.
        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        /// The 1-based column of `offset` on the line that starts at `start`.
        func column(_ start: Int, _ offset: Int) -> Int {
            var column = 1
            for k in start..<offset where bytes[k] & 0xC0 != 0x80 { column += 1 }
            return column
        }

        while true {
            // At the start of a field.
            var value: String
            if i < n, bytes[i] == quote {
                let (quoteLine, quoteLineStart, quoteOffset) = (line, lineStart, i)
                i += 1
                var segment = i
                var doubled = false
                while true {
                    guard i < n else {
                        throw ParseError(
                            kind: .unterminatedQuote, line: quoteLine, column: column(quoteLineStart, quoteOffset),
                            rowLine: rowLine)
                    }
                    let b = bytes[i]
                    if b == quote {
                        guard i + 1 < n, bytes[i + 1] == quote else { break }
                        if !doubled { scratch.removeAll(keepingCapacity: true) }
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...i]))
                        doubled = true
                        i += 2
                        segment = i
                        continue
                    }
                    if b == lineFeed || (b == carriageReturn && (i + 1 == n || bytes[i + 1] != lineFeed)) {
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                }
                if doubled {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<i]))
                    value = String(decoding: scratch, as: UTF8.self)
                } else {
                    value = string(segment, i)
                }
                i += 1  // the closing quote
                if i < n, bytes[i] != delimiter, bytes[i] != lineFeed, bytes[i] != carriageReturn {
                    if strict {
                        throw ParseError(
                            kind: .textAfterClosingQuote, line: line, column: column(lineStart, i), rowLine: rowLine)
                    }
                    let start = i
                    while i < n, bytes[i] != delimiter, bytes[i] != lineFeed, bytes[i] != carriageReturn { i += 1 }
                    value += string(start, i)
                }
            } else {
                let start = i
                while i < n, bytes[i] != delimiter, bytes[i] != lineFeed, bytes[i] != carriageReturn { i += 1 }
                value = string(start, i)
            }
            fields.append(value)
            if i < n, bytes[i] == delimiter {
                i += 1
                continue
            }
            // The end of a row: a line break or the end of the text.
            if !(skipBlankLines && fields.count == 1 && fields[0].isEmpty) {
                rows.append(Row(line: rowLine, fields: fields))
            }
            fields = []
            guard i < n else { break }
            i += bytes[i] == carriageReturn && i + 1 < n && bytes[i + 1] == lineFeed ? 2 : 1
            line += 1
            lineStart = i
            rowLine = line
            guard i < n else { break }  // a last line break ends the last row; no empty row after it
        }
        return rows
    }

    /// `field` as a CSV cell: in quotes, with every quote doubled, when it holds one of
    /// `delimiters`, a quote or a line break, or starts or ends with whitespace (which
    /// spreadsheets trim); else as it is.
    ///
    /// - Parameter delimiters: the delimiter of the file, or every delimiter a reader might
    ///   take it for (a sniffing reader: `[",", ";", "\t"]`).
    public static func quote(_ field: String, delimiters: [Unicode.Scalar] = [","]) -> String {
        let needsQuotes =
            field.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || delimiters.contains($0) }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        // Byte by byte: a quote is one UTF-8 byte that no other character contains.
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
