import ArgumentParser
import Foundation
import Protocol
import Workspace

extension Scoping {
    /// `scoping run`: the whole pipeline on the review folder, incrementally.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole pipeline on the review folder (only what changed).",
            discussion: """
                Ingests the exports in corpus/ (unchanged files are skipped), deduplicates \
                (with the decisions in dedup/decisions.tsv), applies the protocol's automatic \
                criteria, regenerates output/ from the logs in screening/ and charting/ (only \
                files whose bytes change are rewritten) and ends with what still needs people, \
                as `scoping status` shows it. Dedup and criteria are skipped when neither the \
                imports, the dedup decisions nor the protocol changed since the last run.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Flag(help: "Rebuild the index from the exports and rerun dedup and the criteria, even when nothing changed.")
        var force = false

        func run() throws {
            let folder: ReviewFolder
            let index: ReviewIndex
            let loaded: LoadedProtocol
            let previous: String?
            let toolLine = RunStamp.toolLine()
            let newTool: Bool
            do {
                folder = try options.folder()
                loaded = try folder.loadProtocol()
                // The index holds records as the build that imported them read them: another
                // build (or --force) rebuilds it from scratch, as on a fresh clone.
                previous = RunStamp.read(folder)
                newTool = force || !(previous?.hasPrefix(toolLine) ?? false)
                if newTool, FileManager.default.fileExists(atPath: folder.indexFile.path) {
                    Console.err(force ? "--force: rebuilding the index from the exports" : "another build of scoping than the last run's: rebuilding the index from the exports")
                    for suffix in ["", "-wal", "-shm"] {
                        let path = folder.indexFile.path + suffix
                        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                    }
                }
                index = try folder.openIndex()
            } catch {
                throw reportReviewError(error)
            }

            // 1. Ingest: unchanged exports are skipped by their SHA-256.
            let ingested = ingest(folder: folder, index: index, files: [], format: nil, provenance: Provenance(), keepGoing: false, force: false, json: false)
            if ingested.failed > 0 { throw ingested.exitCode }

            // 2. Dedup and 3. criteria, unless nothing they depend on changed.
            let stamp: String
            do {
                stamp = try RunStamp.current(folder: folder, index: index, loaded: loaded)
            } catch {
                throw report(error)
            }
            let upToDate: Bool
            do {
                upToDate = try !newTool && index.dedupIsCurrent() && previous == stamp && !index.eligibility().isEmpty
            } catch {
                throw report(error)
            }
            if upToDate {
                Console.err("dedup and criteria: unchanged since the last run")
            } else {
                try dedupSummary(folder: folder, index: index, quiet: true)
                do {
                    let results = try index.applyCriteria(loaded, to: index.studies())
                    let excluded = results.filter { $0.criterion != nil }.count
                    Console.err("criteria: \(excluded) of \(results.count) studies excluded by the automatic criteria")
                } catch {
                    throw report(error)
                }
                RunStamp.write(stamp, folder)
            }

            // 4. Matrix, report and exports from the logs.
            let context = try ReviewContext(folder: folder, index: index, loaded: loaded)
            let written = try context.writeOutputs(language: nil)
            Console.err(OutputText.summary(written))
            let problems = context.printProblems()

            // 5. What still needs people.
            Console.out(StatusText.summary(context.snapshot.status))
            if problems { throw Exit.problems }
        }
    }
}

/// What the last run ran with, kept in `.scoping/run.stamp` (derived, safe to delete): the
/// build of the tool, the imports' SHA-256s, the dedup decision log's and the protocol's.
///
/// The index keeps records as the build that imported them parsed them; with a different build
/// (another version, or a development build) `scoping run` rebuilds the index from scratch, so
/// `output/` depends on the inputs and the running tool only.
enum RunStamp {
    static func url(_ folder: ReviewFolder) -> URL { folder.derived.appending(path: "run.stamp") }

    /// `tool <version> <size>-<mtime>` of the running executable: cheap, and different for every build.
    static func toolLine() -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let attributes = (try? FileManager.default.attributesOfItem(atPath: exe)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date).map { Int64($0.timeIntervalSince1970) } ?? 0
        return "tool \(Scoping.configuration.version) \(size)-\(mtime)\n"
    }

    static func current(folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol) throws -> String {
        var lines = [String(toolLine().dropLast())]
        lines += try index.imports().map { "import \($0.path) \($0.sha256)" }
        let log = folder.root.appending(path: DedupDecisionLog.relativePath)
        let logHash = FileManager.default.contents(atPath: log.path).map { FileDigest.sha256($0) } ?? "none"
        lines.append("dedup-decisions \(logHash)")
        lines.append("protocol \(loaded.sha256)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func read(_ folder: ReviewFolder) -> String? {
        FileManager.default.contents(atPath: url(folder).path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func write(_ stamp: String, _ folder: ReviewFolder) {
        try? Data(stamp.utf8).write(to: url(folder), options: .atomic)
    }
}
