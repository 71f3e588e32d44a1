/// A study for the stages after dedup: its key, the record that stands for it, and the
/// databases whose exports hold it.
///
/// The one value every stage passes around (screening, charting, synthesis); a stage that knows
/// more about a study (a reason, a label, a charting state) holds a `Study` beside it rather than
/// copying its fields.
///
/// The record is kept in a shared, immutable box (a value still: setting it makes a new box), so
/// a `Study` is a few words: the filtered lists of studies every report and queue makes (the
/// eligible ones, those at full text) copy no record, and a list of 200,000 studies whose
/// records are not read (a screening queue lists them by key) takes a few megabytes, not the
/// hundreds an empty `Record` in each would.
public struct Study: Hashable, Sendable {
    /// The study's key: the dedup cluster's canonical key, or the record's own before dedup.
    public var key: RecordKey
    /// The record that stands for the study (the cluster's canonical record).
    public var record: Record {
        get { storage.record }
        set { storage = RecordBox(newValue) }
    }
    /// The databases whose exports hold it, in name order. The synthesis stage names them by the
    /// protocol's source ids (`pubmed`, `embase`).
    public var databases: [String]
    private var storage: RecordBox

    public init(key: RecordKey, record: Record, databases: [String] = []) {
        self.key = key
        storage = RecordBox(record)
        self.databases = databases
    }

    /// A study whose record is not read (empty; every `Study` made so shares one box).
    public init(key: RecordKey, databases: [String]) {
        self.key = key
        storage = RecordBox.empty
        self.databases = databases
    }

    public static func == (a: Study, b: Study) -> Bool {
        a.key == b.key && a.databases == b.databases && (a.storage === b.storage || a.record == b.record)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(record)
        hasher.combine(databases)
    }
}

/// A record behind a reference, never changed after it is made.
private final class RecordBox: Sendable {
    let record: Record
    static let empty = RecordBox(Record())

    init(_ record: Record) { self.record = record }
}
