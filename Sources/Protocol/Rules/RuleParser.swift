/// A recursive-descent parser for the rule language (see ``Rule``).
struct RuleParser {
    private let s: [Unicode.Scalar]
    private var i = 0

    init(_ source: String) {
        s = Array(source.unicodeScalars)
    }

    static let operatorsHint =
        "use one of <, <=, >, >=, =, !=, in [...], not in [...], contains \"term\", matches /regex/"
    static var fieldList: String { RuleField.allCases.map(\.rawValue).joined(separator: ", ") }

    mutating func parseRule() throws(RuleSyntaxError) -> RuleNode {
        skipSpace()
        guard i < s.count else {
            throw RuleSyntaxError("the rule is empty", at: 0..<0, hint: "write a condition such as 'year < 2015'")
        }
        let node = try parseOr()
        skipSpace()
        if i < s.count {
            let (word, span) = peekToken()
            throw RuleSyntaxError(
                "unexpected '\(word)' after a complete condition", at: span, hint: "join conditions with 'and' or 'or'")
        }
        return node
    }

    // MARK: Boolean structure

    private mutating func parseOr() throws(RuleSyntaxError) -> RuleNode {
        var lhs = try parseAnd()
        while consumeKeyword("or") {
            let rhs = try parseAnd()
            lhs = .or(lhs, rhs, span: lhs.span.lowerBound..<rhs.span.upperBound)
        }
        return lhs
    }

    private mutating func parseAnd() throws(RuleSyntaxError) -> RuleNode {
        var lhs = try parseUnary()
        while consumeKeyword("and") {
            let rhs = try parseUnary()
            lhs = .and(lhs, rhs, span: lhs.span.lowerBound..<rhs.span.upperBound)
        }
        return lhs
    }

