public import Bibliography
public import Protocol

/// How highlighted terms are shown.
public enum HighlightStyle: String, Hashable, Sendable {
    /// `[+term+]` for include-leaning terms, `[-term-]` for exclude-leaning ones (no colour,
    /// `NO_COLOR`, screen readers, tests).
    case markers
    /// ANSI: bold green for include, bold red underlined for exclude.
    case ansi
}

/// Renders a record as text for a reviewer, with the protocol's terms marked.
public struct RecordText: Sendable {
    public var highlighter: Highlighter
    public var style: HighlightStyle
    /// Lines are wrapped to this width (visible characters); 0 for no wrapping.
    public var width: Int
    /// Authors and journal left out (the protocol's `hide_authors`), the year kept.
    public var hideAuthors: Bool

    public init(
        highlighter: Highlighter, style: HighlightStyle = .markers, width: Int = 80, hideAuthors: Bool = false
    ) {
        self.highlighter = highlighter
        self.style = style
        self.width = width
        self.hideAuthors = hideAuthors
    }

    /// The line shown in place of authors and journal when they are hidden.
    public static let hiddenAuthorsNote = "authors and journal hidden (protocol: hide_authors)"

    /// `text` with every highlight marked.
    public func mark(_ text: String) -> String {
        var out = ""
        var cursor = text.startIndex
        for h in highlighter.highlights(in: text) {
            guard h.range.lowerBound >= cursor else { continue }
            out += text[cursor..<h.range.lowerBound]
            let term = text[h.range]
            switch (style, h.lean) {
            case (.markers, .include): out += "[+\(term)+]"
            case (.markers, .exclude): out += "[-\(term)-]"
            case (.ansi, .include): out += "\u{1B}[1;32m\(term)\u{1B}[0m"
            case (.ansi, .exclude): out += "\u{1B}[1;4;31m\(term)\u{1B}[0m"
            }
            cursor = h.range.upperBound
        }
        out += text[cursor...]
        return out
    }

    /// `Jane Doe, John Roe, et al. (2021)`: the first six authors and the year; only the year
    /// when authors are hidden; empty when there is neither. The terminal and the page show this.
    public static func byline(_ record: Record, hideAuthors: Bool) -> String {
        var byline =
            hideAuthors
            ? ""
            : record.authors.prefix(6).map { a in
                [a.given, a.family].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            }.joined(separator: ", ")
        if record.authors.count > 6, !hideAuthors { byline += ", et al." }
        if let year = record.year { byline += byline.isEmpty ? "(\(year))" : " (\(year))" }
        return byline
    }

    /// The record: key, title, authors and year, journal, sources, abstract (with its section
    /// labels), keywords, MeSH.
    public func render(_ record: Record, foundIn sources: [String] = []) -> String {
        var lines: [String] = []
        lines += wrap(mark(record.title.isEmpty ? "(no title)" : record.title), indent: "")
        let byline = Self.byline(record, hideAuthors: hideAuthors)
        if !byline.isEmpty { lines += wrap(byline, indent: "") }
        if hideAuthors {
            lines.append(Self.hiddenAuthorsNote)
        } else if let journal = record.journal, !journal.isEmpty {
            lines += wrap(journal, indent: "")
        }
        if !sources.isEmpty { lines.append("Found in: " + sources.joined(separator: ", ")) }
        lines.append("")
        if record.abstract.isEmpty {
            lines.append("(no abstract)")
        } else {
            for section in record.abstract.sections {
                let label = section.label.map { $0.uppercased() + ": " } ?? ""
                lines += wrap(label + mark(section.text), indent: "")
            }
        }
        if !record.keywords.isEmpty {
            lines.append("")
            lines += wrap("Keywords: " + mark(record.keywords.joined(separator: "; ")), indent: "  ")
        }
        if !record.mesh.isEmpty {
            lines += wrap(
                "MeSH: "
                    + mark(record.mesh.map { $0.descriptor + ($0.isMajorTopic ? "*" : "") }.joined(separator: "; ")),
                indent: "  ")
        }
        return lines.joined(separator: "\n")
    }

    /// Word-wraps `text` to ``width`` visible characters (ANSI escapes take no room).
    func wrap(_ text: String, indent: String) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        var length = 0
        var needSpace = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = Self.visibleLength(word)
            if needSpace, length + 1 + w > width {
                lines.append(line)
                line = indent
                length = indent.count
                needSpace = false
            }
            if needSpace {
                line += " "
                length += 1
            }
            line += word
            length += w
            needSpace = true
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    static func visibleLength(_ s: Substring) -> Int {
        var n = 0
        var inEscape = false
        for c in s {
            if inEscape {
                if c == "m" { inEscape = false }
            } else if c == "\u{1B}" {
                inEscape = true
            } else {
                n += 1
            }
        }
        return n
    }
}
