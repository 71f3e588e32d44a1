import Bibliography
public import Formats
import Foundation
import GRDB

/// Where an export came from: which database, searched when. The PRISMA identification box is
/// counted from this.
public struct Provenance: Sendable, Equatable {
    /// The database or interface searched (`PubMed`, `Embase via Ovid`).
    public var database: String?
    /// The date of the search, ISO-8601 (`2026-09-15`).
    public var searchedOn: String?

    public init(database: String? = nil, searchedOn: String? = nil) {
        self.database = database
        self.searchedOn = searchedOn
    }
}

/// What importing one file did.
public struct ImportOutcome: Sendable, Equatable {
    public enum Action: String, Sendable, Codable {
        /// The file was new.
        case imported
        /// The file had been imported before with other content; its old records were replaced.
        case replaced
        /// The file is unchanged since its last import (same SHA-256): nothing was done.
        case unchanged
        /// The file is unchanged, but its database or search date was given anew: only those changed.
        case relabelled
        /// The file is unchanged and was read again on request (`--force`, a rebuild).
        case reread
    }

    public var path: String
    public var action: Action
    public var format: ExportFormat
    public var database: String
    public var records: Int
    public var deletions: Int
    public var warnings: [FormatWarning]
    public var sha256: String
}

extension ReviewIndex {
    /// Imports one export file in one transaction: all of its records, or (on any error) none.
    ///
    /// An unchanged file (same SHA-256 as its last import) is skipped; a changed one replaces
    /// its earlier import.
    ///
    /// The work is pipelined (see ``ImportPipeline``): one thread reads and parses the file and
    /// encodes each record, the calling thread writes the rows and the full-text index, and a
    /// third hashes the file when no earlier import has to be compared against.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - name: how the file is recorded and shown (relative to the review folder).
    ///   - format: the format, or nil to detect it from the content.
    ///   - provenance: database and search date; the database defaults to a guess from the format.
    ///   - force: import even when the file is unchanged.
    ///   - acceptTruncated: import a file whose last record is cut off, without that record.
    /// - Throws: ``FormatError`` for unreadable or malformed input (the index is unchanged),
    ///   ``WorkspaceError`` when the index cannot be written.
    /// - Complexity: O(file size); memory bounded by the largest record and the pipeline's
    ///   queue (a few hundred kilobytes), whatever the file size.
    public func importFile(
        path: String,
        name: String? = nil,
        format: ExportFormat? = nil,
        provenance: Provenance = Provenance(),
        given: Provenance = Provenance(),
        force: Bool = false,
        acceptTruncated: Bool = false
    ) throws -> ImportOutcome {
        let name = name ?? path
        try WorkspaceError.checkReadable(path, name: name)
        let previous = try writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, sha256, format, database, searchedOn, recordCount, deletionCount, givenDatabase, givenSearchedOn, givenFormat
                    FROM import WHERE path = ?
                    """,
                arguments: [name])
        }
        // What a person gave for this file before stays given until they give something else.
        let given = Provenance(
            database: given.database ?? previous?["givenDatabase"],
            searchedOn: given.searchedOn ?? previous?["givenSearchedOn"])
        let format = format ?? (previous?["givenFormat"] as String?).flatMap(ExportFormat.init(rawValue:))
        var provenance = provenance
        if let database = given.database { provenance.database = database }
        if let searchedOn = given.searchedOn { provenance.searchedOn = searchedOn }
        // The digest decides whether an earlier import is unchanged; a new file's is only
        // stored, so it is computed beside the parse.
        let digest: BackgroundWork<String>
        var sameBytes = false
        if let previous {
            let sha = try FileDigest.sha256(path: path)
            sameBytes = previous["sha256"] as String == sha
            if sameBytes && !force {
                return try relabel(previous: previous, name: name, provenance: provenance, given: given, sha256: sha)
            }
            digest = BackgroundWork(value: sha)
        } else {
            digest = BackgroundWork { try FileDigest.sha256(path: path) }
        }
        // On an error, the digest's thread is done with the file before the error is reported.
        defer { _ = try? digest.join() }
        do {
            return try writer.write { db in
                if let previous {
                    try db.execute(sql: "DELETE FROM import WHERE id = ?", arguments: [previous["id"] as Int64])
                }
                try db.execute(
                    sql: """
                        INSERT INTO import (path, sha256, format, database, searchedOn, recordCount, deletionCount, warnings,
                                            givenDatabase, givenSearchedOn, givenFormat)
                        VALUES (?, '', '', '', ?, 0, 0, '', ?, ?, ?)
                        """,
                    arguments: [name, provenance.searchedOn, given.database, given.searchedOn, format?.rawValue]
                )
                let importId = db.lastInsertedRowID
                let insertRecord = try db.cachedStatement(
                    sql: """
                        INSERT INTO record (importId, position, line, key, pmid, doi, year, title, firstAuthor, journal, data)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let insertDeletion = try db.cachedStatement(sql: "INSERT INTO deletion (importId, pmid) VALUES (?, ?)")
                let pipeline = ImportPipeline(path: path, name: name, format: format, acceptTruncated: acceptTruncated)
                defer { pipeline.stop() }
                var position = 0
                while let batch = try pipeline.next() {
                    for item in batch {
                        switch item {
                        case .record(let r):
                            position += 1
                            try insertRecord.execute(arguments: [
                                importId, position, r.line, r.key, r.pmid, r.doi, r.year, r.title, r.firstAuthor,
                                r.journal, r.data,
                            ])
                        case .delete(let pmids):
                            for pmid in pmids { try insertDeletion.execute(arguments: [importId, pmid]) }
                        }
                    }
                }
                let (summary, guessedDatabase) = try pipeline.result()
                // A file without a record (an empty or failed download, a search that found
                // nothing exported as an empty file) would become a database in the PRISMA flow.
                if summary.records == 0 && summary.deletions == 0 { throw WorkspaceError.noRecords(name) }
                let sha = try digest.join()
                let database =
                    provenance.database ?? guessedDatabase ?? DatabaseGuess.from(format: summary.format, path: name)
                try db.execute(
                    sql:
                        "UPDATE import SET sha256 = ?, format = ?, database = ?, recordCount = ?, deletionCount = ?, warnings = ? WHERE id = ?",
                    arguments: [
                        sha, summary.format.rawValue, database, summary.records, summary.deletions,
                        summary.warnings.map(\.description).joined(separator: "\n"), importId,
                    ]
                )
                return ImportOutcome(
                    path: name, action: previous == nil ? .imported : sameBytes ? .reread : .replaced,
                    format: summary.format,
                    database: database, records: summary.records, deletions: summary.deletions,
                    warnings: summary.warnings, sha256: sha
                )
            }
        } catch let error as FormatError {
            throw error
        } catch let error as DatabaseError {
            throw WorkspaceError.index(name, error.description)
        }
    }

    /// The outcome for an unchanged file: its database and search date updated when the
    /// provenance given now differs from the stored one (the records are not read again).
    private func relabel(previous: Row, name: String, provenance: Provenance, given: Provenance, sha256: String) throws
        -> ImportOutcome
    {
        let oldDatabase: String = previous["database"]
        let oldSearchedOn: String? = previous["searchedOn"]
        let database = provenance.database ?? oldDatabase
        let searchedOn = provenance.searchedOn ?? oldSearchedOn
        let changed = database != oldDatabase || searchedOn != oldSearchedOn
        if changed || given.database != nil || given.searchedOn != nil {
            try writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE import SET database = ?, searchedOn = ?,
                            givenDatabase = COALESCE(?, givenDatabase), givenSearchedOn = COALESCE(?, givenSearchedOn)
                        WHERE id = ?
                        """,
                    arguments: [database, searchedOn, given.database, given.searchedOn, previous["id"] as Int64])
            }
        }
        return ImportOutcome(
            path: name, action: changed ? .relabelled : .unchanged,
            format: ExportFormat(rawValue: previous["format"]) ?? .ris,
            database: database, records: previous["recordCount"], deletions: previous["deletionCount"],
            warnings: [], sha256: sha256
        )
    }

    /// Removes the import of a file (its records go with it). Returns false when it was not imported.
    @discardableResult
    public func removeImport(name: String) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM import WHERE path = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}

/// Guesses the database an export came from when neither the protocol nor a flag says.
enum DatabaseGuess {
    /// From a record's own marks (RIS `DB`, EndNote `remote-database-name`, kept as an
    /// identifier with scheme `database`).
    static func from(_ record: Bibliography.Record) -> String? {
        record.otherIDs.first { $0.scheme == "database" }?.value
    }

    static func from(format: ExportFormat, path: String) -> String {
        switch format {
        case .pubmedXML, .medline: "PubMed"
        case .webOfScience, .webOfScienceTabDelimited: "Web of Science"
        default: (path as NSString).lastPathComponent
        }
    }
}
