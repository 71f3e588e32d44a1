/// Scores a deduplication against labelled groups the way the bib-dedupe benchmark does,
/// per record: TP = a duplicate removed, FP = a record wrongly removed (a false merge),
/// FN = a duplicate kept, TN = a record rightly kept.
public struct BenchmarkScore: Hashable, Codable, Sendable {
    public var records: Int
    public var tp = 0
    public var fp = 0
    public var fn = 0
    public var tn = 0
    /// Predicted clusters that join records of different labelled studies: the false merges.
    public var falseMerges: [[String]] = []
    /// Labelled groups split over several clusters: the duplicates missed, as the kept ids.
    public var missed: [[String]] = []

    public var sensitivity: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    public var specificity: Double { tn + fp == 0 ? 1 : Double(tn) / Double(tn + fp) }
    public var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    public var f1: Double {
        let p = precision
        let s = sensitivity
        return p + s == 0 ? 0 : 2 * p * s / (p + s)
    }

    /// Scores `clusters` (one kept id each: the canonical key) against `groups`.
    ///
    /// - Parameters:
    ///   - allIDs: every record id of the set.
    ///   - clusters: the predicted clusters; the first id of each is the one kept.
    ///   - groups: the labelled groups of duplicates.
    public init(allIDs: [String], clusters: [[String]], groups: [[String]]) {
        records = allIDs.count
        var kept = Set<String>()
        for c in clusters { if let k = c.first { kept.insert(k) } }
        var groupOf: [String: Int] = [:]
        for (g, ids) in groups.enumerated() { for id in ids { groupOf[id] = g } }
        for id in allIDs where groupOf[id] == nil {
            if kept.contains(id) { tn += 1 } else { fp += 1 }
        }
        for ids in groups {
            let n = ids.filter(kept.contains).count
            if n == 0 {
                fp += 1
                tp += ids.count - 1
            } else {
                tn += 1
                fn += n - 1
                tp += ids.count - n
            }
            if n > 1 { missed.append(ids.filter(kept.contains)) }
        }
        for c in clusters where c.count > 1 {
            let labels = Set(c.map { groupOf[$0].map { "g\($0)" } ?? "u:" + $0 })
            if labels.count > 1 { falseMerges.append(c) }
        }
    }
}
