/// Markdown building blocks: escaped text and pipe tables.
enum Markdown {
    /// Text with the characters that markdown would read as markup escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "*", "_", "`", "[", "]", "<", ">": out += "\\" + String(c)
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// A table cell: pipes escaped, line breaks as spaces (markup inside is kept).
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A pipe table; cells are used as given (escape them first).
    static func table(header: [String], rows: [[String]]) -> String {
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows {
            out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
