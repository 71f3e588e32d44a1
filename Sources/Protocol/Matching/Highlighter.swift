/// Finds the protocol's highlight terms in a text shown to a reviewer.
///
/// Built once per protocol (and stage), then used on every record shown: see
/// ``ReviewProtocol/highlighter(for:)``.
public struct Highlighter: Sendable {
    /// Whether a term leans towards including or excluding a record.
    public enum Lean: String, Hashable, Sendable {
        case include
        case exclude
    }

    /// Where a term came from.
    public struct Source: Hashable, Sendable {
        public var criterion: String
        public var lean: Lean
    }

    /// One highlighted stretch of text.
    public struct Highlight: Hashable, Sendable {
        /// The range in the text passed to ``Highlighter/highlights(in:)``.
        public var range: Range<String.Index>
        public var lean: Lean
        /// The criterion whose term matched.
        public var criterion: String
        /// The term as written in the protocol.
        public var term: String
    }

    private let termSet: TermSet<Source>

    /// A highlighter for the terms of `criteria` (terms that do not compile are skipped;
    /// validation reports them).
    public init(criteria: [EligibilityCriterion]) {
        var tagged: [(term: Term, tag: Source)] = []
        for criterion in criteria {
            for (terms, lean) in [
                (criterion.highlight.include, Lean.include), (criterion.highlight.exclude, Lean.exclude),
            ] {
                for raw in terms {
                    if let term = try? Term(raw) { tagged.append((term, Source(criterion: criterion.id, lean: lean))) }
                }
            }
        }
        termSet = TermSet(tagged)
    }

    /// The number of compiled terms.
    public var termCount: Int { termSet.terms.count }

    /// Highlights in `text`, left to right, never overlapping (the longest term wins).
    ///
    /// - Complexity: O(n) in the text for a fixed protocol; a few microseconds per abstract.
    public func highlights(in text: String) -> [Highlight] {
        termSet.matches(in: FoldedText(text)).map { match in
            Highlight(
                range: match.range, lean: match.tag.lean, criterion: match.tag.criterion,
                term: termSet.terms[match.term].source)
        }
    }
}

extension ReviewProtocol {
    /// A highlighter for the criteria of one human stage, or of every human stage when nil.
    public func highlighter(for stage: ScreeningStage? = nil) -> Highlighter {
        let chosen = stage.map { criteria(for: $0) } ?? criteria.filter { $0.stage != .auto }
        return Highlighter(criteria: chosen)
    }
}
