/// Many terms compiled together for fast matching: each term is tried only at word starts
/// whose first letter matches its own.
public struct TermSet<Tag: Hashable & Sendable>: Sendable {
    /// One match: which term (by index into ``terms``), with its tag, where in the text.
    public struct Match: Hashable, Sendable {
        public var term: Int
        public var tag: Tag
        public var range: Range<String.Index>
    }

    public let terms: [Term]
    public let tags: [Tag]
    /// Term indices by first folded unit, longest term first.
    private let buckets: [UInt32: [Int]]

    /// Compiles terms with their tags.
    public init(_ tagged: [(term: Term, tag: Tag)]) {
        terms = tagged.map(\.term)
        tags = tagged.map(\.tag)
        var buckets: [UInt32: [Int]] = [:]
        for (i, term) in terms.enumerated() { buckets[term.firstUnit, default: []].append(i) }
        let terms = self.terms
        for key in buckets.keys {
            buckets[key]?.sort { a, b in
                let la = terms[a].segments.reduce(0) { $0 + $1.count }
                let lb = terms[b].segments.reduce(0) { $0 + $1.count }
                return la != lb ? la > lb : a < b
            }
        }
        self.buckets = buckets
    }

    /// Non-overlapping matches in `text`, left to right; where several terms match at one
    /// place the longest match wins (the earlier term on a tie).
    ///
    /// - Complexity: O(w·k·m): words in the text, terms sharing a first letter, term length.
    public func matches(in text: FoldedText) -> [Match] {
        var out: [Match] = []
        var i = 0
        let n = text.count
        while i < n {
            guard text.wordStart[i], let candidates = buckets[text.units[i]] else {
                i += 1
                continue
            }
            var best: (term: Int, end: Int)?
            for t in candidates {
                if let end = terms[t].matchEnd(in: text, at: i), end > (best?.end ?? i) { best = (t, end) }
            }
            if let best {
                out.append(Match(term: best.term, tag: tags[best.term], range: text.originalRange(i, best.end)))
                i = best.end
            } else {
                i += 1
            }
        }
        return out
    }

    /// Non-overlapping matches in `text` (folds it first).
    public func matches(in text: String) -> [Match] { matches(in: FoldedText(text)) }
}
