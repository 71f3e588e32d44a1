import ArgumentParser
import Bibliography
import Foundation
import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping reconcile --reviewer NAME`: walks the unresolved conflicts and records the final decisions.
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the unresolved conflicts and record the final decision on each.",
            discussion: """
                Line-based: for each conflict the record is shown with every reviewer's \
                decision, reason and note, then one answer is read from stdin: \
                `i` include, `e <reason>` exclude (a criterion id or its number in the list; \
                `e` alone asks for it), `r` not retrievable (full text only), `s` skip, \
                `q` quit. A note may follow after ` -- `: `e E4 -- wrong population`. \
                Each final decision goes into the reviewer's own log (stage `reconcile`), \
                on disk (fsync) before the next conflict is shown. Exit status 75 when \
                another session holds the reviewer's log.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: ArgumentHelp("Who reconciles: the decisions go into screening/<name>.jsonl.", valueName: "name"))
        var reviewer: String

        @Option(
            help: ArgumentHelp(
                "Only this stage: title-abstract or full-text (default: both, title/abstract first).",
                valueName: "stage"))
        var stage: ScreeningStage?

        func validate() throws {
            guard DecisionLog.isValidReviewer(reviewer) else {
                throw ValidationError(
                    "'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
            }
        }

        func run() throws {
            let context = try ScreeningContext.open(options)
            let log: DecisionLog
            do {
                log = try DecisionLog(
                    directory: context.folder.screening.path, reviewer: reviewer, displayDirectory: "screening",
                    now: { Date() })
                for w in log.openWarnings { Console.warning(w.description) }
            } catch {
                throw report(error)
            }
            defer { log.close() }
            let stages = stage.map { [$0] } ?? ScreeningStage.allCases
            let conflicts = stages.flatMap { context.state.conflicts(at: $0) }
            if conflicts.isEmpty {
                Console.out("no unresolved conflicts" + (stage.map { " at " + $0.displayName } ?? ""))
                return
            }
            var session = ReconcileSession(context: context, log: log, conflicts: conflicts)
            do {
                try session.run()
            } catch {
                throw report(error)
            }
        }
    }
}

/// The line-based walk over the conflicts (stdin in, stdout out).
struct ReconcileSession {
    var context: ScreeningContext
    var log: DecisionLog
    var conflicts: [Conflict]
    var reconciled = 0
    var skipped = 0

    enum Answer {
        case decide(Decision, reason: String?, note: String?)
        case skip
        case quit
    }

    mutating func run() throws {
        let proto = context.loaded.reviewProtocol
        let style: HighlightStyle = Console.colorAllowed(fd: STDOUT_FILENO) ? .ansi : .markers
        var quitAt: Int?
        for (n, conflict) in conflicts.enumerated() {
            let criteria = proto.criteria(for: conflict.stage)
            Console.out("")
            Console.out(
                "── conflict \(n + 1) of \(conflicts.count) · \(conflict.stage.displayName) · \(conflict.key.rawValue)")
            if let study = context.studies[conflict.key] {
                let text = Screening.RecordText(
                    highlighter: proto.highlighter(for: conflict.stage), style: style, width: 80)
                Console.out(text.render(study.record, foundIn: study.databases))
                Console.out("")
            }
            for d in conflict.decisions {
                var line = "  \(d.reviewer): \(d.decision.rawValue)"
                if let reason = d.reason {
                    line += " — \(reason)"
                    if let c = proto.criterion(reason) { line += " " + c.label.en }
                }
                Console.out(line)
                if let note = d.note, !note.isEmpty { Console.out("    note: \(note)") }
            }
            guard let answer = ask(stage: conflict.stage, criteria: criteria) else {
                quitAt = n
                break
            }
            switch answer {
            case .quit:
                quitAt = n
            case .skip:
                skipped += 1
                Console.out("skipped")
            case .decide(let decision, let reason, let note):
                let entry = try log.record(
                    conflict.key, stage: .reconcile, reconciles: conflict.stage, decision: decision, reason: reason,
                    note: note,
                    protocolHash: context.loaded.sha256)
                reconciled += 1
                Console.out("recorded: \(ConflictText.decision(entry)) in \(log.displayPath)")
            }
            if quitAt != nil { break }
        }
        let left = conflicts.count - reconciled
        Console.out("")
        Console.out("reconciled \(reconciled), skipped \(skipped), \(DedupText.plural(left, "conflict")) left")
    }

    /// Reads answers until one is valid; nil at the end of input.
    func ask(stage: ScreeningStage, criteria: [EligibilityCriterion]) -> Answer? {
        while true {
            Console.out(
                "[i]nclude, [e]xclude <reason>, " + (stage == .fullText ? "[r] not retrievable, " : "")
                    + "[s]kip, [q]uit> ", terminator: "")
            guard let raw = readLine() else {
                Console.out("")
                return nil
            }
            Self.endPromptLine()
            var text = raw.trimmingCharacters(in: .whitespaces)
            var note: String?
            if let range = text.range(of: " -- ") {
                note = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                if note?.isEmpty == true { note = nil }
                text = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard let command = parts.first?.lowercased() else { continue }
            let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            switch command {
            case "i": return .decide(.include, reason: nil, note: note)
            case "r" where stage == .fullText: return .decide(.notRetrieved, reason: nil, note: note)
            case "s": return .skip
            case "q": return .quit
            case "e":
                var given = argument
                if given.isEmpty {
                    Console.out(Self.criteriaList(criteria))
                    Console.out("reason> ", terminator: "")
                    guard let line = readLine() else {
                        Console.out("")
                        return nil
                    }
                    Self.endPromptLine()
                    given = line.trimmingCharacters(in: .whitespaces)
                }
                if let id = Self.reason(given, criteria) { return .decide(.exclude, reason: id, note: note) }
                Console.out("'\(given)' is not a reason at this stage; one of:")
                Console.out(Self.criteriaList(criteria))
            case "?", "h":
                Console.out(
                    "i include · e <reason> exclude · " + (stage == .fullText ? "r not retrievable · " : "")
                        + "s skip · q quit · add ` -- note` for a note")
                Console.out(Self.criteriaList(criteria))
            default:
                Console.out("'\(text)' is not an answer here (? for help)")
            }
        }
    }

    /// Ends the prompt's line when the answer came from a pipe (a terminal echoes the newline).
    static func endPromptLine() {
        if isatty(STDIN_FILENO) == 0 { Console.out("") }
    }

    /// A criterion id (any case) or its 1-based number in the stage's list.
    static func reason(_ given: String, _ criteria: [EligibilityCriterion]) -> String? {
        if let n = Int(given), criteria.indices.contains(n - 1) { return criteria[n - 1].id }
        return criteria.first { $0.id.lowercased() == given.lowercased() }?.id
    }

    static func criteriaList(_ criteria: [EligibilityCriterion]) -> String {
        criteria.enumerated().map { "  \($0.offset + 1) \($0.element.id)  \($0.element.label.en)" }.joined(
            separator: "\n")
    }
}
