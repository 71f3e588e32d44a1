import Bibliography

/// Renders MathML (presentation and the common content elements) as readable plain text, as
/// PubMed abstracts and titles carry it: `η` with sub `p` and sup `2` → `ηₚ²`, `17<sep/>29`
/// → `17 + 29i`, `<infinity/>` → `∞`, `mfrac` → `a/b`, `msqrt` → `√x`.
///
/// Fed the SAX events of one `<math>` element (names without prefix); ``render()`` gives
/// the text. Scripts use Unicode superscript and subscript characters where every character
/// has one (`x²`, `O₂ₘₐₓ`), otherwise `^x` / `_x` (`_(min+1mM)` when more than a word).
/// The tree is bounded: past 10 000 nodes the rest is dropped.
struct MathMLText {
    private struct Node {
        var name: String
        var text = ""
        var children: [Int] = []
        var attributes: [String: String] = [:]
    }

    private var nodes: [Node] = []
    private var open: [Int] = []
    private static let maxNodes = 10_000

    /// Attributes the rendering uses (`mfenced`'s delimiters, `cn`'s type).
    static let attributeNames: [StaticString] = ["open", "close", "separators", "type"]

    var isEmpty: Bool { nodes.isEmpty }

    mutating func start(_ name: String, attributes: [String: String] = [:]) {
        guard nodes.count < MathMLText.maxNodes else {
            open.append(-1)
            return
        }
        let index = nodes.count
        nodes.append(Node(name: name, attributes: attributes))
        if let parent = open.last, parent >= 0 { nodes[parent].children.append(index) }
        open.append(index)
    }

    mutating func end() {
        _ = open.popLast()
    }

    mutating func text(_ s: String) {
        guard let current = open.last, current >= 0 else { return }
        if nodes[current].children.isEmpty {
            nodes[current].text += s
        } else {
            // Text after a child (`<cn>17<sep/>29</cn>`): a text node of its own.
            let index = nodes.count
            guard index < MathMLText.maxNodes else { return }
            nodes.append(Node(name: "#text", text: s))
            nodes[current].children.append(index)
        }
    }

    /// The text of the whole tree, whitespace normalised.
    func render() -> String {
        guard !nodes.isEmpty else { return "" }
        return Text.normalizeWhitespace(render(0))
    }

    // MARK: Rendering

    private func children(_ i: Int) -> [Int] { nodes[i].children }

    private func joined(_ i: Int) -> String {
        let node = nodes[i]
        if node.children.isEmpty { return node.text }
        return node.children.map(render).joined()
    }

    private func render(_ i: Int) -> String {
        let node = nodes[i]
        let kids = node.children
        func child(_ k: Int) -> String { k < kids.count ? render(kids[k]) : "" }
        switch node.name {
        case "#text", "mi", "mn", "mtext", "ms", "ci":
            return Text.normalizeWhitespace(node.text)
        case "cn":
            // `<cn type="complex-cartesian">17<sep/>29</cn>`, `rational` 1<sep/>2, `e-notation`.
            let parts = kids.isEmpty ? [node.text] : [node.text] + kids.map(render)
            let values = parts.map { Text.normalizeWhitespace($0) }.filter { !$0.isEmpty }
            switch (node.attributes["type"], values.count) {
            case ("complex-cartesian", 2): return values[0] + " + " + values[1] + "i"
            case ("rational", 2): return values[0] + "/" + values[1]
            case ("e-notation", 2): return values[0] + "e" + values[1]
            default: return values.joined(separator: " ")
            }
        case "sep": return ""
        case "mo":
            return MathMLText.operatorText(Text.normalizeWhitespace(node.text))
        case "mspace": return " "
        case "none", "mprescripts", "mphantom", "annotation", "annotation-xml", "malignmark", "maligngroup":
            return ""
        case "semantics": return child(0)
        case "msub": return child(0) + MathMLText.script(child(1), superscript: false)
        case "msup": return child(0) + MathMLText.script(child(1), superscript: true)
        case "msubsup":
            return child(0) + MathMLText.script(child(1), superscript: false)
                + MathMLText.script(child(2), superscript: true)
        case "munder": return child(0) + MathMLText.script(child(1), superscript: false)
        case "mover":
            if let accent = MathMLText.accents[child(1)] { return child(0) + String(accent) }
            return child(0) + MathMLText.script(child(1), superscript: true)
        case "munderover":
            return child(0) + MathMLText.script(child(1), superscript: false)
                + MathMLText.script(child(2), superscript: true)
        case "mmultiscripts":
            // base (sub sup)* [mprescripts (sub sup)*]
            var post = ""
            var pre = ""
            var inPre = false
            var k = 1
            while k < kids.count {
                if nodes[kids[k]].name == "mprescripts" {
                    inPre = true
                    k += 1
                    continue
                }
                let scripts =
                    MathMLText.script(child(k), superscript: false) + MathMLText.script(child(k + 1), superscript: true)
                if inPre { pre += scripts } else { post += scripts }
                k += 2
            }
            return pre + child(0) + post
        case "mfrac": return MathMLText.grouped(child(0)) + "/" + MathMLText.grouped(child(1))
        case "msqrt": return "√" + MathMLText.grouped(joined(i))
        case "mroot": return MathMLText.script(child(1), superscript: true) + "√" + MathMLText.grouped(child(0))
        case "mfenced":
            let open = node.attributes["open"] ?? "("
            let close = node.attributes["close"] ?? ")"
            let separators = Array((node.attributes["separators"] ?? ",").filter { !$0.isWhitespace })
            var out = open
            for (k, c) in kids.enumerated() {
                if k > 0, !separators.isEmpty {
                    out += String(separators[min(k - 1, separators.count - 1)]) + " "
                }
                out += render(c)
            }
            return out + close
        case "mtable", "matrix":
            return "[" + kids.map(render).joined(separator: "; ") + "]"
        case "mtr", "mlabeledtr", "matrixrow":
            return kids.map(render).joined(separator: ", ")
        case "apply":
            guard let first = kids.first else { return "" }
            let op = nodes[first].name
            let args = kids.dropFirst().map(render)
            if let infix = MathMLText.contentOperators[op] { return args.joined(separator: infix) }
            switch op {
            case "divide": return args.map(MathMLText.grouped).joined(separator: "/")
            case "power":
                return (args.first.map(MathMLText.grouped) ?? "")
                    + MathMLText.script(args.dropFirst().first ?? "", superscript: true)
            case "root": return "√" + MathMLText.grouped(args.last ?? "")
            case "abs": return "|" + args.joined(separator: ", ") + "|"
            case "minus" where args.count == 1: return "−" + args[0]
            default: return render(first) + "(" + args.joined(separator: ", ") + ")"
            }
        default:
            if let symbol = MathMLText.contentSymbols[node.name] { return symbol }
            return Text.normalizeWhitespace(node.text) + kids.map(render).joined()
        }
    }

