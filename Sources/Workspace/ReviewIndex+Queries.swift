public import Bibliography
import Formats
import Foundation
import GRDB

/// A record as the index holds it: the record and where it came from.
public struct IndexedRecord: Sendable, Equatable {
    public var key: RecordKey
    public var record: Bibliography.Record
    /// The export file it was read from (relative to the review folder).
    public var file: String
    /// The database that file is a search of.
    public var database: String
    /// The date of that search, when known.
    public var searchedOn: String?
    /// The line where the record starts in its file.
    public var line: Int
    /// Its 1-based position in its file.
    public var position: Int
}

/// One imported export, as the index records it.
public struct ImportInfo: Sendable, Equatable, Codable {
    public var path: String
    public var sha256: String
    public var format: String
    public var database: String
    public var searchedOn: String?
    public var records: Int
    public var deletions: Int
    public var warnings: [String]
}

extension ReviewIndex {
    /// Every import, in path order.
    public func imports() throws -> [ImportInfo] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM import ORDER BY path").map { row in
                ImportInfo(
                    path: row["path"], sha256: row["sha256"], format: row["format"], database: row["database"],
                    searchedOn: row["searchedOn"], records: row["recordCount"], deletions: row["deletionCount"],
                    warnings: (row["warnings"] as String).split(separator: "\n").map(String.init)
                )
            }
        }
    }

    /// Records in file order (file path, then position), or those matching a full-text query
    /// (best match first). Records withdrawn by a PubMed `DeleteCitation` are left out.
    ///
    /// - Parameters:
    ///   - query: words to find in title, abstract, keywords or MeSH (all must match; `term*`
    ///     matches a prefix; `OR` between words matches either), or nil for every record.
    ///   - limit: at most this many records.
    public func records(matching query: String? = nil, limit: Int? = nil) throws -> [IndexedRecord] {
        var sql = """
            SELECT r.key, r.data, r.line, r.position, i.path, i.database, i.searchedOn
            FROM record r JOIN import i ON i.id = r.importId
            """
        var arguments: StatementArguments = []
        let match = query.flatMap(FullTextQuery.match(for:))
        if let match {
            sql += " JOIN record_fts f ON f.rowid = r.id WHERE record_fts MATCH ? AND"
            arguments += [match]
        } else {
            sql += " WHERE"
        }
        sql += " (r.pmid IS NULL OR r.pmid NOT IN (SELECT pmid FROM deletion))"
        sql += match == nil ? " ORDER BY i.path, r.position" : " ORDER BY f.rank, i.path, r.position"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        if match != nil { try updateFullTextIndex() }
        return try writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(indexedRecord(from:))
        }
    }

    /// Brings the full-text index (FTS5 over title, abstract, keywords and MeSH) up to date
    /// with the records: imports do not feed it, the first search after them does, so ingest and
    /// `scoping run`, which never search, do not pay for it (it is most of an import's SQLite
    /// time; docs/benchmarks.md). Rows of deleted records leave it with them (a trigger).
    /// Returns the number of records indexed now.
    @discardableResult
    public func updateFullTextIndex() throws -> Int {
        try writer.write { db in
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT r.id FROM record r
                    WHERE NOT EXISTS (SELECT 1 FROM record_fts f WHERE f.rowid = r.id)
                    ORDER BY r.id
                    """)
            let insert = try db.cachedStatement(
                sql: "INSERT INTO record_fts (rowid, title, abstract, keywords, mesh) VALUES (?, ?, ?, ?, ?)")
            // In slices, so memory holds a few hundred records whatever the index size.
            for start in stride(from: 0, to: ids.count, by: 256) {
                let slice = ids[start..<min(start + 256, ids.count)]
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT id, data FROM record WHERE id IN (\(slice.map(String.init).joined(separator: ",")))")
                for row in rows {
                    let record = try storedRecord(row)
                    try insert.execute(arguments: [
                        row["id"] as Int64, record.title, record.abstract.text,
                        record.keywords.joined(separator: "; "), record.mesh.map(\.descriptor).joined(separator: "; "),
                    ])
                }
            }
            return ids.count
        }
    }

    /// Every copy of the record with `key` (one per export that holds it), in file order.
    public func records(key: RecordKey) throws -> [IndexedRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.key, r.data, r.line, r.position, i.path, i.database, i.searchedOn
                    FROM record r JOIN import i ON i.id = r.importId
                    WHERE r.key = ? ORDER BY i.path, r.position
                    """, arguments: [key.rawValue]
            ).map(indexedRecord(from:))
        }
    }

    /// Calls `body` with every live record in file order, without loading them all at once.
    public func forEachRecord(_ body: (IndexedRecord) throws -> Void) throws {
        try writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.key, r.data, r.line, r.position, i.path, i.database, i.searchedOn
                    FROM record r JOIN import i ON i.id = r.importId
                    WHERE (r.pmid IS NULL OR r.pmid NOT IN (SELECT pmid FROM deletion))
                    ORDER BY i.path, r.position
                    """)
            while let row = try rows.next() { try body(try indexedRecord(from: row)) }
        }
    }

    /// The number of live records.
    public func recordCount() throws -> Int {
        try writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM record WHERE pmid IS NULL OR pmid NOT IN (SELECT pmid FROM deletion)")
                ?? 0
        }
    }

    func indexedRecord(from row: Row) throws -> IndexedRecord {
        let record = try storedRecord(row)
        return IndexedRecord(
            key: RecordKey(rawValue: row["key"]), record: record, file: row["path"], database: row["database"],
            searchedOn: row["searchedOn"], line: row["line"], position: row["position"]
        )
    }
}

extension ReviewIndex {
    /// True when `name` is `<key>.pdf` for a record or study this index knows: what `scoping serve`
    /// checks before it serves `fulltext/<name>`. Reads keys only (no record is decoded).
    public func knowsFullText(named name: String) throws -> Bool {
        guard name.hasSuffix(".pdf"), !name.contains("/") else { return false }
        let stem = String(name.dropLast(4))
        return try writer.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM record WHERE \(FullText.fileStemSQL("key")) = ?1)
                        OR EXISTS (SELECT 1 FROM dedup_cluster WHERE \(FullText.fileStemSQL("key")) = ?1)
                    """, arguments: [stem]) ?? false
        }
    }
}

/// Turns what a user types into a safe FTS5 query.
enum FullTextQuery {
    /// `group consult*` → `"group" "consult"*`; `copd OR astma` keeps the OR. Quotes and FTS5
    /// operators typed by the user are neutralised. Nil when no word is left.
    static func match(for input: String) -> String? {
        var parts: [String] = []
        for raw in input.split(whereSeparator: { $0.isWhitespace }) {
            if raw == "OR" || raw == "NOT" || raw == "AND" {
                if !parts.isEmpty { parts.append(String(raw)) }
                continue
            }
            let prefix = raw.hasSuffix("*")
            let word = raw.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" }
                .replacingOccurrences(of: "-", with: " ")
            guard !word.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            parts.append("\"" + word.replacingOccurrences(of: "\"", with: "") + "\"" + (prefix ? "*" : ""))
        }
        while let last = parts.last, ["OR", "NOT", "AND"].contains(last) { parts.removeLast() }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
