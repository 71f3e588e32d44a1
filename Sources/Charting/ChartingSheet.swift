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

    /// One study to put on the sheet.
    public struct Study: Sendable {
        public var key: RecordKey
        public var record: Record
        public var state: StudyChartingState?

        public init(key: RecordKey, record: Record, state: StudyChartingState? = nil) {
            self.key = key
            self.record = record
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
                    out += ["\(field.id).\(outcome.id).direction", "\(field.id).\(outcome.id).measure", "\(field.id).\(outcome.id).finding"]
                }
            } else {
                out.append(field.id)
            }
        }
        return out
    }

    /// The sheet as CSV (UTF-8 with BOM, CRLF): current values, else suggestions.
    ///
    /// - Parameter delimiter: `,`, or `;` for spreadsheets set to Dutch.
    public func export(_ studies: [Study], delimiter: Character = ",") -> String {
        let form = ChartingForm(codebook: codebook)
        var out = CSV.byteOrderMark + CSV.row(columns, delimiter: delimiter)
        for study in studies.sorted(by: { $0.key < $1.key }) {
            var cells = [study.key.rawValue, study.record.authors.first?.family ?? "", study.record.year.map(String.init) ?? "", study.record.title]
            let rows = form.rows(for: study.record, state: study.state)
            for row in rows {
                let value = row.prefill?.value
                if row.field.type == .findings {
                    let findings = value?.findingList ?? []
                    for outcome in row.field.choices {
                        let f = findings.first { $0.outcome == outcome.id }
                        if let f {
                            cells += [f.direction?.rawValue ?? "?", f.measure ?? "", f.finding ?? ""]
                        } else {
                            cells += ["", "", ""]
                        }
                    }
                } else {
                    cells.append(value.map(ChartingSheet.cell) ?? "")
                }
            }
            out += CSV.row(cells, delimiter: delimiter)
        }
        return out
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
