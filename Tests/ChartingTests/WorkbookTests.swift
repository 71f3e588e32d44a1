import Bibliography
@testable import Charting
import Foundation
import Protocol
import Testing

/// The zip container: what we write is a valid archive, checked by walking it two ways (the
/// local headers in file order, and the central directory through `Zip.Archive`), with every
/// member's CRC-32 recomputed.
@Suite struct ZipTests {
    static let members: [Zip.Member] = [
        .init(path: "empty.txt", data: []),
        .init(path: "dir/repeat.xml", data: Array(String(repeating: "<row><c>abc</c></row>", count: 2_000).utf8)),
        .init(path: "random.bin", data: (0..<5_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }),
        .init(path: "naïve/ü.txt", data: Array("Zürich".utf8)),
    ]

    /// A member as found by reading the local headers one after another from offset 0.
    struct LocalMember {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var data: [UInt8]
    }

    /// Walks the local file headers from the start of the archive, inflating each member with
    /// zlib, and checks the end-of-central-directory record against what it found.
    static func walkLocalHeaders(_ bytes: [UInt8]) throws -> [LocalMember] {
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        var out: [LocalMember] = []
        var p = 0
        while p + 4 <= bytes.count, u32(p) == 0x0403_4B50 {
            let method = UInt16(u16(p + 8))
            let crc = UInt32(u32(p + 14))
            let csize = u32(p + 18)
            let size = u32(p + 22)
            let nameLength = u16(p + 26)
            let extra = u16(p + 28)
            let name = String(decoding: bytes[(p + 30)..<(p + 30 + nameLength)], as: UTF8.self)
            let start = p + 30 + nameLength + extra
            let raw = Array(bytes[start..<(start + csize)])
            let data = method == 8 ? try Zip.inflate(raw, expected: size, member: name) : raw
            #expect(data.count == size, "\(name): size")
            out.append(LocalMember(path: name, method: method, flags: UInt16(u16(p + 6)), crc: crc, data: data))
            p = start + csize
        }
        // The central directory follows the last member, and the end record closes the file.
        #expect(u32(p) == 0x0201_4B50)
        let end = bytes.count - 22
        #expect(u32(end) == 0x0605_4B50)
        #expect(u16(end + 10) == out.count)
        #expect(u32(end + 16) == p)
        #expect(u32(end + 12) == end - p)
        return out
    }

    @Test func crc32IsTheStandardOne() {
        // The CRC-32 check value (ISO 3309 / ITU-T V.42): CRC of "123456789".
        #expect(Zip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Zip.crc32([]) == 0)
    }

    @Test(arguments: [Zip.Method.deflated, .stored])
    func archivesReadBackTwoWaysWithMatchingCRCs(method: Zip.Method) throws {
        let bytes = try Zip.archive(Self.members, method: method)
        #expect(Zip.isArchive(bytes))
        let local = try Self.walkLocalHeaders(bytes)
        #expect(local.map(\.path) == Self.members.map(\.path))
        for (found, member) in zip(local, Self.members) {
            #expect(found.data == member.data, "\(member.path)")
            #expect(found.crc == Zip.crc32(member.data), "\(member.path)")
        }
        // Deflate only where it helps: the repetitive member shrinks; with .stored nothing is.
        #expect(local[1].method == (method == .deflated ? 8 : 0))
        #expect(local[0].method == 0)
        #expect(local[3].flags & 0x0800 != 0, "a UTF-8 name is flagged as one")
        let archive = try Zip.Archive(bytes)
        #expect(archive.entries.map(\.path) == Self.members.map(\.path))
        for member in Self.members {
            #expect(try archive.read(member.path) == member.data)
        }
        #expect(try archive.read("missing") == nil)
    }

    @Test func archivesAreReproducible() throws {
        #expect(try Zip.archive(Self.members) == Zip.archive(Self.members))
    }

