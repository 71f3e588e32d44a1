import Bibliography

/// Reads Ovid's direct exports of Embase, MEDLINE, PsycINFO and the other Ovid databases.
///
/// Every record starts with its number in angle brackets (`<1. >`, `<3001. >`, `<8>`). Ovid
/// writes fields in two layouts, both read: tagged (`TI  - Title`, a tag of two to four
/// characters, continuation lines indented) as for "Citation Manager" and Citavi/EndNote
/// output, and labelled (a field name such as `Title` on its own line, the value indented
/// below) as in Ovid's display output. Labels are mapped to the same tags (`Author` → `AU`).
///
/// Ovid has no record terminator; a cut last record is recognised when every record before it
/// ends with the same tag and it does not, or when the file ends inside a character.
public final class OvidReader: ExportReader, TruncationAware, LineByLineReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// Drop a cut-off last record with a warning instead of refusing the file.
    public var acceptTruncated = false
    var splitter = LineSplitter()
    private let fallback = FallbackFlag()
    private var current: TaggedFields?
    private var label: String?
    private var ends = RecordEndTracker()
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
        try endRecord(final: true)
        try reportStrayLines(strayLines, format: "Ovid field line", file: file, handler: handler)
    }

    func take(line raw: String, number: Int) throws {
        try fallback.report(file: file, handler: handler)
        var line = Substring(raw)
        while line.first == "\u{FEFF}" { line.removeFirst() }
        let text = line.trimmedWhitespace()
        if text.isEmpty { return }
        if OvidReader.isRecordStart(text) {
            try endRecord(final: false)
            current = TaggedFields(line: number)
            label = nil
            return
        }
        guard current != nil else {
            strayLines.append(number)
            return
        }
        if line.first == " " || line.first == "\t" {
            if let label {
                current?.append(tag: label, value: text, line: number)
                self.label = nil
            } else if current?.fields.isEmpty == false {
                current?.continueLast(with: text, asNewValue: ["IN", "AD"])
            }
            return
        }
        if let (tag, value) = OvidReader.splitTag(line) {
            label = nil
            current?.append(tag: tag, value: value, line: number)
        } else {
            // A labelled field: the value follows on indented lines.
            label = OvidMapping.tag(forLabel: text)
        }
    }

    private func endRecord(final: Bool) throws {
        guard let fields = current else { return }
        current = nil
        guard fields.hasValues else { return }
        let lastTag = fields.fields.last?.tag
        if final,
            let reason = ends.cutReason(
                lastTag: lastTag, terminator: nil, endsInsideCharacter: splitter.endedInsideCharacter)
        {
            try cutOff(
                file: file, line: splitter.lineNumber, record: ends.records + 1, reason: reason, handler: handler)
            return
        }
        ends.ended(lastTag: lastTag, byTerminator: false)
        try handler(.record(OvidMapping.record(fields), line: fields.line))
    }

    /// `<1. >`, `<3001. >`, `<8>`.
    static func isRecordStart(_ text: String) -> Bool {
        guard text.hasPrefix("<"), text.hasSuffix(">") else { return false }
        let inner = text.dropFirst().dropLast().trimmedWhitespace()
        let digits = inner.hasSuffix(".") ? String(inner.dropLast()) : inner
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `("TI", "Title")` from `TI  - Title` or `IP - 2`; nil when the line is not a tag line.
    static func splitTag(_ line: Substring) -> (String, String)? {
        let u = Array(line.utf8.prefix(8))
        guard u.count >= 3, u[0] >= 0x41, u[0] <= 0x5A else { return nil }
        var end = 1
        while end < u.count, end < 4, (u[end] >= 0x41 && u[end] <= 0x5A) || (u[end] >= 0x30 && u[end] <= 0x39) {
            end += 1
        }
        var dash = end
        while dash < u.count, u[dash] == 0x20 { dash += 1 }
        guard end >= 2, dash > end, dash < u.count, u[dash] == 0x2D, dash + 1 == u.count || u[dash + 1] == 0x20 else {
            return nil
        }
        let tag = String(decoding: u[0..<end], as: UTF8.self)
        return (tag, String(Substring(line.utf8.dropFirst(dash + 1))).trimmedWhitespace())
    }
}