    private mutating func parseUnary() throws(RuleSyntaxError) -> RuleNode {
        skipSpace()
        let start = i
        if consumeKeyword("not") {
            let inner = try parseUnary()
            return .not(inner, span: start..<inner.span.upperBound)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(RuleSyntaxError) -> RuleNode {
        skipSpace()
        guard i < s.count else {
            throw RuleSyntaxError(
                "the rule ends where a condition was expected", at: i..<i,
                hint: "write a condition such as 'year < 2015'")
        }
        if s[i] == "(" {
            i += 1
            let inner = try parseOr()
            skipSpace()
            guard i < s.count, s[i] == ")" else {
                throw RuleSyntaxError(
                    "expected ')' to close a '('", at: i..<min(i + 1, s.count), hint: "add the missing ')'")
            }
            i += 1
            return inner
        }
        return try parsePredicate()
    }

    // MARK: Predicates

    private mutating func parsePredicate() throws(RuleSyntaxError) -> RuleNode {
        skipSpace()
        let start = i
        guard let word = readWord() else {
            let (token, span) = peekToken()
            throw RuleSyntaxError(
                "expected a field name, found '\(token)'", at: span, hint: "fields are \(RuleParser.fieldList)")
        }
        let wordSpan = start..<i
        guard let field = RuleField(rawValue: word) else {
            if ["and", "or", "not", "in", "contains", "matches"].contains(word.lowercased()) {
                throw RuleSyntaxError(
                    "expected a field name before '\(word)'", at: wordSpan, hint: "fields are \(RuleParser.fieldList)")
            }
            throw RuleSyntaxError(
                "unknown field '\(word)'", at: wordSpan,
                hint: Suggestion.hint(for: word, in: RuleField.allCases.map(\.rawValue))
                    ?? "fields are \(RuleParser.fieldList)"
            )
        }
        skipSpace()
        let opStart = i
        if let comparison = readComparison() {
            let opSpan = opStart..<i
            let value = try parseValue()
            try check(field, comparison, value.value, opSpan: opSpan, valueSpan: value.span)
            return .compare(field, comparison, value.value, span: start..<value.span.upperBound)
        }
        if consumeKeyword("in") {
            let (values, end) = try parseList(for: field)
            return .within(field, values, negated: false, span: start..<end)
        }
        if consumeKeyword("not") {
            guard consumeKeyword("in") else {
                skipSpace()
                let (token, span) = peekToken()
                throw RuleSyntaxError(
                    "expected 'in' after '\(field.rawValue) not', found '\(token)'", at: span,
                    hint: "write 'not in [...]', or put 'not' before the field")
            }
            let (values, end) = try parseList(for: field)
            return .within(field, values, negated: true, span: start..<end)
        }
        if consumeKeyword("contains") {
            let opSpan = opStart..<i
            guard !field.isNumeric else {
                throw RuleSyntaxError(
                    "'contains' works on text fields, not on '\(field.rawValue)'", at: opSpan,
                    hint: "compare the year with <, >, = or in [...]")
            }
            skipSpace()
            var terms: [Term] = []
            var end = i
            if i < s.count, s[i] == "[" {
                let (values, listEnd) = try parseStringList()
                for (text, span) in values { terms.append(try compileTerm(text, span: span)) }
                end = listEnd
            } else {
                let value = try parseValue()
                guard case .string(let text) = value.value else {
                    throw RuleSyntaxError(
                        "'contains' needs a term in quotes", at: value.span, hint: "write contains \"term*\"")
                }
                terms.append(try compileTerm(text, span: value.span))
                end = value.span.upperBound
            }
            return .contains(field, terms, span: start..<end)
        }
        if consumeKeyword("matches") {
            let opSpan = opStart..<i
            guard !field.isNumeric else {
                throw RuleSyntaxError("'matches' works on text fields, not on '\(field.rawValue)'", at: opSpan)
            }
            let regex = try parseRegex()
            return .matches(field, regex.regex, span: start..<regex.end)
        }
        let (token, span) = peekToken()
        throw RuleSyntaxError(
            token.isEmpty
                ? "expected an operator after '\(field.rawValue)'"
                : "expected an operator after '\(field.rawValue)', found '\(token)'",
            at: span, hint: RuleParser.operatorsHint
        )
    }

    private func check(
        _ field: RuleField, _ comparison: RuleComparison, _ value: RuleValue, opSpan: Range<Int>, valueSpan: Range<Int>
    ) throws(RuleSyntaxError) {
        switch (comparison, field.isNumeric, value) {
        case (.less, false, _), (.lessOrEqual, false, _), (.greater, false, _), (.greaterOrEqual, false, _):
            throw RuleSyntaxError(
                "'\(comparison.rawValue)' compares numbers, and '\(field.rawValue)' is text", at: opSpan,
                hint: "only 'year' is a number")
        case (_, true, .string):
            throw RuleSyntaxError(
                "'year' is compared with a number, not a string", at: valueSpan, hint: "remove the quotes")
        case (_, false, .number):
            throw RuleSyntaxError(
                "'\(field.rawValue)' is compared with text in quotes", at: valueSpan, hint: "put the value in quotes")
        default:
            return
        }
    }

    private func compileTerm(_ text: String, span: Range<Int>) throws(RuleSyntaxError) -> Term {
        do {
            return try Term(text)
        } catch {
            switch error {
            case .empty:
                throw RuleSyntaxError("the term \"\(text)\" has no letters or digits", at: span)
            case .misplacedWildcard(let offset):
                // +1 for the opening quote; exact unless the term has escapes before the '*'.
                let at = span.lowerBound + 1 + offset
                throw RuleSyntaxError(
                    "a wildcard '*' is allowed only at the end of a word", at: at..<at + 1,
                    hint: "write 'groepsconsult*', not 'groeps*consult'")
            }
        }
    }

    // MARK: Literals

    private mutating func parseValue() throws(RuleSyntaxError) -> (value: RuleValue, span: Range<Int>) {
        skipSpace()
        let start = i
        guard i < s.count else { throw RuleSyntaxError("expected a value at the end of the rule", at: i..<i) }
        if s[i] == "\"" || s[i] == "'" {
            let text = try readString()
            return (.string(text), start..<i)
        }
        if s[i].properties.numericType != nil, s[i].isASCII {
            while i < s.count, s[i].isASCII, s[i].properties.numericType != nil { i += 1 }
            let digits = String(String.UnicodeScalarView(s[start..<i]))
            guard let n = Int(digits) else { throw RuleSyntaxError("the number \(digits) is too large", at: start..<i) }
            return (.number(n), start..<i)
        }
        let (token, span) = peekToken()
        throw RuleSyntaxError("expected a number or a string in quotes, found '\(token)'", at: span)
    }

    private mutating func parseList(for field: RuleField) throws(RuleSyntaxError) -> ([RuleValue], Int) {
        skipSpace()
        guard i < s.count, s[i] == "[" else {
            let (token, span) = peekToken()
            throw RuleSyntaxError(
                "expected '[' to start a list, found '\(token)'", at: span, hint: "write in [\"a\", \"b\"]")
        }
        let open = i
        i += 1
        var values: [RuleValue] = []
        while true {
            skipSpace()
            if i < s.count, s[i] == "]", !values.isEmpty {
                i += 1
                break
            }
            if i < s.count, s[i] == "]" {
                throw RuleSyntaxError("the list is empty", at: open..<i + 1, hint: "give at least one value")
            }
            let value = try parseValue()
            try check(field, .equal, value.value, opSpan: value.span, valueSpan: value.span)
            values.append(value.value)
            skipSpace()
            if i < s.count, s[i] == "," {
                i += 1
                continue
            }
            if i < s.count, s[i] == "]" {
                i += 1
                break
            }
            let (token, span) = peekToken()
            throw RuleSyntaxError(
                token.isEmpty
                    ? "the list is not closed: expected ',' or ']'"
                    : "expected ',' or ']' in the list, found '\(token)'",
                at: span, hint: "separate values with ',' and close the list with ']'"
            )
        }
        return (values, i)
    }

    private mutating func parseStringList() throws(RuleSyntaxError) -> ([(String, Range<Int>)], Int) {
        let open = i
        i += 1
        var values: [(String, Range<Int>)] = []
        while true {
            skipSpace()
            if i < s.count, s[i] == "]" {
                guard !values.isEmpty else {
                    throw RuleSyntaxError("the list is empty", at: open..<i + 1, hint: "give at least one term")
                }
                i += 1
                break
            }
            let value = try parseValue()
            guard case .string(let text) = value.value else {
                throw RuleSyntaxError("'contains' needs terms in quotes", at: value.span)
            }
            values.append((text, value.span))
            skipSpace()
            if i < s.count, s[i] == "," {
                i += 1
                continue
            }
            if i < s.count, s[i] == "]" {
                i += 1
                break
            }
            let (token, span) = peekToken()
            throw RuleSyntaxError(
                "expected ',' or ']' in the list, found '\(token)'", at: span,
                hint: "separate terms with ',' and close the list with ']'")
        }
        return (values, i)
    }

    /// Reads a quoted string; `i` is at the opening quote. `\"`, `\'` and `\\` are escapes.
    private mutating func readString() throws(RuleSyntaxError) -> String {
        let quote = s[i]
        let open = i
        i += 1
        var out = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count, s[i + 1] == quote || s[i + 1] == "\\" {
                out.append(s[i + 1])
                i += 2
                continue
            }
            if c == quote {
                i += 1
                return String(out)
            }
            out.append(c)
            i += 1
        }
        throw RuleSyntaxError(
            "unterminated string: missing closing \(quote)", at: open..<open + 1, hint: "close the string with \(quote)"
        )
    }

    private mutating func parseRegex() throws(RuleSyntaxError) -> (regex: RuleRegex, end: Int) {
        skipSpace()
        guard i < s.count, s[i] == "/" else {
            let (token, span) = peekToken()
            throw RuleSyntaxError(
                "expected a regular expression between slashes, found '\(token)'", at: span,
                hint: "write matches /pattern/")
        }
        let open = i
        i += 1
        var pattern = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count {
                if s[i + 1] == "/" {
                    pattern.append("/")
                } else {
                    pattern.append(c)
                    pattern.append(s[i + 1])
                }
                i += 2
                continue
            }
            if c == "/" {
                i += 1
                let text = String(pattern)
                guard !text.isEmpty else { throw RuleSyntaxError("the regular expression is empty", at: open..<i) }
                do {
                    return (try RuleRegex(pattern: text), i)
                } catch {
                    throw RuleSyntaxError(
                        "invalid regular expression /\(text)/", at: open..<i,
                        hint: "check brackets, parentheses and escapes")
                }
            }
            pattern.append(c)
            i += 1
        }
        throw RuleSyntaxError(
            "unterminated regular expression: missing closing '/'", at: open..<open + 1,
            hint: "close the pattern with '/'; write '\\/' for a slash inside it")
    }