    @Test func damageIsReportedNotReadPast() throws {
        let bytes = try Zip.archive(Self.members, method: .stored)
        let archive = try Zip.Archive(bytes)
        let entry = try #require(archive.entry("naïve/ü.txt"))
        // One changed byte in a stored member: the CRC catches it.
        var flipped = bytes
        let dataStart = entry.headerOffset + 30 + Array(entry.path.utf8).count
        flipped[dataStart] ^= 0x20
        #expect(throws: ZipError.self) { try Zip.Archive(flipped).read(entry.path) }
        do {
            _ = try Zip.Archive(flipped).read(entry.path)
        } catch {
            #expect(error.description.contains("CRC-32"), "\(error)")
        }
        // Cut short: no end record.
        #expect(throws: ZipError.self) { try Zip.Archive(Array(bytes.prefix(bytes.count - 10))) }
        // A member larger than the limit is refused before it is unpacked.
        #expect(throws: ZipError.self) { try Zip.Archive(bytes).read("dir/repeat.xml", limit: 1_000) }
        // Damaged deflate data.
        let deflated = try Zip.archive([.init(path: "a.xml", data: Array(String(repeating: "abcdef", count: 500).utf8))]
        )
        let a = try #require(try Zip.Archive(deflated).entry("a.xml"))
        var broken = deflated
        for i in 0..<8 { broken[a.headerOffset + 30 + 5 + 4 + i] ^= 0xFF }
        #expect(throws: ZipError.self) { try Zip.Archive(broken).read("a.xml") }
    }
}

@Suite struct WorkbookTests {
    static let parts = [
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
    ]

    /// Records every element name, to check a part is well-formed XML.
    final class Names: XMLPartHandler {
        var names: [String] = []
        func start(_ name: String, _ attributes: [String: String]) { names.append(name) }
        func end(_ name: String) {}
        func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    }

