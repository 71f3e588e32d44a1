import XMLSupport
// Not Foundation: XMLSupport brings libxml2's headers, which pull in ICU's, which clash with
// Foundation's own ICU module in the same file.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A problem reading an .xlsx file: which part, where in it, and what is wrong.
public struct WorkbookReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The package part (`xl/worksheets/sheet1.xml`), or nil for the file as a whole.
    public var part: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(part: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.part = part
        self.line = line
        self.column = column
        self.message = message
    }

    /// `xl/worksheets/sheet1.xml:3:15: malformed XML: …`
    public var description: String {
        var s = part ?? ""
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return (s.isEmpty ? "" : s + ": ") + message
    }
}

extension Workbook {
    /// One non-empty row of a worksheet as read back: its 1-based number and its cells' text
    /// by 0-based column (sparse: empty cells are left out).
    public struct ReadRow: Hashable, Sendable {
        public var number: Int
        public var cells: [(column: Int, text: String)]

        public static func == (a: ReadRow, b: ReadRow) -> Bool {
            a.number == b.number && a.cells.elementsEqual(b.cells) { $0.column == $1.column && $0.text == $1.text }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(number)
            for cell in cells {
                hasher.combine(cell.column)
                hasher.combine(cell.text)
            }
        }

        /// The cells from column A on, empty strings in the gaps; at most `limit` of them.
        public func fields(limit: Int = 16_384) -> [String] {
            guard let last = cells.last else { return [] }
            var out = Array(repeating: "", count: min(last.column + 1, limit))
            for cell in cells where cell.column < out.count { out[cell.column] = cell.text }
            return out
        }
    }

    /// The rows of one worksheet of an .xlsx file (ours, or one saved by Excel, LibreOffice,
    /// Google Sheets or Numbers).
    ///
    /// The sheet is the one named `preferredSheet` if there is one, else the first. Cells may
    /// be shared strings, inline strings (rich text runs joined, phonetic runs left out),
    /// formula results (the cached value), numbers (written as ``FieldValue/format(_:)``
    /// writes them: `12`, `2.5`), booleans (`TRUE`, `FALSE`) or errors (`#N/A`). OOXML escapes
    /// (`_x000D_`) are decoded.
    ///
    /// - Parameter limit: the most bytes a part may unpack to.
    /// - Throws: ``WorkbookReadError`` when the file is not a zip archive, a part is missing,
    ///   damaged or not well-formed XML, or a cell reference is out of Excel's range.
    public static func readSheet(_ bytes: [UInt8], preferredSheet: String? = nil, limit: Int = 256 << 20)
        throws(WorkbookReadError) -> (name: String, rows: [ReadRow])
    {
        let archive: Zip.Archive
        do {
            archive = try Zip.Archive(bytes)
        } catch {
            throw WorkbookReadError(part: error.member, "not a readable .xlsx file: \(error.message)")
        }
        func part(_ path: String) throws(WorkbookReadError) -> [UInt8]? {
            do {
                return try archive.read(path, limit: limit)
            } catch {
                throw WorkbookReadError(part: path, error.message)
            }
        }
        // The package's relationships name the workbook part.
        var workbookPath = "xl/workbook.xml"
        if let rels = try part("_rels/.rels") {
            let list = try Relationships.parse(rels, part: "_rels/.rels")
            if let office = list.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPath = PartPath.resolve(office.target, from: "")
            }
        }
        guard let workbookXML = try part(workbookPath) else {
            throw WorkbookReadError(
                part: workbookPath, "the file has no workbook part: it is a zip archive, but not an .xlsx workbook")
        }
        let sheets = try SheetList.parse(workbookXML, part: workbookPath)
        guard let sheet = sheets.first(where: { $0.name == preferredSheet }) ?? sheets.first else {
            throw WorkbookReadError(part: workbookPath, "the workbook lists no worksheet")
        }
        let folder = PartPath.folder(of: workbookPath)
        let relsPath = folder + "_rels/" + PartPath.fileName(of: workbookPath) + ".rels"
        var sheetPath = folder + "worksheets/sheet1.xml"
        var sharedStringsPath = folder + "sharedStrings.xml"
        if let rels = try part(relsPath) {
            let list = try Relationships.parse(rels, part: relsPath)
            if let target = list.first(where: { $0.id == sheet.relationship })?.target {
                sheetPath = PartPath.resolve(target, from: folder)
            }
            if let target = list.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
                sharedStringsPath = PartPath.resolve(target, from: folder)
            }
        }
        var shared: [String] = []
        if let xml = try part(sharedStringsPath) {
            shared = try SharedStrings.parse(xml, part: sharedStringsPath)
        }
        guard let sheetXML = try part(sheetPath) else {
            throw WorkbookReadError(part: sheetPath, "the worksheet '\(sheet.name)' is missing from the file")
        }
        return (sheet.name, try WorksheetRows.parse(sheetXML, part: sheetPath, sharedStrings: shared))
    }
}

