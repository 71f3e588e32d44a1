import Bibliography

/// Small JSON building for `--json` output: objects with keys in a fixed order, so output is
/// stable and diffable.
enum JSONLines {
    enum Value {
        case string(String)
        case optionalString(String?)
        case int(Int)
        case bool(Bool)
        case strings([String])
        case raw(String)
    }

    static func object(_ fields: [(String, Value)]) -> String {
        var parts: [String] = []
        for (key, value) in fields {
            let rendered: String
            switch value {
            case .string(let s): rendered = JSONText.quote(s)
            case .optionalString(let s): rendered = s.map(JSONText.quote) ?? "null"
            case .int(let i): rendered = String(i)
            case .bool(let b): rendered = b ? "true" : "false"
            case .strings(let list): rendered = "[" + list.map(JSONText.quote).joined(separator: ",") + "]"
            case .raw(let r): rendered = r
            }
            parts.append(JSONText.quote(key) + ":" + rendered)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// A JSON array with one element per line.
    static func array(_ elements: [String]) -> String {
        elements.isEmpty ? "[]" : "[\n" + elements.joined(separator: ",\n") + "\n]"
    }
}
