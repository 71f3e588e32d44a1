import Bibliography
public import XMLSupport

/// Reads PubMed XML: `PubmedArticleSet` (efetch, the PubMed site's "Save as XML"),
/// `MedlineCitationSet` (pre-2017 baseline files), `PubmedBookArticle` (books and chapters)
/// and `DeleteCitation` (baseline and update files' withdrawals).
///
/// A libxml2 SAX2 push parser (see ``SAXParser``) streams the file; memory is bounded by the
/// largest record. The SAX callbacks only keep the element stack and write each field's raw
/// text to a ``PubMedTape``; a ``PubMedRecordBuilder`` replays the tape into ``Record``s. Fed
/// through ``feed(_:)`` and ``finish()``, both run on the caller's thread (the tape is replayed
/// at the end of each record); ``read(_:file:handler:)`` runs the parser on a second thread.
/// Text is plain: inline markup (`<i>`, `<sup>`, MathML) is dropped and its text kept;
/// whitespace is normalised. Identifiers in `ReferenceList` and `CommentsCorrectionsList`
/// belong to other articles and are ignored, as are investigators (`InvestigatorList`), who
/// are not authors. Of the `DataBankList`, the numbers of trial registers (ClinicalTrials.gov,
/// ISRCTN, EudraCT …) become `trial:` identifiers (``TrialRegistration/id(databank:accession:)``);
/// data banks (GenBank, PubChem …) are left out.
///
/// Malformed XML stops the reader with a ``FormatError`` giving line and column. Hostile XML
/// is refused or bounded: entity declarations are refused, nothing is fetched, and a field's
/// text is capped at 1 MB (with a warning).
public final class PubMedXMLReader: ExportReader {
    let file: String
    /// Where the tape goes at the end of a record.
    let sink: PubMedTapeSink
    /// The tape is handed on at the end of a record once it holds more than this many bytes.
    let flushThreshold: Int
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
    var inRecord: Bool {
        _read { yield state.pointee.inRecord }
        _modify { yield &state.pointee.inRecord }
    }
    var recordCount: Int {
        _read { yield state.pointee.recordCount }
        _modify { yield &state.pointee.recordCount }
    }
    var inAuthor: Bool {
        _read { yield state.pointee.inAuthor }
        _modify { yield &state.pointee.inAuthor }
    }
    var authorRole: PubMedAuthorRole {
        _read { yield state.pointee.authorRole }
        _modify { yield &state.pointee.authorRole }
    }
    var inDataBank: Bool {
        _read { yield state.pointee.inDataBank }
        _modify { yield &state.pointee.inDataBank }
    }
    var pmidSet: Bool {
        _read { yield state.pointee.pmidSet }
        _modify { yield &state.pointee.pmidSet }
    }
    var tape: PubMedTape {
        _read { yield state.pointee.tape }
        _modify { yield &state.pointee.tape }
    }
    var otherAbstractIsEnglish: Bool {
        _read { yield state.pointee.otherAbstractIsEnglish }
        _modify { yield &state.pointee.otherAbstractIsEnglish }
    }

