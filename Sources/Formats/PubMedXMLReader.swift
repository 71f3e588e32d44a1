import Bibliography

/// Reads PubMed XML: `PubmedArticleSet` (efetch, the PubMed site's "Save as XML"),
/// `MedlineCitationSet` (pre-2017 baseline files), `PubmedBookArticle` (books and chapters)
/// and `DeleteCitation` (baseline and update files' withdrawals).
///
/// A libxml2 SAX2 push parser (see ``SAXParser``) streams the file; memory is bounded by the
/// largest record. Text is plain: inline markup (`<i>`, `<sup>`, MathML) is dropped and its
/// text kept; whitespace is normalised. Identifiers in `ReferenceList` and
/// `CommentsCorrectionsList` belong to other articles and are ignored, as are investigators
/// (`InvestigatorList`), who are not authors.
///
/// Malformed XML stops the reader with a ``FormatError`` giving line and column. Hostile XML
/// is refused or bounded: entity declarations are refused, nothing is fetched, and a field's
/// text is capped at 1 MB (with a warning).
public final class PubMedXMLReader: ExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// The most bytes of text kept per field.
    static let fieldLimit = 1 << 20

    var parser: SAXParser?
    /// The reader's mutable state, in one allocation (see the accessors below).
    let state: UnsafeMutablePointer<PubMedReaderState>

    // Accessors to the state through a pointer: no dynamic exclusivity checks on the hot path
    // (stored properties of a class pay for one on every access).
    var names: SAXNameTable {
        _read { yield state.pointee.names }
        _modify { yield &state.pointee.names }
    }
    var stack: PubMedTagStack {
        _read { yield state.pointee.stack }
        _modify { yield &state.pointee.stack }
    }
    var text: SAXTextBuffer {
        _read { yield state.pointee.text }
        _modify { yield &state.pointee.text }
    }
    var capture: PubMedField? {
        _read { yield state.pointee.capture }
        _modify { yield &state.pointee.capture }
    }
    var captureDepth: Int {
        _read { yield state.pointee.captureDepth }
        _modify { yield &state.pointee.captureDepth }
    }
    var sawRoot: Bool {
        _read { yield state.pointee.sawRoot }
        _modify { yield &state.pointee.sawRoot }
    }
    var mathDepth: Int {
        _read { yield state.pointee.mathDepth }
        _modify { yield &state.pointee.mathDepth }
    }
    var draft: PubMedRecordDraft {
        _read { yield state.pointee.draft }
        _modify { yield &state.pointee.draft }
    }
    var inRecord: Bool {
        _read { yield state.pointee.inRecord }
        _modify { yield &state.pointee.inRecord }
    }
    var recordLine: Int {
        _read { yield state.pointee.recordLine }
        _modify { yield &state.pointee.recordLine }
    }
    var recordCount: Int {
        _read { yield state.pointee.recordCount }
        _modify { yield &state.pointee.recordCount }
    }
    var author: PubMedAuthorDraft {
        _read { yield state.pointee.author }
        _modify { yield &state.pointee.author }
    }
    var inAuthor: Bool {
        _read { yield state.pointee.inAuthor }
        _modify { yield &state.pointee.inAuthor }
    }
    var authorRole: PubMedAuthorRole {
        _read { yield state.pointee.authorRole }
        _modify { yield &state.pointee.authorRole }
    }
    var sectionLabel: String? {
        _read { yield state.pointee.sectionLabel }
        _modify { yield &state.pointee.sectionLabel }
    }
    var sectionCategory: String? {
        _read { yield state.pointee.sectionCategory }
        _modify { yield &state.pointee.sectionCategory }
    }
    var otherAbstractIsEnglish: Bool {
        _read { yield state.pointee.otherAbstractIsEnglish }
        _modify { yield &state.pointee.otherAbstractIsEnglish }
    }
    var meshDescriptor: String {
        _read { yield state.pointee.meshDescriptor }
        _modify { yield &state.pointee.meshDescriptor }
    }
    var meshQualifiers: [String] {
        _read { yield state.pointee.meshQualifiers }
        _modify { yield &state.pointee.meshQualifiers }
    }
    var meshMajor: Bool {
        _read { yield state.pointee.meshMajor }
        _modify { yield &state.pointee.meshMajor }
    }
    var deletions: [String] {
        _read { yield state.pointee.deletions }
        _modify { yield &state.pointee.deletions }
    }

    /// Creates a reader that reports each record, deletion and warning to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
        state = .allocate(capacity: 1)
        state.initialize(to: PubMedReaderState())
    }

    deinit {
        parser = nil
        state.deinitialize(count: 1)
        state.deallocate()
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let parser = self.parser ?? SAXParser(events: PubMedXMLReader.events(for: self), fileName: file)
        self.parser = parser
        do {
            try parser.feed(bytes)
        } catch {
            throw formatError(error)
        }
    }

    public func finish() throws {
        guard let parser else { return }
        do {
            try parser.finish()
        } catch {
            throw formatError(error)
        }
        for warning in parser.warnings where !isEntityWarning(warning) {
            try handler(.warning(FormatWarning(file: file, line: warning.line, message: "XML: " + warning.message)))
        }
    }

    private func isEntityWarning(_ warning: SAXDiagnostic) -> Bool {
        // Reported by unresolvedEntity(_:) with the record number already.
        warning.code == 27  // XML_WAR_UNDECLARED_ENTITY
    }

    private func formatError(_ failure: SAXParser.Failure) -> any Error {
        SAXParser.error(for: failure, file: file, record: inRecord ? recordCount + 1 : nil, format: "PubMed XML", hint: "export it again from PubMed, or check that it was not cut short or edited")
    }

    /// Hands an event to the handler; an error it throws stops the parse and is rethrown
    /// from ``feed(_:)`` or ``finish()``.
    func emit(_ event: ReaderEvent) {
        do {
            try handler(event)
        } catch {
            parser?.stop(error)
        }
    }

    func warn(_ message: String) {
        emit(.warning(FormatWarning(file: file, line: parser?.line, message: message)))
    }
}

