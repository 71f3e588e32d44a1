import Bibliography

/// A minimal Office Open XML workbook (SpreadsheetML, ECMA-376): sheets of text and number
/// cells, written as an .xlsx package that Excel, LibreOffice and Numbers open.
///
/// What it writes: `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml`,
/// `xl/_rels/workbook.xml.rels`, `xl/styles.xml` and one `xl/worksheets/sheetN.xml` per sheet.
/// Text goes into inline strings (`t="inlineStr"`), never into a formula, so a cell that
/// starts with `=` stays text. Every value is XML-escaped; characters XML 1.0 forbids (most
/// C0 controls, U+FFFE, U+FFFF) are dropped.
public struct Workbook: Sendable {
    /// One cell's value.
    public enum Cell: Hashable, Sendable {
        case text(String)
        case number(Double)

        /// The empty cell (not written).
        public static let empty = Cell.text("")
    }

    /// A drop-down list offered in some cells of a column. Anything else may be typed too
    /// (the import checks values); the list is there to help.
    public struct DropDown: Hashable, Sendable {
        /// 0-based column.
        public var column: Int
        /// The values offered.
        public var values: [String]

        public init(column: Int, values: [String]) {
            self.column = column
            self.values = values
        }
    }

    /// One worksheet.
    public struct Sheet: Sendable {
        /// The tab's name (at most 31 characters, none of `[]:*?/\`).
        public var name: String
        /// The rows, the first one the header (bold, frozen when `freezeHeader`).
        public var rows: [[Cell]]
        /// Keep the first row in view while scrolling.
        public var freezeHeader: Bool
        /// 0-based columns formatted as text (`@`), so what is typed there later is not turned
        /// into a date or a number.
        public var textColumns: Set<Int>
        /// Drop-down lists below the header.
        public var dropDowns: [DropDown]

        public init(
            name: String, rows: [[Cell]], freezeHeader: Bool = true, textColumns: Set<Int> = [],
            dropDowns: [DropDown] = []
        ) {
            self.name = name
            self.rows = rows
            self.freezeHeader = freezeHeader
            self.textColumns = textColumns
            self.dropDowns = dropDowns
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// The most characters a cell may hold in Excel.
    public static let maximumCellLength = 32_767

    /// A problem that keeps the workbook from being written.
    public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The workbook as .xlsx bytes (a zip archive).
    ///
    /// - Throws: ``WriteError`` for a text over ``maximumCellLength`` characters (Excel would
    ///   refuse the file) or a workbook too large for a zip archive.
    public func xlsx() throws(WriteError) -> [UInt8] {
        var members: [Zip.Member] = [
            .init(path: "[Content_Types].xml", data: Array(contentTypes.utf8)),
            .init(path: "_rels/.rels", data: Array(Workbook.packageRelationships.utf8)),
            .init(path: "xl/workbook.xml", data: Array(workbookXML.utf8)),
            .init(path: "xl/_rels/workbook.xml.rels", data: Array(workbookRelationships.utf8)),
            .init(path: "xl/styles.xml", data: Array(Workbook.styles.utf8)),
        ]
        for (i, sheet) in sheets.enumerated() {
            members.append(
                .init(
                    path: "xl/worksheets/sheet\(i + 1).xml",
                    data: Array(try Workbook.worksheet(sheet, selected: i == 0).utf8)))
        }
        do {
            return try Zip.archive(members)
        } catch {
            throw WriteError(message: "cannot pack the workbook: \(error)")
        }
    }

    // MARK: Package parts

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    var contentTypes: String {
        var s = Workbook.header
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in sheets.indices {
            s +=
                #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        s +=
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        return s + "</Types>"
    }

    static let packageRelationships =
        header
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    var workbookXML: String {
        var s = Workbook.header
        s += #"<workbook xmlns="\#(Workbook.mainNamespace)" xmlns:r="\#(Workbook.relationshipNamespace)">"#
        s += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            s +=
                #"<sheet name="\#(XMLText.escape(Workbook.sheetName(sheet.name)))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    var workbookRelationships: String {
        var s =
            Workbook.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            s +=
                #"<Relationship Id="rId\#(i + 1)" Type="\#(Workbook.relationshipNamespace)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s +=
            #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(Workbook.relationshipNamespace)/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    /// Cell formats (`s` attribute): 0 normal, 1 bold (the header), 2 text (`@`, number
    /// format 49).
    static let styles =
        header
        + #"<styleSheet xmlns="\#(mainNamespace)">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheet(_ sheet: Sheet, selected: Bool) throws(WriteError) -> String {
        let columnCount = max(1, sheet.rows.map(\.count).max() ?? 1)
        let rowCount = max(1, sheet.rows.count)
        var s = header
        s += #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        s += #"<dimension ref="A1:\#(columnName(columnCount - 1))\#(rowCount)"/>"#
        s += #"<sheetViews><sheetView workbookViewId="0""# + (selected ? #" tabSelected="1""# : "") + ">"
        if sheet.freezeHeader {
            s += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            s += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        s += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (i, width) in columnWidths(sheet.rows, columns: columnCount).enumerated() {
            let style = sheet.textColumns.contains(i) ? #" style="2""# : ""
            s += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(width)" customWidth="1"\#(style)/>"#
        }
        s += "</cols><sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            s += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = columnName(c) + String(r + 1)
                let style = r == 0 && sheet.freezeHeader ? #" s="1""# : sheet.textColumns.contains(c) ? #" s="2""# : ""
                switch cell {
                case .number(let n) where n.isFinite:
                    s += #"<c r="\#(ref)"\#(style)><v>\#(FieldValue.format(n))</v></c>"#
                case .number(let n):
                    s += #"<c r="\#(ref)"\#(style) t="inlineStr"><is><t>\#(n)</t></is></c>"#
                case .text(let text):
                    guard !text.isEmpty else { continue }
                    guard text.utf16.count <= maximumCellLength else {
                        throw WriteError(
                            message:
                                "cell \(ref) of sheet '\(sheet.name)' holds \(text.utf16.count) characters; Excel takes at most \(maximumCellLength) (export CSV instead, or shorten it)"
                        )
                    }
                    let space =
                        text.first?.isWhitespace == true || text.last?.isWhitespace == true
                        ? #" xml:space="preserve""# : ""
                    s += #"<c r="\#(ref)"\#(style) t="inlineStr"><is><t\#(space)>\#(escapeCellText(text))</t></is></c>"#
                }
            }
            s += "</row>"
        }
        s += "</sheetData>"
        let lists = sheet.dropDowns.compactMap { dropDown -> String? in
            // An inline list: values without commas or quotes, at most 255 characters in all.
            let list = dropDown.values.joined(separator: ",")
            guard !dropDown.values.isEmpty, list.count <= 255,
                !dropDown.values.contains(where: { $0.contains(",") || $0.contains("\"") })
            else { return nil }
            let column = columnName(dropDown.column)
            return
                #"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="0" sqref="\#(column)2:\#(column)\#(max(2, rowCount))">"#
                + "<formula1>\(XMLText.escape("\"" + list + "\""))</formula1></dataValidation>"
        }
        if !lists.isEmpty {
            s += #"<dataValidations count="\#(lists.count)">"# + lists.joined() + "</dataValidations>"
        }
        s += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        return s + "</worksheet>"
    }

