import Bibliography

/// Reads CSV and TSV exports: Web of Science's tab-delimited export, Scopus's, PubMed's,
/// Embase's, EBSCOhost's (CINAHL) and Zotero's CSV, Rayyan's, Covidence's and ASReview's
/// tables, EndNote's tab-delimited export, and tables with RIS tags as column names.
///
/// The header row decides what each column holds (``CSVHeader``, ``CSVFlavour``): a header of
/// Web of Science field tags is read through the Web of Science mapping, and its cells are
/// not quoted (a `"` is text); a field with two columns (Scopus's `Authors` and
/// `Author full names`) is read from the better one.
///
/// RFC 4180 quoting: quoted fields may hold delimiters, line breaks and doubled quotes. The
/// delimiter (`,`, `;` or tab) is sniffed from the header row. A UTF-8 BOM is dropped; invalid
/// UTF-8 falls back to Windows-1252 with a warning. Header names are matched case-, space-
/// and punctuation-insensitively, with synonyms (see `CSVReader+Columns.swift`).
///
/// Errors: an unterminated quoted field at the end of the file, or text right after a closing
/// quote, throws a ``FormatError`` with the line and column.
public final class CSVReader: ExportReader, TruncationAware {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// Drop a cut-off last row with a warning instead of refusing the file.
    public var acceptTruncated = false

    private var delimiter: UInt8?
    private var headerBytes: [UInt8] = []
    private var header: CSVHeader?
    private var headerNames: [String] = []
    let dialect: CSVDialect
    private var encoding = TextEncoding.utf8
    private var atStart = true

