public import ArgumentParser
import Foundation
import Formats
import Workspace

extension Scoping {
    /// `scoping ingest [FILE…]`: reads search exports into the index.
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read search exports into the review's index.",
            discussion: """
                Reads every file in corpus/ (or the files named), one transaction per file: a \
                malformed file leaves the index as it was. An unchanged file (same SHA-256) is \
                skipped; a changed file replaces its earlier import. The format is detected from \
                the content; .gz files are read transparently.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Argument(help: "Export files to read (default: every file in corpus/).")
        var files: [String] = []

        @Option(help: "Read the files as this format instead of detecting it (\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))).")
        var format: ExportFormat?

        @Option(help: "The database the files are searches of (default: from the protocol's sources, else from the export).")
        var database: String?

        @Option(help: ArgumentHelp("The date of the search (YYYY-MM-DD).", valueName: "date"))
        var searched: String?

        @Flag(help: "Go on with the next file after a malformed one (the exit code still says a file failed).")
        var keepGoing = false

        @Flag(help: "Read files again even when they are unchanged.")
        var force = false

        @Flag(help: "Import a file whose last record is cut off (an interrupted download), without that record, with a warning.")
        var acceptTruncated = false

        @Flag(help: "Print the outcome per file as JSON on stdout.")
        var json = false

        func validate() throws {
            if let searched, !ISODate.isValid(searched) {
                throw ValidationError("--searched must be a date as YYYY-MM-DD, got '\(searched)'")
            }
        }

        func run() throws {
            let (folder, index) = try options.folderAndIndex()
            let outcome = ingest(folder: folder, index: index, files: files, format: format, provenance: Provenance(database: database, searchedOn: searched), keepGoing: keepGoing, force: force, json: json, acceptTruncated: acceptTruncated)
            if outcome.failed > 0 { throw outcome.exitCode }
        }
    }
}

/// The result of an ingest run.
struct IngestRun {
    var outcomes: [ImportOutcome] = []
    var failed = 0
    var exitCode = Exit.ok
}

/// Ingests files into the index, printing one line per file; used by `ingest` and `run`.
func ingest(
    folder: ReviewFolder, index: ReviewIndex, files: [String], format: ExportFormat?, provenance: Provenance,
    keepGoing: Bool, force: Bool, json: Bool, quiet: Bool = false, acceptTruncated: Bool = false
) -> IngestRun {
    var run = IngestRun()
    let urls: [URL]
    do {
        urls = files.isEmpty ? try folder.corpusFiles() : files.map { URL(fileURLWithPath: $0) }
    } catch {
        run.failed += 1
        run.exitCode = report(error)
        return run
    }
    if files.isEmpty {
        do {
            try dropVanishedExports(folder: folder, index: index)
        } catch {
            run.failed += 1
            run.exitCode = report(error)
            return run
        }
    }
    if urls.isEmpty { Console.warning("no export files in \(folder.relativePath(folder.corpus))/: nothing to ingest") }
    let sources = SourceProvenance(folder: folder)
    for url in urls {
        let name = folder.relativePath(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            run.failed += 1
            run.exitCode = report(WorkspaceError.missingFile(name))
            if keepGoing { continue } else { break }
        }
        var fileProvenance = sources.provenance(for: name)
        if let database = provenance.database { fileProvenance.database = database }
        if let searched = provenance.searchedOn { fileProvenance.searchedOn = searched }
        do {
            let outcome = try index.importFile(path: url.path, name: name, format: format, provenance: fileProvenance, force: force, acceptTruncated: acceptTruncated)
            run.outcomes.append(outcome)
            for warning in outcome.warnings { Console.warning(warning.description) }
            if !quiet { Console.err(describe(outcome)) }
        } catch {
            run.failed += 1
            run.exitCode = report(error)
            if !keepGoing {
                Console.err("Stopped: \(name) was not imported, nor any file after it; the index keeps every earlier import. Fix the file, or pass --keep-going to import the others.")
                break
            }
        }
    }
    if json {
        Console.out(JSONLines.array(run.outcomes.map(\.json)))
    }
    return run
}

/// Removes the imports of exports that were in corpus/ and are gone from it: their records
/// leave the index (and so the next dedup, criteria and report), as the folder now says.
/// Files imported from elsewhere (`scoping ingest ~/Downloads/x.ris`) are left alone.
func dropVanishedExports(folder: ReviewFolder, index: ReviewIndex) throws {
    let corpus = folder.relativePath(folder.corpus) + "/"
    for imported in try index.imports() where imported.path.hasPrefix(corpus) {
        let path = folder.root.appending(path: imported.path).path
        guard !FileManager.default.fileExists(atPath: path) else { continue }
        try index.removeImport(name: imported.path)
        let what = "\(imported.records) record\(imported.records == 1 ? "" : "s")"
        Console.err("removed   \(imported.path): the file is gone from \(corpus), so its \(what) left the index")
    }
}

private func describe(_ o: ImportOutcome) -> String {
    let what = "\(o.records) record\(o.records == 1 ? "" : "s")" + (o.deletions > 0 ? ", \(o.deletions) deletion\(o.deletions == 1 ? "" : "s")" : "")
    switch o.action {
    case .unchanged: return "unchanged \(o.path) (\(what), \(o.database))"
    case .imported: return "imported  \(o.path): \(o.format.displayName), \(what), \(o.database)"
    case .replaced: return "replaced  \(o.path): \(o.format.displayName), \(what), \(o.database) (the file changed since its last import)"
    }
}

extension ImportOutcome {
    var json: String {
        JSONLines.object([
            ("path", .string(path)), ("action", .string(action.rawValue)), ("format", .string(format.rawValue)),
            ("database", .string(database)), ("records", .int(records)), ("deletions", .int(deletions)),
            ("sha256", .string(sha256)), ("warnings", .strings(warnings.map(\.description))),
        ])
    }
}

extension ExportFormat: ExpressibleByArgument {}

/// Checks `YYYY-MM-DD` dates.
enum ISODate {
    static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }
}