    /// Widths in characters: the longest value of the column (header included), between 8 and 60.
    static func columnWidths(_ rows: [[Cell]], columns: Int) -> [Int] {
        var widths = Array(repeating: 8, count: columns)
        for (r, row) in rows.enumerated() {
            for (c, cell) in row.enumerated() {
                let length: Int
                switch cell {
                case .text(let text):
                    length = text.split(whereSeparator: \.isNewline).map(\.count).max() ?? 0
                case .number(let n): length = FieldValue.format(n).count
                }
                // Bold header text is a little wider.
                widths[c] = max(widths[c], min(60, length + (r == 0 ? 3 : 2)))
            }
        }
        return widths
    }

    /// `A` for 0, `Z` for 25, `AA` for 26: a spreadsheet column's letters.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A valid tab name: forbidden characters replaced, at most 31 characters.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Sheet" : cleaned
    }

    /// Cell text: `XMLText.escape(_:)`, and an underscore that would start an OOXML escape
    /// (`_x0041_`, which Excel reads as `A`) written as `_x005F_` so the text reads back as typed.
    static func escapeCellText(_ text: String) -> String {
        guard text.contains("_x") else { return XMLText.escape(text) }
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if chars[i] == "_", SpreadsheetText.isEscape(chars, at: i) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(chars[i])
            }
            i += 1
        }
        return XMLText.escape(String(out))
    }
}

/// OOXML's own escape in string values: `_xHHHH_` stands for the UTF-16 unit HHHH.
enum SpreadsheetText {
    /// True when `scalars[i...]` starts with `_xHHHH_`.
    static func isEscape(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 7 <= scalars.count, scalars[i] == "_", scalars[i + 1] == "x", scalars[i + 6] == "_" else {
            return false
        }
        return scalars[(i + 2)..<(i + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// `text` with every `_xHHHH_` replaced by the character it stands for (surrogate pairs
    /// joined; a lone surrogate becomes U+FFFD).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var units: [UInt16] = []
        var i = 0
        while i < scalars.count {
            if isEscape(scalars, at: i),
                let unit = UInt16(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16)
            {
                units.append(unit)
                i += 7
            } else {
                units.append(contentsOf: String(scalars[i]).utf16)
                i += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
