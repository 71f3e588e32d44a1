import ArgumentParser
import Bibliography
import Foundation
import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping criteria`: applies the protocol's automatic criteria.
    struct Criteria: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the protocol's automatic criteria to every study.",
            discussion: """
                Each study is eligible, or ineligible with the id of the first criterion that \
                excludes it. The counts per criterion are PRISMA's "marked ineligible by \
                automation tools". The protocol's SHA-256 is stored with every verdict.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: ArgumentHelp("Show which rule fired on which text for one study.", valueName: "key"))
        var explain: String?

        @Option(
            help: ArgumentHelp(
                "Print a random sample of N auto-excluded studies for a person to check.", valueName: "n"))
        var sample: Int?

        @Option(help: "The seed of the random sample (the same seed gives the same sample).")
        var seed: UInt64 = 1

        @Flag(help: "Print the verdicts as JSON.")
        var json = false

        @Flag(
            help:
                "Exclude the studies people included that the criteria exclude now: logs that exclusion, with the criterion, as --reviewer's reconciliation."
        )
        var confirm = false

        @Option(help: "With --confirm: whose log records the confirmations.")
        var reviewer: String?

        func validate() throws {
            if let sample, sample < 1 { throw ValidationError("--sample must be 1 or more") }
            if confirm && reviewer == nil {
                throw ValidationError("--confirm needs --reviewer NAME: the person who confirms the exclusions")
            }
            if let reviewer, !DecisionLog.isValidReviewer(reviewer) {
                throw ValidationError(
                    "'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
            }
        }

        func run() throws {
            let results: [EligibilityResult]
            let loaded: LoadedProtocol
            let studies: [Study]
            var lock: ReviewLock?
            defer { withExtendedLifetime(lock) {} }
            do {
                let folder = try options.folder()
                if explain == nil { lock = try writerLock(folder, command: "criteria") }
                loaded = try folder.loadProtocol()
                let index = try folder.openIndex()
                studies = try index.studies()
                if let explain {
                    guard let study = studies.first(where: { $0.key.rawValue == explain }) else {
                        throw WorkspaceError.unknownKey(explain)
                    }
                    Console.out(CriteriaText.explain(study, loaded.reviewProtocol))
                    return
                }
                results = try index.applyCriteria(loaded, to: studies)
                if confirm, let reviewer {
                    try Self.confirm(folder: folder, index: index, loaded: loaded, reviewer: reviewer)
                }
            } catch {
                throw report(error)
            }
            if let sample {
                let excluded = results.filter { $0.criterion != nil }
                var rng = SeededGenerator(seed: seed)
                let picked = excluded.shuffled(using: &rng).prefix(sample).sorted { $0.key < $1.key }
                let titles = Dictionary(studies.map { ($0.key, $0.record.title) }, uniquingKeysWith: { a, _ in a })
                for r in picked {
                    Console.out("\(r.key)\t\(r.criterion ?? "")\t\(titles[r.key] ?? "")")
                }
                Console.err(
                    "\(picked.count) of \(excluded.count) auto-excluded studies, sampled with seed \(seed): check each by hand and report the share wrongly excluded in the methods."
                )
                return
            }
            if json {
                Console.out(
                    JSONLines.array(
                        results.map { r in
                            JSONLines.object([
                                ("key", .string(r.key.rawValue)), ("eligible", .bool(r.criterion == nil)),
                                ("criterion", .optionalString(r.criterion)), ("explanation", .strings(r.explanation)),
                                ("protocolSha256", .string(r.protocolSha256)),
                            ])
                        }))
                return
            }
            Console.out(CriteriaText.summary(results, loaded.reviewProtocol))
        }
    }
}

/// Text renderings for `scoping criteria`.
enum CriteriaText {
    /// Counts per automatic criterion, then the eligible total.
    static func summary(_ results: [EligibilityResult], _ p: ReviewProtocol) -> String {
        var lines: [String] = []
        for criterion in p.autoCriteria {
            let n = results.filter { $0.criterion == criterion.id }.count
            lines.append("\(RecordTable.pad(criterion.id, 4)) \(String(n).leftPad(5))  \(criterion.label.en)")
        }
        let eligible = results.filter { $0.criterion == nil }.count
        lines.append("eligible \(eligible) of \(results.count) studies")
        return lines.joined(separator: "\n")
    }

    /// Every automatic criterion and whether it fired on the study, with the text it fired on.
    static func explain(_ study: Study, _ p: ReviewProtocol) -> String {
        let verdict = p.evaluate(study.record)
        var lines = [
            "\(study.key): " + (verdict.reason.map { "ineligible (\($0))" } ?? "eligible"), study.record.title,
        ]
        if verdict.firings.isEmpty { lines.append("no automatic criterion fired") }
        for firing in verdict.firings { lines.append("  " + firing.description) }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

extension Scoping.Criteria {
    /// Logs, in `reviewer`'s log, a reconciling exclusion (with the criterion) of every study
    /// people included that the criteria now exclude, at the stage they last moved it on.
    static func confirm(folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol, reviewer: String) throws {
        let conflicts = try folder.snapshot(index: index, loaded: loaded).ruleConflicts
        guard !conflicts.isEmpty else {
            Console.err("no rule conflicts to confirm")
            return
        }
        let log = try DecisionLog(
            directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening", now: { Date() })
        defer { log.close() }
        for c in conflicts {
            _ = try log.record(
                c.key, stage: .reconcile, reconciles: c.stage, decision: .exclude, reason: c.criterion,
                note: "confirmed: the protocol's rule \(c.criterion) excludes it (" + c.by.joined(separator: ", ")
                    + ")",
                protocolHash: loaded.sha256)
            Console.err(
                "confirmed \(c.key): excluded by \(c.criterion) at \(c.stage == .titleAbstract ? "title/abstract" : "full text"), in \(log.displayPath)"
            )
        }
    }
}
