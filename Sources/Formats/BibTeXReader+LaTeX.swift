import Foundation

/// LaTeX in BibTeX values to plain Unicode text.
enum LaTeX {
    /// Combining marks for the accent commands: `\'e` → é, `\"o` → ö, `\c{c}` → ç, `\v{s}` → š.
    static let accents: [Character: Unicode.Scalar] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}", ".": "\u{307}",
        "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}", "r": "\u{30A}", "d": "\u{323}",
        "b": "\u{331}",
    ]

    /// Commands that stand for a character.
    static let symbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł",
        "L": "Ł",
        "i": "ı", "j": "ȷ", "&": "&", "%": "%", "_": "_", "$": "$", "#": "#", "{": "{", "}": "}", "textendash": "–",
        "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“",
        "textquotedblright": "”",
        "S": "§", "P": "¶", "dots": "…", "ldots": "…", "textregistered": "®", "texttrademark": "™", "copyright": "©",
        "textdegree": "°", "pounds": "£", "euro": "€", "texteuro": "€", "alpha": "α", "beta": "β", "gamma": "γ",
        "delta": "δ", "epsilon": "ε", "kappa": "κ", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ",
        "chi": "χ", "omega": "ω", "Delta": "Δ", "Omega": "Ω", "pm": "±", "times": "×", "le": "≤", "ge": "≥", "leq": "≤",
        "geq": "≥", "infty": "∞", "circ": "°", ",": " ", ";": " ", " ": " ", "textbackslash": "\\",
        "textasciitilde": "~",
        "textless": "<", "textgreater": ">", "textbar": "|", "textunderscore": "_", "slash": "/", "-": "",
    ]

    /// `{\"U}ber die {DNA} -- \textit{in vivo}` → `Über die DNA – in vivo`.
    static func toUnicode(_ s: String) -> String {
        guard
            s.contains(where: {
                $0 == "\\" || $0 == "{" || $0 == "}" || $0 == "-" || $0 == "~" || $0 == "$" || $0 == "`" || $0 == "'"
            })
        else {
            return s
        }
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                i += 1
                guard i < chars.count else { break }
                let n = chars[i]
                if let mark = accents[n], !(n.isLetter && i + 1 < chars.count && chars[i + 1].isLetter) {
                    // An accent: the next letter, maybe braced, maybe `\i`.
                    i += 1
                    while i < chars.count, chars[i] == " " || chars[i] == "{" { i += 1 }
                    var base: Character = " "
                    if i < chars.count, chars[i] == "\\", i + 1 < chars.count,
                        chars[i + 1] == "i" || chars[i + 1] == "j"
                    {
                        base = chars[i + 1]
                        i += 2
                    } else if i < chars.count {
                        base = chars[i]
                        i += 1
                    }
                    while i < chars.count, chars[i] == "}" {
                        i += 1
                        break
                    }
                    var scalars = String.UnicodeScalarView()
                    scalars.append(contentsOf: String(base).unicodeScalars)
                    scalars.append(mark)
                    out += String(scalars).precomposedStringWithCanonicalMapping
                    continue
                }
                if n.isLetter {
                    var name = ""
                    while i < chars.count, chars[i].isLetter {
                        name.append(chars[i])
                        i += 1
                    }
                    if let symbol = symbols[name] {
                        out += symbol
                        if i < chars.count, chars[i] == " " { i += 1 }  // the space ending a command name
                        if i + 1 < chars.count, chars[i] == "{", chars[i + 1] == "}" { i += 2 }
                    }
                    // Other commands (\textit, \emph, \mathrm …): dropped, their argument kept.
                    continue
                }
                out += symbols[String(n)] ?? String(n)
                i += 1
                continue
            case "{", "}", "$":
                i += 1
                continue
            case "~":
                out += " "
            case "-":
                if i + 2 < chars.count, chars[i + 1] == "-", chars[i + 2] == "-" {
                    out += "—"
                    i += 3
                    continue
                } else if i + 1 < chars.count, chars[i + 1] == "-" {
                    out += "–"
                    i += 2
                    continue
                }
                out += "-"
            case "`" where i + 1 < chars.count && chars[i + 1] == "`":
                out += "“"
                i += 2
                continue
            case "'" where i + 1 < chars.count && chars[i + 1] == "'":
                out += "”"
                i += 2
                continue
            default:
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
