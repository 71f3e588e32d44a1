import Testing
@testable import Bibliography

/// The shared RFC 4180 tokenizer: rows, their lines, both errors, both strictness levels.
@Suite struct CSVTextTests {
    /// Fields and start lines of `text`, read strictly with blank lines kept.
    func read(
        _ text: String, delimiter: Unicode.Scalar = ",", strictness: CSVText.Strictness = .strict,
        skipBlankLines: Bool = false
    ) throws -> [CSVText.Row] {
        try CSVText.rows(text, delimiter: delimiter, strictness: strictness, skipBlankLines: skipBlankLines)
    }

    func row(_ line: Int, _ fields: String...) -> CSVText.Row { CSVText.Row(line: line, fields: fields) }

    @Test func plainFieldsAndALastLineWithoutALineBreak() throws {
        #expect(try read("a,b,c\nd,,f") == [row(1, "a", "b", "c"), row(2, "d", "", "f")])
        #expect(try read("a,b,c\nd,,f\n") == [row(1, "a", "b", "c"), row(2, "d", "", "f")])
        #expect(try read("a,") == [row(1, "a", "")])
        #expect(try read(",") == [row(1, "", "")])
    }

    @Test func emptyText() throws {
        #expect(try read("") == [])
        #expect(try read("\u{FEFF}") == [])
        #expect(try read("", skipBlankLines: true) == [])
    }

    @Test func quotedFieldsHoldDelimitersAndDoubledQuotes() throws {
        #expect(try read(#""a, b","say ""hi""","""",x"#) == [row(1, "a, b", #"say "hi""#, #"""#, "x")])
        #expect(try read(#""",x"#) == [row(1, "", "x")])
        // A quote that does not start a field is text.
        #expect(try read(#"5" disk,a"b"#) == [row(1, #"5" disk"#, #"a"b"#)])
        // A space before the quote: the field does not start with a quote.
        #expect(try read(#" "a",b"#) == [row(1, #" "a""#, "b")])
    }

