import Testing

@testable import Screening

/// The ranking's words are scikit-learn's (`(?u)\b\w\w+\b` after `str.lower()`), so that the
/// model compared with ASReview in docs/benchmarks.md sees the same features.
@Suite struct TokenizerTests {
    private func words(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        Tokenizer.forEachWord(in: text) { hash, _ in out.append(hash) }
        return out
    }

    @Test func asciiWordsOfTwoOrMoreCharacters() {
        #expect(
            words("A GP-led trial, n=12 (x_y); I am 5")
                == ["gp", "led", "trial", "12", "x_y", "am"].map(Tokenizer.hash))
    }

    /// The expected words are what Python 3 gives for
    /// `re.findall(r"(?u)\b\w\w+\b", text.lower())`.
    @Test func unicodeWordCharactersAsInPython() {
        let text = "fatigue–related patients’ ≥65 µg Éa ½x x² naïve"
        let expected = ["fatigue", "related", "patients", "65", "µg", "éa", "½x", "x²", "naïve"]
        #expect(words(text) == expected.map(Tokenizer.hash))
    }

    @Test func punctuationAndSpacesOutsideASCIISeparateWords() {
        // No-break space, em dash, ellipsis, left/right quotes, multiplication sign.
        #expect(
            words("ab\u{00A0}cd\u{2014}ef\u{2026}gh\u{201C}ij\u{201D}kl×mn")
                == ["ab", "cd", "ef", "gh", "ij", "kl", "mn"].map(Tokenizer.hash))
    }

    @Test func upperCaseOutsideASCIIIsLowered() {
        #expect(words("ÉVALUATION Ölçek ΣΩ") == ["évaluation", "ölçek", "σω"].map(Tokenizer.hash))
        // Four-byte scalars decode too (mathematical bold letters are letters).
        #expect(words("𝐀𝐁 x") == ["𝐀𝐁"].map(Tokenizer.hash))
    }
}
