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

        @Flag(help: "Ignore the last run's stamp: rebuild the index from the exports, rerun dedup and the criteria and render every output.")
        var force = false

        func run() throws {
            let folder: ReviewFolder
            do {
                folder = try options.folder()
            } catch {
                throw reportReviewError(error)
            }
            let toolLine = RunStamp.toolLine()
            let previous = RunStamp.read(folder)

            // 0. Nothing changed since the last run: its summary, without opening the records.
            if !force, let previous, previous.tool == toolLine, let current = previous.stillCurrent(folder) {
                Console.err("nothing changed since the last run: output/ is as it wrote it (`scoping run --force` redoes everything)")
                if current != previous { current.write(folder) }
                for message in current.messages { message.print() }
                Console.out(current.status)
                if current.exitCode != 0 { throw ExitCode(current.exitCode) }
                return
            }

            // Every input as it is now, before any stage reads it: a change made during the
            // run makes the next run redo it.
            let scanned = InputScan(folder: folder, previous: previous)

            let index: ReviewIndex
            let loaded: LoadedProtocol
            // The index holds records as the build that imported them read them: another
            // build (or --force) rebuilds it from scratch, as on a fresh clone.
            let newTool = force || previous?.tool != toolLine
            do {
                loaded = try folder.loadProtocol()
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

            // 1. Ingest: unchanged exports are skipped by their SHA-256; those with the size,
            // time and inode the last run saw, and that import still in the index, are not read.
            let unread: [String: String]
            do {
                unread = try scanned.unchangedExports(index: index)
            } catch {
                throw report(error)
            }
            do {
                try dropVanishedExports(folder: folder, index: index)
            } catch {
                throw report(error)
            }
            let toRead = ((try? folder.corpusFiles()) ?? []).filter { unread[folder.relativePath($0)] == nil }
            for path in unread.keys.sorted() { Console.err("unchanged \(path) (as the last run saw it)") }
            var ingested = IngestRun()
            if !toRead.isEmpty || unread.isEmpty {
                ingested = ingest(folder: folder, index: index, files: toRead.map(\.path), format: nil, provenance: Provenance(), keepGoing: false, force: false, json: false)
            }
            if ingested.failed > 0 { throw ingested.exitCode }

            // 2. Dedup and 3. criteria, unless nothing they depend on changed.
            let dedupInputs: String
            do {
                dedupInputs = try RunStamp.dedupInputs(folder: folder, index: index, loaded: loaded)
            } catch {
                throw report(error)
            }
            let upToDate: Bool
            do {
                upToDate = try !newTool && index.dedupIsCurrent() && previous?.dedupInputs == dedupInputs && !index.eligibility().isEmpty
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
            }

            // 4. Matrix, report and exports from the logs.
            let context = try ReviewContext(folder: folder, index: index, loaded: loaded, warn: false)
            var messages = context.snapshot.warnings.map { RunStamp.Message(kind: .warning, text: $0) }
            for message in messages { message.print() }
            let written = try context.writeOutputs(language: nil, withExistingLanguages: true)
            Console.err(OutputText.summary(written))
            let problems = context.problemMessages()
            for message in problems.messages { message.print() }
            messages += problems.messages

            // 5. What still needs people.
            let status = StatusText.summary(context.snapshot.status)
            Console.out(status)

            // The stamp, after a run that got this far only.
            do {
                let stamp = RunStamp(
                    tool: toolLine, dedupInputs: dedupInputs, index: try index.contentFingerprint(),
                    inputs: scanned.stamps(corpusHashes: unread.merging(ingested.outcomes.map { ($0.path, $0.sha256) }) { _, new in new }),
                    fulltext: scanned.fulltext, outputs: written.compactMap { FileStamp(folder: folder, path: "output/" + $0.name, sha256: $0.sha256) },
                    messages: messages, status: status, exitCode: problems.isError ? Exit.problems.rawValue : 0
                )
                stamp.write(folder)
            } catch {
                // No stamp: the next run redoes everything, which is always right.
                try? FileManager.default.removeItem(at: RunStamp.url(folder))
            }
            if problems.isError { throw Exit.problems }
        }
    }
}

