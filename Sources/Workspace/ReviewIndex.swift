import Bibliography
import Formats
import Foundation
import GRDB

/// The review's queryable index, `.scoping/index.sqlite`: every imported export, every record
/// read from it, and a full-text index over titles, abstracts, keywords and MeSH.
///
/// Derived data: it can be deleted and rebuilt from the review folder at any time. Writes go
/// through one transaction per imported file, so a malformed export leaves the index exactly
/// as it was.
public final class ReviewIndex: Sendable {
    let writer: any DatabaseWriter
    /// The index file (`:memory:` for an in-memory index), as errors name it.
    let path: String

    /// Opens (creating if needed) the index at `path`, in WAL mode, migrated to the current schema.
    /// - Throws: ``WorkspaceError/index(_:_:)`` when the file cannot be opened or migrated.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(5)
        // A new index gets 64 KiB pages (SQLite's default is 4 KiB; an existing file keeps its
        // size): records of a few kilobytes fit a page instead of spilling into overflow pages,
        // and a large import makes a twentieth of the write calls, for about a quarter less
        // SQLite CPU time and a fifth smaller file (docs/benchmarks.md).
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = \(ReviewIndex.pageSize)") }
        self.path = path
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            writer = pool
            try Self.migrator.migrate(pool)
        } catch {
            throw WorkspaceError.translating(error, index: path)
        }
    }

    /// Opens the existing index at `path` for reading only (a review folder the user may read
    /// but not write): queries work, writes throw ``WorkspaceError/readOnlyIndex(_:)``.
    /// - Throws: ``WorkspaceError/readOnlyIndex(_:)`` when the index needs a migration, which
    ///   would write; ``WorkspaceError/index(_:_:)`` when it cannot be opened.
    public init(readOnlyPath path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        self.path = path
        do {
            var queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: path, configuration: config)
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            } catch {
                // A WAL-mode file whose folder the user cannot write: SQLite cannot make the
                // shared-memory file it reads through. Read it as an immutable file instead
                // (the write-ahead log is empty: a writer checkpoints it when it closes).
                var url = URLComponents()
                url.scheme = "file"
                url.path = path
                url.queryItems = [URLQueryItem(name: "immutable", value: "1")]
                queue = try DatabaseQueue(path: url.string ?? path, configuration: config)
            }
            writer = queue
            guard try queue.read({ try Self.migrator.hasCompletedMigrations($0) }) else {
                throw WorkspaceError.readOnlyIndex(path)
            }
        } catch {
            throw WorkspaceError.translating(error, index: path)
        }
    }

    /// An in-memory index (for tests).
    public init() throws {
        let queue = try DatabaseQueue()
        writer = queue
        path = ":memory:"
        try Self.migrator.migrate(queue)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE import (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL UNIQUE,          -- relative to the review folder when inside it
                        sha256 TEXT NOT NULL,
                        format TEXT NOT NULL,
                        database TEXT NOT NULL,
                        searchedOn TEXT,                    -- ISO date of the search, when known
                        recordCount INTEGER NOT NULL,
                        deletionCount INTEGER NOT NULL,
                        warnings TEXT NOT NULL              -- one warning per line
                    );
                    CREATE TABLE record (
                        id INTEGER PRIMARY KEY,
                        importId INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,          -- 1-based order in its file
                        line INTEGER NOT NULL,              -- line where the record starts
                        key TEXT NOT NULL,
                        pmid TEXT,
                        doi TEXT,
                        year INTEGER,
                        title TEXT NOT NULL,
                        firstAuthor TEXT,
                        journal TEXT,
                        json TEXT NOT NULL                  -- the whole Record
                    );
                    CREATE INDEX record_key ON record(key);
                    CREATE INDEX record_import ON record(importId, position);
                    CREATE TABLE deletion (
                        importId INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
                        pmid TEXT NOT NULL
                    );
                    CREATE INDEX deletion_pmid ON deletion(pmid);
                    CREATE VIRTUAL TABLE record_fts USING fts5(
                        title, abstract, keywords, mesh,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    CREATE TRIGGER record_fts_delete AFTER DELETE ON record BEGIN
                        DELETE FROM record_fts WHERE rowid = old.id;
                    END;
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    INSERT INTO meta VALUES ('schema', '1');
                    """)
        }
        migrator.registerMigration("v2: eligibility") { db in
            try db.execute(
                sql: """
                    -- Every protocol text a result was computed under, so a change can be shown later.
                    CREATE TABLE protocol_version (sha256 TEXT PRIMARY KEY, text TEXT NOT NULL);
                    -- The automatic criteria's verdict per study (record key), under one protocol.
                    CREATE TABLE eligibility (
                        key TEXT PRIMARY KEY,
                        criterion TEXT,                     -- NULL: eligible
                        explanation TEXT NOT NULL,          -- one firing rule per line
                        protocolSha256 TEXT NOT NULL REFERENCES protocol_version(sha256)
                    );
                    """)
        }
        migrator.registerMigration("v3: dedup") { db in
            try db.execute(
                sql: """
                    -- The last dedup run (see ReviewIndex+Dedup.swift); meta 'dedup.imports' says which
                    -- imports it saw, so studies() falls back to one study per key after a new ingest.
                    CREATE TABLE dedup_cluster (
                        key TEXT PRIMARY KEY,               -- canonical record key (kept across runs when possible)
                        position INTEGER NOT NULL,          -- order of the cluster's first record in file order
                        json TEXT NOT NULL,                 -- the canonical Record: the best field of every member
                        databases TEXT NOT NULL             -- every database that found a member, one per line, sorted
                    );
                    CREATE TABLE dedup_member (
                        recordId INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,                  -- the record's key
                        clusterKey TEXT NOT NULL REFERENCES dedup_cluster(key) ON DELETE CASCADE,
                        removed INTEGER NOT NULL            -- 1: a duplicate removed (not the row standing for the cluster)
                    );
                    CREATE INDEX dedup_member_key ON dedup_member(key);
                    CREATE INDEX dedup_member_cluster ON dedup_member(clusterKey);
                    -- Pair decisions by record key (a < b): the algorithm's audit trail and people's verdicts.
                    CREATE TABLE dedup_pair (
                        a TEXT NOT NULL,
                        b TEXT NOT NULL,
                        verdict TEXT NOT NULL,              -- duplicate, uncertain, related(…), distinct; same, different (a person)
                        decidedBy TEXT NOT NULL,            -- algorithm | person
                        score REAL NOT NULL,
                        reasons TEXT NOT NULL,              -- one reason per line
                        differences TEXT NOT NULL,          -- JSON array of {field, a, b}
                        queue INTEGER,                      -- awaiting review: position in the queue (best score first)
                        PRIMARY KEY (a, b)
                    );
                    CREATE INDEX dedup_pair_b ON dedup_pair(b);
                    CREATE TABLE dedup_relation (
                        a TEXT NOT NULL,                    -- canonical keys, a < b
                        b TEXT NOT NULL,
                        kind TEXT NOT NULL,                 -- protocol-and-results
                        PRIMARY KEY (a, b, kind)
                    );
                    CREATE TABLE dedup_stat (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    """)
        }
        migrator.registerMigration("v4: binary records") { db in
            // Records and canonical records move from JSON text to RecordBinary blobs (faster to
            // write at import and to read for dedup and every later stage); rows already there
            // are converted, so nothing has to be imported again.
            try ReviewIndex.convertToBinary(db, table: "record", key: "id")
            try ReviewIndex.convertToBinary(db, table: "dedup_cluster", key: "rowid")
            // The full-text index buffers this many bytes of terms before writing a segment
            // (SQLite's default is 1 MB): fewer, larger segments to write and merge during an
            // import. Kept within the import's memory budget.
            try db.execute(
                sql: "INSERT INTO record_fts(record_fts, rank) VALUES ('hashsize', \(ReviewIndex.ftsHashSize))")
            try db.execute(sql: "UPDATE meta SET value = '4' WHERE key = 'schema'")
        }
        migrator.registerMigration("v5: remembered provenance") { db in
            // What the person said on the command line when importing (`--database`,
            // `--searched`, `--format`), so a rebuild re-reads every import as it was made,
            // and the file it was read from when outside corpus/ (absolute, or relative to
            // the review folder).
            try db.execute(
                sql: """
                    ALTER TABLE import ADD COLUMN givenDatabase TEXT;
                    ALTER TABLE import ADD COLUMN givenSearchedOn TEXT;
                    ALTER TABLE import ADD COLUMN givenFormat TEXT;
                    UPDATE meta SET value = '5' WHERE key = 'schema';
                    """)
        }
        return migrator
    }

    /// The page size of a new index file.
    static let pageSize = 65536

    /// Bytes of terms the full-text index buffers in memory during an import.
    static let ftsHashSize = 4 << 20

    /// Replaces `table`'s `json` column by a `data` column holding the same records as
    /// ``RecordBinary``, converting the rows in batches of 1,000.
    private static func convertToBinary(_ db: Database, table: String, key: String) throws {
        try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN data BLOB NOT NULL DEFAULT x''")
        let decoder = JSONDecoder()
        let update = try db.makeStatement(sql: "UPDATE \(table) SET data = ? WHERE \(key) = ?")
        var last: Int64 = .min
        while true {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(key) AS k, json FROM \(table) WHERE \(key) > ? ORDER BY \(key) LIMIT 1000",
                arguments: [last])
            guard let end = rows.last else { break }
            for row in rows {
                let json: String = row["json"]
                let record = try decoder.decode(Bibliography.Record.self, from: Data(json.utf8))
                try update.execute(arguments: [Data(RecordBinary.encode(record)), row["k"] as Int64])
            }
            last = end["k"]
        }
        try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN json")
    }

    /// The record stored in the blob column `column` of `row`.
    /// - Throws: ``WorkspaceError/index(_:_:)`` when the bytes are not a record.
    func storedRecord(_ row: Row, _ column: String = "data") throws -> Bibliography.Record {
        do {
            return try row.withUnsafeData(named: column) { data throws -> Bibliography.Record in
                guard let data else { throw RecordBinary.Damage(offset: 0, reason: "no data") }
                return try data.withUnsafeBytes { bytes throws(RecordBinary.Damage) in try RecordBinary.decode(bytes) }
            }
        } catch let damage as RecordBinary.Damage {
            throw WorkspaceError.index(path, damage.description)
        }
    }
}
