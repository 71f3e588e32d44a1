import Bibliography
import Charting

/// Exports for other tools: every screening decision, and ASReview's labelled layout.
public enum SynthesisExports {
    /// `screening.csv`: every decision of every reviewer, in time order (ties in the order
    /// given): `time,reviewer,stage,reconciles,key,decision,reason,note,order,protocol`.
    public static func screeningCSV(_ decisions: [DecisionRow]) -> String {
        let ordered = decisions.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
        var out = CSV.row([
            "time", "reviewer", "stage", "reconciles", "key", "decision", "reason", "note", "order", "protocol",
        ])
        for d in ordered {
            out += CSV.row([
                d.time, d.reviewer, d.stage, d.reconciles ?? "", d.key.rawValue, d.decision, d.reason ?? "",
                d.note ?? "", d.order ?? "",
                d.protocolHash ?? "",
            ])
        }
        return out
    }

    /// `asreview.csv`: `record_id,title,abstract,authors,year,doi,label_included`, records in
    /// key order, `record_id` numbered from 1 in that order, label 1 (passed title/abstract
    /// screening), 0 (excluded) or empty (undecided).
    public static func asreviewCSV(_ labels: [LabelRow]) -> String {
        var out = CSV.row(["record_id", "title", "abstract", "authors", "year", "doi", "label_included"])
        for (i, row) in labels.sorted(by: { $0.study.key < $1.study.key }).enumerated() {
            let label = row.included.map { $0 ? "1" : "0" } ?? ""
            let record = row.study.record
            out += CSV.row([
                String(i + 1), record.title, record.abstract.text,
                record.authors.map(\.displayName).joined(separator: "; "),
                record.year.map(String.init) ?? "", record.doi ?? "", label,
            ])
        }
        return out
    }
}
