public import Formats
public import Foundation
import GRDB

/// One import as the index remembers it: enough to make it again on a rebuild.
public struct RememberedImport: Sendable, Equatable {
    /// How the import is recorded: relative to the review folder when inside it, else absolute.
    public var name: String
    /// What the person gave on the command line (`--database`, `--searched`).
    public var given: Provenance
    /// The format given with `--format`; nil: detected from the content.
    public var format: ExportFormat?
}

extension ReviewIndex {
    /// The build of scoping that read the records in the index (`scoping run` passes its own
    /// line); nil when no build was recorded (an index made before this was kept).
    public func importedBy() throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'tool'") }
    }

    /// Records `tool` as the build that read the records, unless one is recorded already.
    public func claimImportedBy(_ tool: String) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('tool', ?)", arguments: [tool])
        }
    }

    /// Every import with what is needed to make it again, in path order.
    public func rememberedImports() throws -> [RememberedImport] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT path, givenDatabase, givenSearchedOn, givenFormat FROM import ORDER BY path"
            ).map { row in
                RememberedImport(
                    name: row["path"],
                    given: Provenance(database: row["givenDatabase"], searchedOn: row["givenSearchedOn"]),
                    format: (row["givenFormat"] as String?).flatMap(ExportFormat.init(rawValue:)))
            }
        }
    }

    /// Closes the index file (a pool checkpoints its write-ahead log and removes it); using
    /// the index after this fails.
    public func close() throws {
        guard let pool = writer as? DatabasePool else { return }
        // Every page into the main file, so the file alone is the whole index (a rebuild
        // renames it).
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try pool.close()
    }
}

/// Why `scoping run` rebuilds the index from the remembered imports.
public enum RebuildReason: Sendable, Equatable {
    /// `--force`.
    case forced
    /// The records were read by another build of scoping (its line).
    case otherBuild(String)
}

extension ReviewFolder {
    /// The file behind an import's recorded name.
    public func fileURL(forImport name: String) -> URL {
        name.hasPrefix("/") ? URL(fileURLWithPath: name) : root.appending(path: name)
    }

    /// True when an import's recorded name is a file in `corpus/`.
    public func isInCorpus(_ name: String) -> Bool {
        name.hasPrefix(relativePath(corpus) + "/")
    }

    /// Whether the index must be rebuilt before a run: on `force`, or when the records in it
    /// were read by another build than `tool`. A missing run stamp is not a reason: the index
    /// records its own build; an index that records none (made before it did) takes the last
    /// run's (`previousTool`), and without that is taken as this build's.
    public func rebuildReason(force: Bool, tool: String, previousTool: String?) throws -> RebuildReason? {
        guard FileManager.default.fileExists(atPath: indexFile.path) else { return nil }
        if force { return .forced }
        let index = try openIndex()
        defer { try? index.close() }
        guard let recorded = try index.importedBy() ?? previousTool, recorded != tool else { return nil }
        return .otherBuild(recorded)
    }

    /// Rebuilds the index from every import it remembers, as a clean build would make it:
    /// each file is read again (exports in `corpus/` and files ingested from elsewhere, with
    /// the database, date and format given when they were ingested) into a new index file,
    /// which replaces the old one only when every file was read. A run killed on the way
    /// leaves the old index as it was (the next run rebuilds again). Exports gone from
    /// `corpus/` are left out, as the folder says.
    ///
    /// - Parameters:
    ///   - tool: the build reading the files, recorded in the new index.
    ///   - sources: the protocol's provenance for files in `corpus/`.
    ///   - progress: called after each file.
    /// - Returns: the imports made.
    /// - Throws: ``WorkspaceError/importGone(_:)`` (before reading anything) when a file
    ///   ingested from outside `corpus/` is gone; the file's error when one cannot be read.
    ///   The old index is unchanged then.
    @discardableResult
    public func rebuildIndex(tool: String, sources: SourceProvenance, progress: (ImportOutcome) -> Void = { _ in })
        throws -> [ImportOutcome]
    {
        let fm = FileManager.default
        guard fm.fileExists(atPath: indexFile.path) else { return [] }
        let old = try openIndex()
        let remembered = try old.rememberedImports()
        try old.close()
        var toRead: [RememberedImport] = []
        for item in remembered {
            let exists = fm.fileExists(atPath: fileURL(forImport: item.name).path)
            if !exists && !isInCorpus(item.name) { throw WorkspaceError.importGone(item.name) }
            if exists { toRead.append(item) }
        }
        let fresh = derived.appending(path: "index.rebuild.sqlite")
        let suffixes = ["", "-wal", "-shm"]
        func remove(_ base: URL) throws {
            for suffix in suffixes where fm.fileExists(atPath: base.path + suffix) {
                do {
                    try fm.removeItem(atPath: base.path + suffix)
                } catch {
                    throw WorkspaceError.writing(relativePath(base) + suffix, error)
                }
            }
        }
        try remove(fresh)
        var outcomes: [ImportOutcome] = []
        do {
            let index = try ReviewIndex(path: fresh.path)
            for item in toRead {
                let url = fileURL(forImport: item.name)
                let outcome = try index.importFile(
                    path: url.path, name: item.name, format: item.format,
                    provenance: sources.provenance(for: item.name, given: item.given), given: item.given)
                outcomes.append(outcome)
                progress(outcome)
            }
            try index.claimImportedBy(tool)
            try index.close()
        } catch {
            try? remove(fresh)
            throw error
        }
        // The old index's write-ahead log was checkpointed and removed when it closed; what
        // is left of it must not be read as the new file's.
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: indexFile.path + suffix) {
            try? fm.removeItem(atPath: indexFile.path + suffix)
        }
        if rename(fresh.path, indexFile.path) != 0 {
            throw WorkspaceError.cannotWrite(relativePath(indexFile), String(cString: strerror(errno)).lowercased())
        }
        return outcomes
    }
}
