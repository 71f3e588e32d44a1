/// Text measuring and styling for the full-screen UI: lines may hold ANSI SGR sequences
/// (`ESC [ … m`), which take no room on screen.
enum Layout {
    static let reset = "\u{1B}[0m"
    static let reverse = "\u{1B}[7m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"

    /// How a highlighted term looks on screen. With colour: include-leaning terms bold and
    /// underlined (green), exclude-leaning ones in reverse video (red); both stay distinct on a
    /// monochrome terminal. Without colour (`NO_COLOR`): `[+term+]` and `[-term-]`.
    struct TermStyle {
        var includeOn: String
        var excludeOn: String
        static let colour = TermStyle(includeOn: "\u{1B}[1;4;32m", excludeOn: "\u{1B}[1;7;31m")
    }

    /// The number of columns `s` takes (SGR sequences take none; every character one column).
    static func visibleWidth<S: StringProtocol>(_ s: S) -> Int {
        var n = 0
        var inEscape = false
        for c in s {
            if inEscape {
                if c.isLetter { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                n += 1
            }
        }
        return n
    }

    /// `s` cut to `width` columns, escape sequences kept, attributes reset at the end if any were used.
    static func clip(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        var out = ""
        var n = 0
        var inEscape = false
        var styled = false
        for c in s {
            if inEscape {
                out.append(c)
                if c.isLetter { inEscape = false }
                continue
            }
            if c == "\u{1B}" {
                inEscape = true
                styled = true
                out.append(c)
                continue
            }
            if n == width { break }
            out.append(c)
            n += 1
        }
        return styled ? out + reset : out
    }

    /// `s` padded with spaces to exactly `width` columns (clipped when longer).
    static func pad(_ s: String, to width: Int) -> String {
        let clipped = clip(s, to: width)
        let w = visibleWidth(clipped)
        return w < width ? clipped + String(repeating: " ", count: width - w) : clipped
    }

    /// `prefix` then `text` word-wrapped to `width` columns, later lines indented as far as the prefix.
    static func hanging(_ prefix: String, _ text: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: visibleWidth(prefix))
        let lines = wrap(text, width: max(10, width - indent.count))
        return lines.enumerated().map { ($0.offset == 0 ? prefix : indent) + $0.element }
    }

    /// Word-wraps plain text (no escapes) to `width` columns, keeping its line breaks.
    static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        guard width > indent.count + 1 else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = String(word)
                } else if visibleWidth(line) + 1 + visibleWidth(word) <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = indent + word
                }
            }
            lines.append(line)
        }
        return lines
    }
}
