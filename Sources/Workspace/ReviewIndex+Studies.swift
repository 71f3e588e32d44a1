public import Bibliography
import Foundation
import GRDB

extension ReviewIndex {
    /// The studies the stages after dedup work on.
    ///
    /// When dedup has run since the imports last changed (``deduplicate(humanDecisions:options:)``):
    /// one study per cluster, keyed by the cluster's canonical key, standing for the canonical
    /// record (the best field of every member), with every database that found any member, in
    /// order of the cluster's first record in file order.
    ///
    /// Otherwise (never run, or an ingest since): one per record key (copies of one record in
    /// several exports share a key), standing for the record's first copy in file order, with
    /// every database that found it.
    ///
    /// - Complexity: O(records).
    public func studies() throws -> [Study] {
        if let clustered = try dedupStudies() { return clustered }
        var order: [RecordKey] = []
        var byKey: [RecordKey: Study] = [:]
        try forEachRecord { item in
            if var study = byKey[item.key] {
                if !study.databases.contains(item.database) { study.databases.append(item.database) }
                byKey[item.key] = study
            } else {
                order.append(item.key)
                byKey[item.key] = Study(key: item.key, record: item.record, databases: [item.database])
            }
        }
        return order.compactMap { key in
            byKey[key].map {
                var s = $0
                s.databases.sort()
                return s
            }
        }
    }

    /// One study per cluster of the last dedup run, or nil when that run is not current.
    func dedupStudies() throws -> [Study]? {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return nil }
            return try Row.fetchAll(db, sql: "SELECT key, data, databases FROM dedup_cluster ORDER BY position").map {
                row in
                let databases: String = row["databases"]
                return Study(
                    key: RecordKey(rawValue: row["key"]),
                    record: try storedRecord(row),
                    databases: databases.split(separator: "\n").map(String.init)
                )
            }
        }
    }
}
