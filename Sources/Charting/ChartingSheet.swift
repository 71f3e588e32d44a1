public import Bibliography
public import Protocol

/// The charting sheet for teams that chart in a spreadsheet: one row per study, one column per
/// field (a `findings` field gives three columns per outcome: direction, measure, finding).
///
/// Cells hold ids: choice ids joined with `; `, directions as `favourable`, `no_difference`,
/// `unfavourable`, `mixed` (the English or Dutch labels are read back too).
public struct ChartingSheet: Sendable {
    public let codebook: Codebook

    public init(codebook: Codebook) {
        self.codebook = codebook
    }

    /// One study to put on the sheet, with what was charted for it so far.
    public struct Row: Sendable {
        public var study: Study
        public var state: StudyChartingState?

        public init(study: Study, state: StudyChartingState? = nil) {
            self.study = study
            self.state = state
        }
    }

    /// Columns that describe the study, not charted (read back only for `study`).
    public static let infoColumns = ["study", "first_author", "record_year", "record_title"]

    /// The sheet's columns: `study`, `first_author`, `record_year`, `record_title`, then the fields.
    public var columns: [String] {
        var out = ChartingSheet.infoColumns
        for field in codebook.fields {
            if field.type == .findings {
                for outcome in field.choices {
                    out += [
                        "\(field.id).\(outcome.id).direction", "\(field.id).\(outcome.id).measure",
                        "\(field.id).\(outcome.id).finding",
                    ]
                }
            } else {
                out.append(field.id)
            }
        }
        return out
    }

    /// The sheet's rows below the header, one per study in key order: current values, else
    /// suggestions. Years and number fields are numbers; everything else is text.
    public func table(_ studies: [Row]) -> [[Workbook.Cell]] {
        let form = ChartingForm(codebook: codebook)
        var table: [[Workbook.Cell]] = []
        for entry in studies.sorted(by: { $0.study.key < $1.study.key }) {
            let record = entry.study.record
            var cells: [Workbook.Cell] = [
                .text(entry.study.key.rawValue), .text(record.authors.first?.family ?? ""),
                record.year.map { .number(Double($0)) } ?? .empty, .text(record.title),
            ]
            let rows = form.rows(for: record, state: entry.state)
            for row in rows {
                let value = row.prefill?.value
                if row.field.type == .findings {
                    let findings = value?.findingList ?? []
                    for outcome in row.field.choices {
                        let f = findings.first { $0.outcome == outcome.id }
                        if let f {
                            cells += [
                                .text(f.direction?.rawValue ?? "?"), .text(f.measure ?? ""), .text(f.finding ?? ""),
                            ]
                        } else {
                            cells += [.empty, .empty, .empty]
                        }
                    }
                } else if case .number(let n) = value {
                    cells.append(.number(n))
                } else {
                    cells.append(.text(value.map(ChartingSheet.cell) ?? ""))
                }
            }
            table.append(cells)
        }
        return table
    }

    /// The sheet as CSV (UTF-8 with BOM, CRLF): current values, else suggestions.
    ///
    /// - Parameter delimiter: `,`, or `;` for spreadsheets set to Dutch.
    public func export(_ studies: [Row], delimiter: Character = ",") -> String {
        var out = CSV.byteOrderMark + CSV.row(columns, delimiter: delimiter)
        for cells in table(studies) {
            out += CSV.row(cells.map(ChartingSheet.text), delimiter: delimiter)
        }
        return out
    }

    /// The sheet as an Excel workbook (.xlsx): the same columns and rows as the CSV on a
    /// `charting` tab (header bold and frozen, columns as wide as their values, text columns
    /// formatted as text, drop-down lists of choice ids and directions), and a `codebook` tab
    /// listing each column's allowed values with their English and Dutch labels.
    ///
    /// - Throws: ``Workbook/WriteError`` for a value longer than Excel allows in a cell.
    public func exportXLSX(_ studies: [Row]) throws(Workbook.WriteError) -> [UInt8] {
        let header = columns
        var numberColumns: Set<Int> = [2]
        var dropDowns: [Workbook.DropDown] = []
        let directions = FindingDirection.allCases.map(\.rawValue)
        for (i, name) in header.enumerated() {
            if let field = codebook.field(name), field.type != .findings {
                if field.type == .number { numberColumns.insert(i) }
                if field.type.hasChoices { dropDowns.append(.init(column: i, values: field.choices.map(\.id))) }
            } else if name.hasSuffix(".direction") {
                dropDowns.append(.init(column: i, values: directions))
            }
        }
        let charting = Workbook.Sheet(
            name: "charting", rows: [header.map(Workbook.Cell.text)] + table(studies),
            textColumns: Set(header.indices).subtracting(numberColumns), dropDowns: dropDowns
        )
        return try Workbook(sheets: [charting, codebookSheet()]).xlsx()
    }

    /// The `codebook` tab: per column, what it takes.
    func codebookSheet() -> Workbook.Sheet {
        var rows: [[Workbook.Cell]] = [
            ["column", "type", "required", "value", "label_en", "label_nl"].map(Workbook.Cell.text)
        ]
        func add(_ column: String, _ field: CodebookField, _ value: String, _ label: LocalizedText?) {
            rows.append(
                [column, field.type.rawValue, field.required ? "yes" : "no", value, label?.en ?? "", label?.nl ?? ""]
                    .map(Workbook.Cell.text))
        }
        for field in codebook.fields {
            switch field.type {
            case .findings:
                for outcome in field.choices {
                    for direction in FindingDirection.allCases {
                        add("\(field.id).\(outcome.id).direction", field, direction.rawValue, direction.label)
                    }
                    add(
                        "\(field.id).\(outcome.id).measure", field, "",
                        LocalizedText(
                            en: "\(outcome.label.en): what was measured", nl: "\(outcome.label.nl): wat is gemeten"))
                    add(
                        "\(field.id).\(outcome.id).finding", field, "",
                        LocalizedText(
                            en: "\(outcome.label.en): the finding in words",
                            nl: "\(outcome.label.nl): de bevinding in woorden"))
                }
            case .singleChoice, .multipleChoice:
                for choice in field.choices { add(field.id, field, choice.id, choice.label) }
            case .text, .number:
                add(field.id, field, "", field.label)
            }
        }
        return Workbook.Sheet(name: "codebook", rows: rows, textColumns: Set(0..<6))
    }

    /// A cell as CSV text: numbers as ``FieldValue/format(_:)`` writes them.
    static func text(_ cell: Workbook.Cell) -> String {
        switch cell {
        case .text(let s): s
        case .number(let n): FieldValue.format(n)
        }
    }

    static func cell(_ value: FieldValue) -> String {
        switch value {
        case .text(let s): s
        case .number(let n): FieldValue.format(n)
        case .choices(let ids): ids.joined(separator: "; ")
        case .findings: ""
        }
    }
}
