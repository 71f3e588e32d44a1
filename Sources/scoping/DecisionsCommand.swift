import ArgumentParser
import Bibliography
import Formats
import Foundation
import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping decisions export|import`: decision logs as CSV, for reviewers who worked elsewhere.
    struct Decisions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export decision logs as CSV, or import decisions made elsewhere.",
            subcommands: [Export.self, Import.self]
        )
    }
}

extension Scoping.Decisions {
    /// `scoping decisions export --csv`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write decision logs as CSV (time,reviewer,stage,key,decision,reason,note,order).",
            discussion: """
                RFC 4180 with CRLF line ends. Every entry is written, retractions included, so \
                an import reproduces the log; reconciliations have the stage \
                reconcile:title-abstract or reconcile:full-text. Without --reviewer, every \
                reviewer's log in screening/, one after the other.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Flag(help: "Write CSV (the only format for now).")
        var csv = false

        @Option(help: ArgumentHelp("Only this reviewer's log.", valueName: "name"))
        var reviewer: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        func validate() throws {
            guard csv else { throw ValidationError("say which format: --csv") }
            if let reviewer, !DecisionLog.isValidReviewer(reviewer) {
                throw ValidationError(
                    "'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
            }
        }

        func run() throws {
            let entries: [DecisionEntry]
            do {
                let folder = try options.folder()
                let names: [String]
                if let reviewer {
                    guard
                        FileManager.default.fileExists(
                            atPath: DecisionLog.path(directory: folder.screening.path, reviewer: reviewer))
                    else {
                        Console.error("screening/\(reviewer).jsonl does not exist")
                        throw Exit.noInput
                    }
                    names = [reviewer]
                } else {
                    names = ScreeningContext.logNames(in: folder.screening).filter(DecisionLog.isValidReviewer)
                }
                var all: [DecisionEntry] = []
                for name in names {
                    let log = try DecisionLog.read(
                        directory: folder.screening.path, reviewer: name, displayDirectory: "screening")
                    for w in log.warnings { Console.warning(w.description) }
                    all += log.entries
                }
                entries = all
            } catch let error as ExitCode {
                throw error
            } catch {
                throw report(error)
            }
            try Console.emit(
                Data(DecisionCSV.export(entries).utf8), to: output,
                summary: "\(output ?? ""): \(DedupText.plural(entries.count, "decision"))")
        }
    }

    /// `scoping decisions import FILE --reviewer NAME`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add decisions from a CSV file to a reviewer's log.",
            discussion: """
                The CSV has the columns time,reviewer,stage,key,decision,reason,note and, \
                optionally, order (ranked, random, file, check or empty); any column order; what \
                `decisions export --csv` writes. Every cell is checked first and every \
                problem reported with its line and column; when there is one, nothing is imported \
                (exit status 65). Reasons must be criteria of the protocol. Imported entries take \
                the current protocol's SHA-256. Entries already in the log (same time, stage, \
                key, decision, reason and note) are skipped, so importing twice adds nothing.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Argument(help: "The CSV file (.gz is fine).")
        var file: String

        @Option(
            help: ArgumentHelp(
                "Whose log the decisions go into; every row's reviewer must be this one.", valueName: "name"))
        var reviewer: String

        @Flag(help: "Accepted for symmetry with export: the file is always CSV.")
        var csv = false

        func validate() throws {
            guard DecisionLog.isValidReviewer(reviewer) else {
                throw ValidationError(
                    "'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
            }
        }

        func run() throws {
            let folder: ReviewFolder
            let loaded: LoadedProtocol
            do {
                folder = try options.folder()
                loaded = try folder.loadProtocol()
            } catch {
                throw report(error)
            }
            let text: String
            do {
                text = try LabelledText.read(path: file)
            } catch {
                throw report(error)
            }
            let name = (file as NSString).lastPathComponent
            let entries: [DecisionEntry]
            do {
                entries = try DecisionCSV.parse(
                    text, file: name, reviewer: reviewer, protocolHash: loaded.sha256,
                    knownReasons: Set(loaded.reviewProtocol.criteria.map(\.id)))
            } catch {
                Console.error("nothing imported:")
                Console.err(error.localizedDescription)
                throw Exit.dataError
            }
            do {
                let log = try DecisionLog(
                    directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening", now: { Date() }
                )
                defer { log.close() }
                for w in log.openWarnings { Console.warning(w.description) }
                // Check the whole import against the log before writing any of it.
                if let problem = Self.check(entries, against: log.contents, file: name) {
                    Console.error("nothing imported:")
                    Console.err(problem)
                    throw Exit.dataError
                }
                let (added, skipped) = try log.importEntries(entries)
                Console.out(
                    "\(log.displayPath): \(DedupText.plural(added, "decision")) imported, \(skipped) already there (skipped)"
                )
            } catch let error as ExitCode {
                throw error
            } catch {
                throw report(error)
            }
        }

        /// What the log would say about the entries it does not have yet (a retraction of
        /// nothing, a not-retrieved at title/abstract); nil when all of them can go in.
        static func check(_ entries: [DecisionEntry], against contents: DecisionLogContents, file: String) -> String? {
            struct Identity: Hashable {
                var time: String, stage: DecisionStage, reconciles: ScreeningStage?, key: RecordKey
                var decision: Decision, reason: String?, note: String?
            }
            func identity(_ e: DecisionEntry) -> Identity {
                Identity(
                    time: e.time, stage: e.stage, reconciles: e.reconciles, key: e.key, decision: e.decision,
                    reason: e.reason, note: e.note)
            }
            var seen = Set(contents.entries.map(identity))
            var data = Data()
            for e in contents.entries { data.append(contentsOf: Array((e.jsonLine + "\n").utf8)) }
            let existing = contents.entries.count
            var rows: [Int] = []
            for (i, e) in entries.enumerated() where seen.insert(identity(e)).inserted {
                data.append(contentsOf: Array((e.jsonLine + "\n").utf8))
                rows.append(i)
            }
            do {
                _ = try DecisionLogContents(data: data, file: contents.file, reviewer: contents.reviewer)
                return nil
            } catch {
                if case .invalidLogLine(_, let line, let message) = error, line > existing,
                    line - existing - 1 < rows.count
                {
                    let entry = entries[rows[line - existing - 1]]
                    return
                        "\(file): decision \(rows[line - existing - 1] + 1) (\(entry.key.rawValue), \(entry.decision.rawValue) at \(entry.stage.rawValue)): \(message)"
                }
                return error.localizedDescription
            }
        }
    }
}

/// Reads a text file, gunzipping when it is gzip and transcoding UTF-16 (``InputFile``), as
/// UTF-8, or as Windows-1252 when the bytes are not valid UTF-8.
enum LabelledText {
    static func read(path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw WorkspaceError.missingFile(path) }
        let input = try InputFile(path: path)
        var bytes: [UInt8] = []
        try input.forEachChunk { bytes.append(contentsOf: $0) }
        let valid = bytes.withUnsafeBufferPointer { TextEncoding.isValidUTF8($0) }
        if valid {
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            return String(decoding: bytes[start...], as: UTF8.self)
        }
        Console.warning("\(path): not valid UTF-8; read as Windows-1252")
        return TextEncoding.windows1252.decode(bytes)
    }
}