/// What the last successful `scoping run` ran on and wrote, kept in `.scoping/run.stamp`
/// (derived, safe to delete; JSON).
///
/// - the build of the tool: with a different build (another version, or a development build)
///   `scoping run` rebuilds the index from scratch, so `output/` depends on the inputs and the
///   running tool only;
/// - every input file (`protocol/protocol.yaml`, the exports in `corpus/`, `screening/*.jsonl`,
///   `charting/*.jsonl`, `dedup/decisions.tsv`) by size, modification time, inode and SHA-256,
///   and the names in `fulltext/`;
/// - a fingerprint of the index (imports, eligibility, dedup), for commands run by hand between runs;
/// - every file written to `output/`, the same way;
/// - the messages and the "what still needs people" summary it printed, and its exit status.
///
/// When the tool, every input and every output file match (a file whose size, time or inode
/// changed is compared by its SHA-256), the next run only prints that summary again.
struct RunStamp: Codable, Equatable {
    /// The stamp's layout; another value (or an older stamp in text) reads as "no stamp".
    static let currentFormat = 2

    struct Message: Codable, Equatable {
        enum Kind: String, Codable { case warning, error, note }
        var kind: Kind
        var text: String

        func print() {
            switch kind {
            case .warning: Console.warning(text)
            case .error: Console.error(text)
            case .note: Console.err(text)
            }
        }
    }

    var format = RunStamp.currentFormat
    var tool: String
    /// The imports' SHA-256s, the dedup decision log's and the protocol's: what dedup and the criteria last ran on.
    var dedupInputs: String
    var index: String
    var inputs: [FileStamp]
    var fulltext: [String]
    var outputs: [FileStamp]
    var messages: [Message]
    var status: String
    var exitCode: Int32

    static func url(_ folder: ReviewFolder) -> URL { folder.derived.appending(path: "run.stamp") }

    /// `tool <version> <size>-<mtime>` of the running executable: cheap, and different for every build.
    static func toolLine() -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        let attributes = (try? FileManager.default.attributesOfItem(atPath: exe)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let mtime = (attributes[.modificationDate] as? Date).map { Int64($0.timeIntervalSince1970) } ?? 0
        return "tool \(Scoping.configuration.version) \(size)-\(mtime)"
    }

    /// What dedup and the criteria depend on: the imports, the dedup decision log and the protocol.
    static func dedupInputs(folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol) throws -> String {
        var lines = try index.imports().map { "import \($0.path) \($0.sha256)" }
        let log = folder.root.appending(path: DedupDecisionLog.relativePath)
        let logHash = FileManager.default.contents(atPath: log.path).map { FileDigest.sha256($0) } ?? "none"
        lines.append("dedup-decisions \(logHash)")
        lines.append("protocol \(loaded.sha256)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The last run's stamp; nil when there is none or it cannot be read.
    static func read(_ folder: ReviewFolder) -> RunStamp? {
        guard let data = FileManager.default.contents(atPath: url(folder).path),
              let stamp = try? JSONDecoder().decode(RunStamp.self, from: data), stamp.format == currentFormat
        else { return nil }
        return stamp
    }

    /// Writes the stamp atomically (a temporary file renamed over the old one).
    func write(_ folder: ReviewFolder) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return }
        try? data.write(to: Self.url(folder), options: .atomic)
    }

    /// This stamp (with refreshed file times) when the folder is exactly as the last run left
    /// it; nil when anything changed: an input, the fulltext/ listing, an output, the index.
    func stillCurrent(_ folder: ReviewFolder) -> RunStamp? {
        var stamp = self
        // Inputs: the same files, each with the same bytes.
        let paths = InputScan.inputPaths(folder)
        guard paths == inputs.map(\.path) else { return nil }
        for (i, file) in inputs.enumerated() {
            guard let same = file.unchanged(folder) else { return nil }
            stamp.inputs[i] = same
        }
        guard InputScan.fulltextNames(folder) == fulltext else { return nil }
        // Outputs: the files of ours in output/ are the ones written, each with the bytes written.
        guard OutputText.present(in: folder.output).map({ "output/" + $0 }) == outputs.map(\.path).sorted() else { return nil }
        for (i, file) in outputs.enumerated() {
            guard let same = file.unchanged(folder) else { return nil }
            stamp.outputs[i] = same
        }
        // The index: nobody ingested, deduplicated or applied criteria by hand since.
        guard FileManager.default.fileExists(atPath: folder.indexFile.path),
              let index = try? folder.openIndex(), (try? index.contentFingerprint()) == self.index
        else { return nil }
        return stamp
    }
}

/// One file as a run saw it: enough to tell, without reading it, that it did not change.
struct FileStamp: Codable, Equatable {
    /// Relative to the review folder.
    var path: String
    var size: Int64
    /// Modification time, nanoseconds since 1970.
    var mtime: Int64
    var inode: UInt64
    var sha256: String

