/// A search term compiled for matching: `groepsconsult*`, `eerste lijn`, `self-management`.
///
/// Matching is case- and accent-insensitive, on word boundaries, and ignores separators
/// (space, hyphen, punctuation) inside the term and the text: `zelfmanagement` matches
/// `Zelf-management` and `zelf management`. A `*` at the end of a word matches the rest of
/// that word (`huisarts*` matches `huisartsen`, `huisartsenpraktijk`); `*` anywhere else is
/// an error.
public struct Term: Hashable, Sendable, CustomStringConvertible {
    /// The term as written.
    public let source: String
    /// Folded letters, split where a wildcard ends a word.
    let segments: [[UInt32]]
    /// For each segment, true when a `*` follows it.
    let wildcard: [Bool]

    /// What is wrong with a term.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The term has no letters or digits.
        case empty
        /// A `*` not at the end of a word; `offset` is its position in Unicode scalars.
        case misplacedWildcard(offset: Int)

        public var description: String {
            switch self {
            case .empty: "the term has no letters or digits"
            case .misplacedWildcard: "a wildcard '*' is allowed only at the end of a word"
            }
        }
    }

    /// Compiles `source`.
    ///
    /// - Throws: ``Problem`` when the term is empty or has a `*` inside a word.
    public init(_ source: String) throws(Problem) {
        self.source = source
        var segments: [[UInt32]] = []
        var wildcard: [Bool] = []
        var current: [UInt32] = []
        var scratch: [UInt32] = []
        let scalars = Array(source.unicodeScalars)
        var offset = 0
        for character in source {
            let width = character.unicodeScalars.count
            defer { offset += width }
            if character == "*" {
                // Must follow a letter and end the word.
                let after = offset + 1 < scalars.count ? Character(scalars[offset + 1]) : nil
                let afterIsWord =
                    after.map { c -> Bool in
                        var s: [UInt32] = []
                        FoldedText.fold(c, into: &s)
                        return !s.isEmpty || c == "*"
                    } ?? false
                guard !current.isEmpty, !afterIsWord else { throw .misplacedWildcard(offset: offset) }
                segments.append(current)
                wildcard.append(true)
                current = []
                continue
            }
            scratch.removeAll(keepingCapacity: true)
            FoldedText.fold(character, into: &scratch)
            current.append(contentsOf: scratch)
        }
        if !current.isEmpty {
            segments.append(current)
            wildcard.append(false)
        }
        guard !segments.isEmpty else { throw .empty }
        self.segments = segments
        self.wildcard = wildcard
    }

    public var description: String { source }

    /// The first folded unit (for bucketing terms).
    var firstUnit: UInt32 { segments[0][0] }

    public static func == (lhs: Term, rhs: Term) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// The end (exclusive unit index) of a match starting at unit `start`, or nil.
    ///
    /// `start` must be a word start for a match.
    func matchEnd(in text: FoldedText, at start: Int) -> Int? {
        guard start < text.count, text.wordStart[start] else { return nil }
        var i = start
        let n = text.count
        for (k, segment) in segments.enumerated() {
            if k > 0, wildcard[k - 1] {
                guard i < n, text.wordStart[i] else { return nil }
            }
            guard i + segment.count <= n else { return nil }
            for unit in segment {
                guard text.units[i] == unit else { return nil }
                i += 1
            }
            if wildcard[k] {
                while i < n, !text.wordStart[i] { i += 1 }
            }
        }
        guard i == n || text.wordStart[i] else { return nil }
        return i
    }

    /// The original ranges of every match of this term in `text`, left to right, not overlapping.
    ///
    /// - Complexity: O(n·m) in the folded length of the text and of the term.
    public func ranges(in text: FoldedText) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var i = 0
        let first = firstUnit
        while i < text.count {
            if text.units[i] == first, let end = matchEnd(in: text, at: i) {
                out.append(text.originalRange(i, end))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// The first match in `text`, if any.
    public func firstRange(in text: FoldedText) -> Range<String.Index>? {
        let first = firstUnit
        var i = 0
        while i < text.count {
            if text.units[i] == first, let end = matchEnd(in: text, at: i) {
                return text.originalRange(i, end)
            }
            i += 1
        }
        return nil
    }

    /// True when the term occurs in `text`.
    public func occurs(in text: String) -> Bool { firstRange(in: FoldedText(text)) != nil }
}
