import Bibliography
import Charting
import Foundation
import Protocol
import Testing

@testable import Synthesis

/// `gap-map.html` and `report.html`: well-formed, self-contained, escaped, and the same
/// numbers as the gap map and the report they come from. (What a browser makes of them is
/// tested by Tests/Browser/test_pages.py.)
@Suite struct HTMLPageTests {
    /// The fixture with record text that tries to break out of the page: a title that closes
    /// the data's `<script>` element, a setting with markup (two studies share it, so it
    /// becomes a filter option).
    static let hostile: SynthesisInput = {
        var input = Fixture.input
        input.included[1].record.title = "Group </script><script>alert(1)</script> care & \"quotes\" \u{2028}"
        for (i, setting) in ["<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "Rotterdam"].enumerated() {
            input.charting[input.included[i].key]?.values["setting_region"] = .text(setting)
        }
        input.protocolHash = "0123abcd"
        return input
    }()

    /// Columns from a choice field: no directions.
    static let byCondition: SynthesisInput = {
        var input = Fixture.input
        input.reviewProtocol.matrix = MatrixSpec(rows: "intervention_type", columns: "conditions", cell: .count)
        return input
    }()

    /// Nothing included yet: every cell a gap, no year range.
    static let empty: SynthesisInput = {
        var input = Fixture.input
        input.included = []
        return input
    }()

    @Test func noMatrixNoMap() {
        var input = Fixture.input
        input.reviewProtocol.matrix = nil
        #expect(GapMapPage.html(input, language: .en) == nil)
        #expect(SynthesisOutputs.render(input)["gap-map.html"] == nil)
        let report = ReportPage.html(input, language: .en)
        #expect(HTMLCheck.problems(report) == [])
        #expect(!report.contains("gap-map.html") && report.components(separatedBy: "<svg ").count == 2)
    }