    /// Size, modification time (ns) and inode of the file at `url`; nil when there is no regular file.
    static func stat(_ url: URL) -> (size: Int64, mtime: Int64, inode: UInt64)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let mtime = (attributes[.modificationDate] as? Date).map { Int64(($0.timeIntervalSince1970 * 1e9).rounded()) } ?? -1
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return (size, mtime, inode)
    }

    /// This stamp (refreshed when only the file's time or inode changed) when the file still
    /// has the same bytes; nil when it changed or is gone. Reads the file only when its size,
    /// time or inode differ.
    func unchanged(_ folder: ReviewFolder) -> FileStamp? {
        let url = folder.root.appending(path: path)
        guard let now = Self.stat(url), now.size == size else { return nil }
        if now.mtime == mtime && now.inode == inode { return self }
        guard (try? FileDigest.sha256(path: url.path)) == sha256 else { return nil }
        var refreshed = self
        (refreshed.mtime, refreshed.inode) = (now.mtime, now.inode)
        return refreshed
    }
}

extension FileStamp {
    /// The file's stamp now, with `sha256` as its content's hash; nil when it is not there.
    init?(folder: ReviewFolder, path: String, sha256: String) {
        guard let stat = Self.stat(folder.root.appending(path: path)) else { return nil }
        self.init(path: path, size: stat.size, mtime: stat.mtime, inode: stat.inode, sha256: sha256)
    }
}

/// The input files of a run, stat'ed before any stage reads them.
struct InputScan {
    let folder: ReviewFolder
    let previous: RunStamp?
    /// Path → (size, mtime, inode) at the start of the run.
    let stats: [(path: String, stat: (size: Int64, mtime: Int64, inode: UInt64)?)]
    let fulltext: [String]

    init(folder: ReviewFolder, previous: RunStamp?) {
        self.folder = folder
        self.previous = previous
        stats = Self.inputPaths(folder).map { ($0, FileStamp.stat(folder.root.appending(path: $0))) }
        fulltext = Self.fulltextNames(folder)
    }

    /// Every file a run reads, relative to the folder, in a fixed order: the protocol, the
    /// exports, the decision and charting logs, the dedup decision log.
    static func inputPaths(_ folder: ReviewFolder) -> [String] {
        var paths = [ReviewFolder.protocolPath]
        paths += ((try? folder.corpusFiles()) ?? []).map { folder.relativePath($0) }
        for (dir, name) in [(folder.screening, "screening"), (folder.charting, "charting")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            paths += names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted().map { name + "/" + $0 }
        }
        if FileManager.default.fileExists(atPath: folder.root.appending(path: DedupDecisionLog.relativePath).path) {
            paths.append(DedupDecisionLog.relativePath)
        }
        return paths
    }

    /// The names in `fulltext/` (a full text appearing changes what a reviewer can do next).
    static func fulltextNames(_ folder: ReviewFolder) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.root.appending(path: "fulltext").path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The exports (path → SHA-256) whose size, time and inode are those the last run saw and
    /// whose import of that SHA-256 is still in the index: ingest would find them unchanged.
    func unchangedExports(index: ReviewIndex) throws -> [String: String] {
        guard let previous else { return [:] }
        let old = Dictionary(previous.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let imported = Dictionary(try index.imports().map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var out: [String: String] = [:]
        for (path, stat) in stats where path.hasPrefix("corpus/") {
            guard let stat, let o = old[path], o.size == stat.size, o.mtime == stat.mtime, o.inode == stat.inode,
                  imported[path] == o.sha256 else { continue }
            out[path] = o.sha256
        }
        return out
    }

    /// The stamps of the inputs as they were at the start of the run. An export's hash is the
    /// one its import computed; another file's is the last run's when its stat is the same,
    /// else computed now. A file that vanished or changed during the run gets no stamp that
    /// could match, so the next run redoes it.
    func stamps(corpusHashes: [String: String]) -> [FileStamp] {
        let old = Dictionary((previous?.inputs ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        return stats.map { path, stat in
            guard let stat else { return FileStamp(path: path, size: -1, mtime: -1, inode: 0, sha256: "missing") }
            var stamp = FileStamp(path: path, size: stat.size, mtime: stat.mtime, inode: stat.inode, sha256: "")
            if let hash = corpusHashes[path] {
                stamp.sha256 = hash
            } else if let o = old[path], o.size == stat.size, o.mtime == stat.mtime, o.inode == stat.inode {
                stamp.sha256 = o.sha256
            } else {
                stamp.sha256 = (try? FileDigest.sha256(path: folder.root.appending(path: path).path)) ?? "unreadable"
            }
            return stamp
        }
    }
}