/// Paths of parts inside a package.
enum PartPath {
    /// `xl/` for `xl/workbook.xml`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// A relationship target relative to `folder` (or absolute, from the package root), with
    /// `.` and `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var parts: [Substring] = []
        for piece in joined.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }
}

/// Receives the elements of one XML part (local names, namespaces ignored).
protocol XMLPartHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws(WorkbookReadError)
    func end(_ name: String)
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Parses one XML part in memory through XMLSupport's `SAXParser` (libxml2's SAX2 parser with
/// the safe options every XML reader here uses: no network, no DTD loading, no entity
/// substitution, libxml2's size limits on, entity declarations refused), handing local names
/// and attributes as strings to an ``XMLPartHandler``.
final class XMLPart: SAXContentHandler {
    private unowned(unsafe) let handler: any XMLPartHandler
    private var failure: WorkbookReadError?
    private unowned(unsafe) var parser: SAXParser?

    private init(handler: any XMLPartHandler) {
        self.handler = handler
    }

    /// Feeds `bytes` to `handler`.
    /// - Throws: ``WorkbookReadError`` for XML that is not well-formed, or the handler's error.
    static func parse(_ bytes: [UInt8], part: String, handler: any XMLPartHandler) throws(WorkbookReadError) {
        let reader = XMLPart(handler: handler)
        let parser = SAXParser(handler: reader, fileName: part)
        reader.parser = parser
        do throws(SAXParser.Failure) {
            try bytes.withUnsafeBufferPointer { buffer throws(SAXParser.Failure) in try parser.feed(buffer) }
            try parser.finish()
        } catch {
            switch error {
            case .stopped(let error as WorkbookReadError): throw error
            case .stopped(let error): throw WorkbookReadError(part: part, "\(error)")
            case .malformed(let diagnostic):
                throw WorkbookReadError(
                    part: part, line: diagnostic.line, column: diagnostic.column, "malformed XML: " + diagnostic.message
                )
            }
        }
    }

    func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes) {
        guard failure == nil else { return }
        var dict: [String: String] = [:]
        if let base = attributes.base {
            for i in 0..<attributes.count {
                guard let local = base[5 * i], let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
                dict[String(cString: local)] = SAXAttributes.decode(
                    UnsafeBufferPointer(start: start, count: end - start))
            }
        }
        do throws(WorkbookReadError) {
            try handler.start(String(cString: name), dict)
        } catch {
            failure = error
            parser?.stop(error)
        }
    }

    func endElement(_ name: UnsafePointer<UInt8>) {
        guard failure == nil else { return }
        handler.end(String(cString: name))
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        handler.text(text)
    }

    func unresolvedEntity(_ name: String) {}
}

/// `<Relationship Id Type Target/>` elements of a `.rels` part.
final class Relationships: XMLPartHandler {
    struct Item {
        var id: String
        var type: String
        var target: String
    }
    var items: [Item] = []

    static func parse(_ bytes: [UInt8], part: String) throws(WorkbookReadError) -> [Item] {
        let handler = Relationships()
        try XMLPart.parse(bytes, part: part, handler: handler)
        return handler.items
    }

    func start(_ name: String, _ attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        items.append(Item(id: id, type: attributes["Type"] ?? "", target: target))
    }

    func end(_ name: String) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// The `<sheet name r:id/>` list of `xl/workbook.xml`, in tab order.
final class SheetList: XMLPartHandler {
    struct Item {
        var name: String
        var relationship: String
    }
    var items: [Item] = []

    static func parse(_ bytes: [UInt8], part: String) throws(WorkbookReadError) -> [Item] {
        let handler = SheetList()
        try XMLPart.parse(bytes, part: part, handler: handler)
        return handler.items
    }

    func start(_ name: String, _ attributes: [String: String]) {
        guard name == "sheet" else { return }
        items.append(Item(name: attributes["name"] ?? "", relationship: attributes["id"] ?? ""))
    }

    func end(_ name: String) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// The strings of `xl/sharedStrings.xml`: each `<si>`'s `<t>` runs joined, phonetic runs
/// (`<rPh>`) left out.
final class SharedStrings: XMLPartHandler {
    var strings: [String] = []
    private var buffer: [UInt8] = []
    private var inText = false
    private var phonetic = 0

