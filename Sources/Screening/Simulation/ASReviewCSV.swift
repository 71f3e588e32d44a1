import Bibliography

/// Reads labelled sets in ASReview's CSV layout: a title and/or an abstract and a label
/// column, other columns ignored. Column names are matched without regard to case, with the names
/// ASReview itself accepts (so a set exported from ASReview LAB or taken from SYNERGY reads as
/// it is): see ``titleColumns``, ``abstractColumns`` and ``labelColumns``.
public enum ASReviewCSV {
    /// Names of the title column, the first present one used.
    public static let titleColumns = ["title", "primary_title"]
    /// Names of the abstract column, the first present one used.
    public static let abstractColumns = ["abstract", "notes_abstract", "abstract note"]
    /// Names of the label column, in ASReview's order of preference, the first present one used.
    public static let labelColumns = [
        "asreview_label", "included", "label", "final_included", "label_included", "included_label", "included_final",
        "included_flag", "include",
    ]

    /// The records of `text` (already read and decompressed by the caller); see ``read(_:file:labelColumn:)``.
    public static func parse(_ text: String, file: String, labelColumn: String? = nil) throws(ScreeningError)
        -> [LabelledRecord]
    {
        try read(text, file: file, labelColumn: labelColumn).records
    }

    /// The records of `text` (already read and decompressed by the caller), and which of the
    /// text columns the file lacks.
    ///
    /// A set may lack the title or the abstract column (as ASReview reads it: that text is
    /// empty), not both. Labels: `1`, `yes`, `y`, `true` (relevant) and `0`, `no`, `n`,
    /// `false` (not), in any case, `1.0` and `0.0` too. A simulation needs every record
    /// labelled, so an empty label is an error like any other.
    ///
    /// - Parameter labelColumn: the label column to score on; nil takes the first of
    ///   ``labelColumns`` present (some sets also have `label_abstract_screening`).
    /// - Returns: the records, and `"title"` or `"abstract"` when that column is absent.
    /// - Throws: ``ScreeningError/csvImport(file:issues:)`` for missing columns, a malformed
    ///   CSV, or a label that is not one of the above (each with line and column).
    public static func read(_ text: String, file: String, labelColumn: String? = nil) throws(ScreeningError)
        -> (records: [LabelledRecord], absent: [String])
    {
        let rows: [CSVText.Row]
        do throws(CSVIssue) {
            rows = try DecisionCSV.tokenize(text)
        } catch {
            throw .csvImport(file: file, issues: [error])
        }
        guard let header = rows.first else {
            throw .csvImport(
                file: file, issues: [CSVIssue(line: 1, column: 0, columnName: "", message: "the file is empty")])
        }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        var issues: [CSVIssue] = []
        func find(_ candidates: [String]) -> (index: Int, name: String)? {
            for name in candidates {
                if let i = names.firstIndex(of: name.lowercased()) { return (i, header.fields[i]) }
            }
            return nil
        }
        func missing(_ candidates: [String], _ what: String) {
            let expected = candidates.count == 1 ? "'\(candidates[0])'" : "one of " + candidates.joined(separator: ", ")
            issues.append(
                CSVIssue(
                    line: header.line, column: 0, columnName: candidates[0],
                    message: "no \(what) column: expected \(expected)"))
        }
        let title = find(titleColumns)
        let abstract = find(abstractColumns)
        if title == nil, abstract == nil {
            missing(titleColumns, "title")
            missing(abstractColumns, "abstract")
        }
        let labelCandidates = labelColumn.map { [$0] } ?? labelColumns
        let label = find(labelCandidates)
        if label == nil { missing(labelCandidates, "label") }
        guard title != nil || abstract != nil, let label else { throw .csvImport(file: file, issues: issues) }
        var out: [LabelledRecord] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            func field(_ i: Int) -> String { i < row.fields.count ? row.fields[i] : "" }
            let value = field(label.index).trimmingWhitespace()
            guard let relevant = Self.label(value) else {
                let message =
                    value.isEmpty
                    ? "no label: a simulation needs every record labelled (1 relevant, 0 not)"
                    : "'\(value)' is not a label; expected 1 or 0 (yes or no)"
                issues.append(
                    CSVIssue(line: row.line, column: label.index + 1, columnName: label.name, message: message))
                continue
            }
            out.append(
                LabelledRecord(
                    title: title.map { field($0.index) } ?? "", abstract: abstract.map { field($0.index) } ?? "",
                    relevant: relevant))
        }
        guard issues.isEmpty else { throw .csvImport(file: file, issues: issues) }
        return (out, (title == nil ? ["title"] : []) + (abstract == nil ? ["abstract"] : []))
    }

    /// A label cell as a decision: true relevant, false not, nil not a label.
    static func label(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "1", "1.0", "yes", "y", "true": true
        case "0", "0.0", "no", "n", "false": false
        default: nil
        }
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
