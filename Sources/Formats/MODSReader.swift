import Bibliography
import CLibXML2
public import XMLSupport

/// Reads MODS XML (Metadata Object Description Schema, the Library of Congress's format), as
/// library catalogues, Zotero, JabRef and Bibutils export it: a `<modsCollection>` of `<mods>`
/// records, or a single `<mods>` root, with or without a `mods:` prefix.
///
/// A libxml2 SAX2 push parser (see ``SAXParser``) streams the file; memory is bounded by the
/// largest record. Every leaf element of a record is collected with its path of element names
/// and the attributes that matter (`type`, `unit`, `authority`), then mapped in
/// `MODSReader+Mapping.swift`: `titleInfo`, `name`/`namePart` with `role`, `originInfo`,
/// `relatedItem type="host"` (journal, volume, issue, pages), `identifier`, `abstract`,
/// `subject/topic`, `genre`, `language`, `location/url`, `note`.
///
/// Malformed or cut XML stops the reader with a ``FormatError`` giving line and column; the
/// caller then imports nothing of the file, as for the other XML readers.
public final class MODSReader: ExportReader, SAXContentHandler, SAXExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    var parser: SAXParser?
    /// Open elements inside the current record (the `mods` element first).
    private var stack: [MODSElement] = []
    private var draft: MODSDraft?
    private var recordLine = 0
    private var recordCount = 0
    private var sawRoot = false
    private var text = SAXTextBuffer(limit: 1 << 20)
    private(set) var truncatedFields = 0

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws { try feedSAX(bytes) }

    public func finish() throws { try finishSAX() }

    static let formatName = "MODS XML"
    static let malformedHint = "export it again from the catalogue, or check that it was not cut short or edited"
    var recordInProgress: Int? { draft != nil ? recordCount + 1 : nil }

    // MARK: SAXContentHandler

    public func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        let element = String(cString: name)
        if !sawRoot {
            sawRoot = true
            if element != "mods" && element != "modsCollection" {
                parser?.stop(
                    FormatError(
                        file: file, line: parser?.line,
                        message: "not MODS XML: the root element is <\(element)>",
                        hint: "MODS starts with <modsCollection> or <mods>; name the right format with --format"))
                return
            }
        }
        if draft == nil {
            guard element == "mods" else { return }
            draft = MODSDraft()
            recordLine = parser?.line ?? 0
        }
        if var parent = stack.popLast() {
            parent.hasChildren = true
            stack.append(parent)
        }
        stack.append(
            MODSElement(
                name: element, type: attributes.value("type"), unit: attributes.value("unit"),
                authority: attributes.value("authority"), keyDate: attributes.value("keyDate") != nil))
        text.clear()
    }

    public func endElement(_ name: UnsafePointer<UInt8>) {
        guard draft != nil, let element = stack.last else { return }
        if !element.hasChildren {
            if text.truncated { truncatedFields += 1 }
            let value = text.take()
            if !value.isEmpty { draft?.fields.append(MODSField(path: stack, value: value)) }
        }
        text.clear()
        if MODSDraft.groups.contains(element.name) { draft?.fields.append(MODSField(path: stack, value: "")) }
        stack.removeLast()
        if stack.isEmpty, let finished = draft {
            draft = nil
            recordCount += 1
            let record = finished.record()
            if record.isEmpty && record.notes.isEmpty && record.otherIDs.isEmpty {
                let message = "record \(recordCount) has no title, name, identifier or abstract: skipped"
                emit(.warning(FormatWarning(file: file, line: recordLine, message: message)))
            } else {
                emit(.record(record, line: recordLine))
            }
        }
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if draft != nil { text.append(bytes) }
    }

    public func unresolvedEntity(_ name: String) {
        if draft != nil { text.append("&" + name + ";") }
    }

    private func emit(_ event: ReaderEvent) {
        do {
            try handler(event)
        } catch {
            parser?.stop(error)
        }
    }
}

/// An open element of a MODS record and the attributes the mapping looks at.
struct MODSElement {
    var name: String
    var type: String?
    var unit: String?
    var authority: String?
    var keyDate: Bool
    var hasChildren = false
}

/// The text of one leaf element, with the elements it sits in (the record's `mods` first).
struct MODSField {
    var path: [MODSElement]
    var value: String

    /// The leaf's name.
    var name: String { path.last?.name ?? "" }
    /// The leaf's `type` attribute.
    var type: String? { path.last?.type }
    /// The nearest enclosing element called `name`.
    func ancestor(_ name: String) -> MODSElement? { path.dropLast().last(where: { $0.name == name }) }
    /// True inside a `relatedItem` (of any type).
    var inRelatedItem: Bool { path.contains(where: { $0.name == "relatedItem" }) }
    /// True inside a `relatedItem type="host"` (the journal, book or series holding the work).
    var inHost: Bool {
        let related = path.filter { $0.name == "relatedItem" }
        return !related.isEmpty && related.allSatisfy { $0.type == "host" }
    }
    /// The element names below the record (or below its host), joined with `/`.
    var localPath: String {
        var names: [String] = []
        for e in path.dropFirst().reversed() {
            if e.name == "relatedItem" { break }
            names.append(e.name)
        }
        return names.reversed().joined(separator: "/")
    }
}
