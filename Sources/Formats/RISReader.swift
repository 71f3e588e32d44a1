import Bibliography

/// A streaming reader for RIS exports in every dialect seen in the wild.
///
/// Lenient by design: RIS has no grammar that exporters agree on. The reader accepts
/// - a UTF-8 BOM, LF, CRLF, lone CR and mixed line ends (through ``LineSplitter``, which also
///   falls back to Windows-1252 on invalid UTF-8 and says so in a warning);
/// - tags with one or two spaces before the dash and with or without a space after it
///   (`TI  - x`, `TI - x`, `TI  -x`, `TI  -`);
/// - preambles and numbered record lines between records (Ovid's `1.`, `Record #1 of 2`),
///   which are ignored;
/// - records without `TY` (a record starts at the first tag after `ER` or at the start of the
///   file) and without `ER` (a record ends at the next `TY` that follows content, or at the end);
/// - untagged lines: right after a tag line they continue its value (for `KW` and the link tags
///   each such line is another value, as Rayyan and EndNote write keywords); after a blank line
///   inside a record they are free text (Scopus's `Export Date: …`), kept as notes.
///
/// Field mapping is in `RISReader+Mapping.swift` and documented in `docs/conformance.md`.
public final class RISReader: ExportReader, TruncationAware {
    let file: String
    /// Drop a cut-off last record with a warning instead of refusing the file.
    public var acceptTruncated = false
    private var ends = RecordEndTracker()
    let handler: (ReaderEvent) throws -> Void
    private var splitter: LineSplitter
    private var fallbackLine: Int?
    private var current: RISFields?
    private var afterBlank = false
    /// The last record read, held back until the next one starts: Ovid writes tags such as `NL`
    /// and free text after `ER`, which belong to the record before.
    private var held: (Record, Int)?

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
        self.splitter = LineSplitter()
        self.splitter = LineSplitter(onFallback: { [unowned self] line in self.fallbackLine = line })
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try splitter.feed(bytes) { line, number in try self.handle(line, number) }
    }

    public func finish() throws {
        try splitter.finish { line, number in try self.handle(line, number) }
        if let fields = current, !fields.isTrailer, fields.hasValues {
            let reason = ends.cutReason(
                lastTag: fields.fields.last?.tag, terminator: "ER", endsInsideCharacter: splitter.endedInsideCharacter,
                endedMidLine: splitter.endedMidLine)
            if let reason {
                current = nil
                try cutOff(
                    file: file, line: splitter.lineNumber, record: ends.records + 1, reason: reason, handler: handler)
            }
        }
        try flush()
        if let (record, line) = held {
            held = nil
            try handler(.record(record, line: line))
        }
    }

    private func reportFallbackIfAny() throws {
        if let line = fallbackLine {
            fallbackLine = nil
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: line,
                        message: "not valid UTF-8 from this line on: read as Windows-1252; check accented characters")))
        }
    }

    private func handle(_ raw: String, _ number: Int) throws {
        try reportFallbackIfAny()
        var line = Substring(raw)
        while line.first == "\u{FEFF}" { line.removeFirst() }
        if let (tag, value) = RISReader.splitTag(line) {
            afterBlank = false
            if tag == "ER" {
                try flush(byTerminator: true)
                return
            }
            if current == nil {
                current = RISFields(line: number)
            } else if tag == "TY", current?.hasContent == true {
                try flush()
                current = RISFields(line: number)
            }
            current?.append(tag: tag, value: value, line: number)
            return
        }
        let text = line.trimmedWhitespace()
        if text.isEmpty {
            if current != nil { afterBlank = true }
            return
        }
        guard current != nil else { return }  // preamble, `1.`, text between records
        if RISReader.isRecordNumber(text) { return }
        if afterBlank || current?.fields.isEmpty != false {
            current?.freeText.append(text)
        } else {
            current?.continueLast(with: String(line), line: number)
        }
    }

    private func flush(byTerminator: Bool = false) throws {
        afterBlank = false
        guard let fields = current else { return }
        current = nil
        guard fields.hasValues else {
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: fields.line, message: "an empty RIS record (no tag with a value) was skipped")
                ))
            return
        }
        let record = fields.record()
        if fields.isTrailer, case (var previous, let line)? = held {
            previous.notes.append(contentsOf: record.notes)
            held = (previous, line)
            return
        }
        ends.ended(lastTag: fields.fields.last?.tag, byTerminator: byTerminator)
        if let (previous, line) = held { try handler(.record(previous, line: line)) }
        held = (record, fields.line)
    }

    /// Splits `TI  - value` into its tag and trimmed value; nil when the line is not a tag line.
    ///
    /// Accepts `^[A-Z][A-Z0-9][ \t]{1,2}-( |$)` (a tab where a space belongs, as some
    /// spreadsheets write) and, leniently, a value right after the dash.
    static func splitTag(_ line: Substring) -> (String, String)? {
        let u = Array(line.utf8.prefix(6))
        guard u.count >= 4, isUpper(u[0]), isUpper(u[1]) || isDigit(u[1]), u[2] == 0x20 || u[2] == 0x09 else {
            return nil
        }
        let dash: Int
        if u[3] == 0x2D {
            dash = 3
        } else if u[3] == 0x20 || u[3] == 0x09, u.count >= 5, u[4] == 0x2D {
            dash = 4
        } else {
            return nil
        }
        let tag = String(decoding: u[0..<2], as: UTF8.self)
        let rest = line.utf8.dropFirst(dash + 1)
        let value = String(Substring(rest)).trimmedWhitespace()
        return (tag, value)
    }

    /// `1.`, `12.` or `<3001. >`-like record numbers that Ovid writes between records.
    static func isRecordNumber(_ text: String) -> Bool {
        guard text.hasSuffix(".") else { return false }
        let digits = text.dropLast()
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

/// The tagged fields of one RIS record, in file order, before mapping to a ``Record``.
struct RISFields {
    struct Field {
        var tag: String
        var values: [String]
        var line: Int
    }

    /// 1-based line where the record starts.
    let line: Int
    var fields: [Field] = []
    /// Untagged lines after a blank line inside the record.
    var freeText: [String] = []

    init(line: Int) { self.line = line }

    /// True once the record has a tag other than `TY`.
    var hasContent: Bool { fields.contains { $0.tag != "TY" } || !freeText.isEmpty }

    /// True when some tag other than `TY` has a value, or there is free text.
    var hasValues: Bool {
        !freeText.isEmpty
            || fields.contains { $0.tag != "TY" && $0.values.contains { !RISRecordBuilder.clean($0).isEmpty } }
    }

    /// Tags that make a block a record of its own (rather than lines trailing the one before).
    static let coreTags: Set<String> = [
        "TY", "TI", "T1", "CT", "BT", "AU", "A1", "A2", "AB", "N2", "DO", "PY", "Y1", "DA", "T2", "JF", "JO", "JA",
        "SP", "VL", "IS", "KW", "SN", "AN", "UR",
    ]

    /// True for a block without `TY` and without any bibliographic tag (Ovid's `NL  - …` and
    /// link text after `ER`): its values are kept as notes of the record before.
    var isTrailer: Bool { !fields.contains { RISFields.coreTags.contains($0.tag) } }

    mutating func append(tag: String, value: String, line: Int) {
        fields.append(Field(tag: tag, values: [value], line: line))
    }

    /// Tags whose untagged continuation lines are further values rather than a wrapped value.
    static let listTags: Set<String> = ["KW", "UR", "L1", "L2", "L3", "L4", "LK"]

    mutating func continueLast(with raw: String, line: Int) {
        guard var last = fields.popLast() else { return }
        if RISFields.listTags.contains(last.tag) {
            last.values.append(raw.trimmedWhitespace())
        } else if last.tag == "N1" {
            last.values[last.values.count - 1] += "\n" + raw.trimmedWhitespace()
        } else {
            let previous = last.values[last.values.count - 1]
            last.values[last.values.count - 1] =
                previous.isEmpty ? raw.trimmedWhitespace() : previous + " " + raw.trimmedWhitespace()
        }
        fields.append(last)
    }
}
