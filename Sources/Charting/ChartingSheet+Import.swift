public import Bibliography
import Protocol

/// A problem in one cell (or row) of an imported charting sheet.
public struct SheetProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the row in the file.
    public var row: Int
    /// 1-based column, or nil for a problem with the whole row.
    public var column: Int?
    /// The column's header, when known.
    public var columnName: String?
    public var message: String

    public init(file: String, row: Int, column: Int?, columnName: String?, message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    /// `charting.csv:4:7: error: (design) unknown choice 'rtc'; expected one of rct, cluster_rct, …`
    public var description: String {
        var s = "\(file):\(row)"
        if let column { s += ":\(column)" }
        s += ": error: "
        if let columnName { s += "(\(columnName)) " }
        return s + message
    }
}

/// What an imported sheet holds: values per study, and the problems found.
public struct SheetImport: Hashable, Sendable {
    /// Per study, per field: the value (nil for an empty cell).
    public var values: [RecordKey: [String: FieldValue?]]
    /// One per bad row or cell, in file order. Rows with problems are left out of `values`.
    public var problems: [SheetProblem]

    /// Log entries for the values that differ from `state`: role `chart`, status `confirmed`.
    /// An empty cell clears a value only where one was charted before.
    ///
    /// - Complexity: O(studies × fields).
    public func entries(reviewer: String, time: String, protocolHash: String?, state: ChartingState) -> [ChartingEntry]
    {
        var out: [ChartingEntry] = []
        for key in values.keys.sorted() {
            guard let fields = values[key] else { continue }
            let current = state[key]
            for id in fields.keys.sorted() {
                let value = fields[id] ?? nil
                let before = current.fields[id]?.value
                if value == before, current.fields[id]?.isCharted == true { continue }
                if value == nil, before == nil { continue }
                out.append(
                    ChartingEntry(
                        study: key, field: id, value: value, status: .confirmed, role: .chart, reviewer: reviewer,
                        time: time, protocolHash: protocolHash))
            }
        }
        return out
    }
}

extension ChartingSheet {
    /// Reads a sheet written by ``export(_:delimiter:)`` or ``exportXLSX(_:)`` (and edited in
    /// a spreadsheet): an .xlsx workbook when the bytes start with the zip magic (`PK\3\4`),
    /// whatever the file's name, else CSV in UTF-8.
    ///
    /// - Throws: ``WorkbookReadError`` when a workbook cannot be read at all (not a zip, a
    ///   part missing or malformed); problems in cells are in the result, as for CSV.
    public func importSheet(_ bytes: [UInt8], file: String, knownStudies: Set<RecordKey>? = nil)
        throws(WorkbookReadError) -> SheetImport
    {
        if Zip.isArchive(bytes) { return try importXLSX(bytes, file: file, knownStudies: knownStudies) }
        return importCSV(String(decoding: bytes, as: UTF8.self), file: file, knownStudies: knownStudies)
    }

    /// Reads an .xlsx workbook written by ``exportXLSX(_:)``: the `charting` tab, else the
    /// first. Rows and columns in problems are the spreadsheet's (row 1 is the header, column
    /// 1 is A), with the same checks as ``importCSV(_:file:knownStudies:)``.
    ///
    /// - Throws: ``WorkbookReadError`` when the workbook cannot be read.
    public func importXLSX(_ bytes: [UInt8], file: String, knownStudies: Set<RecordKey>? = nil)
        throws(WorkbookReadError) -> SheetImport
    {
        let sheet = try Workbook.readSheet(bytes, preferredSheet: "charting")
        guard let header = sheet.rows.first else {
            return SheetImport(
                values: [:],
                problems: [
                    SheetProblem(
                        file: file, row: 1, column: nil, columnName: nil,
                        message: "the sheet '\(sheet.name)' is empty; export one with `scoping chart export --xlsx`")
                ])
        }
        let width = header.fields().count
        let rows = sheet.rows.enumerated().map { i, row in
            let overflow =
                i == 0
                ? nil
                : row.cells.first { $0.column >= width }.map {
                    Overflow(
                        column: $0.column + 1,
                        message:
                            "a value in column \(Workbook.columnName($0.column)), right of the last named column (\(Workbook.columnName(width - 1))); move it into a named column or delete it"
                    )
                }
            return SheetRow(line: row.number, fields: row.fields(limit: i == 0 ? 16_384 : width), overflow: overflow)
        }
        return importRows(rows, file: file, knownStudies: knownStudies)
    }