    @Test func gapMapPageIsWellFormedAndSelfContained() throws {
        for (language, input) in [(ReportLanguage.en, Self.byCondition), (.nl, Self.empty)] {
            let html = try #require(GapMapPage.html(input, language: language))
            #expect(HTMLCheck.problems(html) == [])
            #expect(html.contains("\"hasDirections\":\(input.reviewProtocol.matrix?.columns == "outcomes")"))
        }
        #expect(try #require(GapMapPage.html(Self.empty, language: .en)).contains("id=\"from\"") == false)
        for language in ReportLanguage.allCases {
            let html = try #require(GapMapPage.html(Self.hostile, language: language))
            #expect(HTMLCheck.problems(html) == [])
            #expect(
                !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"),
                "nothing loaded from elsewhere")
            #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
            #expect(html.components(separatedBy: "<script").count == 3, "the data and the script, nothing else")
            #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
            #expect(html.contains("0123abcd"), "the protocol's hash in the provenance note")
        }
    }

    @Test func recordTextIsEscapedEverywhere() throws {
        let html = try #require(GapMapPage.html(Self.hostile, language: .en))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(
            html.contains(
                "<option value=\"&lt;img src=x onerror=alert(1)&gt;\">&lt;img src=x onerror=alert(1)&gt;</option>"))
        let json = try Self.data(html)
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&") && !json.contains("\u{2028}"))
        // The text comes back exactly from the JSON.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let titles = (object["studies"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(titles.contains(Self.hostile.included[1].record.title))

        let report = ReportPage.html(Self.hostile, language: .en)
        #expect(HTMLCheck.problems(report) == [])
        #expect(!report.contains("<script"))
        #expect(
            report.contains("Group &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; care &amp; &quot;quotes&quot;"))
    }

    /// The page's data gives every cell exactly the studies of ``GapMap`` (the script fills
    /// the cells by the same rule: a study once per cell, ongoing apart).
    @Test func everyCountEqualsTheGapMap() throws {
        for input in [Fixture.input, Self.hostile, Self.byCondition, Self.empty] {
            let map = try #require(GapMap.make(from: input))
            let html = try #require(GapMapPage.html(input, language: .en))
            let json = try Self.data(html)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let studies = try #require(object["studies"] as? [[String: Any]])
            #expect(studies.count == input.included.count)
            var completed: [String: [Int: String]] = [:]
            var ongoing: [String: Set<Int>] = [:]
            for study in studies {
                let n = try #require(study["n"] as? Int)
                for row in study["rows"] as? [String] ?? [] {
                    for pair in study["cells"] as? [[String]] ?? [] {
                        let key = row + "|" + pair[0]
                        if study["ongoing"] as? Bool == true {
                            ongoing[key, default: []].insert(n)
                        } else if completed[key]?[n] == nil {
                            completed[key, default: [:]][n] = pair[1]
                        }
                    }
                }
            }
            for (r, row) in map.rows.enumerated() {
                for (c, column) in map.columns.enumerated() {
                    let cell = map.cells[r][c]
                    let key = row.id + "|" + column.id
                    #expect(Set(completed[key, default: [:]].keys) == Set(cell.studies.map(\.number)), "\(key)")
                    #expect(ongoing[key, default: []] == Set(cell.ongoing.map(\.number)), "\(key) ongoing")
                    for direction in FindingDirection.allCases {
                        #expect(
                            completed[key, default: [:]].values.filter { $0 == direction.rawValue }.count
                                == cell.count(direction), "\(key) \(direction)")
                    }
                }
            }
        }
    }

    @Test func filtersComeFromTheCodebook() throws {
        let map = try #require(GapMap.make(from: Self.hostile))
        let filters = GapMapPage.filters(Self.hostile, map: map, language: .en)
        // Choice fields other than the matrix's axes (with values), then repeating texts.
        #expect(filters.map(\.id) == ["conditions", "design", "setting_region"])
        #expect(filters[0].options.map(\.id) == ["dm2", "copd"])
        #expect(filters[2].options.map(\.label) == ["<img src=x onerror=alert(1)>", "Rotterdam"])
        // A text every study has differently is no filter.
        #expect(GapMapPage.filters(Fixture.input, map: map, language: .en).map(\.id) == ["conditions", "design"])
    }

    @Test func reportPageHasTheReportsContent() throws {
        for language in ReportLanguage.allCases {
            let markdown = Report.markdown(Fixture.input, language: language)
            let html = ReportPage.html(Fixture.input, language: language)
            #expect(HTMLCheck.problems(html) == [])
            // Every heading of report.md, as a heading with an id, in the contents when level 2–3.
            for line in markdown.split(separator: "\n") where line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                let text = HTMLText.escape(MarkdownHTML.plain(String(line.dropFirst(level + 1))))
                #expect(html.contains("\">" + text + "</h\(level)>"), "\(line)")
                if level == 2 || level == 3 { #expect(html.contains("\">" + text + "</a>"), "contents: \(line)") }
            }
            // Every table row of report.md (not the separators) is a table row.
            let tableRows = markdown.split(separator: "\n").filter { $0.hasPrefix("|") && !$0.hasPrefix("| ---") }.count
            #expect(html.components(separatedBy: "<tr>").count - 1 == tableRows)
            // The flow and the gap map inline, no Mermaid left, a link to the interactive map.
            #expect(html.components(separatedBy: "<svg ").count == 3)
            #expect(!html.contains("<?xml") && !html.contains("flowchart TD"))
            #expect(html.contains("<a href=\"gap-map.html\">"))
            #expect(html.contains("url(#gap-map-gap)") && html.contains("aria-labelledby=\"prisma-title prisma-desc\""))
            let ids = Self.ids(html)
            #expect(
                ids.count == Set(ids).count, "ids are unique: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })"
            )
        }
        // The other language's set names its own files.
        let dutchSet = ReportPage.html(Fixture.input, language: .nl, fileLanguage: .nl)
        #expect(dutchSet.contains("<a href=\"gap-map.nl.html\">") && dutchSet.contains("href=\"prisma.nl.svg\""))
    }

    @Test func markdownSubset() {
        var renderer = MarkdownHTML()
        let html = renderer.render(
            """
            # Title \\[x\\]

            **Bold:** text with \\*stars\\* and _emphasis_ and `code <b>`.
            Second line.

            - [a link](file.md)
            - item \\| pipe

            1. first
            2. second

            | A | B \\| C |
            | --- | --- |
            | \\<b\\> | [1]+ \\[2\\] |

            > **Warning**
            >
            > - one

            ```text
            a <b> & c
            ```

            ## Title [x]
            """)
        #expect(
            html == """
                <h1 id="title-x">Title [x]</h1>
                <p><strong>Bold:</strong> text with *stars* and <em>emphasis</em> and <code>code &lt;b&gt;</code>.
                Second line.</p>
                <ul>
                <li><a href="file.md">a link</a></li>
                <li>item | pipe</li>
                </ul>
                <ol>
                <li>first</li>
                <li>second</li>
                </ol>
                <div class="table-wrap"><table>
                <thead><tr><th scope="col">A</th><th scope="col">B | C</th></tr></thead>
                <tbody>
                <tr><td>&lt;b&gt;</td><td>[1]+ [2]</td></tr>
                </tbody>
                </table></div>
                <blockquote>
                <p><strong>Warning</strong></p>
                <ul>
                <li>one</li>
                </ul>
                </blockquote>
                <pre><code class="language-text">a &lt;b&gt; &amp; c</code></pre>
                <h2 id="title-x-2">Title [x]</h2>

                """)
        #expect(renderer.headings.map(\.id) == ["title-x", "title-x-2"])
    }

    @Test func pagesAreDeterministicAndInTheOutputs() throws {
        let files = SynthesisOutputs.render(Fixture.input)
        var shuffled = Fixture.input
        shuffled.included.reverse()
        let again = SynthesisOutputs.render(shuffled)
        #expect(files["gap-map.html"] != nil && files["gap-map.html"] == again["gap-map.html"])
        #expect(files["report.html"] != nil && files["report.html"] == again["report.html"])
        let dutch = SynthesisOutputs.render(Fixture.input, language: .nl)
        #expect(dutch["gap-map.nl.html"] == GapMapPage.html(Fixture.input, language: .nl, fileLanguage: .nl))
        #expect(dutch["report.nl.html"] == ReportPage.html(Fixture.input, language: .nl, fileLanguage: .nl))
    }

    @Test func snapshots() throws {
        for language in ReportLanguage.allCases {
            try assertSnapshot(
                try #require(GapMapPage.html(Fixture.input, language: language)),
                named: "gap-map-\(language.rawValue).html")
            try assertSnapshot(
                ReportPage.html(Fixture.input, language: language), named: "report-\(language.rawValue).html")
        }
    }

    /// The text of the page's JSON data element.
    static func data(_ html: String) throws -> String {
        let open = "<script type=\"application/json\" id=\"gap-map-data\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return String(html[start.upperBound..<end.lowerBound])
    }

    static func ids(_ html: String) -> [String] {
        var ids: [String] = []
        var search = html.startIndex
        while let r = html.range(of: " id=\"", range: search..<html.endIndex),
            let close = html[r.upperBound...].firstIndex(of: "\"")
        {
            ids.append(String(html[r.upperBound..<close]))
            search = close
        }
        return ids
    }
}

