import ArgumentParser
import Bibliography
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
                files whose bytes change are rewritten; report.<lang>.md sets that exist are \
                regenerated too) and ends with what still needs people, as `scoping status` \
                shows it. Dedup and criteria are skipped when neither the imports, the dedup \
                decisions nor the protocol changed since the last run. When no input changed \
                at all (protocol, exports, logs, fulltext/ listing, the tool itself) and every \
                file in output/ is as the last run wrote it, nothing is redone: the run prints \
                the last run's summary (see .scoping/run.stamp).
                """
        )

        @OptionGroup var options: ReviewOptions

        @Flag(
            help:
                "Ignore the last run's stamp: rebuild the index from the exports, rerun dedup and the criteria and render every output."
        )
        var force = false

        func run() throws {
            let folder: ReviewFolder
            do {
                folder = try options.folder()
            } catch {
                throw report(error)
            }
            let toolLine = RunTool.line()
            let previous = RunStamp.read(folder)

            // 0. Nothing changed since the last run: its summary, without opening the records.
            if !force, let previous, previous.tool == toolLine,
                let current = previous.stillCurrent(folder, outputs: ReviewOutputs.present(in: folder.output))
            {
                Console.err(
                    "nothing changed since the last run: output/ is as it wrote it (`scoping run --force` redoes everything)"
                )
                if current != previous { current.write(folder) }
                for message in current.messages { message.print() }
                Console.out(current.status)
                if current.exitCode != 0 { throw ExitCode(current.exitCode) }
                return
            }

            let lock = try writerLock(folder, command: force ? "run --force" : "run")
            defer { withExtendedLifetime(lock) {} }
            for path in RunStamp.vanishedHumanWork(folder) {
                Console.warning(
                    "\(path): read by the last run and gone now; its decisions are left out (human work: restore it from git or a backup)"
                )
            }

            // Every input as it is now, before any stage reads it: a change made during the
            // run makes the next run redo it.
            let scanned = InputScan(folder: folder, previous: previous)

            let index: ReviewIndex
            let loaded: LoadedProtocol
            let sources: SourceProvenance
            // The index holds records as the build that imported them read them: another
            // build (or --force) reads every import again, those from outside corpus/ too.
            let rebuild: RebuildReason?
            do {
                loaded = try folder.loadProtocol()
                sources = SourceProvenance(sources: loaded.reviewProtocol.sources)
                rebuild = try folder.rebuildReason(force: force, tool: toolLine, previousTool: previous?.tool)
                if let rebuild {
                    // No stamp while the index is being replaced: a run killed now redoes everything.
                    RunStamp.remove(folder)
                    Console.err(
                        rebuild == .forced
                            ? "--force: rebuilding the index from every import it remembers"
                            : "the records were read by another build of scoping: rebuilding the index from every import it remembers"
                    )
                    try folder.rebuildIndex(tool: toolLine, sources: sources) { Console.err(describe($0)) }
                }
                index = try folder.openIndex()
            } catch {
                throw report(error)
            }

            // 1. Ingest: unchanged exports are skipped by their SHA-256; those with the size,
            // time and inode the last run saw, and that import still in the index, are not read.
            let unread: [String: String]
            var toRead: [URL] = []
            do {
                unread = rebuild == nil ? try scanned.unchangedExports(index: index) : [:]
                for gone in try folder.dropVanishedExports(index: index) {
                    Console.err(describeRemoved(gone, folder: folder))
                }
                toRead = try folder.corpusFiles().filter { unread[folder.relativePath($0)] == nil }
            } catch {
                throw report(error)
            }
            for path in unread.keys.sorted() { Console.err("unchanged \(path) (as the last run saw it)") }
            var ingested = IngestRun()
            if !toRead.isEmpty || unread.isEmpty {
                ingested = ingest(
                    folder: folder, index: index, files: toRead.map(\.path), format: nil, given: Provenance(),
                    keepGoing: false,
                    force: false, json: false, command: "run", quiet: rebuild != nil)
            }
            if ingested.failed > 0 { throw ingested.exitCode }
            do {
                try index.claimImportedBy(toolLine)
            } catch {
                throw report(error)
            }

            // 2. Dedup and 3. criteria, unless nothing they depend on changed.
            let dedupInputs: String
            let upToDate: Bool
            do {
                dedupInputs = try RunStamp.dedupInputs(folder: folder, index: index, loaded: loaded)
                upToDate =
                    try rebuild == nil && index.dedupIsCurrent() && previous?.dedupInputs == dedupInputs
                    && !index.eligibility().isEmpty
            } catch {
                throw report(error)
            }
            // The studies, decoded once: the criteria and the outputs read the same values.
            var studies: [Study]?
            if upToDate {
                Console.err("dedup and criteria: unchanged since the last run")
            } else {
                try dedupSummary(folder: folder, index: index, quiet: true)
                do {
                    let current = try index.studies()
                    studies = current
                    let results = try index.applyCriteria(loaded, to: current)
                    let excluded = results.filter { $0.criterion != nil }.count
                    Console.err("criteria: \(excluded) of \(results.count) studies excluded by the automatic criteria")
                } catch {
                    throw report(error)
                }
            }

            // 4. Matrix, report and exports from the logs.
            let context = try ReviewContext(folder: folder, index: index, loaded: loaded, studies: studies, warn: false)
            var messages = context.snapshot.warnings.map { RunStamp.Message(kind: .warning, text: $0) }
            for message in messages { message.print() }
            let written = try context.writeOutputs(language: nil, withExistingLanguages: true)
            Console.err(ReviewOutputs.summary(written))
            let problems = context.problemMessages()
            for message in problems.messages { message.print() }
            messages += problems.messages

            // The screening queues' corpus (keys, ranking features), built again only when the
            // eligible studies changed, so that `scoping screen` reads no record's text to start.
            if !context.isEmpty {
                try? ScreenQueueSetup.storeCorpus(folder: folder, index: index, snapshot: context.snapshot)
            }

            // 5. What still needs people.
            let status = StatusText.summary(context.snapshot.status)
            Console.out(status)

            // The stamp, after a run that got this far only.
            do {
                let stamp = RunStamp(
                    tool: toolLine, dedupInputs: dedupInputs, index: try index.contentFingerprint(),
                    inputs: scanned.stamps(
                        corpusHashes: unread.merging(ingested.outcomes.map { ($0.path, $0.sha256) }) { _, new in new }),
                    fulltext: scanned.fulltext,
                    outputs: written.compactMap {
                        FileStamp(folder: folder, path: "output/" + $0.name, sha256: $0.sha256)
                    },
                    messages: messages, status: status, exitCode: problems.isError ? Exit.problems.rawValue : 0
                )
                stamp.write(folder)
            } catch {
                // No stamp: the next run redoes every stage, which is always right.
                RunStamp.remove(folder)
            }
            if problems.isError { throw Exit.problems }
        }
    }
}

/// The build of the running tool, as the run stamp and the index record it.
enum RunTool {
    /// `tool <version> <size>-<mtime>` of the running executable: cheap, and different for every build.
    static func line() -> String {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
            ?? CommandLine.arguments[0]
        let attributes = (try? FileManager.default.attributesOfItem(atPath: exe)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date).map { Int64($0.timeIntervalSince1970) } ?? 0
        return "tool \(Scoping.configuration.version) \(size)-\(mtime)"
    }
}

extension RunStamp.Message {
    /// Prints the message on stderr as it was printed the first time.
    func print() {
        switch kind {
        case .warning: Console.warning(text)
        case .error: Console.error(text)
        case .note: Console.err(text)
        }
    }
}
