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

    /// Title, abstract (with section labels), author keywords and MeSH descriptors of `record`.
    public init(_ record: Record) {
        self.init(title: record.title, abstract: record.abstract.text, keywords: record.keywords + record.mesh.map(\.descriptor))
    }

    /// Everything as one text.
    public var text: String { ([title, abstract] + keywords).joined(separator: " \n ") }
}

/// A seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence on
/// every platform.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