    // Tokenizer state.
    private var field: [UInt8] = []
    private var row: [String] = []
    private var inQuotes = false
    private var afterQuote = false
    private var fieldWasQuoted = false
    private var lastWasCR = false
    private var line = 1
    private var column = 0
    private var rowLine = 1
    private var quoteLine = 0
    private var quoteColumn = 0
    private var rowNumber = 0

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.dialect = .bibliographic
        self.handler = handler
    }

    /// Creates a reader for a table of `dialect`: a ClinicalTrials.gov download maps its rows
    /// with ``ClinicalTrialsMapping`` and refuses a row without an NCT number.
    public init(file: String, dialect: CSVDialect, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.dialect = dialect
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if atStart {
            headerBytes.append(contentsOf: bytes)
            if headerBytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                headerBytes.removeFirst(3)
            } else if headerBytes.count < 3, [0xEF, 0xBB, 0xBF].starts(with: headerBytes) {
                return  // maybe a BOM cut across chunks
            }
            // Sniff the delimiter once the first line (outside quotes) is complete.
            guard let sniffed = CSVReader.sniffDelimiter(headerBytes) else { return }
            delimiter = sniffed
            atStart = false
            let buffered = headerBytes
            headerBytes = []
            try buffered.withUnsafeBufferPointer { try consume($0) }
            return
        }
        try consume(bytes)
    }

    public func finish() throws {
        if atStart {
            atStart = false
            delimiter = CSVReader.sniffDelimiter(headerBytes, atEnd: true) ?? 0x2C
            let buffered = headerBytes
            headerBytes = []
            try buffered.withUnsafeBufferPointer { try consume($0) }
        }
        if inQuotes, acceptTruncated, header != nil {
            let reason = "the quote opened at line \(quoteLine), column \(quoteColumn) is never closed"
            return try cutOff(file: file, line: line, record: rowNumber + 1, reason: reason, handler: handler)
        }
        if inQuotes {
            throw FormatError(
                file: file, line: quoteLine, column: quoteColumn, record: rowNumber + 1,
                message: "unterminated quoted field: the quote opened here is never closed",
                hint: "close the quote, or double quotes inside a quoted field (\"\")")
        }
        if !field.isEmpty || !row.isEmpty || afterQuote {
            if let reason = cutReason() {
                return try cutOff(file: file, line: line, record: rowNumber + 1, reason: reason, handler: handler)
            }
            try endRow()
        }
    }

    /// Why the last row, which has no line break after it, looks cut; nil when it looks whole.
    private func cutReason() -> String? {
        guard let header else { return nil }
        if encoding == .utf8, TextEncoding.endsWithIncompleteUTF8(field) {
            return "the file ends inside a character (an incomplete UTF-8 or UTF-16 sequence)"
        }
        let cells = row.count + 1
        if cells < header.count {
            return "the last row has \(cells) of the header's \(header.count) cells and no line break at its end"
        }
        if rowNumber >= 1 {
            return "the last row has no line break at its end, while every row before it has one"
        }
        return nil
    }

    /// The delimiter the header line uses most (tab, then semicolon, then comma on a tie), or
    /// nil when the header line is not complete yet.
    static func sniffDelimiter(_ bytes: [UInt8], atEnd: Bool = false) -> UInt8? {
        var counts: [UInt8: Int] = [0x09: 0, 0x3B: 0, 0x2C: 0]
        var quoted = false
        var complete = atEnd
        for b in bytes {
            if b == 0x22 {
                quoted.toggle()
                continue
            }
            if quoted { continue }
            if b == 0x0A || b == 0x0D {
                complete = true
                break
            }
            if counts[b] != nil { counts[b, default: 0] += 1 }
        }
        guard complete else { return nil }
        let best = [UInt8(0x09), 0x3B, 0x2C].max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? 0x2C
        return (counts[best] ?? 0) > 0 ? best : 0x2C
    }

    private func consume(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let delimiter else { return }
        for b in bytes {
            if b == 0x0A, lastWasCR {
                // LF of a CRLF: the line was already counted at the CR.
                lastWasCR = false
                if inQuotes { field.append(b) }
                continue
            }
            lastWasCR = b == 0x0D
            column += 1
            if inQuotes {
                if b == 0x22 {
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.append(b)
                    if b == 0x0A || b == 0x0D { newLine() }
                }
                continue
            }
            if afterQuote {
                if b == 0x22 {
                    // A doubled quote inside a quoted field.
                    field.append(0x22)
                    inQuotes = true
                    afterQuote = false
                    continue
                }
                if b != delimiter && b != 0x0A && b != 0x0D && b != 0x20 && b != 0x09 {
                    throw FormatError(
                        file: file, line: line, column: column, record: rowNumber + 1,
                        message: "unexpected text after a closing quote",
                        hint: "a quoted field must end at the quote; double quotes inside it (\"\")")
                }
                if b == 0x20 || b == 0x09, b != delimiter { continue }
                afterQuote = false
            }
            if b == 0x22, field.isEmpty, !fieldWasQuoted, header?.flavour.quotesAreText != true {
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
                quoteColumn = column
            } else if b == delimiter {
                try endField()
            } else if b == 0x0A || b == 0x0D {
                try endRow()
                newLine()
            } else {
                field.append(b)
            }
        }
    }

    private func newLine() {
        line += 1
        column = 0
    }

    private func endField() throws {
        if encoding == .utf8, !field.withUnsafeBufferPointer({ TextEncoding.isValidUTF8($0) }) {
            encoding = .windows1252
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: line,
                        message: "not valid UTF-8 from this line on: read as Windows-1252; check accented characters")))
        }
        row.append(encoding.decode(field))
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
        afterQuote = false
    }

    private func endRow() throws {
        try endField()
        defer {
            row.removeAll(keepingCapacity: true)
            rowLine = line + 1
        }
        if row.allSatisfy({ $0.trimmedWhitespace().isEmpty }) { return }  // blank line
        guard let header else {
            if dialect == .clinicalTrials, !ClinicalTrialsMapping.isHeader(row) {
                throw FormatError(
                    file: file, line: rowLine,
                    message: "not a ClinicalTrials.gov CSV: the header has no 'NCT Number' column",
                    hint: "download the CSV from clinicaltrials.gov again, with the NCT Number column")
            }
            header = CSVHeader(names: row)
            headerNames = row
            return
        }
        rowNumber += 1
        if row.count > header.count, row[header.count...].contains(where: { !$0.trimmedWhitespace().isEmpty }) {
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: rowLine,
                        message:
                            "row \(rowNumber) has \(row.count) fields, the header \(header.count): the extra fields are ignored"
                    )))
        }
        if dialect == .clinicalTrials {
            do {
                try handler(.record(try ClinicalTrialsMapping.record(header: headerNames, row: row), line: rowLine))
            } catch let error as ClinicalTrialsMapping.RowError {
                throw FormatError(
                    file: file, line: rowLine, record: rowNumber, message: "row \(rowNumber): " + error.message,
                    hint: "download the CSV from clinicaltrials.gov again; do not edit it in a spreadsheet")
            }
            return
        }
        let record = CSVRowMapping.record(header: header, row: row, line: rowLine)
        if record.isEmpty && record.notes.isEmpty {
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: rowLine,
                        message: "row \(rowNumber) has no title, author, identifier or abstract: skipped")))
            return
        }
        try handler(.record(record, line: rowLine))
    }
}

/// What a CSV table holds: bibliographic records (any database's export, column names
/// recognised), or the studies of a ClinicalTrials.gov download.
public enum CSVDialect: Sendable {
    case bibliographic
    case clinicalTrials
}
