import Bibliography

/// Reads Web of Science tagged text: the "Other reference software" / "Plain text" export
/// (`.txt`, `.ciw`), as Web of Science, Zoological Record and the ISI databases write it.
///
/// The file opens with `FN` and `VR`; a record is a run of tag lines (`TI Title`: two
/// characters, a space, the value) ending with `ER`; the file ends with `EF`. A line that starts
/// with spaces continues the tag above: a further person for `AU`, `AF`, `BE`, `C1` and the
/// other list tags, a wrapped value (or, in `AB`, a new paragraph) for the others.
///
/// A cut file is recognised by a last record without `ER` while the others have one, a last
/// line without a line break, or a file that starts with `FN` and has no `EF`.
public final class WebOfScienceReader: ExportReader, TruncationAware, LineByLineReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// Drop a cut-off last record with a warning instead of refusing the file.
    public var acceptTruncated = false
    var splitter = LineSplitter()
    private let fallback = FallbackFlag()
    private var current: TaggedFields?
    private var ends = RecordEndTracker()
    private var sawHeader = false
    private var sawEnd = false
    private var strayLines: [Int] = []

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
        splitter = LineSplitter(reporting: fallback)
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try feedLines(bytes)
    }

    public func finish() throws {
        try finishLines()
        if let fields = current, fields.hasValues {
            current = nil
            let reason =
                ends.cutReason(
                    lastTag: fields.fields.last?.tag, terminator: "ER",
                    endsInsideCharacter: splitter.endedInsideCharacter,
                    endedMidLine: splitter.endedMidLine) ?? "the last record has no ER line"
            try cutOff(
                file: file, line: splitter.lineNumber, record: ends.records + 1, reason: reason, handler: handler)
        } else if sawHeader, !sawEnd, ends.records > 0 {
            let reason = "the file starts with FN but has no EF line, which Web of Science writes at its end"
            try cutOff(file: file, line: splitter.lineNumber, record: nil, reason: reason, handler: handler)
        }
        try reportStrayLines(strayLines, format: "Web of Science tag line", file: file, handler: handler)
    }

    func take(line raw: String, number: Int) throws {
        try fallback.report(file: file, handler: handler)
        var line = Substring(raw)
        while line.first == "\u{FEFF}" { line.removeFirst() }
        if line.trimmedWhitespace().isEmpty { return }
        if line.first == " " || line.first == "\t" {
            guard current != nil else { return }
            current?.continueLast(with: line.trimmedWhitespace(), asNewValue: WebOfScienceReader.listTags)
            return
        }
        guard let (tag, value) = WebOfScienceReader.splitTag(line) else {
            strayLines.append(number)
            return
        }
        switch tag {
        case "FN", "VR":
            sawHeader = sawHeader || tag == "FN"
        case "EF":
            sawEnd = true
        case "ER":
            if let fields = current, fields.hasValues {
                ends.ended(lastTag: fields.fields.last?.tag, byTerminator: true)
                try handler(.record(WebOfScienceMapping.record(fields), line: fields.line))
            }
            current = nil
        default:
            if current == nil { current = TaggedFields(line: number) }
            current?.append(tag: tag, value: value, line: number)
        }
    }

    /// Tags whose continuation lines are further values.
    static let listTags: Set<String> = [
        "AU", "AF", "BA", "BF", "BE", "CA", "GP", "ED", "C1", "C3", "CR", "EM", "RI", "OI", "FU",
    ]

    /// `("TI", "Title")` from `TI Title`; nil when the line is not a tag line.
    static func splitTag(_ line: Substring) -> (String, String)? {
        let u = Array(line.utf8.prefix(3))
        guard u.count >= 2, u[0] >= 0x41, u[0] <= 0x5A, (u[1] >= 0x41 && u[1] <= 0x5A) || (u[1] >= 0x30 && u[1] <= 0x39)
        else { return nil }
        guard u.count == 2 || u[2] == 0x20 else { return nil }
        let tag = String(decoding: u[0..<2], as: UTF8.self)
        return (tag, String(Substring(line.utf8.dropFirst(2))).trimmedWhitespace())
    }
}

/// A flag for a ``LineSplitter``'s fall back on Windows-1252, reported once as a warning.
final class FallbackFlag {
    var line: Int?
    private var reported = false

    func report(file: String, handler: (ReaderEvent) throws -> Void) throws {
        guard let line, !reported else { return }
        reported = true
        try handler(
            .warning(
                FormatWarning(
                    file: file, line: line,
                    message: "not valid UTF-8 from this line on: read as Windows-1252; check accented characters")))
    }
}

/// Reports lines a reader could not place, naming the first few.
func reportStrayLines(_ lines: [Int], format: String, file: String, handler: (ReaderEvent) throws -> Void) throws {
    guard let first = lines.first else { return }
    let shown = lines.prefix(5).map(String.init).joined(separator: ", ") + (lines.count > 5 ? " …" : "")
    let noun = lines.count == 1 ? "line" : "lines"
    try handler(
        .warning(
            FormatWarning(
                file: file, line: first,
                message:
                    "\(lines.count) \(noun) that \(lines.count == 1 ? "is" : "are") neither a \(format) nor a continuation ignored (line \(shown))"
            )))
}

/// The tagged fields of one record of a tagged-text export, in file order.
struct TaggedFields {
    struct Field {
        var tag: String
        var values: [String]
        var line: Int
    }

    /// 1-based line where the record starts.
    let line: Int
    var fields: [Field] = []

    init(line: Int) { self.line = line }

    /// True when some tag has a non-empty value.
    var hasValues: Bool { fields.contains { $0.values.contains { !$0.isEmpty } } }

    mutating func append(tag: String, value: String, line: Int) {
        fields.append(Field(tag: tag, values: [value], line: line))
    }

    /// A continuation line: another value for list tags, else the last value goes on.
    mutating func continueLast(with text: String, asNewValue listTags: Set<String>, paragraphTags: Set<String> = []) {
        guard var last = fields.popLast() else { return }
        if listTags.contains(last.tag) {
            last.values.append(text)
        } else {
            let previous = last.values[last.values.count - 1]
            let separator = paragraphTags.contains(last.tag) ? "\n" : " "
            last.values[last.values.count - 1] = previous.isEmpty ? text : previous + separator + text
        }
        fields.append(last)
    }

    /// Every value of `tag`, in order.
    func values(_ tag: String) -> [String] {
        fields.filter { $0.tag == tag }.flatMap(\.values).filter { !$0.isEmpty }
    }

    /// The first value of the first of `tags` that has one.
    func first(_ tags: String...) -> String? {
        for tag in tags { if let v = values(tag).first { return v } }
        return nil
    }
}
