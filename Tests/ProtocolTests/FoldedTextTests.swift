import Bibliography
@testable import Protocol
import Testing

/// ``FoldedText`` folds ASCII byte by byte and everything else one character at a time: the
/// result must be what folding every character (the reference below) gives, ranges included.
@Suite struct FoldedTextTests {
    /// Folds `text` one `Character` at a time, as ``FoldedText`` did before its ASCII path.
    static func reference(_ text: String) -> (units: [UInt32], ranges: [Range<Int>], wordStart: [Bool]) {
        var units: [UInt32] = []
        var ranges: [Range<Int>] = []
        var wordStart: [Bool] = []
        var atBoundary = true
        var scratch: [UInt32] = []
        var i = text.startIndex
        while i < text.endIndex {
            let next = text.index(after: i)
            scratch.removeAll()
            FoldedText.fold(text[i], into: &scratch)
            if scratch.isEmpty {
                atBoundary = true
            } else {
                for (k, unit) in scratch.enumerated() {
                    units.append(unit)
                    ranges.append(i.utf16Offset(in: text)..<next.utf16Offset(in: text))
                    wordStart.append(k == 0 && atBoundary)
                }
                atBoundary = false
            }
            i = next
        }
        return (units, ranges, wordStart)
    }

    static func check(_ text: String) {
        let expected = reference(text)
        let folded = FoldedText(text)
        #expect(folded.units == expected.units, "\(text.debugDescription)")
        #expect(folded.wordStart == expected.wordStart, "\(text.debugDescription)")
        #expect(
            folded.ranges.map { $0.lowerBound.utf16Offset(in: text)..<$0.upperBound.utf16Offset(in: text) }
                == expected.ranges, "\(text.debugDescription)")
        let unranged = FoldedText(text, keepsRanges: false)
        #expect(unranged.units == expected.units && unranged.wordStart == expected.wordStart)
        #expect(unranged.ranges.isEmpty)
    }

    @Test func asciiAndTheCharactersAroundIt() {
        for text in [
            "", "a", "A", "Zelf-management in de HUISARTSENPRAKTIJK, 2024.", "e\u{301}cole", "cafe\u{301}",
            "a\u{301}\u{302}b", "x\r\ny", "x\r\n\u{301}y", "\r\n", "\n\u{301}", " \u{301}a", "straße Ærø İstanbul",
            "🇳🇱 NL", "👩🏽‍⚕️nurse", "ﬁnal", "½ µg", "東京 2", "fatigue–related", "a\u{200D}b", "\u{301}",
            "tab\there", "A\u{308}rzte",
        ] {
            Self.check(text)
        }
    }

    @Test func randomMixedText() {
        let pieces = [
            "a", "Z", "0", " ", "-", "\r", "\n", "\r\n", ".", "é", "e\u{301}", "\u{301}", "\u{308}", "ß", "Æ",
            "ø", "İ", "ı", "Σ", "東", "½", "🇳", "🇱", "👍🏽", "\u{200D}", "\u{FE0F}", "_", "ǅ", "ﬁ",
        ]
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let length = Int(rng.next() % 24)
            let text = (0..<length).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            Self.check(text)
        }
    }

    @Test func tagsAreTheMatchesWithoutRanges() throws {
        let set = TermSet(
            try ["general practi*", "chronic care", "zelf management", "é"].enumerated().map {
                (term: try Term($1), tag: $0)
            })
        let text = "General practitioners, chronic-care and Zelfmanagement; café é e\u{301} generalpractice"
        #expect(set.tags(in: text) == set.matches(in: text).map(\.tag))
        #expect(set.tags(in: text) == [0, 1, 2, 3, 3, 0])
    }
}
