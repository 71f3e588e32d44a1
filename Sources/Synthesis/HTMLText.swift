import Bibliography

/// Text for the self-contained HTML pages: escaped element text and attributes, and JSON that
/// is safe inside a `<script>` element.
public enum HTMLText {
    /// `text` for element content or a double-quoted attribute (`&`, `<`, `>`, `"` escaped;
    /// characters XML forbids dropped, so the page is also well-formed XHTML where it matters).
    public static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// An element id from any text: lower-case ASCII letters, digits and `-`, never empty.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for c in Text.foldForMatching(text).lowercased() {
            if c.isASCII, c.isLetter || c.isNumber {
                if dash, !out.isEmpty { out += "-" }
                out.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}

/// A JSON value written with a fixed key order and escapes that keep it inert inside an HTML
/// `<script>` element: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (so a title holding
/// `</script>` cannot close the element), U+2028 and U+2029 escaped too.
enum JSONValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Keys in the order given (not sorted): the writer keeps it, so output is stable.
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// The compact JSON text.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .string(let s): JSONValue.quote(s, to: &out)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSONValue.quote(pair.0, to: &out)
                out += ":"
                pair.1.write(to: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, to out: inout String) {
        out += JSONText.quote(s, forHTMLScript: true)
    }
}