    static func part(_ bytes: [UInt8], _ path: String) throws -> String {
        String(decoding: try #require(try Zip.Archive(bytes).read(path)), as: UTF8.self)
    }

    @Test func aWorkbookHasEveryPartWellFormedAndListed() throws {
        let book = Workbook(sheets: [
            .init(
                name: "charting", rows: [[.text("a"), .text("b")], [.text("x"), .number(2.5)]], textColumns: [0],
                dropDowns: [.init(column: 0, values: ["x", "y"])]),
            .init(name: "code/book?", rows: [[.text("c")]]),
        ])
        let bytes = try book.xlsx()
        let archive = try Zip.Archive(bytes)
        #expect(archive.entries.map(\.path) == Self.parts)
        for path in Self.parts {
            let handler = Names()
            try XMLPart.parse(try #require(try archive.read(path)), part: path, handler: handler)
            #expect(!handler.names.isEmpty, "\(path)")
        }
        let types = try Self.part(bytes, "[Content_Types].xml")
        for path in Self.parts where path.hasPrefix("xl/") && !path.contains("_rels") {
            #expect(types.contains("PartName=\"/\(path)\""), "\(path) has a content type")
        }
        let sheet = try Self.part(bytes, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>a</t></is></c>"#), "the header is bold")
        #expect(sheet.contains(#"<c r="B2"><v>2.5</v></c>"#))
        #expect(
            sheet.contains(
                #"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="0" sqref="A2:A2"><formula1>&quot;x,y&quot;</formula1>"#
            ))
        #expect(
            try Self.part(bytes, "xl/workbook.xml").contains(#"<sheet name="code_book_" sheetId="2" r:id="rId2"/>"#))
        let read = try Workbook.readSheet(bytes)
        #expect(read.name == "charting")
        #expect(read.rows.map { $0.fields() } == [["a", "b"], ["x", "2.5"]])
    }

    @Test func textIsEscapedNeverAFormulaAndReadsBackAsTyped() throws {
        let texts = [
            "=SUM(A1:A9)", "=HYPERLINK(\"http://x\")", "+1", "-2", "@name", "<b>&amp;</b> \"q\" 'a'",
            "  leading and trailing  ", "tab\there", "line\nbreak", "crlf\r\nend", "_x0041_ stays", "__x00e9_x_",
            "Zürich – 北京 😀", "1,5", "007",
        ]
        let rows: [[Workbook.Cell]] = [[.text("text")]] + texts.map { [.text($0)] }
        let bytes = try Workbook(sheets: [.init(name: "s", rows: rows)]).xlsx()
        let sheet = try Self.part(bytes, "xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("<f>"), "no formulas")
        #expect(sheet.contains("<t>=SUM(A1:A9)</t>"))
        #expect(sheet.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(sheet.contains("_x005F_x0041_ stays"))
        let read = try Workbook.readSheet(bytes)
        #expect(read.rows.dropFirst().map { $0.fields().first ?? "" } == texts)
    }

    @Test func charactersXMLForbidsAreDropped() throws {
        let text = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{1F}f\u{FFFE}g\u{FFFF}h\u{7F}i"
        let bytes = try Workbook(sheets: [.init(name: "s", rows: [[.text(text)]])]).xlsx()
        let handler = Names()
        try XMLPart.parse(
            try #require(try Zip.Archive(bytes).read("xl/worksheets/sheet1.xml")), part: "sheet1", handler: handler)
        #expect(try Workbook.readSheet(bytes).rows.first?.fields() == ["abcdefgh\u{7F}i"])
        #expect(XMLText.escape("\u{1}\u{FFFE}") == "")
    }

    @Test func aCellTooLongForExcelIsRefused() {
        let book = Workbook(sheets: [
            .init(name: "s", rows: [[.text(String(repeating: "x", count: Workbook.maximumCellLength + 1))]])
        ])
        #expect(throws: Workbook.WriteError.self) { try book.xlsx() }
    }

    @Test func columnNames() {
        let cases = [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")]
        for (index, name) in cases {
            #expect(Workbook.columnName(index) == name)
            #expect(WorksheetRows.column(of: name + "7") == index)
        }
        #expect(WorksheetRows.column(of: "7A") == nil)
        #expect(WorksheetRows.column(of: "ABCD1") == nil)
    }

    /// A workbook as Excel or LibreOffice saves it: shared strings (rich text and phonetic runs),
    /// formula results, numbers, booleans, errors, cells and rows without references, a
    /// workbook part found through `_rels/.rels`, and the sheet found by name.
    @Test func readsWhatSpreadsheetsWrite() throws {
        let ns =
            #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let members: [Zip.Member] = [
            .init(
                path: "_rels/.rels",
                data: Array(
                    #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="/book/main.xml"/></Relationships>"#
                        .utf8)),
            .init(
                path: "book/main.xml",
                data: Array(
                    #"<workbook \#(ns)><sheets><sheet name="notes" sheetId="1" r:id="rId7"/><sheet name="charting" sheetId="2" r:id="rId8"/></sheets></workbook>"#
                        .utf8)),
            .init(
                path: "book/_rels/main.xml.rels",
                data: Array(
                    #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="\#(rel)/worksheet" Target="sheets/one.xml"/><Relationship Id="rId8" Type="\#(rel)/worksheet" Target="./sheets/../sheets/two.xml"/><Relationship Id="rId9" Type="\#(rel)/sharedStrings" Target="strings.xml"/></Relationships>"#
                        .utf8)),
            .init(
                path: "book/strings.xml",
                data: Array(
                    #"<sst \#(ns) count="3"><si><t>study</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Zü</t></r><r><t>rich &amp; co</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>line_x000D__x000A_two</t></si></sst>"#
                        .utf8)),
            .init(
                path: "book/sheets/one.xml",
                data: Array(
                    #"<worksheet \#(ns)><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>"#
                        .utf8)),
            .init(
                path: "book/sheets/two.xml",
                data: Array(
                    """
                    <worksheet \(ns)><sheetData>
                    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
                    <row r="2" spans="1:3" s="4" customFormat="1"/>
                    <row r="4"><c r="A4"><v>12</v></c><c><v>2.50</v></c><c t="n"><v>1E-3</v></c><c r="E4" t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row>
                    <row><c r="B5" t="str"><f>A4&amp;"x"</f><v>12x</v></c><c r="D5" t="s"><v>2</v></c><c r="F5" s="3"/></row>
                    </sheetData></worksheet>
                    """.utf8)),
        ]
        let read = try Workbook.readSheet(try Zip.archive(members), preferredSheet: "charting")
        #expect(read.name == "charting")
        #expect(read.rows.map(\.number) == [1, 4, 5])
        #expect(
            read.rows.map { $0.fields() } == [
                ["study", "", "Zürich & co"],
                ["12", "2.5", "0.001", "", "TRUE", "#N/A"],
                ["", "12x", "", "line\r\ntwo"],
            ])
        // Without a preference: the first sheet.
        #expect(try Workbook.readSheet(try Zip.archive(members)).name == "notes")
    }

    @Test func unreadableWorkbooksSayWhatIsWrong() throws {
        #expect(throws: WorkbookReadError.self) { try Workbook.readSheet(Array("PK\u{3}\u{4}rest".utf8)) }
        let noWorkbook = try Zip.archive([.init(path: "word/document.xml", data: Array("<w/>".utf8))])
        #expect(
            throws: WorkbookReadError(
                part: "xl/workbook.xml", "the file has no workbook part: it is a zip archive, but not an .xlsx workbook"
            )
        ) {
            try Workbook.readSheet(noWorkbook)
        }
        let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
        func book(_ sheet: String) throws -> [UInt8] {
            try Zip.archive([
                .init(
                    path: "xl/workbook.xml",
                    data: Array(#"<workbook \#(ns)><sheets><sheet name="s" sheetId="1"/></sheets></workbook>"#.utf8)),
                .init(path: "xl/worksheets/sheet1.xml", data: Array(sheet.utf8)),
            ])
        }
        let malformed = try book("<worksheet \(ns)><sheetData><row><c><v>1</v></row></sheetData></worksheet>")
        do {
            _ = try Workbook.readSheet(malformed)
            Issue.record("malformed XML was read")
        } catch {
            #expect(error.part == "xl/worksheets/sheet1.xml")
            #expect(error.line == 1)
            #expect(error.message.hasPrefix("malformed XML: "), "\(error)")
        }
        let bomb =
            #"<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet \#(ns)><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>"#
        #expect(throws: WorkbookReadError.self) { try Workbook.readSheet(try book(bomb)) }
        #expect(throws: WorkbookReadError.self) {
            try Workbook.readSheet(
                try book(
                    "<worksheet \(ns)><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>")
            )
        }
        // Without a sheet relationship part, xl/worksheets/sheet1.xml is read.
        #expect(
            try Workbook.readSheet(
                try book("<worksheet \(ns)><sheetData><row><c><v>7</v></c></row></sheetData></worksheet>")
            ).rows.first?.fields() == ["7"])
    }
}

/// The charting sheet as a workbook: the same content as the CSV, read back the same way.
@Suite struct SheetWorkbookTests {
    let sheet = ChartingSheet(codebook: CodebookFixture.codebook)

    func studies() -> [ChartingSheet.Row] {
        let a: RecordKey = "pmid:1"
        let b: RecordKey = "doi:10.1/x"
        let state = ChartingState(entries: [
            ChartingEntry(
                study: a, field: "outcomes",
                value: .findings([
                    OutcomeFinding(
                        outcome: "effectiveness", direction: .mixed, measure: "HbA1c; BP",
                        finding: "=lower, \"not\" <significant>")
                ]), status: .confirmed, role: .chart, reviewer: "anna", time: "t"),
            ChartingEntry(
                study: a, field: "duration_months", value: .number(2.5), status: .confirmed, role: .chart,
                reviewer: "anna", time: "t"),
            ChartingEntry(
                study: a, field: "design", value: .choices(["cohort"]), status: .confirmed, role: .chart,
                reviewer: "anna", time: "t"),
            ChartingEntry(
                study: b, field: "setting_region", value: .text("  Gent\r\nGhent _x0041_ "), status: .confirmed,
                role: .chart, reviewer: "anna", time: "t"),
            ChartingEntry(
                study: b, field: "outcomes",
                value: .findings([OutcomeFinding(outcome: "patient_experience", direction: .favourable)]),
                status: .confirmed, role: .chart, reviewer: "anna", time: "t"),
        ])
        return [
            ChartingSheet.Row(
                study: Study(
                    key: a,
                    record: Record(
                        title: "Groepsconsulten; a cohort", authors: [Author(family: "Jansen")],
                        date: PublicationDate(year: 2019))),
                state: state[a]),
            ChartingSheet.Row(
                study: Study(
                    key: b,
                    record: Record(
                        title: "Zelfmanagement \u{1}in Gent",
                        abstract: Abstract("A randomised controlled trial of self-management."))),
                state: state[b]),
        ]
    }

    @Test func sameCellsAsTheCSV() throws {
        let bytes = try sheet.exportXLSX(studies())
        let read = try Workbook.readSheet(bytes, preferredSheet: "charting")
        let csv = try CSV.parse(sheet.export(studies()), delimiter: ",")
        // Row numbers: a workbook row is one row; a CSV line count also counts line breaks inside cells.
        #expect(read.rows.map(\.number) == Array(1...csv.count))
        for (row, csvRow) in zip(read.rows, csv) {
            var fields = row.fields()
            fields += Array(repeating: "", count: max(0, csvRow.fields.count - fields.count))
            // The one difference: a control character the CSV keeps and XML cannot hold.
            #expect(fields == csvRow.fields.map { $0.replacingOccurrences(of: "\u{1}", with: "") })
        }
        let codebook = try Workbook.readSheet(bytes, preferredSheet: "codebook")
        #expect(codebook.rows.first?.fields() == ["column", "type", "required", "value", "label_en", "label_nl"])
        #expect(
            codebook.rows.contains {
                $0.fields() == ["design", "single_choice", "yes", "cluster_rct", "Cluster RCT", "Cluster-RCT"]
            })
        #expect(
            codebook.rows.contains {
                $0.fields() == [
                    "outcomes.effectiveness.direction", "findings", "yes", "no_difference", "no difference",
                    "geen verschil",
                ]
            })
    }

    @Test func exportThenImportGivesTheSameEntriesAsTheCSVRoute() throws {
        let keys: Set<RecordKey> = ["pmid:1", "doi:10.1/x"]
        let viaCSV = sheet.importCSV(sheet.export(studies(), delimiter: ";"), file: "sheet.csv", knownStudies: keys)
        let viaXLSX = try sheet.importSheet(try sheet.exportXLSX(studies()), file: "sheet.xlsx", knownStudies: keys)
        #expect(viaCSV.problems == [])
        #expect(viaXLSX.problems == [])
        #expect(viaXLSX.values == viaCSV.values)
        #expect(viaXLSX.values["pmid:1"]?["duration_months"] == .some(.number(2.5)))
        #expect(
            viaXLSX.values["pmid:1"]?["outcomes"]
                == .some(
                    .findings([
                        OutcomeFinding(
                            outcome: "effectiveness", direction: .mixed, measure: "HbA1c; BP",
                            finding: "=lower, \"not\" <significant>")
                    ])))
        #expect(viaXLSX.values["doi:10.1/x"]?["setting_region"] == .some(.text("Gent\r\nGhent _x0041_")))
        let state = ChartingState(entries: [])
        let a = viaCSV.entries(reviewer: "bram", time: "t", protocolHash: "h", state: state)
        let b = viaXLSX.entries(reviewer: "bram", time: "t", protocolHash: "h", state: state)
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func badCellsGiveTheSameErrorsAsCSV() throws {
        let columns = sheet.columns
        func row(_ values: [String: String]) -> [String] { columns.map { values[$0] ?? "" } }
        let rows = [
            columns,
            row(["study": "pmid:1", "design": "rtc", "duration_months": "twelve"]),
            row(["study": "pmid:9"]),
            row(["study": "pmid:1"]),
            row([
                "study": "pmid:2", "outcomes.effectiveness.measure": "HbA1c", "design": "Cluster RCT",
                "duration_months": "1,5",
            ]),
        ]
        let csv = rows.map { CSV.row($0) }.joined()
        let book = Workbook(sheets: [.init(name: "charting", rows: rows.map { $0.map(Workbook.Cell.text) })])
        let fromCSV = sheet.importCSV(csv, file: "sheet", knownStudies: ["pmid:1", "pmid:2"])
        let fromXLSX = try sheet.importXLSX(try book.xlsx(), file: "sheet", knownStudies: ["pmid:1", "pmid:2"])
        #expect(fromXLSX == fromCSV)
        #expect(
            fromXLSX.problems.map(\.description).first
                == "sheet:2:6: error: (design) unknown choice 'rtc'; expected one of rct, cluster_rct, cohort, protocol"
        )
        #expect(fromXLSX.problems.count == 5)
    }

    @Test func aValueRightOfTheHeaderIsReportedWithItsColumn() throws {
        let columns = sheet.columns
        var extra = columns.map { _ in Workbook.Cell.empty }
        extra[0] = .text("pmid:1")
        extra += [.empty, .empty, .text("stray note")]
        let book = Workbook(sheets: [.init(name: "charting", rows: [columns.map(Workbook.Cell.text), extra])])
        let result = try sheet.importXLSX(try book.xlsx(), file: "s.xlsx")
        let last = Workbook.columnName(columns.count + 2)
        #expect(
            result.problems.map(\.description) == [
                "s.xlsx:2:\(columns.count + 3): error: a value in column \(last), right of the last named column (\(Workbook.columnName(columns.count - 1))); move it into a named column or delete it"
            ])
        #expect(result.values.isEmpty)
    }

    @Test func theSheetIsFoundByContentNotName() throws {
        let bytes = try sheet.exportXLSX(studies())
        let result = try sheet.importSheet(bytes, file: "sheet.csv")
        #expect(result.problems == [])
        #expect(result.values.count == 2)
        #expect(try sheet.exportXLSX(studies()) == bytes, "the same sheet gives the same bytes")
    }
}
