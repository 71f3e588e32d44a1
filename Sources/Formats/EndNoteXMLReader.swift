import Bibliography
import CLibXML2
public import XMLSupport

/// Reads EndNote XML: EndNote's own exports (field text in `<style>` runs), and the flavours
/// Mendeley, Zotero, JabRef and Bookends write (plain text in the elements).
///
/// A libxml2 SAX2 push parser (see ``SAXParser``) streams the file; memory is bounded by the
/// largest record. The text of every `<style>` run inside a field is concatenated (italic and
/// bold runs included) and whitespace is normalised.
///
/// Every element of a `<record>` is either a container (`titles`, `contributors/authors`,
/// `dates`, `urls/related-urls` …) or a field whose text is collected whole. Fields are mapped
/// in `EndNoteXMLReader+Mapping.swift`; a field no mapping takes is kept in the notes as
/// `element: text`, so nothing is lost. The library's own bookkeeping (`database`,
/// `source-app`, `rec-number`, `foreign-keys`) is dropped.
///
/// Malformed XML stops the reader with a ``FormatError`` giving line and column.
public final class EndNoteXMLReader: ExportReader, SAXContentHandler, SAXExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    var parser: SAXParser?
    private var stack: [String] = []
    private var draft: EndNoteDraft?
    private var recordLine = 0
    private var recordCount = 0
    /// The field being collected: its path (`titles/title`) and the depth where it started.
    private var capture: (path: String, depth: Int)?
    private var text = SAXTextBuffer(limit: 1 << 20)
    private(set) var truncatedFields = 0

    /// Elements that group fields; any other element inside a record is a field.
    static let containers: Set<String> = [
        "xml", "records", "record", "contributors", "authors", "secondary-authors", "tertiary-authors",
        "subsidiary-authors", "translated-authors", "titles", "periodical", "alt-periodical", "dates",
        "pub-dates", "copyright-dates", "keywords", "urls", "related-urls", "pdf-urls", "web-urls",
        "text-urls", "image-urls", "foreign-keys",
    ]

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws { try feedSAX(bytes) }

    public func finish() throws { try finishSAX() }

    static let formatName = "EndNote XML"
    static let malformedHint = "export it again, or check that it was not cut short or edited"
    var recordInProgress: Int? { draft != nil ? recordCount + 1 : nil }

    // MARK: SAXContentHandler

    public func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        let element = String(cString: name)
        stack.append(element)
        if capture != nil { return }  // `<style>` runs and anything else inside a field
        if element == "record" {
            draft = EndNoteDraft()
            recordLine = parser?.line ?? 0
            return
        }
        guard draft != nil else { return }
        if element == "ref-type" {
            draft?.typeName = attributes.value("name")
        }
        if !EndNoteXMLReader.containers.contains(element) {
            let parent = stack.count >= 2 ? stack[stack.count - 2] : ""
            capture = (parent + "/" + element, stack.count)
            text.clear()
        }
    }

    public func endElement(_ name: UnsafePointer<UInt8>) {
        defer { stack.removeLast() }
        if let (path, depth) = capture, depth == stack.count {
            capture = nil
            if text.truncated { truncatedFields += 1 }
            let raw = String(decoding: text.bytes, as: UTF8.self)
            text.clear()
            draft?.add(path: path, raw: raw)
            return
        }
        if capture == nil, stack.last == "record", let finished = draft {
            draft = nil
            recordCount += 1
            emit(.record(finished.record(), line: recordLine))
        }
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capture != nil { text.append(bytes) }
    }

    public func unresolvedEntity(_ name: String) {
        if capture != nil { text.append("&" + name + ";") }
    }

    private func emit(_ event: ReaderEvent) {
        do {
            try handler(event)
        } catch {
            parser?.stop(error)
        }
    }
}
