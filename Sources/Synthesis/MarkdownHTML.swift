import Foundation

/// HTML from the markdown the report writes: headings, paragraphs, bullet and numbered lists,
/// pipe tables, fenced code, block quotes, `**strong**`, `_emphasis_`, `` `code` ``, links,
/// images and backslash escapes. That subset is all ``Report`` produces (record text reaches
/// it escaped by ``Markdown/escape(_:)``), so the page renders the same values as `report.md`
/// without a dependency; every text comes out HTML-escaped.
struct MarkdownHTML {
    struct Heading: Hashable {
        var level: Int
        var id: String
        /// The heading as plain text.
        var text: String
    }

    /// Replaces a fenced code block (by its language) with HTML, or nil to render it as code.
    var codeBlock: (_ language: String, _ code: String) -> String? = { _, _ in nil }
    /// Replaces a paragraph that is only an image with HTML, or nil to render an `<img>`.
    var imageBlock: (_ alt: String, _ source: String) -> String? = { _, _ in nil }

    private(set) var headings: [Heading] = []
    private var usedIDs: Set<String> = []

    /// Renders `markdown`; the headings met are in ``headings`` afterwards.
    ///
    /// - Complexity: O(length of the text).
    mutating func render(_ markdown: String) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return renderBlocks(lines[...])
    }

    private mutating func renderBlocks(_ lines: ArraySlice<String>) -> String {
        var out = ""
        var i = lines.startIndex
        var paragraph: [String] = []
        func flush(_ out: inout String, _ me: inout MarkdownHTML) {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: "\n")
            paragraph = []
            if let (alt, source) = MarkdownHTML.onlyImage(text), let html = me.imageBlock(alt, source) {
                out += html
            } else {
                out += "<p>" + MarkdownHTML.inline(text) + "</p>\n"
            }
        }
        while i < lines.endIndex {
            let line = lines[i]
            if line.hasPrefix("```") {
                flush(&out, &self)
                let language = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                var code: [String] = []
                i += 1
                while i < lines.endIndex, !lines[i].hasPrefix("```") {
                    code.append(lines[i])
                    i += 1
                }
                i += 1
                let text = code.joined(separator: "\n")
                if let html = codeBlock(language, text) {
                    out += html
                } else {
                    let cls = language.isEmpty ? "" : " class=\"language-" + HTMLText.escape(language) + "\""
                    out += "<pre><code" + cls + ">" + HTMLText.escape(text) + "</code></pre>\n"
                }
                continue
            }
            if let level = MarkdownHTML.headingLevel(line) {
                flush(&out, &self)
                let source = String(line.dropFirst(level + 1))
                let text = MarkdownHTML.plain(source)
                var id = HTMLText.slug(text)
                if usedIDs.contains(id) {
                    var k = 2
                    while usedIDs.contains(id + "-\(k)") { k += 1 }
                    id += "-\(k)"
                }
                usedIDs.insert(id)
                headings.append(Heading(level: level, id: id, text: text))
                out += "<h\(level) id=\"\(id)\">" + MarkdownHTML.inline(source) + "</h\(level)>\n"
                i += 1
                continue
            }
            if line.hasPrefix("|") {
                flush(&out, &self)
                var rows: [String] = []
                while i < lines.endIndex, lines[i].hasPrefix("|") {
                    rows.append(lines[i])
                    i += 1
                }
                out += MarkdownHTML.table(rows)
                continue
            }
            if line.hasPrefix(">") {
                flush(&out, &self)
                var inner: [String] = []
                while i < lines.endIndex, lines[i].hasPrefix(">") {
                    inner.append(String(lines[i].dropFirst(lines[i].hasPrefix("> ") ? 2 : 1)))
                    i += 1
                }
                out += "<blockquote>\n" + renderBlocks(inner[...]) + "</blockquote>\n"
                continue
            }
            if MarkdownHTML.bullet(line) != nil || MarkdownHTML.numbered(line) != nil {
                flush(&out, &self)
                let ordered = MarkdownHTML.numbered(line) != nil
                var items: [String] = []
                while i < lines.endIndex,
                    let item = ordered ? MarkdownHTML.numbered(lines[i]) : MarkdownHTML.bullet(lines[i])
                {
                    items.append(item)
                    i += 1
                }
                let tag = ordered ? "ol" : "ul"
                out +=
                    "<\(tag)>\n" + items.map { "<li>" + MarkdownHTML.inline($0) + "</li>\n" }.joined() + "</\(tag)>\n"
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush(&out, &self)
            } else {
                paragraph.append(line)
            }
            i += 1
        }
        flush(&out, &self)
        return out
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).hasPrefix(" ") else { return nil }
        return hashes
    }

    static func bullet(_ line: String) -> String? {
        line.hasPrefix("- ") ? String(line.dropFirst(2)) : nil
    }

    static func numbered(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(line.dropFirst(digits.count + 2))
    }

    /// `(alt, source)` when the paragraph is one image and nothing else.
    static func onlyImage(_ text: String) -> (String, String)? {
        guard text.hasPrefix("!["), text.hasSuffix(")"), !text.contains("\n"), let close = text.range(of: "](") else {
            return nil
        }
        let alt = String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound])
        let source = String(text[close.upperBound..<text.index(before: text.endIndex)])
        guard !source.contains(")"), !source.contains(" ") else { return nil }
        return (unescape(alt), source)
    }

    /// A pipe table: the first row is the header, the second the separator.
    static func table(_ rows: [String]) -> String {
        let cells = rows.map(splitRow)
        guard let header = cells.first else { return "" }
        var out = "<div class=\"table-wrap\"><table>\n<thead><tr>"
        out += header.map { "<th scope=\"col\">" + inline($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in cells.dropFirst(2) {
            out += "<tr>" + row.map { "<td>" + inline($0) + "</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    /// The cells of `| a | b |`, split at pipes that are not escaped, trimmed.
    static func splitRow(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for c in body {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                current.append(c)
                escaped = true
            } else if c == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { cells.append(rest) }
        return cells
    }

    /// Backslash escapes removed, markup characters kept as text.
    static func unescape(_ s: String) -> String { unescaped(s, dropping: []) }

    /// The text of inline markdown without markup (for headings' ids and the contents).
    static func plain(_ s: String) -> String { unescaped(s, dropping: ["*", "_", "`"]) }

    /// `s` with backslash escapes removed and the unescaped characters in `markup` left out.
    private static func unescaped(_ s: String, dropping markup: Set<Character>) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if !markup.contains(c) {
                out.append(c)
            }
        }
        return out
    }

    /// Inline markdown as HTML: escapes, code spans, strong, emphasis, links and images.
    static func inline(_ s: String) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        var strong = false
        var emphasis = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out += HTMLText.escape(String(chars[i + 1]))
                i += 2
            } else if c == "`", let end = chars[(i + 1)...].firstIndex(of: "`") {
                out += "<code>" + HTMLText.escape(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
                out += strong ? "</strong>" : "<strong>"
                strong.toggle()
                i += 2
            } else if c == "_", emphasis || chars[(i + 1)...].contains("_") {
                out += emphasis ? "</em>" : "<em>"
                emphasis.toggle()
                i += 1
            } else if c == "[" || (c == "!" && i + 1 < chars.count && chars[i + 1] == "["),
                let link = link(chars, at: c == "!" ? i + 1 : i)
            {
                if c == "!" {
                    out +=
                        "<img src=\"" + HTMLText.escape(link.target) + "\" alt=\""
                        + HTMLText.escape(unescape(link.text)) + "\">"
                } else {
                    out += "<a href=\"" + HTMLText.escape(link.target) + "\">" + inline(link.text) + "</a>"
                }
                i = link.end
            } else {
                out += HTMLText.escape(String(c))
                i += 1
            }
        }
        if emphasis { out += "</em>" }
        if strong { out += "</strong>" }
        return out
    }

    /// `[text](target)` starting at `start` (the `[`): the text, the target and the index after.
    static func link(_ chars: [Character], at start: Int) -> (text: String, target: String, end: Int)? {
        var i = start + 1
        var depth = 0
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "[" { depth += 1 }
            if chars[i] == "]" {
                if depth == 0 { break }
                depth -= 1
            }
            i += 1
        }
        guard i + 1 < chars.count, chars[i] == "]", chars[i + 1] == "(",
            let close = chars[(i + 2)...].firstIndex(of: ")")
        else { return nil }
        let target = String(chars[(i + 2)..<close])
        guard !target.contains(" ") else { return nil }
        return (String(chars[(start + 1)..<i]), target, close + 1)
    }
}
