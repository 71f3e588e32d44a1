public import Bibliography

/// The records of one screening stage, built once and then only read: their keys in file order,
/// the databases that found each, the ranking's features, and the records themselves (held, or
/// read one at a time when shown). Every reviewer's ``ScreeningQueue`` at that stage refers to
/// it by row instead of holding a copy, so a server with ten reviewers keeps one.
public final class ScreeningCorpus: Sendable {
    /// The records' keys (``Record/key``), one per row, in file order.
    public let keys: [RecordKey]
    /// The databases that found each row's study.
    public let databases: [[String]]
    /// The ranking's features of the rows; nil when the corpus was built for another order.
    public let features: RankingFeatures?
    private let rowOfKey: [RecordKey: Int]
    private let records: [Record]?
    private let load: (@Sendable (Int) -> Record)?

    /// A corpus holding its records.
    ///
    /// - Parameters:
    ///   - databases: one list per record (empty: none known).
    ///   - features: for ranked order (``RankingFeatures/init(documents:includeTerms:options:)``
    ///     over these records); nil otherwise.
    public convenience init(records: [Record], databases: [[String]] = [], features: RankingFeatures?) {
        self.init(records: records, keys: records.map(\.key), databases: databases, features: features)
    }

    /// - Precondition: `keys` are the records' keys (computed once by the caller).
    public convenience init(
        records: [Record], keys: [RecordKey], databases: [[String]] = [], features: RankingFeatures?
    ) {
        precondition(records.count == keys.count, "one key per record")
        self.init(keys: keys, databases: databases, features: features, records: records, load: nil)
    }

    /// A corpus whose records are read when shown (`load(row)`, called from any thread), so a
    /// stage of 100,000 records does not hold them all.
    ///
    /// - Precondition: `features`, when given, has one row per key; `databases` is empty or has one list per key.
    public convenience init(
        keys: [RecordKey], databases: [[String]], features: RankingFeatures?, load: @escaping @Sendable (Int) -> Record
    ) {
        self.init(keys: keys, databases: databases, features: features, records: nil, load: load)
    }

    private init(
        keys: [RecordKey], databases: [[String]], features: RankingFeatures?, records: [Record]?,
        load: (@Sendable (Int) -> Record)?
    ) {
        precondition(features == nil || features?.count == keys.count, "one row of features per record")
        precondition(databases.isEmpty || databases.count == keys.count, "one list of databases per record")
        self.keys = keys
        self.databases = databases.isEmpty ? Array(repeating: [], count: keys.count) : databases
        self.features = features
        self.records = records
        self.load = load
        rowOfKey = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var count: Int { keys.count }

    /// The row of `key` (its first, if a key came twice).
    public func row(of key: RecordKey) -> Int? { rowOfKey[key] }

    /// The record of `row`: held, or read now.
    public func record(at row: Int) -> Record {
        if let records { return records[row] }
        return load?(row) ?? Record()
    }
}