extension PubMedXMLReader {
    /// libxml2's callbacks, straight to the reader's methods: no protocol dispatch, and the
    /// reader is borrowed, not retained, per event (the parser lives inside the reader).
    static func events(for reader: PubMedXMLReader) -> SAXEvents {
        SAXEvents(
            handler: Unmanaged.passUnretained(reader).toOpaque(),
            startElement: { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
                guard let ctx, let localname else { return }
                Unmanaged<PubMedXMLReader>.fromOpaque(SAXParser.handler(ctx))._withUnsafeGuaranteedRef {
                    $0.startElement(localname, attributes: SAXAttributes(count: Int(nbAttributes), base: attributes))
                }
            },
            endElement: { ctx, localname, _, _ in
                guard let ctx, let localname else { return }
                Unmanaged<PubMedXMLReader>.fromOpaque(SAXParser.handler(ctx))._withUnsafeGuaranteedRef { $0.endElement(localname) }
            },
            characters: { ctx, ch, len in
                guard let ctx, let ch, len > 0 else { return }
                Unmanaged<PubMedXMLReader>.fromOpaque(SAXParser.handler(ctx))._withUnsafeGuaranteedRef {
                    $0.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
                }
            },
            reference: { ctx, name in
                guard let ctx, let name else { return }
                Unmanaged<PubMedXMLReader>.fromOpaque(SAXParser.handler(ctx))._withUnsafeGuaranteedRef {
                    $0.unresolvedEntity(String(cString: name))
                }
            }
        )
    }
}

extension PubMedXMLReader: SAXContentHandler {
    func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        let tag = PubMedTag(id: names.id(name))
        stack.append(tag)
        if tag == .math { mathDepth += 1 }
        // Inside a captured field (a title with <i>, MathML in an abstract): only its text counts.
        if capture != nil { return }
        if !sawRoot {
            sawRoot = true
            checkRoot(tag, name: name)
        }
        if tag == .other { return }
        let depth = stack.count
        let parent = depth > 1 ? stack[depth - 2] : .other
        if let field = field(for: tag, parent: parent, attributes: attributes) {
            capture = field
            captureDepth = depth
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) {
        let depth = stack.count
        guard let tag = stack.popLast() else { return }
        if tag == .math { mathDepth -= 1 }
        if let field = capture {
            guard depth == captureDepth else { return }
            capture = nil
            if text.truncated {
                warn("the text of a <\(tagName(tag))> element is longer than \(PubMedXMLReader.fieldLimit >> 20) MB; the rest was dropped (record \(recordCount + 1))")
            }
            store(field, text.take())
            return
        }
        if tag != .other { close(tag, parent: stack.last ?? .other) }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard capture != nil else { return }
        if mathDepth > 0, !bytes.contains(where: { $0 > 0x20 }) {
            // Indentation between <mml:mi>V</mml:mi> and <mml:mo>.</mml:mo>: not text.
            return
        }
        text.append(bytes)
    }

    func unresolvedEntity(_ name: String) {
        if capture != nil { text.append("&\(name);") }
        warn("the entity &\(name); is not defined (the DTD is never loaded); it is kept as written (record \(recordCount + 1))")
    }

    private func tagName(_ tag: PubMedTag) -> String { String(describing: tag) }

    private func checkRoot(_ tag: PubMedTag, name: UnsafePointer<UInt8>) {
        switch tag {
        case .PubmedArticleSet, .MedlineCitationSet, .PubmedBookArticleSet, .BookDocumentSet, .PubmedArticle,
            .MedlineCitation, .PubmedBookArticle, .BookDocument, .DeleteCitation:
            return
        default:
            parser?.stop(FormatError(
                file: file, line: parser?.line, column: nil,
                message: "not PubMed XML: the root element is <\(String(cString: name))>",
                hint: "PubMed XML starts with <PubmedArticleSet>; name the right format with --format"
            ))
        }
    }
}

/// Everything a ``PubMedXMLReader`` keeps between SAX callbacks (not copyable: it owns the
/// text buffer).
struct PubMedReaderState: ~Copyable {
    // Parser state.
    var names = SAXNameTable(PubMedTag.names)
    var stack = PubMedTagStack()
    var text = SAXTextBuffer(limit: PubMedXMLReader.fieldLimit)
    var capture: PubMedField? = nil
    var captureDepth = 0
    var sawRoot = false
    /// Depth of MathML nesting: whitespace-only text between MathML elements is layout.
    var mathDepth = 0

    // Record state.
    var draft = PubMedRecordDraft()
    var inRecord = false
    var recordLine = 0
    var recordCount = 0
    var author = PubMedAuthorDraft()
    var inAuthor = false
    var authorRole = PubMedAuthorRole.authors
    var sectionLabel: String? = nil
    var sectionCategory: String? = nil
    var otherAbstractIsEnglish = false
    var meshDescriptor = ""
    var meshQualifiers: [String] = []
    var meshMajor = false
    var deletions: [String] = []

}
