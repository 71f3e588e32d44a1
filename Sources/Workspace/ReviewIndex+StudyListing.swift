public import Bibliography
import Foundation
import GRDB

/// A study as the index lists it without its record: what a screening queue needs before a
/// record is shown.
public struct StudyListing: Sendable, Hashable {
    public var key: RecordKey
    /// The databases whose exports hold it, in name order.
    public var databases: [String]
}

extension ReviewIndex {
    /// The studies of ``studies()`` without their records (no record decoded), when dedup is
    /// current; nil otherwise (the studies are then made from the records: use ``studies()``).
    ///
    /// - Complexity: O(studies), reading two short columns.
    public func studyListing() throws -> [StudyListing]? {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return nil }
            return try Row.fetchAll(db, sql: "SELECT key, databases FROM dedup_cluster ORDER BY position").map { row in
                let databases: String = row["databases"]
                return StudyListing(
                    key: RecordKey(rawValue: row["key"]), databases: databases.split(separator: "\n").map(String.init))
            }
        }
    }

    /// True when the stored eligibility verdicts cover exactly the studies of ``studyListing()``
    /// and were all computed under the protocol `sha256` (the verdicts ``ReviewFolder/snapshot(index:loaded:studies:)``
    /// takes as they are, without reading any record).
    public func storedVerdictsAreCurrent(protocolSha256 sha256: String) throws -> Bool {
        try writer.read { db in
            let studies = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedup_cluster") ?? 0
            guard studies > 0,
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) AS n, SUM(e.protocolSha256 = ?) AS current,
                            (SELECT COUNT(*) FROM eligibility) AS total
                        FROM eligibility e JOIN dedup_cluster c ON c.key = e.key
                        """, arguments: [sha256])
            else { return false }
            let n: Int = row["n"]
            let current: Int = row["current"] ?? 0
            let total: Int = row["total"]
            return n == studies && total == studies && current == studies
        }
    }

    /// The records standing for the studies `keys` (as ``studies()`` gives them when dedup is
    /// current), read in study order; a key the index lacks is left out.
    ///
    /// - Parameter body: called with each study's key and record, in study order.
    /// - Complexity: reads every study's row, decodes only the wanted ones.
    public func forEachStudyRecord(among keys: Set<RecordKey>, _ body: (RecordKey, Bibliography.Record) throws -> Void)
        throws
    {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT key, data FROM dedup_cluster ORDER BY position")
            while let row = try rows.next() {
                let key = RecordKey(rawValue: row["key"])
                guard keys.contains(key) else { continue }
                try body(key, try storedRecord(row))
            }
        }
    }

    /// The record standing for the study `key` (dedup's canonical record), or nil when there is none.
    public func studyRecord(key: RecordKey) throws -> Bibliography.Record? {
        try writer.read { db in
            let sql = "SELECT data FROM dedup_cluster WHERE key = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [key.rawValue]) else { return nil }
            return try storedRecord(row)
        }
    }
}

extension ReviewFolder {
    /// ``snapshot(index:loaded:studies:)`` without reading any record when the index allows it
    /// (dedup current, the stored verdicts this protocol's: as `scoping run` leaves it): every
    /// study's ``Study/record`` is then empty, so the snapshot serves counts, status, agreement
    /// and the flow, never a record's text. Otherwise the snapshot with every record.
    ///
    /// - Returns: the snapshot, and whether its studies hold their records.
    /// - Complexity: O(studies + log entries), reading two short columns per study instead of
    ///   every record (on 200,000 records: megabytes instead of gigabytes).
    public func snapshotWithoutRecords(index: ReviewIndex, loaded: LoadedProtocol) throws -> (
        snapshot: ReviewSnapshot, recordsRead: Bool
    ) {
        if let listing = try index.studyListing(), try index.storedVerdictsAreCurrent(protocolSha256: loaded.sha256) {
            let studies = listing.map { Study(key: $0.key, databases: $0.databases) }
            return (try snapshot(index: index, loaded: loaded, studies: studies), false)
        }
        return (try snapshot(index: index, loaded: loaded), true)
    }
}