    // MARK: Scanning

    private mutating func skipSpace() {
        while i < s.count, s[i].properties.isWhitespace { i += 1 }
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil))
    }

    /// Reads an identifier at `i` (after spaces), or returns nil without moving.
    private mutating func readWord() -> String? {
        skipSpace()
        guard i < s.count, s[i].isASCII, s[i].properties.isAlphabetic || s[i] == "_" else { return nil }
        let start = i
        while i < s.count, RuleParser.isWordScalar(s[i]) { i += 1 }
        return String(String.UnicodeScalarView(s[start..<i]))
    }

    /// Consumes `keyword` (case-insensitive, as a whole word) if it is next.
    private mutating func consumeKeyword(_ keyword: String) -> Bool {
        let saved = i
        if let word = readWord(), word.lowercased() == keyword { return true }
        i = saved
        return false
    }

    private mutating func readComparison() -> RuleComparison? {
        guard i < s.count else { return nil }
        let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
        switch (s[i], next) {
        case ("<", "="):
            i += 2
            return .lessOrEqual
        case (">", "="):
            i += 2
            return .greaterOrEqual
        case ("!", "="):
            i += 2
            return .notEqual
        case ("=", "="):
            i += 2
            return .equal
        case ("<", _):
            i += 1
            return .less
        case (">", _):
            i += 1
            return .greater
        case ("=", _):
            i += 1
            return .equal
        default: return nil
        }
    }

    /// The next token's text and span, for error messages (empty at the end).
    private func peekToken() -> (String, Range<Int>) {
        var j = i
        while j < s.count, s[j].properties.isWhitespace { j += 1 }
        guard j < s.count else { return ("", j..<j) }
        let start = j
        if RuleParser.isWordScalar(s[j]) {
            while j < s.count, RuleParser.isWordScalar(s[j]) { j += 1 }
        } else {
            j += 1
        }
        return (String(String.UnicodeScalarView(s[start..<j])), start..<j)
    }
}
