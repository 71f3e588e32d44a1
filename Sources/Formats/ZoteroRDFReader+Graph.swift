/// The nodes of an RDF/XML file, as ``ZoteroRDFReader`` collects them before resolving.
///
/// Every node element (top-level or nested) is a node; a named node (`rdf:about`, `rdf:ID`,
/// `rdf:nodeID`) described twice is one node with the properties of both, as RDF reads it.
struct RDFGraph {
    var nodes: [RDFNode] = []
    /// Named nodes by name: the `rdf:about` URI as written, `#id` for `rdf:ID`, `_:id` for
    /// `rdf:nodeID`.
    private(set) var named: [String: Int] = [:]

    /// The node called `name` (a new one when nil or first seen), noting where it starts.
    mutating func node(named name: String?, line: Int, topLevel: Bool) -> Int {
        if let name, let existing = named[name] {
            if topLevel { nodes[existing].topLevel = true }
            return existing
        }
        nodes.append(RDFNode(name: name, line: line, topLevel: topLevel))
        if let name { named[name] = nodes.count - 1 }
        return nodes.count - 1
    }

    mutating func add(_ name: String, _ value: RDFValue, to node: Int) {
        nodes[node].properties.append(RDFProperty(name: name, value: value))
    }

    /// The node a value stands for: a nested node, or the node a reference names (a reference
    /// that names a `rdf:nodeID` without `_:` is taken too, as some writers mix the two).
    func target(_ value: RDFValue) -> Int? {
        switch value {
        case .node(let i): i
        case .reference(let name): named[name] ?? named["_:" + name]
        case .literal: nil
        }
    }

    /// The local part of a URI: `http://purl.org/net/biblio#Article` → `Article`,
    /// `http://id.loc.gov/vocabulary/iso639-2/ger` → `ger`.
    static func localName(of uri: String) -> String {
        var s = Substring(uri)
        while s.last == "/" || s.last == "#" { s.removeLast() }
        if let cut = s.lastIndex(where: { $0 == "#" || $0 == "/" || $0 == ":" }) {
            return String(s[s.index(after: cut)...])
        }
        return String(s)
    }
}

/// A resource: its types (local names of its element and `rdf:type`s) and its properties in
/// document order.
struct RDFNode {
    var name: String?
    var types: [String] = []
    var properties: [RDFProperty] = []
    /// The line of its (first) node element.
    var line: Int
    /// Described at the top of the file (a child of `rdf:RDF`), not nested in a property.
    var topLevel: Bool

    init(name: String?, line: Int, topLevel: Bool) {
        self.name = name
        self.line = line
        self.topLevel = topLevel
    }

    /// True when one of its types is `type` (compared without case).
    func isA(_ kinds: Set<String>) -> Bool {
        types.contains { kinds.contains($0.lowercased()) }
    }
}

/// One property: the element's local name (`title` for `dc:title`) and its value.
struct RDFProperty {
    var name: String
    var value: RDFValue
}

enum RDFValue {
    /// Text, whitespace normalised (`description` and `value` only trimmed: Zotero's Extra and
    /// notes keep their lines).
    case literal(String)
    /// A node nested in the property element.
    case node(Int)
    /// `rdf:resource` / `rdf:nodeID`: a node described elsewhere (or an outside URI).
    case reference(String)
}
