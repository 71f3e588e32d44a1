/// Unicode superscript and subscript characters: to write `x²`, `CO₂`, `ηₚ²` in plain text, and
/// to fold them back to their base characters for matching (`CO₂` matches `CO2`).
extension Text {
    /// The base characters that have a Unicode superscript form, and that form.
    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
        "8": "⁸", "9": "⁹", "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
        "a": "ᵃ", "b": "ᵇ", "c": "ᶜ", "d": "ᵈ", "e": "ᵉ", "f": "ᶠ", "g": "ᵍ", "h": "ʰ",
        "i": "ⁱ", "j": "ʲ", "k": "ᵏ", "l": "ˡ", "m": "ᵐ", "n": "ⁿ", "o": "ᵒ", "p": "ᵖ",
        "r": "ʳ", "s": "ˢ", "t": "ᵗ", "u": "ᵘ", "v": "ᵛ", "w": "ʷ", "x": "ˣ", "y": "ʸ",
        "z": "ᶻ", "A": "ᴬ", "B": "ᴮ", "D": "ᴰ", "E": "ᴱ", "G": "ᴳ", "H": "ᴴ", "I": "ᴵ",
        "J": "ᴶ", "K": "ᴷ", "L": "ᴸ", "M": "ᴹ", "N": "ᴺ", "O": "ᴼ", "P": "ᴾ", "R": "ᴿ",
        "T": "ᵀ", "U": "ᵁ", "V": "ⱽ", "W": "ᵂ", "α": "ᵅ", "β": "ᵝ", "γ": "ᵞ", "δ": "ᵟ",
        "θ": "ᶿ", "φ": "ᵠ", "χ": "ᵡ",
    ]

    /// The base characters that have a Unicode subscript form, and that form.
    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇",
        "8": "₈", "9": "₉", "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ",
        "n": "ₙ", "o": "ₒ", "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ",
        "x": "ₓ", "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ", "φ": "ᵩ", "χ": "ᵪ",
    ]

    /// Script characters back to their base characters (for ``foldForMatching(_:)``).
    static let scriptBases: [Unicode.Scalar: Unicode.Scalar] = {
        var out: [Unicode.Scalar: Unicode.Scalar] = [:]
        for table in [superscripts, subscripts] {
            for (base, script) in table where base != "−" {
                if let s = script.unicodeScalars.first, let b = base.unicodeScalars.first { out[s] = b }
            }
        }
        return out
    }()

    /// `text` in Unicode superscript characters (`-1` → `⁻¹`), or nil when one of its
    /// characters has no superscript form.
    public static func superscript(_ text: String) -> String? {
        script(text, superscripts)
    }

    /// `text` in Unicode subscript characters (`2` → `₂`, `max` → `ₘₐₓ`), or nil when one of
    /// its characters has no subscript form.
    public static func `subscript`(_ text: String) -> String? {
        script(text, subscripts)
    }

    private static func script(_ text: String, _ table: [Character: Character]) -> String? {
        guard !text.isEmpty else { return nil }
        var out = ""
        for c in text {
            guard let s = table[c] else { return nil }
            out.append(s)
        }
        return out
    }
}
