import ArgumentParser
import Bibliography
import Foundation
import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping status`: what still needs people.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what still needs people: records to screen, conflicts, studies to chart or verify.",
            discussion: """
                Read from the index and the logs in screening/ and charting/: per stage and \
                reviewer the records left to screen, the conflicts nobody has reconciled, and the \
                included studies still to chart or to verify. `scoping run` ends with the same \
                summary. Exit status 0 either way.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Flag(help: "Print the summary as JSON.")
        var json = false

        func run() throws {
            let context = try ReviewContext.open(options)
            let status = context.snapshot.status
            Console.out(json ? StatusText.json(status) : StatusText.summary(status))
        }
    }
}

/// Text renderings for `scoping status` and the end of `scoping run`.
enum StatusText {
    static func summary(_ s: ReviewStatus) -> String {
        var lines = [
            "\(DedupText.plural(s.studies, "study", "studies")), \(s.eligible) past the automatic criteria"
                + (s.dedupAwaitingReview > 0
                    ? "; \(DedupText.plural(s.dedupAwaitingReview, "duplicate pair")) awaiting review" : "")
        ]
        for stage in ScreeningStage.allCases {
            let rows = s.left.filter { $0.stage == stage }
            let conflicts = s.conflicts[stage] ?? []
            let parts = rows.map { "\($0.reviewer) \($0.left) of \($0.assigned) left" }
            lines.append(
                "\(RecordTable.pad(stage.displayName + ":", 16)) "
                    + (parts.isEmpty ? "no records yet" : parts.joined(separator: ", "))
                    + "; \(DedupText.plural(conflicts.count, "conflict")) to reconcile")
            if !conflicts.isEmpty {
                let shown = conflicts.prefix(5).map(\.rawValue).joined(separator: ", ")
                lines.append("  conflicts: " + shown + (conflicts.count > 5 ? ", …" : ""))
            }
        }
        for u in s.updates {
            let names = u.update.sources.joined(separator: ", ")
            let left = u.left.map { "\($0.reviewer) \($0.left) left" }.joined(separator: ", ")
            lines.append(
                "\(RecordTable.pad("update \(u.update.date):", 16)) \(names): "
                    + "\(DedupText.plural(u.update.records, "record")), "
                    + "\(u.update.known) of studies found before (decisions kept), "
                    + "\(DedupText.plural(u.update.newStudies.count, "new study", "new studies")) "
                    + "(\(u.eligible) past the automatic criteria)" + (left.isEmpty ? "" : "; " + left))
        }
        lines.append(
            "\(RecordTable.pad("charting:", 16)) \(s.included) included, \(s.charted) charted, \(s.verified) verified; "
                + "\(s.toChart.count) to chart, \(s.toVerify.count) to verify")
        if !s.ruleConflicts.isEmpty {
            lines.append(
                "\(RecordTable.pad("rule conflicts:", 16)) \(DedupText.plural(s.ruleConflicts.count, "study", "studies")) people included, "
                    + "excluded by the protocol's criteria now (kept included)")
            for c in s.ruleConflicts.prefix(5) {
                lines.append("  \(c.key): \(c.criterion); " + c.by.joined(separator: ", "))
            }
            if s.ruleConflicts.count > 5 { lines.append("  …") }
        }
        if s.isDone {
            lines.append("nothing waits for a person")
        } else {
            var next: [String] = []
            if s.dedupAwaitingReview > 0 { next.append("scoping dedup review --reviewer NAME") }
            if s.left.contains(where: { $0.left > 0 }) { next.append("screen the records left") }
            if s.conflicts.values.contains(where: { !$0.isEmpty }) { next.append("reconcile the conflicts") }
            if !s.toChart.isEmpty { next.append("scoping chart --reviewer NAME") }
            if !s.toVerify.isEmpty { next.append("scoping chart --reviewer NAME --verify") }
            if !s.ruleConflicts.isEmpty {
                next.append("decide the rule conflicts (reconcile, or scoping criteria --confirm --reviewer NAME)")
            }
            lines.append("next: " + next.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ s: ReviewStatus) -> String {
        JSONLines.object([
            ("studies", .int(s.studies)), ("dedupAwaitingReview", .int(s.dedupAwaitingReview)),
            ("eligible", .int(s.eligible)),
            (
                "left",
                .raw(
                    JSONLines.array(
                        s.left.map { l in
                            JSONLines.object([
                                ("stage", .string(l.stage.logName)), ("reviewer", .string(l.reviewer)),
                                ("assigned", .int(l.assigned)), ("left", .int(l.left)),
                            ])
                        }))
            ),
            (
                "conflicts",
                .raw(
                    JSONLines.object(
                        ScreeningStage.allCases.map { ($0.logName, .strings((s.conflicts[$0] ?? []).map(\.rawValue))) })
                )
            ),
            ("included", .int(s.included)), ("charted", .int(s.charted)), ("verified", .int(s.verified)),
            ("toChart", .strings(s.toChart.map(\.rawValue))), ("toVerify", .strings(s.toVerify.map(\.rawValue))),
            (
                "ruleConflicts",
                .raw(
                    JSONLines.array(
                        s.ruleConflicts.map { c in
                            JSONLines.object([
                                ("key", .string(c.key.rawValue)), ("criterion", .string(c.criterion)),
                                ("by", .strings(c.by)),
                            ])
                        }))
            ),
            (
                "updates",
                .raw(
                    JSONLines.array(
                        s.updates.map { u in
                            JSONLines.object([
                                ("date", .string(u.update.date)), ("sources", .strings(u.update.sources)),
                                ("records", .int(u.update.records)), ("known", .int(u.update.known)),
                                ("newStudies", .strings(u.update.newStudies.map(\.rawValue))),
                                ("eligible", .int(u.eligible)),
                                (
                                    "left",
                                    .raw(
                                        JSONLines.object(u.left.map { ($0.reviewer, .int($0.left)) }))
                                ),
                            ])
                        }))
            ),
            ("done", .bool(s.isDone)),
        ])
    }
}
