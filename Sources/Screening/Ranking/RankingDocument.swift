public import Bibliography

/// The text of a record that ranking reads: title, abstract and keywords (with MeSH).
public struct RankingDocument: Hashable, Sendable {
    public var title: String
    public var abstract: String
    public var keywords: [String]

    public init(title: String, abstract: String, keywords: [String] = []) {
        self.title = title
        self.abstract = abstract
        self.keywords = keywords
    }

    /// Title, abstract (with section labels, without a database's rights notice:
    /// ``Abstract/withoutRightsNotice(_:)``), author keywords and MeSH descriptors of `record`.
    public init(_ record: Record) {
        self.init(
            title: record.title, abstract: Abstract.withoutRightsNotice(record.abstract.text),
            keywords: record.keywords + record.mesh.map(\.descriptor))
    }

    /// Everything as one text.
    public var text: String { ([title, abstract] + keywords).joined(separator: " \n ") }
}