    /// Creates a reader that reports each record, deletion and warning to `handler`, on the
    /// thread that calls ``feed(_:)`` and ``finish()``.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        sink = .replay(PubMedRecordReplayer(file: file, handler: handler))
        flushThreshold = 0
        state = .allocate(capacity: 1)
        state.initialize(to: PubMedReaderState())
    }

    /// Creates a reader that hands its tape to `queue` (for ``read(_:file:handler:)``), in
    /// pieces of about `flushThreshold` bytes cut at the end of a record.
    init(file: String, queue: PubMedTapeQueue, flushThreshold: Int = 1 << 16) {
        self.file = file
        sink = .queue(queue)
        self.flushThreshold = flushThreshold
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
            throw failure(error)
        }
    }

    public func finish() throws {
        guard let parser else { return }
        do {
            try parser.finish()
        } catch {
            throw failure(error)
        }
        for warning in parser.warnings where !isEntityWarning(warning) {
            writeWarning(line: warning.line, "XML: " + warning.message)
        }
        try deliver()
    }

    /// The error to throw for `failure`, after handing on what the tape holds (warnings
    /// before the error, as they would have been reported): a handler's error then wins.
    private func failure(_ failure: SAXParser.Failure) -> any Error {
        let error = formatError(failure)
        do {
            try deliver()
        } catch let handlerError {
            return handlerError
        }
        return error
    }

    /// Hands the tape to the sink and empties it.
    /// - Throws: what the handler throws (replay), or ``PubMedTapeQueue/Cancelled`` when the
    ///   consumer has stopped (queue).
    func deliver() throws {
        guard !state.pointee.tape.isEmpty else { return }
        defer { state.pointee.tape.clear() }
        switch sink {
        case .replay(let replayer):
            try replayer.replay(state.pointee.tape.bytes)
        case .queue(let queue):
            guard queue.push(state.pointee.tape.bytes) else { throw PubMedTapeQueue.Cancelled() }
        }
    }

    /// At the end of a record: hands the tape on once it is big enough; an error (the
    /// handler's, or the consumer stopping) stops the parse.
    func recordEnded() {
        guard state.pointee.tape.count > flushThreshold else { return }
        do {
            try deliver()
        } catch {
            parser?.stop(error)
        }
    }

    private func isEntityWarning(_ warning: SAXDiagnostic) -> Bool {
        // Reported by unresolvedEntity(_:) with the record number already.
        warning.code == 27  // XML_WAR_UNDECLARED_ENTITY
    }

    private func formatError(_ failure: SAXParser.Failure) -> any Error {
        SAXParser.error(
            for: failure, file: file, record: inRecord ? recordCount + 1 : nil, format: "PubMed XML",
            hint: "export it again from PubMed, or check that it was not cut short or edited")
    }

    /// Writes a warning at the parser's line to the tape.
    func warn(_ message: String) {
        writeWarning(line: parser?.line, message)
    }

    private func writeWarning(line: Int?, _ message: String) {
        tape.op(.warning)
        tape.int(line ?? -1)
        tape.text(message)
    }
}

/// Where a ``PubMedXMLReader``'s tape goes.
enum PubMedTapeSink {
    /// Replayed at once, on the parsing thread.
    case replay(PubMedRecordReplayer)
    /// Queued for a consumer thread.
    case queue(PubMedTapeQueue)
}

/// A ``PubMedRecordBuilder`` and the handler it reports to (a class: the builder's state
/// lasts across tapes).
final class PubMedRecordReplayer {
    private var builder: PubMedRecordBuilder
    private let handler: (ReaderEvent) throws -> Void

