import Bibliography

/// Reads BibTeX and BibLaTeX files (Scopus, Google Scholar, Zotero, JabRef, Mendeley).
///
/// Entries are collected byte by byte up to their matching closing brace (or parenthesis), so
/// memory is bounded by the largest entry; text between entries is ignored, as BibTeX does.
/// `@string` macros are expanded (and the month names predefined), `#` concatenates, values in
/// braces or quotes keep nested braces; `@comment` and `@preamble` are skipped. LaTeX accents
/// and commands become Unicode (see `BibTeXReader+LaTeX.swift`); `and`-separated names become
/// authors; `doi`, `pmid`, `pmcid` and `eprint` (arXiv) become identifiers.
///
/// An entry still open at the end of the file is a cut file.
public final class BibTeXReader: ExportReader, TruncationAware {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// Drop a cut-off last entry with a warning instead of refusing the file.
    public var acceptTruncated = false

    private enum State {
        case outside
        /// After `@`: the entry type's letters.
        case header
        /// Inside the entry's delimiters.
        case body
    }

    private var state = State.outside
    private var entry: [UInt8] = []
    private var entryLine = 1
    private var line = 1
    private var closer: UInt8 = 0x7D
    private var depth = 0
    private var inQuotes = false
    private var macros = BibTeXMapping.months
    private var entries = 0
    private var encoding = TextEncoding.utf8
    private var lastByte: UInt8 = 0

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        for b in bytes {
            if b == 0x0D || (b == 0x0A && lastByte != 0x0D) { line += 1 }
            lastByte = b
            switch state {
            case .outside:
                if b == 0x40 {
                    state = .header
                    entry = [b]
                    entryLine = line
                }
            case .header:
                entry.append(b)
                if b == 0x7B || b == 0x28 {
                    state = .body
                    closer = b == 0x7B ? 0x7D : 0x29
                    depth = 1
                    inQuotes = false
                } else if !(BibTeXReader.isLetter(b) || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D)
                    || entry.count > 64
                {
                    state = .outside  // an `@` in free text (an e-mail address), not an entry
                }
            case .body:
                entry.append(b)
                if closer == 0x7D {
                    if b == 0x7B { depth += 1 } else if b == 0x7D { depth -= 1 }
                } else if b == 0x22 {
                    inQuotes.toggle()
                } else if !inQuotes, b == 0x28 {
                    depth += 1
                } else if !inQuotes, b == 0x29 {
                    depth -= 1
                }
                if depth == 0 {
                    state = .outside
                    try complete()
                }
            }
        }
    }

    public func finish() throws {
        guard state != .outside else { return }
        let name = String(decoding: entry.prefix(40).prefix { $0 != 0x2C && $0 != 0x0A }, as: UTF8.self)
        var reason = "the entry \(name)… that starts at line \(entryLine) is never closed"
        if TextEncoding.endsWithIncompleteUTF8(entry) {
            reason = "the file ends inside a character, in an entry never closed"
        }
        state = .outside
        try cutOff(file: file, line: line, record: entries + 1, reason: reason, handler: handler)
    }

    private func complete() throws {
        let bytes = entry
        entry = []
        if encoding == .utf8, !bytes.withUnsafeBufferPointer({ TextEncoding.isValidUTF8($0) }) {
            encoding = .windows1252
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: entryLine,
                        message: "not valid UTF-8 from this entry on: read as Windows-1252; check accented characters"))
            )
        }
        let text = encoding.decode(bytes)
        guard let parsed = BibTeXEntry(parsing: text, macros: macros) else {
            try handler(
                .warning(
                    FormatWarning(
                        file: file, line: entryLine,
                        message: "a BibTeX entry that could not be read was skipped (no type or fields)")))
            return
        }
        switch parsed.type {
        case "comment", "preamble":
            return
        case "string":
            for (name, value) in parsed.fields { macros[name] = value }
            return
        default:
            entries += 1
            let record = BibTeXMapping.record(parsed)
            if record.isEmpty && record.notes.isEmpty {
                try handler(
                    .warning(
                        FormatWarning(
                            file: file, line: entryLine,
                            message: "the entry '\(parsed.key)' has no title, author, identifier or abstract: skipped"))
                )
                return
            }
            try handler(.record(record, line: entryLine))
        }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
}

/// One parsed BibTeX entry: its type (lower-case), key and fields (lower-case names, macros
/// expanded, concatenations joined, outer delimiters removed; LaTeX still in the values).
struct BibTeXEntry {
    var type: String
    var key = ""
    var fields: [(String, String)] = []

    /// Parses `@type{key, name = value, …}` (or with parentheses); nil when there is no type.
    init?(parsing text: String, macros: [String: String]) {
        var s = Substring(text)
        guard s.first == "@" else { return nil }
        s.removeFirst()
        let name = s.prefix { $0.isLetter }
        guard !name.isEmpty else { return nil }
        type = name.lowercased()
        s = s.dropFirst(name.count).drop { $0.isWhitespace }
        guard let open = s.first, open == "{" || open == "(" else { return nil }
        s = s.dropFirst().dropLast()  // the delimiters
        if type == "comment" || type == "preamble" { return }
        if type != "string" {
            // The key runs to the first comma (a key-less entry starts with a field).
            if let comma = s.firstIndex(of: ","), !s[..<comma].contains("=") {
                key = s[..<comma].trimmingCharacters(in: " \t\r\n")
                s = s[s.index(after: comma)...]
            } else if !s.contains("=") {
                key = s.trimmingCharacters(in: " \t\r\n")
                return
            }
        }
        while true {
            s = s.drop { $0.isWhitespace || $0 == "," }
            guard !s.isEmpty, let eq = s.firstIndex(of: "=") else { break }
            let field = s[..<eq].trimmingCharacters(in: " \t\r\n").lowercased()
            s = s[s.index(after: eq)...]
            var value = ""
            while true {
                s = s.drop { $0.isWhitespace }
                guard let c = s.first else { break }
                if c == "{" || c == "\"" {
                    let (part, rest) = BibTeXEntry.delimited(s)
                    value += part
                    s = rest
                } else {
                    let token = s.prefix { !$0.isWhitespace && $0 != "," && $0 != "#" }
                    let t = String(token)
                    value += t.allSatisfy(\.isNumber) ? t : (macros[t.lowercased()] ?? t)
                    s = s.dropFirst(token.count)
                }
                s = s.drop { $0.isWhitespace }
                if s.first == "#" {
                    s = s.dropFirst()
                    continue
                }
                break
            }
            if !field.isEmpty { fields.append((field, value)) }
        }
    }

    /// The text inside `{…}` (nested braces kept) or `"…"` at the start of `s`, and what follows.
    static func delimited(_ s: Substring) -> (String, Substring) {
        let open = s.first
        var depth = 0
        var i = s.index(after: s.startIndex)
        var out = ""
        while i < s.endIndex {
            let c = s[i]
            if c == "{" {
                depth += 1
            } else if c == "}" {
                if depth == 0 && open == "{" { return (out, s[s.index(after: i)...]) }
                depth -= 1
            } else if c == "\"" && open == "\"" && depth == 0 {
                return (out, s[s.index(after: i)...])
            }
            out.append(c)
            i = s.index(after: i)
        }
        return (out, s[s.endIndex...])
    }

    /// The value of the first of `names` that is present and not blank.
    func value(_ names: String...) -> String? {
        for name in names {
            if let v = fields.first(where: { $0.0 == name })?.1, !v.trimmingCharacters(in: " \t\r\n").isEmpty {
                return v
            }
        }
        return nil
    }
}
