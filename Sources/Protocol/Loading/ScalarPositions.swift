import Yams

extension LoadContext {
    /// The file position of the character at `offset` (in Unicode scalars) of a scalar's value.
    ///
    /// The value is aligned with the file text from the scalar's mark: characters of the value
    /// are found in order in the source, skipping quotes, escapes, indentation and line breaks
    /// that folding turned into spaces. Exact for plain, quoted and block scalars without
    /// escapes before the offset; otherwise close.
    func location(inScalar node: Node, offset: Int) -> SourceLocation {
        guard case .scalar(let scalar) = node, let mark = scalar.mark else { return location(of: node) }
        var line = mark.line - 1
        var column = mark.column - 1
        switch scalar.style {
        case .literal, .folded:
            line += 1
            column = 0
            // Skip leading blank lines of the block.
            while line < lines.count, lines[line].allSatisfy({ $0 == " " || $0 == "\t" }) { line += 1 }
        case .singleQuoted, .doubleQuoted:
            column += 1
        default:
            break
        }
        guard line < lines.count else { return location(of: node) }
        let value = Array(scalar.string.unicodeScalars)
        var last = SourceLocation(line: line + 1, column: column + 1)
        var k = 0
        var steps = 0
        while k <= min(offset, value.count - 1), line < lines.count, steps < 1_000_000 {
            let v = value[k]
            let isSpace = v == " " || v == "\n" || v == "\t"
            // Find v at or after (line, column).
            var found = false
            while line < lines.count, steps < 1_000_000 {
                steps += 1
                if column >= lines[line].count {
                    // A line break: matches a space or newline of the value.
                    if isSpace {
                        found = true
                        last = SourceLocation(line: line + 1, column: column + 1)
                        line += 1
                        column = 0
                        // Indentation is part of this break.
                        while line < lines.count, column < lines[line].count, lines[line][column] == " " { column += 1 }
                        break
                    }
                    line += 1
                    column = 0
                    continue
                }
                let c = lines[line][column]
                if c == v || (isSpace && (c == " " || c == "\t")) {
                    found = true
                    last = SourceLocation(line: line + 1, column: column + 1)
                    column += 1
                    break
                }
                column += 1
            }
            guard found else { break }
            if k == offset { return last }
            k += 1
        }
        // Offset at the end of the value: just after the last character.
        if offset >= value.count, !value.isEmpty { return SourceLocation(line: last.line, column: last.column + 1) }
        return last
    }
}