    /// Reads a CSV sheet written by ``export(_:delimiter:)`` (and edited in a spreadsheet).
    ///
    /// The delimiter is detected from the header. Unknown columns, unknown studies (when
    /// `knownStudies` is given), duplicate rows, unknown choices, bad numbers and directions
    /// each give a ``SheetProblem`` naming the row and column.
    public func importCSV(_ text: String, file: String, knownStudies: Set<RecordKey>? = nil) -> SheetImport {
        let rows: [CSV.Row]
        do {
            rows = try CSV.parse(
                text,
                delimiter: CSV.detectDelimiter(text.hasPrefix(CSV.byteOrderMark) ? String(text.dropFirst()) : text))
        } catch {
            return SheetImport(
                values: [:],
                problems: [
                    SheetProblem(file: file, row: error.line, column: nil, columnName: nil, message: error.message)
                ])
        }
        let width = rows.first?.fields.count ?? 0
        return importRows(
            rows.enumerated().map { i, row in
                let overflow =
                    i > 0 && row.fields.count > width
                    ? Overflow(
                        column: width + 1,
                        message: "\(row.fields.count) cells but \(width) columns; check for an unquoted delimiter")
                    : nil
                return SheetRow(line: row.line, fields: row.fields, overflow: overflow)
            }, file: file, knownStudies: knownStudies)
    }

    /// A cell right of the header's last column, and what to say about it.
    struct Overflow {
        var column: Int
        var message: String
    }

    /// One row of a sheet, from CSV or a workbook: its line or row number and its cells.
    struct SheetRow {
        var line: Int
        var fields: [String]
        var overflow: Overflow?
    }

