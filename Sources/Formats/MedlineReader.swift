import Bibliography

/// Reads MEDLINE text: PubMed's "PubMed format" (`.nbib`, `.txt`) and PMC's MEDLARS export.
///
/// A line is a tag padded to four characters, `- ` and a value (`TI  - Title`, `PMID- 123`);
/// a line starting with spaces continues the previous value; records are separated by blank
/// lines (a new `PMID` or `PMC` in a record that already has one also starts a new record).
/// Old tags (`DA`, `PUBM`) and tags of no use here (`PHST`, `EDAT` …) are ignored.
/// UTF-8 is expected; a file that is not valid UTF-8 is read as Windows-1252 from the first
/// invalid line on, with a warning.
public final class MedlineReader: ExportReader, TruncationAware, LineByLineReader {
    let file: String
    /// Drop a cut-off last record with a warning instead of refusing the file.
    public var acceptTruncated = false
    private var ends = RecordEndTracker()
    let handler: (ReaderEvent) throws -> Void
    var splitter: LineSplitter
    /// Where the splitter fell back on Windows-1252, set by its callback.
    private let fallback = FallbackLine()
    private var warnedFallback = false
    private var draft = MedlineRecordDraft()
    private var tag = ""
    private var value = ""
    private var hasTag = false
    private var recordLine = 0
    private var strayLines: [Int] = []
    private var blankSeen = false
    /// The tags of the record being read.
    private var recordTags = Set<String>()

    /// Creates a reader that reports each record and warning to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
        let fallback = self.fallback
        splitter = LineSplitter(onFallback: { fallback.line = $0 })
    }

    private final class FallbackLine {
        var line: Int?
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try feedLines(bytes)
    }

    public func finish() throws {
        try finishLines()
        try endRecord(final: true)
        try reportStrayLines(strayLines, format: "MEDLINE tag line", file: file, handler: handler)
    }

    func take(line: String, number: Int) throws {
        if let at = fallback.line, !warnedFallback {
            warnedFallback = true
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: at,
                        message: "the file is not valid UTF-8 from this line on; read as Windows-1252")))
        }
        let bytes = Array(line.utf8)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            // The record ends here, but is handed out when the next one starts or at the end:
            // the last record is checked for a cut even when a (partial) blank line follows it.
            commitField()
            blankSeen = true
            return
        }
        if let (newTag, rest) = MedlineReader.tagLine(bytes) {
            if blankSeen || (newTag == "PMID" && !draft.pmid.isEmpty) || (newTag == "PMC" && !draft.pmcid.isEmpty) {
                try endRecord()
            }
            blankSeen = false
            recordTags.insert(newTag)
            commitField()
            if draft.isEmpty && !hasTag { recordLine = number }
            tag = newTag
            value = rest
            hasTag = true
            return
        }
        if bytes.first == 0x20 || bytes.first == 0x09, hasTag {
            value += " " + line
            return
        }
        strayLines.append(number)
    }

    /// `("TI", "Title")` from `TI  - Title`; nil when the line is not a tag line.
    static func tagLine(_ bytes: [UInt8]) -> (String, String)? {
        guard bytes.count >= 5, bytes[4] == 0x2D, isTagStart(bytes[0]) else { return nil }
        var end = 1
        while end < 4, isTagStart(bytes[end]) || (bytes[end] >= 0x30 && bytes[end] <= 0x39) { end += 1 }
        for i in end..<4 where bytes[i] != 0x20 { return nil }
        let tag = String(decoding: bytes[0..<end], as: UTF8.self)
        let rest = bytes.count > 5 ? String(decoding: bytes[5...], as: UTF8.self) : ""
        return (tag, rest)
    }

    private static func isTagStart(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

    private func commitField() {
        guard hasTag else { return }
        draft.add(tag: tag, value: Text.normalizeWhitespace(value))
        hasTag = false
        value = ""
    }

    /// Ends the record being read; `final` for the last one, which is checked for a cut.
    private func endRecord(final: Bool = false) throws {
        commitField()
        guard !draft.isEmpty else { return }
        let tags = recordTags
        recordTags = []
        // PubMed ends its files with a line break: only a last line without one (where a
        // download stops) is weighed against the records before it and PubMed's frame.
        var reason: String?
        if splitter.endedMidLine {
            reason = ends.cutReason(lastTag: tag, terminator: nil, endsInsideCharacter: splitter.endedInsideCharacter)
            if reason == nil, tags.contains("OWN"), tags.contains("STAT"), !tags.contains("SO") {
                // PubMed writes OWN and STAT near a record's start and SO as its last tag.
                reason =
                    "the last record has PubMed's OWN and STAT lines but not the SO line that ends every PubMed record"
            }
        }
        if final, let reason {
            draft = MedlineRecordDraft()
            try cutOff(
                file: file, line: splitter.lineNumber, record: ends.records + 1, reason: reason, handler: handler)
            return
        }
        ends.ended(lastTag: tag, byTerminator: false)
        let record = draft.record()
        draft = MedlineRecordDraft()
        try handler(.record(record, line: recordLine))
    }
}
