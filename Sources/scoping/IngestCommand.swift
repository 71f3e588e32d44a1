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

        @Option(
            help:
                "Read the files as this format instead of detecting it (\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))."
        )
        var format: ExportFormat?

        @Option(
            help: "The database the files are searches of (default: from the protocol's sources, else from the export)."
        )
        var database: String?

        @Option(help: ArgumentHelp("The date of the search (YYYY-MM-DD).", valueName: "date"))
        var searched: String?

        @Flag(help: "Go on with the next file after a malformed one (the exit code still says a file failed).")
        var keepGoing = false

        @Flag(help: "Read files again even when they are unchanged.")
        var force = false

        @Flag(
            help:
                "Copy files from outside corpus/ into corpus/ first and import the copies, so they stay with the review."
        )
        var copy = false

        @Option(
            help: ArgumentHelp(
                "Remove an import and its records from the index (its path as `scoping ingest` showed it).",
                valueName: "path"))
        var forget: [String] = []

        @Flag(
            help:
                "Import a file whose last record is cut off (an interrupted download), without that record, with a warning."
        )
        var acceptTruncated = false

        @Flag(help: "Print the outcome per file as JSON on stdout.")
        var json = false

        func validate() throws {
            if let searched, !ISODate.isValid(searched) {
                throw ValidationError("--searched must be a real date as YYYY-MM-DD, got '\(searched)'")
            }
            if let database, database.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(
                    "--database must name the database searched (PubMed, Embase via Ovid …), got an empty name")
            }
        }

        func run() throws {
            let folder: ReviewFolder
            do {
                folder = try options.folder()
            } catch {
                throw report(error)
            }
            let lock = try writerLock(folder, command: "ingest")
            defer { withExtendedLifetime(lock) {} }
            let index: ReviewIndex
            var paths = files
            do {
                index = try folder.openIndex()
                for name in forget {
                    guard try index.removeImport(name: name) else {
                        throw WorkspaceError.missingFile(name + " (no such import in the index)")
                    }
                    Console.err("forgot    \(name): its records left the index")
                }
                if copy {
                    paths = try paths.map { path in
                        let url = URL(fileURLWithPath: path).standardizedFileURL
                        guard !folder.isInCorpus(folder.relativePath(url)) else { return path }
                        try WorkspaceError.checkReadable(url.path, name: path)
                        let copied = try folder.copyIntoCorpus(url)
                        // The file now stands in corpus/; an earlier import from outside would count it twice.
                        if try index.removeImport(name: folder.relativePath(url)) {
                            Console.err(
                                "forgot    \(folder.relativePath(url)): now read from \(folder.relativePath(copied))")
                        }
                        Console.err("copied    \(path) to \(folder.relativePath(copied))")
                        return copied.path
                    }
                }
            } catch {
                throw report(error)
            }
            if !forget.isEmpty && paths.isEmpty { return }
            try? index.claimImportedBy(RunTool.line())
            let outcome = ingest(
                folder: folder, index: index, files: paths, format: format,
                given: Provenance(database: database, searchedOn: searched),
                keepGoing: keepGoing, force: force, json: json, command: "ingest", acceptTruncated: acceptTruncated)
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
///
/// - Parameters:
///   - given: the database and date given on the command line: they win over the protocol's
///     sources, and the index remembers them for rebuilds.
///   - command: the command running (`ingest`, `run`), for the advice after a failure.
func ingest(
    folder: ReviewFolder, index: ReviewIndex, files: [String], format: ExportFormat?, given: Provenance,
    keepGoing: Bool, force: Bool, json: Bool, command: String, quiet: Bool = false, acceptTruncated: Bool = false
) -> IngestRun {
    var run = IngestRun()
    let urls: [URL]
    do {
        urls = files.isEmpty ? try folder.corpusFiles() : files.map { URL(fileURLWithPath: $0) }
        if files.isEmpty {
            for gone in try folder.dropVanishedExports(index: index) {
                Console.err(describeRemoved(gone, folder: folder))
            }
        }
    } catch {
        run.failed += 1
        run.exitCode = report(error)
        return run
    }
    if urls.isEmpty { Console.warning("no export files in \(folder.relativePath(folder.corpus))/: nothing to ingest") }
    let sources = SourceProvenance(folder: folder)
    var outside: [String] = []
    for (number, url) in urls.enumerated() {
        let name = folder.relativePath(url)
        do {
            let outcome = try index.importFile(
                path: url.path, name: name, format: format, provenance: sources.provenance(for: name, given: given),
                given: given,
                force: force, acceptTruncated: acceptTruncated)
            run.outcomes.append(outcome)
            for warning in outcome.warnings { Console.warning(warning.description) }
            if !quiet { Console.err(describe(outcome)) }
            if !folder.isInCorpus(name) { outside.append(name) }
        } catch {
            run.failed += 1
            run.exitCode = report(error)
            if !keepGoing {
                let after = urls.count - number - 1
                let rest = after == 0 ? "" : ", nor the \(after) file\(after == 1 ? "" : "s") after it"
                let advice =
                    command == "ingest"
                    ? "Fix the file, or pass --keep-going to import the others."
                    : "Fix the file (or move it out of corpus/), then run `scoping \(command)` again."
                Console.err("Stopped: \(name) was not imported\(rest); the index keeps every earlier import. \(advice)")
                break
            }
        }
    }
    if !outside.isEmpty && !quiet {
        Console.err(
            "note: \(outside.count == 1 ? outside[0] + " is" : "\(outside.count) files are") outside corpus/: the index remembers "
                + "\(outside.count == 1 ? "it" : "them") and `scoping run` reads \(outside.count == 1 ? "it" : "them") again when it "
                + "rebuilds, but deleting .scoping/ forgets \(outside.count == 1 ? "it" : "them"); `scoping ingest --copy` puts a copy "
                + "in corpus/, with the review")
    }
    if given.database != nil || given.searchedOn != nil, !quiet,
        let unnamed = run.outcomes.map(\.path).first(where: { folder.isInCorpus($0) && !sources.hasSource(for: $0) })
    {
        Console.err(
            "note: the index remembers --database and --searched for \(unnamed); to keep them when .scoping/ is deleted, "
                + "add a source naming this file to \(ReviewFolder.protocolPath) (sources: files:)")
    }
    if json {
        Console.out(JSONLines.array(run.outcomes.map(\.json)))
    }
    return run
}

/// `removed   corpus/x.ris: the file is gone from corpus/, so its 3 records left the index`
func describeRemoved(_ imported: ImportInfo, folder: ReviewFolder) -> String {
    let corpus = folder.relativePath(folder.corpus) + "/"
    let what = "\(imported.records) record\(imported.records == 1 ? "" : "s")"
    return "removed   \(imported.path): the file is gone from \(corpus), so its \(what) left the index"
}

func describe(_ o: ImportOutcome) -> String {
    let what =
        "\(o.records) record\(o.records == 1 ? "" : "s")"
        + (o.deletions > 0 ? ", \(o.deletions) deletion\(o.deletions == 1 ? "" : "s")" : "")
    switch o.action {
    case .unchanged: return "unchanged \(o.path) (\(what), \(o.database))"
    case .relabelled:
        return "relabelled \(o.path) (\(what)): the file is unchanged; database \(o.database), as given now"
    case .reread: return "read again \(o.path): \(o.format.displayName), \(what), \(o.database) (unchanged file)"
    case .imported: return "imported  \(o.path): \(o.format.displayName), \(what), \(o.database)"
    case .replaced:
        return
            "replaced  \(o.path): \(o.format.displayName), \(what), \(o.database) (the file changed since its last import)"
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
        guard let y = Int(parts[0]), (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }
}
