import Foundation
import Formats
import Testing
@testable import Workspace

/// A rebuild of the index re-reads every import it remembers, those from outside corpus/ too,
/// with the provenance given when they were made; a missing one stops it before anything changes.
@Suite struct RebuildTests {
    typealias TempDir = ReviewIndexTests.TempDir

    static let one = """
        TY  - JOUR
        TI  - Nurse-led clinics for heart failure in primary care
        AU  - Bakker, Els
        PY  - 2021
        ER  -

        """

    /// A review with one export in corpus/ and one file ingested from outside it, with a given database.
    func review() throws -> (TempDir, ReviewFolder, outside: URL) {
        let dir = try TempDir()
        let review = dir.url.appending(path: "review")
        _ = try dir.write("review/corpus/a.ris", ReviewIndexTests.twoRecords)
        let outside = try dir.write("downloads/b.ris", Self.one)
        let folder = ReviewFolder(root: review)
        let index = try folder.openIndex()
        _ = try index.importFile(path: folder.corpus.appending(path: "a.ris").path, name: "corpus/a.ris")
        _ = try index.importFile(
            path: outside.path, name: folder.relativePath(outside),
            provenance: Provenance(database: "CINAHL", searchedOn: "2026-03-01"),
            given: Provenance(database: "CINAHL", searchedOn: "2026-03-01"))
        try index.claimImportedBy("tool A")
        try index.close()
        return (dir, folder, outside)
    }

    @Test func aRebuildKeepsImportsFromOutsideCorpusWithTheirProvenance() throws {
        let (dir, folder, outside) = try review()
        _ = dir
        #expect(try folder.rebuildReason(force: false, tool: "tool A", previousTool: nil) == nil)
        #expect(try folder.rebuildReason(force: false, tool: "tool B", previousTool: nil) == .otherBuild("tool A"))
        #expect(try folder.rebuildReason(force: true, tool: "tool A", previousTool: nil) == .forced)

        let outcomes = try folder.rebuildIndex(tool: "tool B", sources: SourceProvenance(sources: []))
        #expect(outcomes.map(\.path) == [outside.path, "corpus/a.ris"])
        let index = try folder.openIndex()
        let imports = try index.imports()
        try #require(imports.map(\.path) == [outside.path, "corpus/a.ris"])
        #expect(imports[0].database == "CINAHL")
        #expect(imports[0].searchedOn == "2026-03-01")
        #expect(try index.recordCount() == 3)
        #expect(try index.importedBy() == "tool B")
        // What was given is remembered again, for the next rebuild.
        #expect(try index.rememberedImports()[0].given == Provenance(database: "CINAHL", searchedOn: "2026-03-01"))
        #expect(!FileManager.default.fileExists(atPath: folder.derived.appending(path: "index.rebuild.sqlite").path))
    }

    @Test func aRebuildStopsAndNamesAnOutsideFileThatIsGoneLeavingTheIndexAsItWas() throws {
        let (dir, folder, outside) = try review()
        _ = dir
        try FileManager.default.removeItem(at: outside)
        #expect(throws: WorkspaceError.importGone(outside.path)) {
            try folder.rebuildIndex(tool: "tool B", sources: SourceProvenance(sources: []))
        }
        let index = try folder.openIndex()
        #expect(try index.recordCount() == 3)
        #expect(try index.importedBy() == "tool A")
    }

    @Test func anExportGoneFromCorpusIsLeftOutOfARebuild() throws {
        let (dir, folder, _) = try review()
        _ = dir
        try FileManager.default.removeItem(at: folder.corpus.appending(path: "a.ris"))
        try folder.rebuildIndex(tool: "tool B", sources: SourceProvenance(sources: []))
        #expect(try folder.openIndex().recordCount() == 1)
    }

    @Test func aLegacyIndexTakesTheLastRunsBuildAndWithoutOneIsIncremental() throws {
        let dir = try TempDir()
        _ = try dir.write("corpus/a.ris", ReviewIndexTests.twoRecords)
        let folder = ReviewFolder(root: dir.url)
        let index = try folder.openIndex()
        _ = try index.importFile(path: folder.corpus.appending(path: "a.ris").path, name: "corpus/a.ris")
        try index.close()
        #expect(try folder.rebuildReason(force: false, tool: "tool B", previousTool: nil) == nil)
        #expect(try folder.rebuildReason(force: false, tool: "tool B", previousTool: "tool A") == .otherBuild("tool A"))
    }

    @Test func anUnchangedFileWithNewProvenanceIsRelabelledAndForceSaysReadAgain() throws {
        let dir = try TempDir()
        let file = try dir.write("corpus/a.ris", ReviewIndexTests.twoRecords)
        let index = try ReviewIndex()
        _ = try index.importFile(path: file.path, name: "corpus/a.ris", provenance: Provenance(database: "Embase"))
        let same = try index.importFile(
            path: file.path, name: "corpus/a.ris", provenance: Provenance(database: "Embase"))
        #expect(same.action == .unchanged)
        let relabelled = try index.importFile(
            path: file.path, name: "corpus/a.ris",
            provenance: Provenance(database: "Embase via Ovid", searchedOn: "2026-01-31"),
            given: Provenance(database: "Embase via Ovid", searchedOn: "2026-01-31"))
        #expect(relabelled.action == .relabelled)
        #expect(try index.imports()[0].database == "Embase via Ovid")
        #expect(try index.imports()[0].searchedOn == "2026-01-31")
        let forced = try index.importFile(
            path: file.path, name: "corpus/a.ris", provenance: Provenance(database: "Embase via Ovid"), force: true)
        #expect(forced.action == .reread)
    }

    @Test func aFileWithoutRecordsIsRefused() throws {
        let dir = try TempDir()
        let index = try ReviewIndex()
        for (name, text) in [
            ("corpus/empty.ris", ""),
            ("corpus/empty.xml", "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n</PubmedArticleSet>\n"),
        ] {
            let file = try dir.write(name, text)
            #expect(throws: WorkspaceError.noRecords(name)) { try index.importFile(path: file.path, name: name) }
        }
        #expect(try index.imports().isEmpty)
    }

    @Test func anUnreadableFileIsNotAMissingOne() throws {
        let dir = try TempDir()
        let folder = try dir.write("corpus/sub/x.ris", ReviewIndexTests.twoRecords).deletingLastPathComponent()
        #expect(throws: WorkspaceError.unreadable("corpus/sub", "it is a folder, not a file")) {
            try WorkspaceError.checkReadable(folder.path, name: "corpus/sub")
        }
        #expect(throws: WorkspaceError.missingFile("nope.ris")) {
            try WorkspaceError.checkReadable(dir.url.appending(path: "nope.ris").path, name: "nope.ris")
        }
    }

    @Test func theWriterLockNamesItsHolderAndIsFreedWithIt() throws {
        let dir = try TempDir()
        let folder = ReviewFolder(root: dir.url)
        var first: ReviewLock? = try ReviewLock(folder: folder, command: "scoping run", started: "2026-12-05T04:00:00Z")
        do {
            _ = try ReviewLock(folder: folder, command: "scoping ingest", started: "2026-12-05T04:00:01Z")
            Issue.record("a second writer got the lock")
        } catch let WorkspaceError.busy(holder) {
            #expect(holder.hasPrefix("scoping run, process \(getpid()) on host "), "\(holder)")
            #expect(holder.hasSuffix(", started 2026-12-05T04:00:00Z"), "\(holder)")
        }
        withExtendedLifetime(first) {}
        first = nil
        _ = try ReviewLock(folder: folder, command: "scoping ingest", started: "2026-12-05T04:00:02Z")
    }
}
