import Foundation

/// One line of `scoping bench dedup`: a set, its score and the time taken.
public struct BenchmarkRow: Codable, Sendable {
    public var set: String
    public var records: Int
    public var tp: Int
    public var fp: Int
    public var fn: Int
    public var tn: Int
    public var sensitivity: Double
    public var specificity: Double
    public var f1: Double
    /// Wall-clock seconds of the dedup stage alone (loading excluded).
    public var seconds: Double
    /// Pairs left for a person.
    public var uncertain: Int

    public init(set: String, score: BenchmarkScore, seconds: Double, uncertain: Int) {
        self.set = set
        records = score.records
        tp = score.tp
        fp = score.fp
        fn = score.fn
        tn = score.tn
        sensitivity = score.sensitivity
        specificity = score.specificity
        f1 = score.f1
        self.seconds = seconds
        self.uncertain = uncertain
    }

    /// Sums the counts of several rows (the ratios recomputed from the sums).
    public static func pooled(_ rows: [BenchmarkRow]) -> BenchmarkRow {
        var s = BenchmarkScore(allIDs: [], clusters: [], groups: [])
        s.records = rows.reduce(0) { $0 + $1.records }
        s.tp = rows.reduce(0) { $0 + $1.tp }
        s.fp = rows.reduce(0) { $0 + $1.fp }
        s.fn = rows.reduce(0) { $0 + $1.fn }
        s.tn = rows.reduce(0) { $0 + $1.tn }
        return BenchmarkRow(
            set: "pooled", score: s, seconds: rows.reduce(0) { $0 + $1.seconds },
            uncertain: rows.reduce(0) { $0 + $1.uncertain })
    }
}

/// Renders benchmark rows; returns strings, never prints.
public enum BenchmarkReport {
    /// A Markdown table (it reads as plain text in a terminal too).
    public static func table(_ rows: [BenchmarkRow]) -> String {
        var out = "| set | records | TP | FP | FN | TN | sensitivity | specificity | F1 | uncertain | seconds |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for r in rows {
            out +=
                "| \(r.set) | \(r.records) | \(r.tp) | \(r.fp) | \(r.fn) | \(r.tn) | \(fixed(r.sensitivity, 4)) | \(fixed(r.specificity, 4)) | \(fixed(r.f1, 4)) | \(r.uncertain) | \(fixed(r.seconds, 3)) |\n"
        }
        return out
    }

    /// JSON: an array of rows, keys sorted.
    public static func json(_ rows: [BenchmarkRow]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(rows) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func fixed(_ v: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", v)
    }
}