    @Test func lineBreaksInQuotesMoveTheNextRowsLine() throws {
        let text = "id,note\n1,\"two\nlines\"\n2,\"CRLF\r\ninside\"\r\n3,\"CR\rinside\"\n4,\"\"\"\n\"\"\"\n5,end"
        #expect(
            try read(text) == [
                row(1, "id", "note"), row(2, "1", "two\nlines"), row(4, "2", "CRLF\r\ninside"),
                row(6, "3", "CR\rinside"),
                row(8, "4", "\"\n\""), row(10, "5", "end"),
            ])
    }

    @Test func crlfLfAndCrLineEnds() throws {
        let expected = [row(1, "a", "b"), row(2, "c", "d"), row(3, "e", "f")]
        #expect(try read("a,b\r\nc,d\r\ne,f\r\n") == expected)
        #expect(try read("a,b\rc,d\re,f\r") == expected)
        #expect(try read("a,b\nc,d\r\ne,f\r") == expected)
        // CR then LF in two rows is one line break; LF then CR is two.
        #expect(try read("a\n\rb", skipBlankLines: false) == [row(1, "a"), row(2, ""), row(3, "b")])
    }

    @Test func byteOrderMarkIsSkippedOnlyAtTheStart() throws {
        #expect(try read("\u{FEFF}title,year\nx,\u{FEFF}1") == [row(1, "title", "year"), row(2, "x", "\u{FEFF}1")])
        #expect(try read("\u{FEFF}\"quoted\",x") == [row(1, "quoted", "x")])
    }

    @Test func otherDelimiters() throws {
        #expect(
            try read("a;b,c;\"d;e\"\n1;2,5;3", delimiter: ";") == [row(1, "a", "b,c", "d;e"), row(2, "1", "2,5", "3")])
        #expect(try read("a\tb c\t\"d\te\"", delimiter: "\t") == [row(1, "a", "b c", "d\te")])
    }

    @Test func blankLinesAreKeptOrSkipped() throws {
        let text = "a,b\n\n\"\"\nc,d\r\n\r\n \ne,f\n\n"
        #expect(
            try read(text) == [
                row(1, "a", "b"), row(2, ""), row(3, ""), row(4, "c", "d"), row(5, ""), row(6, " "), row(7, "e", "f"),
                row(8, ""),
            ])
        // Skipped rows still count for the lines of the rows after them; a space is not blank.
        #expect(
            try read(text, skipBlankLines: true) == [row(1, "a", "b"), row(4, "c", "d"), row(6, " "), row(7, "e", "f")])
        #expect(try read("\n") == [row(1, "")])
        #expect(try read("\n", skipBlankLines: true) == [])
    }

    @Test func nonASCIIText() throws {
        let text = "titel,auteur\n\"Zorg voor ouderen, één studie\",Müller\n\u{5B57},😀\u{301}\n"
        #expect(
            try read(text) == [
                row(1, "titel", "auteur"), row(2, "Zorg voor ouderen, één studie", "Müller"),
                row(3, "\u{5B57}", "😀\u{301}"),
            ])
        // The highest scalar and NUL are text like any other.
        #expect(try read("\u{10FFFF},\u{0}") == [row(1, "\u{10FFFF}", "\u{0}")])
    }

    @Test func anUnclosedQuoteIsAnErrorAtTheQuote() throws {
        // The row starts on line 2; its second quote opens on line 3, column 4.
        let text = "h1,h2\n\"a\nb\",\"c\nd\n"
        let error = #expect(throws: CSVText.ParseError.self) { try read(text) }
        #expect(error == CSVText.ParseError(kind: .unterminatedQuote, line: 3, column: 4, rowLine: 2))
        #expect(
            error?.description
                == "line 3, column 4: a quoted field is never closed; close it with a quote, and double every quote inside it (\"\")"
        )
        // Lenient reading does not forgive it: the rest of the text would be one field.
        #expect(throws: CSVText.ParseError(kind: .unterminatedQuote, line: 1, column: 3, rowLine: 1)) {
            try read("a,\"b", strictness: .lenient)
        }
        #expect(throws: CSVText.ParseError(kind: .unterminatedQuote, line: 1, column: 1, rowLine: 1)) { try read("\"") }
        // A doubled quote at the end is a quote inside the field, not the closing one.
        #expect(throws: CSVText.ParseError(kind: .unterminatedQuote, line: 1, column: 1, rowLine: 1)) {
            try read("\"a\"\"")
        }
    }

    @Test func textAfterAClosingQuoteIsAnErrorWhenStrict() throws {
        // Columns count characters (Unicode scalars), not bytes.
        let text = "a,b\n\"é\"x,c\n"
        #expect(throws: CSVText.ParseError(kind: .textAfterClosingQuote, line: 2, column: 4, rowLine: 2)) {
            try read(text)
        }
        // On the line where a multi-line quoted field ends.
        #expect(throws: CSVText.ParseError(kind: .textAfterClosingQuote, line: 3, column: 6, rowLine: 1)) {
            try read("x,\"one\r\ntwo\nt\"\" \" ,y")
        }
        let error = #expect(throws: CSVText.ParseError.self) { try read("\"a\"b") }
        #expect(error?.message.hasPrefix("text right after a closing quote; ") == true)
    }

    @Test func textAfterAClosingQuoteIsKeptWhenLenient() throws {
        #expect(
            try read("\"é\"x,c\n\"a\"b\"c\" d,e", strictness: .lenient) == [
                row(1, "éx", "c"), row(2, #"ab"c" d"#, "e"),
            ])
        #expect(try read("\"a\" \r\nb", strictness: .lenient) == [row(1, "a "), row(2, "b")])
    }

    @Test func quoteQuotesOnlyWhatNeedsIt() {
        #expect(CSVText.quote("plain text, é") == "\"plain text, é\"")
        #expect(CSVText.quote("plain text é") == "plain text é")
        #expect(CSVText.quote("") == "")
        #expect(CSVText.quote(#"say "hi""#) == #""say ""hi""""#)
        #expect(CSVText.quote("a\nb") == "\"a\nb\"")
        #expect(CSVText.quote("a\rb") == "\"a\rb\"")
        // CRLF is one Character in Swift; it still needs quotes.
        #expect(CSVText.quote("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVText.quote(" lead") == "\" lead\"")
        #expect(CSVText.quote("trail\t") == "\"trail\t\"")
        #expect(CSVText.quote("a;b") == "a;b")
        #expect(CSVText.quote("a;b", delimiters: [";"]) == "\"a;b\"")
        #expect(CSVText.quote("a,b", delimiters: [";"]) == "a,b")
        #expect(CSVText.quote("a\tb", delimiters: [",", ";", "\t"]) == "\"a\tb\"")
    }

    /// Random rows written with `quote` and CRLF read back as the same fields, each row on the
    /// line its predecessors' line breaks put it.
    @Test(arguments: [",", ";", "\t"] as [Unicode.Scalar])
    func quotedRowsReadBack(delimiter: Unicode.Scalar) throws {
        var random = SeededGenerator(seed: 4180 + UInt64(delimiter.value))
        let pieces = ["a", "é", "😀", " ", "\"", ",", ";", "\t", "\n", "\r", "\r\n", "\u{FEFF}", "xyz", "\u{301}"]
        for _ in 0..<200 {
            var text = ""
            var expected: [CSVText.Row] = []
            var line = 1
            for _ in 0..<Int(random.next() % 4 + 1) {
                let fields = (0..<Int(random.next() % 4 + 1)).map { _ in
                    (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                }
                text +=
                    fields.map { CSVText.quote($0, delimiters: [delimiter]) }.joined(separator: String(delimiter))
                    + "\r\n"
                expected.append(CSVText.Row(line: line, fields: fields))
                // A line break is one Character (CRLF included). Counted field by field: joining
                // or filtering into a String would make a CR and a later LF one Character.
                for field in fields {
                    line += field.reduce(0) { $0 + ($1 == "\n" || $1 == "\r" || $1 == "\r\n" ? 1 : 0) }
                }
                line += 1
            }
            // A BOM that starts the first field would be skipped: not a round trip.
            if text.unicodeScalars.first == "\u{FEFF}" { continue }
            #expect(try read(text, delimiter: delimiter) == expected, "\(text.debugDescription)")
        }
    }
}