    /// An `mo`'s text, spaced: `=` → ` = `, `,` → `, `; brackets and dots as they are.
    static func operatorText(_ op: String) -> String {
        switch op {
        case "=", "+", "−", "-", "±", "∓", "×", "÷", "<", ">", "≤", "≥", "≠", "≈", "∈", "∉", "→", "←", "↔",
            "⇒", "⇔", "≡", "∼", "~", "⊂", "⊆", "∪", "∩", "∝", "&lt;", "&gt;":
            return " " + op + " "
        case ",", ";": return op + " "
        case "\u{2062}", "\u{2061}", "\u{2063}": return ""  // invisible times, function application, separator
        default: return op
        }
    }

    /// Content MathML operators written between their arguments.
    static let contentOperators: [String: String] = [
        "plus": " + ", "minus": " − ", "times": " × ", "eq": " = ", "neq": " ≠ ", "lt": " < ", "gt": " > ",
        "leq": " ≤ ", "geq": " ≥ ", "in": " ∈ ", "notin": " ∉ ", "approx": " ≈ ", "and": " ∧ ",
        "or": " ∨ ",
    ]

    /// Content MathML constants and sets.
    static let contentSymbols: [String: String] = [
        "infinity": "∞", "pi": "π", "exponentiale": "e", "imaginaryi": "i", "complexes": "ℂ", "reals": "ℝ",
        "integers": "ℤ", "naturalnumbers": "ℕ", "rationals": "ℚ", "emptyset": "∅", "true": "true",
        "false": "false",
    ]

    /// `mover` accents as combining characters: `V̇` for V with a dot over it.
    static let accents: [String: Character] = [
        ".": "\u{0307}", "˙": "\u{0307}", "·": "\u{0307}", "¨": "\u{0308}", "..": "\u{0308}", "¯": "\u{0304}",
        "‾": "\u{0305}", "―": "\u{0304}", "-": "\u{0304}", "^": "\u{0302}", "ˆ": "\u{0302}", "~": "\u{0303}",
        "˜": "\u{0303}", "→": "\u{20D7}", "⃗": "\u{20D7}",
    ]

    /// A script in Unicode characters where every character has one, else `^x`, `_x`, or
    /// `^(x y)` when it is more than one word.
    static func script(_ raw: String, superscript: Bool) -> String {
        let text = Text.normalizeWhitespace(raw)
        guard !text.isEmpty else { return "" }
        let compact = text.filter { $0 != " " }
        if let s = superscript ? Text.superscript(compact) : Text.subscript(compact) { return s }
        // A mark with no script form (`®`, `*`, `†`) stays as it is.
        if !text.contains(where: { $0.isLetter || $0.isNumber }) { return text }
        let mark = superscript ? "^" : "_"
        return text.allSatisfy({ $0.isLetter || $0.isNumber }) ? mark + text : mark + "(" + text + ")"
    }

    /// `a+1` → `(a + 1)` for a fraction's part; a single term stays as it is.
    static func grouped(_ text: String) -> String {
        let t = Text.normalizeWhitespace(text)
        if t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." }) { return t }
        if t.hasPrefix("("), t.hasSuffix(")") { return t }
        return "(" + t + ")"
    }
}