/// A strict reading of the HTML we write: every element closed in order (void elements and
/// `/>` aside), `<script>` and `<style>` as raw text, no stray `<` in text, attributes quoted.
enum HTMLCheck {
    static let void: Set<String> = ["meta", "input", "br", "img", "link", "hr", "col", "source", "wbr"]

    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        let chars = Array(html.unicodeScalars)
        var i = 0
        func text(_ from: Int, _ to: Int) -> String {
            String(String.UnicodeScalarView(chars[from..<min(to, chars.count)]))
        }
        while i < chars.count {
            guard chars[i] == "<" else {
                i += 1
                continue
            }
            if text(i, i + 4) == "<!--" {
                while i < chars.count, text(i, i + 3) != "-->" { i += 1 }
                i += 3
                continue
            }
            // The tag, to its `>` outside quotes.
            var j = i + 1
            var quote: Unicode.Scalar?
            while j < chars.count {
                if let q = quote {
                    if chars[j] == q { quote = nil }
                } else if chars[j] == "\"" || chars[j] == "'" {
                    quote = chars[j]
                } else if chars[j] == ">" {
                    break
                } else if chars[j] == "<" {
                    problems.append("a '<' inside a tag at \(i): \(text(i, i + 40))")
                    break
                }
                j += 1
            }
            let tag = text(i + 1, j)
            i = j + 1
            if tag.hasPrefix("!") { continue }
            guard let first = tag.unicodeScalars.first, first == "/" || CharacterSet.letters.contains(first) else {
                problems.append("an unescaped '<' in text: \(text(i - tag.count - 2, i + 20))")
                continue
            }
            let name = String(tag.drop(while: { $0 == "/" }).prefix { $0.isLetter || $0.isNumber || $0 == "-" })
                .lowercased()
            if tag.hasPrefix("/") {
                if stack.last == name {
                    stack.removeLast()
                } else {
                    problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
                }
            } else if tag.hasSuffix("/") || void.contains(name) {
                continue
            } else if name == "script" || name == "style" {
                let rest = text(i, chars.count)
                guard let end = rest.range(of: "</" + name + ">") else {
                    problems.append("<\(name)> is not closed")
                    break
                }
                i += rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: end.upperBound)
            } else {
                stack.append(name)
            }
        }
        if !stack.isEmpty { problems.append("not closed: \(stack)") }
        return problems
    }
}
