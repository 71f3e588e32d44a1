/// A study for the stages after dedup: its key, the record that stands for it, and the
/// databases whose exports hold it.
///
/// The one value every stage passes around (screening, charting, synthesis); a stage that knows
/// more about a study (a reason, a label, a charting state) holds a `Study` beside it rather than
/// copying its fields.
public struct Study: Hashable, Sendable {
    /// The study's key: the dedup cluster's canonical key, or the record's own before dedup.
    public var key: RecordKey
    /// The record that stands for the study (the cluster's canonical record).
    public var record: Record
    /// The databases whose exports hold it, in name order. The synthesis stage names them by the
    /// protocol's source ids (`pubmed`, `embase`).
    public var databases: [String]

    public init(key: RecordKey, record: Record, databases: [String] = []) {
        self.key = key
        self.record = record
        self.databases = databases
    }
}
