import Bibliography

/// Readers that can tell a cut-off last record, and drop it when the user accepts a truncated file.
///
/// A download cut half-way leaves a file whose last record is incomplete. Readers that see this
/// throw a ``FormatError`` at ``ExportReader/finish()`` (so nothing of the file is imported),
/// unless ``acceptTruncated`` is set: then the cut record is dropped with a warning and the
/// records before it are kept.
public protocol TruncationAware: AnyObject {
    /// Drop a cut-off last record with a warning instead of refusing the file.
    var acceptTruncated: Bool { get set }
}

/// What the complete records of a line-based export show about how a record ends, to judge
/// whether the last one was cut.
///
/// Two signals: an explicit terminator (`ER` in RIS and Web of Science) that every earlier
/// record has and the last one lacks, or, in formats without one (MEDLINE, Ovid), a last tag
/// that every earlier record ends with (PubMed's `SO`) and the last one does not. A file that
/// ends inside a multi-byte UTF-8 character (or a UTF-16 one, see ``UTF16Transcoder``) is cut
/// whatever its records show.
struct RecordEndTracker {
    /// Complete records seen so far.
    private(set) var records = 0
    /// Of those, the ones that ended with the format's terminator line.
    private(set) var terminated = 0
    /// The tag every complete record ended with so far; nil before the first record or once
    /// they differ.
    private var commonLastTag: String?
    private var consistent = true

    /// Notes a complete record that ended with `lastTag` (and with a terminator line or not).
    mutating func ended(lastTag: String?, byTerminator: Bool) {
        records += 1
        if byTerminator { terminated += 1 }
        if records == 1 {
            commonLastTag = lastTag
        } else if commonLastTag != lastTag {
            consistent = false
        }
    }

    /// Why the final record (ending with `lastTag`, without a terminator) looks cut, or nil when
    /// nothing says so.
    ///
    /// `endedMidLine` is passed by formats whose exporters end every record with a terminator
    /// line (RIS, Web of Science): in a file whose records all have one (or a single record), a
    /// last line without a line break that is not the terminator is then a cut.
    func cutReason(lastTag: String?, terminator: String?, endsInsideCharacter: Bool, endedMidLine: Bool = false)
        -> String?
    {
        if endsInsideCharacter { return "the file ends inside a character (an incomplete UTF-8 or UTF-16 sequence)" }
        if let terminator, terminated > 0, terminated == records {
            let before = records == 1 ? "the record before it ends" : "the \(records) records before it end"
            return "the last record has no \(terminator) line, while \(before) with one"
        }
        if endedMidLine, terminated == records {
            return "the file ends in the middle of a line, in a record without its \(terminator ?? "end") line"
        }
        if terminated == 0, records >= 1, consistent, let common = commonLastTag, let lastTag, common != lastTag {
            let before = records == 1 ? "the record before it ends" : "every record before it ends"
            return "the last record ends with a \(lastTag) line, while \(before) with \(common)"
        }
        return nil
    }
}

extension FormatError {
    /// The error for an export whose last record looks cut off.
    static func truncated(file: String, line: Int?, record: Int?, reason: String) -> FormatError {
        FormatError(
            file: file, line: line, record: record,
            message:
                "the export looks cut off (an interrupted download or copy?): \(reason); nothing of it was imported",
            hint:
                "download or export the file again, or pass --accept-truncated to import the records before the cut one"
        )
    }
}

extension FormatWarning {
    /// The warning when a cut-off last record is dropped under `--accept-truncated`.
    static func droppedTruncated(file: String, line: Int?, record: Int?, reason: String) -> FormatWarning {
        let which = record.map { "record \($0)" } ?? "the last record"
        return FormatWarning(
            file: file, line: line,
            message: "the export looks cut off (\(reason)): \(which) was dropped, as --accept-truncated asks")
    }
}

extension TruncationAware {
    /// Throws the truncation error, or (with ``acceptTruncated``) reports the dropped record.
    func cutOff(file: String, line: Int?, record: Int?, reason: String, handler: (ReaderEvent) throws -> Void) throws {
        guard acceptTruncated else {
            throw FormatError.truncated(file: file, line: line, record: record, reason: reason)
        }
        try handler(.warning(.droppedTruncated(file: file, line: line, record: record, reason: reason)))
    }
}

extension TextEncoding {
    /// True when `bytes` end with the start of a multi-byte UTF-8 sequence whose continuation
    /// bytes are missing (a file cut inside a character).
    static func endsWithIncompleteUTF8(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        var continuation = 0
        for b in bytes.reversed() {
            if b & 0xC0 == 0x80 {
                continuation += 1
                if continuation > 3 { return false }
                continue
            }
            let length: Int
            if b & 0xE0 == 0xC0 {
                length = 2
            } else if b & 0xF0 == 0xE0 {
                length = 3
            } else if b & 0xF8 == 0xF0 {
                length = 4
            } else {
                return false
            }
            return continuation < length - 1
        }
        return false
    }
}