    /// The checks and values shared by CSV and workbook sheets.
    func importRows(_ rows: [SheetRow], file: String, knownStudies: Set<RecordKey>?) -> SheetImport {
        var problems: [SheetProblem] = []
        var values: [RecordKey: [String: FieldValue?]] = [:]
        guard let header = rows.first else {
            return SheetImport(
                values: [:],
                problems: [
                    SheetProblem(
                        file: file, row: 1, column: nil, columnName: nil,
                        message: "the sheet is empty; export one with `scoping chart export`")
                ])
        }
        let names = header.fields.map { $0.trimmingSpacesAndNewlines() }
        guard let studyColumn = names.firstIndex(of: "study") else {
            return SheetImport(
                values: [:],
                problems: [
                    SheetProblem(
                        file: file, row: header.line, column: nil, columnName: nil,
                        message: "no 'study' column; keep the header row of the exported sheet")
                ])
        }
        // Map columns to fields.
        enum Target {
            case info
            case plain(CodebookField)
            case finding(CodebookField, outcome: String, part: String)
        }
        var targets: [Target] = []
        for (i, name) in names.enumerated() {
            if ChartingSheet.infoColumns.contains(name) || name.isEmpty {
                targets.append(.info)
            } else if let field = codebook.field(name), field.type != .findings {
                targets.append(.plain(field))
            } else {
                let parts = name.split(separator: ".").map(String.init)
                if parts.count == 3, let field = codebook.field(parts[0]), field.type == .findings,
                    field.choice(parts[1]) != nil,
                    ["direction", "measure", "finding"].contains(parts[2])
                {
                    targets.append(.finding(field, outcome: parts[1], part: parts[2]))
                } else {
                    problems.append(
                        SheetProblem(
                            file: file, row: header.line, column: i + 1, columnName: name,
                            message: "unknown column; expected a codebook field id"))
                    targets.append(.info)
                }
            }
        }
        var seen: [RecordKey: Int] = [:]
        for row in rows.dropFirst() {
            let cells = row.fields
            let rawKey = studyColumn < cells.count ? cells[studyColumn].trimmingSpacesAndNewlines() : ""
            guard !rawKey.isEmpty else {
                problems.append(
                    SheetProblem(
                        file: file, row: row.line, column: studyColumn + 1, columnName: "study", message: "no study key"
                    ))
                continue
            }
            let key = RecordKey(rawValue: rawKey)
            if let first = seen[key] {
                problems.append(
                    SheetProblem(
                        file: file, row: row.line, column: studyColumn + 1, columnName: "study",
                        message: "the study '\(rawKey)' is on row \(first) already"))
                continue
            }
            seen[key] = row.line
            if let knownStudies, !knownStudies.contains(key) {
                problems.append(
                    SheetProblem(
                        file: file, row: row.line, column: studyColumn + 1, columnName: "study",
                        message: "'\(rawKey)' is not an included study"))
                continue
            }
            if let overflow = row.overflow {
                problems.append(
                    SheetProblem(
                        file: file, row: row.line, column: overflow.column, columnName: nil, message: overflow.message))
                continue
            }
            var rowProblems: [SheetProblem] = []
            var fields: [String: FieldValue?] = [:]
            // `unknown`: the direction cell says `?`, "reported, direction not known yet", as in
            // `scoping chart` (and as the sheet writes a suggested outcome).
            var findings:
                [String: [String: (
                    direction: FindingDirection?, unknown: Bool, measure: String?, finding: String?, column: Int
                )]] = [:]
            for (i, target) in targets.enumerated() {
                let raw = i < cells.count ? cells[i].trimmingSpacesAndNewlines() : ""
                switch target {
                case .info: continue
                case .plain(let field):
                    switch parse(raw, for: field) {
                    case .success(let value): fields[field.id] = .some(value)
                    case .failure(let message):
                        rowProblems.append(
                            SheetProblem(
                                file: file, row: row.line, column: i + 1, columnName: names[i], message: message))
                    }
                case .finding(let field, let outcome, let part):
                    var entry = findings[field.id, default: [:]][outcome] ?? (nil, false, nil, nil, i + 1)
                    guard !raw.isEmpty else {
                        findings[field.id, default: [:]][outcome] = entry
                        continue
                    }
                    switch part {
                    case "direction":
                        switch FieldValueText.direction(raw) {
                        case .some(.some(let d)): entry.direction = d
                        case .some(.none): entry.unknown = true
                        case .none:
                            rowProblems.append(
                                SheetProblem(
                                    file: file, row: row.line, column: i + 1, columnName: names[i],
                                    message: "unknown direction '\(raw)'; \(FieldValueText.directionsExpected)"))
                        }
                        entry.column = i + 1
                    case "measure": entry.measure = raw
                    default: entry.finding = raw
                    }
                    findings[field.id, default: [:]][outcome] = entry
                }
            }
            for field in codebook.fields where field.type == .findings {
                guard let perOutcome = findings[field.id] else { continue }
                var list: [OutcomeFinding] = []
                for outcome in field.choices {
                    guard let e = perOutcome[outcome.id] else { continue }
                    if e.direction == nil && !e.unknown && e.measure == nil && e.finding == nil { continue }
                    if e.direction == nil && !e.unknown {
                        let name = "\(field.id).\(outcome.id).direction"
                        if !rowProblems.contains(where: { $0.columnName == name }) {
                            rowProblems.append(
                                SheetProblem(
                                    file: file, row: row.line,
                                    column: names.firstIndex(of: name).map { $0 + 1 } ?? e.column, columnName: name,
                                    message:
                                        "a finding without a direction; fill in favourable, no_difference, unfavourable, mixed or ? (not known yet), or clear the outcome's cells"
                                ))
                        }
                        continue
                    }
                    list.append(
                        OutcomeFinding(
                            outcome: outcome.id, direction: e.direction, measure: e.measure, finding: e.finding))
                }
                fields[field.id] = list.isEmpty ? .some(nil) : .some(.findings(list))
            }
            if rowProblems.isEmpty {
                values[key] = fields
            } else {
                problems += rowProblems.sorted { ($0.column ?? 0) < ($1.column ?? 0) }
            }
        }
        return SheetImport(values: values, problems: problems)
    }

    enum CellResult {
        case success(FieldValue?)
        case failure(String)
    }

    /// A cell's value for `field` (nil for an empty cell), read with the one grammar for typed
    /// values (``FieldValueText``); findings have a column per outcome and part, read above.
    func parse(_ raw: String, for field: CodebookField) -> CellResult {
        guard !raw.isEmpty else { return .success(nil) }
        do throws(FieldValueText.Problem) {
            switch field.type {
            case .text: return .success(.text(raw))
            case .number: return .success(.number(try FieldValueText.number(raw)))
            case .singleChoice, .multipleChoice: return .success(.choices(try FieldValueText.choices(raw, of: field)))
            case .findings: return .success(nil)
            }
        } catch {
            return .failure(error.message)
        }
    }
}
