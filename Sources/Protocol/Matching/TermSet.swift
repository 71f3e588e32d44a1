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
        forEachMatch(in: text) { term, start, end in
            out.append(Match(term: term, tag: tags[term], range: text.originalRange(start, end)))
        }
        return out
    }

    /// The tag of each match that ``matches(in:)-(String)`` finds, in order, without the ranges:
    /// cheaper when only the counts matter (ranking's BM25).
    ///
    /// - Complexity: as ``matches(in:)-(FoldedText)``, plus folding the text.
    public func tags(in text: String) -> [Tag] {
        var out: [Tag] = []
        forEachMatch(in: FoldedText(text, keepsRanges: false)) { term, _, _ in out.append(tags[term]) }
        return out
    }

    /// Calls `body(term, start, end)` for each match (folded units `start..<end`), left to right.
    private func forEachMatch(in text: FoldedText, _ body: (Int, Int, Int) -> Void) {
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
                body(best.term, i, best.end)
                i = best.end
            } else {
                i += 1
            }
        }
    }

    /// Non-overlapping matches in `text` (folds it first).
    public func matches(in text: String) -> [Match] { matches(in: FoldedText(text)) }
}
