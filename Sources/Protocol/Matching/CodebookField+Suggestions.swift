/// A choice suggested for a codebook field because one of its terms occurs in a text.
public struct ChoiceSuggestion: Hashable, Sendable {
    /// The choice id.
    public var choice: String
    /// The term that matched, as written in the protocol.
    public var term: String
    /// How many times the choice's terms occur.
    public var occurrences: Int
}

extension CodebookField {
    /// Choices whose terms occur in `text` (title, abstract, keywords or full text), most
    /// occurrences first, then in codebook order. Used to prefill the charting form.
    ///
    /// - Complexity: O(n) in the text for a fixed codebook.
    public func suggestions(in text: String) -> [ChoiceSuggestion] {
        var tagged: [(term: Term, tag: Int)] = []
        for (index, choice) in choices.enumerated() {
            for raw in choice.terms {
                if let term = try? Term(raw) { tagged.append((term, index)) }
            }
        }
        guard !tagged.isEmpty else { return [] }
        let set = TermSet(tagged)
        var counts: [Int: (term: String, count: Int)] = [:]
        for match in set.matches(in: text) {
            let previous = counts[match.tag]
            counts[match.tag] = (previous?.term ?? set.terms[match.term].source, (previous?.count ?? 0) + 1)
        }
        return counts.sorted { a, b in a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key }
            .map { ChoiceSuggestion(choice: choices[$0.key].id, term: $0.value.term, occurrences: $0.value.count) }
    }
}
