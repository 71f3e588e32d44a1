public import Bibliography

/// What a reader hands out while streaming through an export.
public enum ReaderEvent: Sendable {
    /// A record, with the 1-based line where it starts in the file.
    case record(Record, line: Int)
    /// PubMed's `DeleteCitation`: records with these PMIDs are withdrawn and must be removed.
    case delete(pmids: [String])
    /// A problem that does not stop the import.
    case warning(FormatWarning)
}

/// A streaming reader for one export format.
///
/// Readers are push-based: feed bytes in chunks (any split), then call ``finish()``. Events are
/// delivered to the handler given at creation as soon as a record is complete, so memory is
/// bounded by the largest record, not the file.
public protocol ExportReader: AnyObject {
    /// Feeds the next chunk of the file's bytes.
    /// - Throws: ``FormatError`` with file, line and column when the input is malformed.
    func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws
    /// Ends the input: flushes the last record, reports truncated input.
    func finish() throws
}
