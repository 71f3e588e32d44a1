import XMLSupport

/// An export reader over ``SAXParser`` (EndNote XML, MODS, ICTRP): the parser made on the first
/// chunk, libxml2's failures turned into ``FormatError``s that name the record being read, its
/// warnings and the fields cut at the text limit reported at the end. The readers keep only
/// their element handling.
protocol SAXExportReader: ExportReader, SAXContentHandler {
    /// The export's name in messages.
    var file: String { get }
    var handler: (ReaderEvent) throws -> Void { get }
    /// Made on the first chunk.
    var parser: SAXParser? { get set }
    /// The 1-based number of the record being read, or nil between records.
    var recordInProgress: Int? { get }
    /// Fields cut at the text buffer's limit so far.
    var truncatedFields: Int { get }
    /// The format as messages name it (`MODS XML`).
    static var formatName: String { get }
    /// What to do about a file that is not well-formed.
    static var malformedHint: String { get }
}

extension SAXExportReader {
    /// Parses the next chunk.
    func feedSAX(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let parser = self.parser ?? SAXParser(handler: self, fileName: file)
        self.parser = parser
        do {
            try parser.feed(bytes)
        } catch {
            throw formatError(error)
        }
    }

    /// Ends the input, then reports libxml2's warnings and the fields cut short.
    func finishSAX() throws {
        guard let parser else { return }
        do {
            try parser.finish()
        } catch {
            throw formatError(error)
        }
        for warning in parser.warnings {
            try handler(.warning(FormatWarning(file: file, line: warning.line, message: "XML: " + warning.message)))
        }
        if truncatedFields > 0 {
            try handler(
                .warning(
                    FormatWarning(file: file, message: "\(truncatedFields) field(s) longer than 1 MB were cut short")))
        }
    }

    private func formatError(_ failure: SAXParser.Failure) -> any Error {
        SAXParser.error(
            for: failure, file: file, record: recordInProgress, format: Self.formatName, hint: Self.malformedHint)
    }
}
