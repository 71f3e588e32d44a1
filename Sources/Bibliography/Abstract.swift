/// An abstract: one or more sections, each with an optional label (`BACKGROUND`, `Methods`).
///
/// An unstructured abstract is one section without a label.
public struct Abstract: Hashable, Codable, Sendable {
    public struct Section: Hashable, Codable, Sendable {
        /// The label as printed (`Background`, `METHODS`), if any.
        public var label: String?
        /// NLM's category for the label (`BACKGROUND`, `METHODS`, `RESULTS`, `CONCLUSIONS`,
        /// `OBJECTIVE`, `UNASSIGNED`), when the source gives one.
        public var category: String?
        public var text: String

        public init(label: String? = nil, category: String? = nil, text: String) {
            self.label = label
            self.category = category
            self.text = text
        }
    }

    public var sections: [Section]

    public init(sections: [Section] = []) {
        // Most abstracts have no empty section: keep the array then (no copy).
        let keep = { (section: Section) in !section.text.isEmpty || section.label != nil }
        self.sections = sections.allSatisfy(keep) ? sections : sections.filter(keep)
    }

    /// An unstructured abstract from plain text; empty text gives an empty abstract.
    public init(_ text: String) {
        self.init(sections: text.isEmpty ? [] : [Section(text: text)])
    }

    public var isEmpty: Bool { sections.allSatisfy { $0.text.isEmpty } }

    /// True when at least one section has a label.
    public var isStructured: Bool { sections.contains { $0.label != nil } }

    /// The whole abstract as one string: `Label: text` per section, separated by a space.
    public var text: String {
        sections.map { section in
            if let label = section.label, !label.isEmpty {
                return section.text.isEmpty ? "\(label):" : "\(label): \(section.text)"
            }
            return section.text
        }.joined(separator: " ")
    }
}
