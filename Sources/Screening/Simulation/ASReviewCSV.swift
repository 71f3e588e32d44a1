import Bibliography

/// Reads labelled sets in ASReview's CSV layout: columns `title`, `abstract` and
/// `label_included` (0 or 1), other columns ignored.
public enum ASReviewCSV {
    /// The records of `text` (already read and decompressed by the caller).
    ///
    /// - Parameter labelColumn: the label to score on (default `label_included`; some sets also
    ///   have `label_abstract_screening`).
    /// - Throws: ``ScreeningError/csvImport(file:issues:)`` for a missing column, a malformed
    ///   CSV, or a label that is not 0 or 1 (each with line and column).
    public static func parse(_ text: String, file: String, labelColumn: String = "label_included") throws(ScreeningError)
        -> [LabelledRecord]
    {
        let rows: [CSVText.Row]
        do throws(CSVIssue) {
            rows = try DecisionCSV.tokenize(text)
        } catch {
            throw .csvImport(file: file, issues: [error])
        }
        guard let header = rows.first else {
            throw .csvImport(file: file, issues: [CSVIssue(line: 1, column: 0, columnName: "", message: "the file is empty")])
        }
        let names = header.fields.map { $0.lowercased() }
        var issues: [CSVIssue] = []
        func column(_ name: String) -> Int? {
            if let i = names.firstIndex(of: name) { return i }
            issues.append(CSVIssue(line: header.line, column: 0, columnName: name, message: "the column '\(name)' is missing"))
            return nil
        }
        let ti = column("title")
        let ai = column("abstract")
        let li = column(labelColumn)
        guard let ti, let ai, let li else { throw .csvImport(file: file, issues: issues) }
        var out: [LabelledRecord] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            func field(_ i: Int) -> String { i < row.fields.count ? row.fields[i] : "" }
            let label = field(li).trimmingWhitespace()
            let relevant: Bool
            switch label {
            case "1", "1.0", "true", "True", "TRUE": relevant = true
            case "0", "0.0", "false", "False", "FALSE": relevant = false
            default:
                issues.append(CSVIssue(line: row.line, column: li + 1, columnName: labelColumn, message: "'\(label)' is not a label; expected 0 or 1"))
                continue
            }
            out.append(LabelledRecord(title: field(ti), abstract: field(ai), relevant: relevant))
        }
        guard issues.isEmpty else { throw .csvImport(file: file, issues: issues) }
        return out
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