    init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        builder = PubMedRecordBuilder(file: file)
        self.handler = handler
    }

    func replay(_ tape: UnsafeRawBufferPointer) throws {
        try builder.replay(tape, handler: handler)
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
                Unmanaged<PubMedXMLReader>.fromOpaque(SAXParser.handler(ctx))._withUnsafeGuaranteedRef {
                    $0.endElement(localname)
                }
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
    public func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        let tag = PubMedTag(id: names.id(name))
        stack.append(tag)
        if tag == .math { mathDepth += 1 }
        // Inside a captured field (a title with <i>, MathML in an abstract): only its text
        // counts, with MathML and <sup>/<sub> rendered as plain text.
        if capture != nil {
            if mathDepth > 0 {
                state.pointee.math.start(String(cString: name), attributes: PubMedXMLReader.mathAttributes(attributes))
            } else if tag == .sup || tag == .sub {
                state.pointee.scriptStarts.append(text.count)
            }
            return
        }
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

    public func endElement(_ name: UnsafePointer<UInt8>) {
        let depth = stack.count
        guard let tag = stack.popLast() else { return }
        let inMath = mathDepth > 0
        if tag == .math { mathDepth -= 1 }
        if let field = capture {
            guard depth == captureDepth else {
                if inMath {
                    state.pointee.math.end()
                    if mathDepth == 0 { appendMath() }
                } else if tag == .sup || tag == .sub, let start = state.pointee.scriptStarts.popLast() {
                    replaceScript(from: start, superscript: tag == .sup)
                }
                return
            }
            state.pointee.scriptStarts.removeAll(keepingCapacity: true)
            capture = nil
            if text.truncated {
                warn(
                    "the text of a <\(tagName(tag))> element is longer than \(PubMedXMLReader.fieldLimit >> 20) MB; the rest was dropped (record \(recordCount + 1))"
                )
            }
            write(field)
            return
        }
        if tag != .other { close(tag, parent: stack.last ?? .other) }
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard capture != nil else { return }
        if mathDepth > 0 {
            // Indentation between <mml:mi>V</mml:mi> and <mml:mo>.</mml:mo> is not text.
            if bytes.contains(where: { $0 > 0x20 }) {
                state.pointee.math.text(String(decoding: bytes, as: UTF8.self))
            }
            return
        }
        text.append(bytes)
    }

    /// The attributes of a MathML element that its rendering uses.
    static func mathAttributes(_ attributes: SAXAttributes) -> [String: String] {
        guard attributes.count > 0 else { return [:] }
        var out: [String: String] = [:]
        for name in MathMLText.attributeNames {
            if let v = attributes.value(name) { out[name.description] = v }
        }
        return out
    }

    /// At the end of a `<math>` in a field: its rendering joins the field's text, spaced from
    /// the words around it.
    private func appendMath() {
        let rendered = state.pointee.math.render()
        state.pointee.math = MathMLText()
        guard !rendered.isEmpty else { return }
        text.append(rendered)
    }

    /// At the end of a `<sup>` or `<sub>` in a field: its text becomes Unicode script
    /// characters when every character has one (`kg<sup>-1</sup>` → `kg⁻¹`); otherwise it
    /// stays as written (`HbA<sub>1c</sub>` → `HbA1c`, the spelling searches and criteria use).
    private func replaceScript(from start: Int, superscript: Bool) {
        let raw = text.string(from: start).trimmedWhitespace()
        guard let script = superscript ? Text.superscript(raw) : Text.subscript(raw) else { return }
        text.truncate(to: start)
        text.append(script)
    }

    public func unresolvedEntity(_ name: String) {
        if capture != nil { text.append("&\(name);") }
        warn(
            "the entity &\(name); is not defined (the DTD is never loaded); it is kept as written (record \(recordCount + 1))"
        )
    }

    private func tagName(_ tag: PubMedTag) -> String { String(describing: tag) }

    private func checkRoot(_ tag: PubMedTag, name: UnsafePointer<UInt8>) {
        switch tag {
        case .PubmedArticleSet, .MedlineCitationSet, .PubmedBookArticleSet, .BookDocumentSet, .PubmedArticle,
            .MedlineCitation, .PubmedBookArticle, .BookDocument, .DeleteCitation:
            return
        default:
            parser?.stop(
                FormatError(
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
    /// The MathML element being read inside a field.
    var math = MathMLText()
    /// Where the text of each open `<sup>`/`<sub>` starts in the field's text.
    var scriptStarts: [Int] = []

    /// The record-building steps not yet handed on.
    var tape = PubMedTape()

    // What the element structure says about the record (the text is the builder's).
    var inRecord = false
    var recordCount = 0
    /// True once the record has a non-empty PMID (a later `PMID` is not read).
    var pmidSet = false
    var inAuthor = false
    /// Inside a `DataBank` of the record's `DataBankList`.
    var inDataBank = false
    var authorRole = PubMedAuthorRole.authors
    var otherAbstractIsEnglish = false

}
