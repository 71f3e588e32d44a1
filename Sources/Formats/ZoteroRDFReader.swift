import Bibliography
import CLibXML2
public import XMLSupport

/// Reads Zotero RDF (Zotero's own "Zotero RDF" export: RDF/XML with `bib:Article`, `bib:Book`,
/// `z:itemType`, `dc:title`, `bib:authors` …), and the bibliographic RDF/XML other tools write
/// with the same vocabularies (Dublin Core, BIBO, FOAF, PRISM, schema.org), as Zotero's RDF
/// import does.
///
/// RDF/XML describes a graph: an item names its journal, its authors or its notes by
/// `rdf:resource` (or nests them), and the node named may come before or after the item. So
/// this reader, unlike the other XML readers, **emits its records at the end of the file**: a
/// libxml2 SAX2 push parser (see ``SAXParser``) streams the file into ``RDFGraph`` (every node
/// with its types and properties, nested nodes included), and ``finish()`` resolves the
/// references and maps every item node to a ``Record`` (`ZoteroRDFReader+Mapping.swift`).
/// Memory is therefore bounded by the file, not by the largest record: fine for a reference
/// manager's library export (a 10,000-item Zotero RDF is tens of MB), and the reason the reader
/// keeps literals as normalised strings only.
///
/// Records are the nodes no other node points to (a journal, a person, a child note or an
/// attachment is always pointed to), less the kinds that are never records: attachments
/// (`z:Attachment`), notes (`bib:Memo`), collections (`z:Collection`), people, journals and the
/// like; an item needs a title or an item type. Element names are matched by their local name
/// (`dc:title` and `dcterms:title` alike).
///
/// Malformed or cut XML stops the reader with a ``FormatError`` giving line and column; the
/// caller then imports nothing of the file, as for the other XML readers.
public final class ZoteroRDFReader: ExportReader, SAXContentHandler, SAXExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    var parser: SAXParser?
    private var graph = RDFGraph()
    private var frames: [Frame] = []
    private var sawRoot = false
    private var text = SAXTextBuffer(limit: 1 << 20)
    private(set) var truncatedFields = 0

    /// An open element: what the RDF/XML striping makes of it.
    private enum Frame {
        /// `rdf:RDF`.
        case root
        /// A node element (or a property element with `rdf:parseType="Resource"`).
        case node(Int)
        /// A property element of `subject`, its value still to come.
        case property(OpenProperty)
        /// An element inside an `rdf:parseType="Literal"` property: only its text counts.
        case literalMarkup
    }

    private struct OpenProperty {
        var name: String
        var subject: Int
        /// `rdf:resource` / `rdf:nodeID`: the value is that node.
        var reference: String?
        /// A node element came inside: the value is that node, the text is only whitespace.
        var sawNode = false
        /// `rdf:parseType="Literal"`: elements inside are markup, only their text counts.
        var isLiteral = false
    }

    static let rdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws { try feedSAX(bytes) }

    /// Ends the input, then resolves the graph and reports every record.
    ///
    /// - Complexity: O(nodes + properties) for the resolution, after the parse.
    public func finish() throws {
        guard parser != nil else { return }
        try finishSAX()
        for (record, line) in RDFRecords.make(from: graph) {
            if record.isEmpty && record.notes.isEmpty && record.otherIDs.isEmpty {
                let message = "the item at line \(line) has no title, name, identifier or abstract: skipped"
                try handler(.warning(FormatWarning(file: file, line: line, message: message)))
            } else {
                try handler(.record(record, line: line))
            }
        }
        graph = RDFGraph()
    }

    static let formatName = "Zotero RDF"
    static let malformedHint =
        "export it again from Zotero (or export RIS), or check that it was not cut short or edited"
    /// Records are only known at the end of the file: an error names no record.
    var recordInProgress: Int? { nil }

    // MARK: SAXContentHandler

    public func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        let element = String(cString: name)
        let line = parser?.line ?? 0
        guard sawRoot else {
            sawRoot = true
            if element != "RDF" {
                parser?.stop(
                    FormatError(
                        file: file, line: line, message: "not RDF/XML: the root element is <\(element)>",
                        hint: "Zotero RDF starts with <rdf:RDF>; name the right format with --format"))
                return
            }
            frames.append(.root)
            return
        }
        switch frames.last {
        case .root, .none:
            startNode(element, attributes: attributes, line: line, under: nil)
        case .property(let open) where open.isLiteral:
            frames.append(.literalMarkup)
        case .property(var open):
            open.sawNode = true
            frames[frames.count - 1] = .property(open)
            startNode(element, attributes: attributes, line: line, under: open)
        case .node(let subject):
            startProperty(element, attributes: attributes, subject: subject, line: line)
        case .literalMarkup:
            frames.append(.literalMarkup)
        }
    }

    public func endElement(_ name: UnsafePointer<UInt8>) {
        guard let frame = frames.popLast() else { return }
        guard case .property(let open) = frame else { return }
        if open.sawNode {
            text.clear()
            return
        }
        if let reference = open.reference {
            if open.name == "type" {
                graph.nodes[open.subject].types.append(RDFGraph.localName(of: reference))
            } else {
                graph.add(open.name, .reference(reference), to: open.subject)
            }
        } else {
            if text.truncated { truncatedFields += 1 }
            // Zotero's Extra (`dc:description`) and notes (`rdf:value`) keep their lines.
            let value =
                open.name == "description" || open.name == "value"
                ? String(decoding: text.bytes, as: UTF8.self).trimmedWhitespace() : text.take()
            if !value.isEmpty { graph.add(open.name, .literal(value), to: open.subject) }
        }
        text.clear()
    }

    public func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collectsText { text.append(bytes) }
    }

    public func unresolvedEntity(_ name: String) {
        if collectsText { text.append("&" + name + ";") }
    }

    /// True inside a property whose value may be text (no node came in it), or inside the
    /// markup of an `rdf:parseType="Literal"` property.
    private var collectsText: Bool {
        switch frames.last {
        case .property(let open): !open.sawNode
        case .literalMarkup: true
        default: false
        }
    }

    // MARK: Striping

    /// A node element: a new node (or more of a named one), the value of the open property.
    private func startNode(_ element: String, attributes: SAXAttributes, line: Int, under open: OpenProperty?) {
        var about: String?
        var literals: [(String, String)] = []
        attributes.forEachAttribute { local, isRDF, value in
            switch (local, isRDF) {
            case ("about", _): about = value
            case ("ID", true): about = "#" + value
            case ("nodeID", true): about = "_:" + value
            case ("type", true): literals.append(("rdf:type", value))
            case (_, true): break
            default: literals.append((local, value))
            }
        }
        let node = graph.node(named: about, line: line, topLevel: open == nil)
        if element != "Description" { graph.nodes[node].types.append(element) }
        for (name, value) in literals {
            if name == "rdf:type" {
                graph.nodes[node].types.append(RDFGraph.localName(of: value))
            } else {
                graph.add(name, .literal(Text.normalizeWhitespace(value)), to: node)
            }
        }
        if let open { graph.add(open.name, .node(node), to: open.subject) }
        frames.append(.node(node))
    }

    /// A property element of `subject`: a literal, a reference, a nested node, or (with
    /// `rdf:parseType="Resource"`) an anonymous node whose properties follow.
    private func startProperty(_ element: String, attributes: SAXAttributes, subject: Int, line: Int) {
        // `rdf:_1`, `rdf:_2` … are the members of a container, like `rdf:li`.
        let name = element.hasPrefix("_") && element.dropFirst().allSatisfy(\.isNumber) ? "li" : element
        var reference: String?
        var parseType: String?
        attributes.forEachAttribute { local, isRDF, value in
            switch (local, isRDF) {
            case ("resource", _): reference = value
            case ("nodeID", true): reference = "_:" + value
            case ("parseType", true): parseType = value
            default: break
            }
        }
        text.clear()
        switch parseType {
        case "Resource":
            let node = graph.node(named: nil, line: line, topLevel: false)
            graph.add(name, .node(node), to: subject)
            frames.append(.node(node))
        case "Literal":
            frames.append(.property(OpenProperty(name: name, subject: subject, isLiteral: true)))
        default:
            frames.append(.property(OpenProperty(name: name, subject: subject, reference: reference)))
        }
    }
}

extension SAXAttributes {
    /// Calls `body` with each attribute's local name, whether it is in the RDF namespace (or
    /// unqualified, as old RDF/XML writes `about` and `resource`), and its decoded value;
    /// `xml:` attributes (`xml:lang`, `xml:base`) are left out.
    fileprivate func forEachAttribute(_ body: (String, Bool, String) -> Void) {
        guard let base else { return }
        for i in 0..<count {
            guard let local = base[5 * i], let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
            let prefix = base[5 * i + 1].map { String(cString: $0) }
            if prefix == "xml" { continue }
            let uri = base[5 * i + 2].map { String(cString: $0) }
            let isRDF = uri == nil || uri == ZoteroRDFReader.rdfNamespace
            body(
                String(cString: local), isRDF,
                SAXAttributes.decode(UnsafeBufferPointer(start: start, count: end - start)))
        }
    }
}
