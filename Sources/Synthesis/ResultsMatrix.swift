import Charting
public import Protocol

/// The charting table: one row per included study, one column per codebook field.
public enum ResultsMatrix {
    /// `matrix.csv`: `reference,study,key,year,title` then one column per codebook field (headed
    /// by its id), values in `language` (choice labels, findings as `outcome: direction (measure)`).
    /// UTF-8 with BOM and CRLF, for spreadsheets.
    public static func csv(_ input: SynthesisInput, language: ReportLanguage, delimiter: Character = ",") -> String {
        let catalogue = StudyCatalogue(input)
        let fields = input.reviewProtocol.codebook.fields
        var out =
            CSV.byteOrderMark
            + CSV.row(["reference", "study", "key", "year", "title"] + fields.map(\.id), delimiter: delimiter)
        for entry in catalogue.entries {
            var cells = [
                String(entry.number), entry.label, entry.key.rawValue, entry.study.record.year.map(String.init) ?? "",
                entry.study.record.title,
            ]
            for field in fields {
                cells.append(value(entry, field, language, findingsDetail: true) ?? "")
            }
            out += CSV.row(cells, delimiter: delimiter)
        }
        return out
    }

    /// `matrix.md`: the same table in markdown, headed by the fields' labels.
    public static func markdown(_ input: SynthesisInput, language: ReportLanguage) -> String {
        let s = ReportStrings.table(language)
        let catalogue = StudyCatalogue(input)
        let fields = input.reviewProtocol.codebook.fields
        var out = "# " + s.matrixTitle + "\n\n"
        out += "_" + input.reviewProtocol.review.title.text(in: language) + "_\n\n"
        let header = ["#", s.studyColumn, s.yearColumn] + fields.map { Markdown.escape($0.label.text(in: language)) }
        var rows: [[String]] = []
        for entry in catalogue.entries {
            var row: [String] = [
                String(entry.number), Markdown.escape(entry.label), entry.study.record.year.map(String.init) ?? "",
            ]
            for field in fields {
                if let text = value(entry, field, language, findingsDetail: true) {
                    row.append(Markdown.escape(text))
                } else {
                    row.append(entry.charting == nil ? "_" + s.notCharted + "_" : "")
                }
            }
            rows.append(row)
        }
        out += Markdown.table(header: header, rows: rows)
        return out
    }

    /// The text of one cell; nil when nothing is charted for the field.
    static func value(
        _ entry: StudyCatalogue.Entry, _ field: CodebookField, _ language: ReportLanguage, findingsDetail: Bool
    ) -> String? {
        guard let value = entry.charting?.values[field.id] else { return nil }
        if case .findings(let list) = value, findingsDetail {
            return list.map { f in
                var s = (field.choice(f.outcome)?.label.text(in: language) ?? f.outcome) + ": "
                s += f.direction.map { $0.label.text(in: language) } ?? "?"
                if let m = f.measure, !m.isEmpty { s += " (" + m + ")" }
                if let text = f.finding, !text.isEmpty { s += " – " + text }
                return s
            }.joined(separator: "; ")
        }
        return value.display(for: field, in: language)
    }
}
