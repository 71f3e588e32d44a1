public import ArgumentParser
import Bibliography
import Foundation
public import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping conflicts`: records where the reviewers disagree.
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the records where reviewers disagree (include vs exclude).",
            discussion: """
                Maybe counts as include, as is usual; not-retrieved against anything else is a \
                conflict. Only unresolved conflicts are listed unless --all is given, which adds \
                those already reconciled with the final decision. One line per conflict: the \
                record key, then each reviewer's decision, reason and note. Resolve them with \
                `scoping reconcile --reviewer NAME`. Exit status 0 whether or not there are any.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: ArgumentHelp("Only this stage: title-abstract or full-text (default: both).", valueName: "stage"))
        var stage: ScreeningStage?

        @Flag(help: "Also list conflicts already reconciled, with the final decision.")
        var all = false

        @Flag(help: "Print the conflicts as JSON.")
        var json = false

        func run() throws {
            let context = try ScreeningContext.open(options)
            let stages = stage.map { [$0] } ?? ScreeningStage.allCases
            var objects: [String] = []
            for stage in stages {
                let conflicts = context.state.conflicts(at: stage, includingResolved: all)
                if json {
                    objects += conflicts.map(ConflictText.json)
                    continue
                }
                for c in conflicts { Console.out(ConflictText.line(c)) }
                let unresolved = conflicts.filter { $0.resolution == nil }.count
                let resolved =
                    all
                    ? conflicts.count - unresolved
                    : context.state.conflicts(at: stage, includingResolved: true).count - unresolved
                var message = "\(stage.displayName): \(DedupText.plural(unresolved, "unresolved conflict"))"
                if resolved > 0 { message += ", \(resolved) reconciled" + (all ? "" : " (--all lists them)") }
                Console.err(message)
            }
            if json { Console.out(JSONLines.array(objects)) }
        }
    }
}

/// `--stage`, in every command that takes one: `title-abstract` or `full-text`, with the
/// protocol's spellings and the short forms (`ta`, `ft`) accepted too. (Help shows a default
/// as the raw value, `title_abstract`, so commands take an optional stage and say the default.)
extension ScreeningStage: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }

    public static var allValueStrings: [String] { allCases.map(\.commandLineName) }

    public static var allValueDescriptions: [String: String] { [:] }
}

/// What the team-view commands (`conflicts`, `reconcile`, `agreement`, `decisions`) read:
/// the protocol and every reviewer's decision log.
///
/// When the review has an index, logs are read through ``ReviewFolder/snapshot(index:loaded:)``
/// so record keys are mapped to their studies exactly as `scoping status` and the report do,
/// and the studies' records are at hand; without one the logs are read as they are.
struct ScreeningContext {
    var folder: ReviewFolder
    var loaded: LoadedProtocol
    var logs: [DecisionLogContents]
    var state: ScreeningState
    /// The studies by key (empty when the review has no index yet).
    var studies: [RecordKey: Study]

    /// Opens the review named by `options`; reports an error and throws its exit code.
    static func open(_ options: ReviewOptions) throws -> ScreeningContext {
        do {
            let folder = try options.folder()
            let loaded = try folder.loadProtocol()
            if FileManager.default.fileExists(atPath: folder.indexFile.path) {
                let snapshot = try folder.snapshot(index: try folder.openIndex(), loaded: loaded)
                for w in snapshot.warnings { Console.warning(w) }
                let studies = Dictionary(snapshot.studies.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
                return ScreeningContext(
                    folder: folder, loaded: loaded, logs: snapshot.decisionLogs, state: snapshot.screening,
                    studies: studies)
            }
            var reviewers = loaded.reviewProtocol.screening.reviewers
            for name in logNames(in: folder.screening) where !reviewers.contains(name) { reviewers.append(name) }
            var logs: [DecisionLogContents] = []
            for reviewer in reviewers where DecisionLog.isValidReviewer(reviewer) {
                let log = try DecisionLog.read(
                    directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening")
                for w in log.warnings { Console.warning(w.description) }
                logs.append(log)
            }
            return ScreeningContext(
                folder: folder, loaded: loaded, logs: logs,
                state: ScreeningState(logs: logs, plan: loaded.reviewProtocol.screening), studies: [:])
        } catch let error as ExitCode {
            throw error
        } catch {
            throw report(error)
        }
    }

    /// The reviewer names of the `*.jsonl` logs in `directory`, sorted.
    static func logNames(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map { String($0.dropLast(6)) }.sorted()
    }
}

/// Text renderings for `scoping conflicts`.
enum ConflictText {
    /// `pmid:1  title-abstract  anna: include  bram: exclude E4 "note"  → reconciled by anna: include`
    static func line(_ c: Conflict) -> String {
        var parts = [c.key.rawValue, c.stage.logName]
        parts += c.decisions.map { "\($0.reviewer): " + decision($0) }
        if let r = c.resolution { parts.append("→ reconciled by \(r.reviewer): " + decision(r)) }
        return parts.joined(separator: "  ")
    }

    /// `exclude E4 "the note"`
    static func decision(_ e: DecisionEntry) -> String {
        var s = e.decision.rawValue
        if let reason = e.reason { s += " " + reason }
        if let note = e.note, !note.isEmpty { s += " " + JSONText.quote(note) }
        return s
    }

    static func entryJSON(_ e: DecisionEntry) -> String {
        JSONLines.object([
            ("reviewer", .string(e.reviewer)), ("decision", .string(e.decision.rawValue)),
            ("reason", .optionalString(e.reason)), ("note", .optionalString(e.note)), ("time", .string(e.time)),
        ])
    }

    static func json(_ c: Conflict) -> String {
        JSONLines.object([
            ("key", .string(c.key.rawValue)), ("stage", .string(c.stage.logName)),
            ("decisions", .raw("[" + c.decisions.map(entryJSON).joined(separator: ",") + "]")),
            ("resolution", .raw(c.resolution.map(entryJSON) ?? "null")),
        ])
    }
}
