/// Text for XML documents the tool writes (SVG figures, spreadsheet parts).
public enum XMLText {
    /// `text` for XML character data or an attribute: `&`, `<`, `>`, `"` escaped, a carriage
    /// return as `&#13;` (so it survives line-end normalisation), characters XML 1.0 forbids
    /// dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// True for characters XML 1.0 allows: tab, line feed, carriage return, U+0020–U+D7FF,
    /// U+E000–U+FFFD, U+10000 and up (Swift strings hold no lone surrogates).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