    static func parse(_ bytes: [UInt8], part: String) throws(WorkbookReadError) -> [String] {
        let handler = SharedStrings()
        try XMLPart.parse(bytes, part: part, handler: handler)
        return handler.strings
    }

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": buffer.removeAll(keepingCapacity: true)
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "si": strings.append(SpreadsheetText.unescape(String(decoding: buffer, as: UTF8.self)))
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { buffer.append(contentsOf: bytes) }
    }
}

/// The rows of a worksheet part.
final class WorksheetRows: XMLPartHandler {
    private let sharedStrings: [String]
    private let part: String
    var rows: [Workbook.ReadRow] = []

    private var rowNumber = 0
    private var cells: [(column: Int, text: String)] = []
    private var column = -1
    private var type = "n"
    private var reference = ""
    private var value: [UInt8] = []
    private var inline: [UInt8] = []
    private var inValue = false
    private var inInlineText = false
    private var inInline = false
    private var phonetic = 0

    private init(sharedStrings: [String], part: String) {
        self.sharedStrings = sharedStrings
        self.part = part
    }

    static func parse(_ bytes: [UInt8], part: String, sharedStrings: [String]) throws(WorkbookReadError) -> [Workbook
        .ReadRow]
    {
        let handler = WorksheetRows(sharedStrings: sharedStrings, part: part)
        try XMLPart.parse(bytes, part: part, handler: handler)
        return handler.rows
    }

    /// Excel's limits: 1,048,576 rows, 16,384 columns (`XFD`).
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    func start(_ name: String, _ attributes: [String: String]) throws(WorkbookReadError) {
        switch name {
        case "row":
            if let r = attributes["r"] {
                guard let n = Int(r), n >= 1, n <= WorksheetRows.maximumRow, n > rowNumber else {
                    throw WorkbookReadError(part: part, "row number '\(r)' is out of range or out of order")
                }
                rowNumber = n
            } else {
                rowNumber += 1
            }
            cells = []
            column = -1
        case "c":
            reference = attributes["r"] ?? ""
            if !reference.isEmpty {
                guard let c = WorksheetRows.column(of: reference), c > column else {
                    throw WorkbookReadError(
                        part: part, "cell reference '\(reference)' is not a cell of row \(rowNumber) or is out of order"
                    )
                }
                column = c
            } else {
                column += 1
            }
            guard column < WorksheetRows.maximumColumn else {
                throw WorkbookReadError(part: part, "row \(rowNumber) has a cell past column XFD, Excel's last")
            }
            type = attributes["t"] ?? "n"
            value.removeAll(keepingCapacity: true)
            inline.removeAll(keepingCapacity: true)
        case "v": inValue = true
        case "is": inInline = true
        case "rPh": phonetic += 1
        case "t": inInlineText = inInline && phonetic == 0
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "v": inValue = false
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "t": inInlineText = false
        case "c":
            let text = cellText()
            if !text.isEmpty { cells.append((column, text)) }
        case "row":
            if !cells.isEmpty { rows.append(Workbook.ReadRow(number: rowNumber, cells: cells)) }
        default: break
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inValue { value.append(contentsOf: bytes) } else if inInlineText { inline.append(contentsOf: bytes) }
    }

    private func cellText() -> String {
        let raw = String(decoding: value, as: UTF8.self)
        switch type {
        case "s":
            guard let i = Int(raw.trimmingSpaces()), sharedStrings.indices.contains(i) else { return raw }
            return sharedStrings[i]
        case "inlineStr":
            return SpreadsheetText.unescape(String(decoding: inline, as: UTF8.self))
        case "str":
            return SpreadsheetText.unescape(raw)
        case "b":
            return raw.trimmingSpaces() == "1" ? "TRUE" : raw.trimmingSpaces() == "0" ? "FALSE" : raw
        case "n":
            let trimmed = raw.trimmingSpaces()
            guard let n = Double(trimmed), n.isFinite else { return raw }
            return FieldValue.format(n)
        default:  // "e" (an error such as #N/A), "d" (an ISO 8601 date): as written
            return raw
        }
    }

    /// The 0-based column of a reference such as `AB12`, or nil when it is not one.
    static func column(of reference: String) -> Int? {
        var n = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 65...90: n = n * 26 + Int(scalar.value - 64)
            case 97...122: n = n * 26 + Int(scalar.value - 96)
            default:
                guard letters > 0, (48...57).contains(scalar.value) else { return nil }
                return n - 1
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? n - 1 : nil
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
