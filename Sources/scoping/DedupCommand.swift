import ArgumentParser
import Bibliography
import Dedup
import Foundation
import Workspace

extension Scoping {
    /// `scoping dedup`: finds the records that report the same study.
    struct Dedup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dedup",
            abstract: "Find the records that report the same study, across databases.",
            discussion: """
                Groups the records in the index into studies (one cluster per study, with one \
                canonical record and every database that found it) and prints the counts: records, \
                studies, duplicates removed per database, related records (a protocol and its \
                results paper) and pairs awaiting review. Uncertain pairs are never merged: decide \
                them with `scoping dedup review`. People's decisions are kept in \
                dedup/decisions.tsv and win over the algorithm on every later run.
                """,
            subcommands: [Review.self]
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: ArgumentHelp("Show why one record is, or is not, in its cluster.", valueName: "key"))
        var explain: String?

        @Flag(help: "Print the summary (or the explanation) as JSON.")
        var json = false

        func run() throws {
            let (folder, index, lock) = try options.folderAndIndex(writing: "dedup")
            defer { withExtendedLifetime(lock) {} }
            try dedupSummary(folder: folder, index: index, json: json && explain == nil, quiet: explain != nil)
            guard let explain else { return }
            do {
                guard let explanation = try index.dedupExplanation(for: RecordKey(rawValue: explain)) else {
                    throw WorkspaceError.unknownKey(explain)
                }
                let titles = try DedupText.titles(
                    explanation.members.map(\.key) + explanation.pairs.flatMap { [$0.a, $0.b] } + explanation.related,
                    index: index)
                Console.out(json ? DedupText.json(explanation) : DedupText.explain(explanation, titles: titles))
            } catch {
                throw report(error)
            }
        }
    }
}

/// Runs dedup on the review folder with the people's decisions in dedup/decisions.tsv, stores
/// the clusters in the index and prints the summary on stdout (as JSON with `json`), problems of
/// the decision log as warnings on stderr. `scoping dedup` and `scoping run` (after ingest) call it.
///
/// - Parameter quiet: print only the warnings.
/// - Throws: the ``ExitCode`` for an error, already reported on stderr.
@discardableResult
func dedupSummary(folder: ReviewFolder, index: ReviewIndex, json: Bool = false, quiet: Bool = false) throws
    -> DedupSummary
{
    let summary: DedupSummary
    do {
        summary = try folder.deduplicate(index)
    } catch {
        throw report(error)
    }
    for problem in summary.logProblems { Console.warning(problem.description) }
    for conflict in summary.sharedKeyConflicts { Console.warning(conflict) }
    if !quiet { Console.out(json ? DedupText.json(summary) : DedupText.summary(summary)) }
    return summary
}

extension Scoping.Dedup {
    /// `scoping dedup review --reviewer NAME`: a person decides the uncertain pairs.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide the pairs dedup left uncertain, one at a time.",
            discussion: """
                Shows each uncertain pair side by side, the fields that differ highlighted (marked \
                with * without colour), and reads one answer per line: y (the same study), n \
                (different studies), s (skip for now), q (quit). Each answer is appended to \
                dedup/decisions.tsv (and synced to disk) before the next pair is shown; dedup then \
                runs again with the new decisions. Answers may come from a pipe.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: "Your name, as the decision log records it.")
        var reviewer: String

        func validate() throws {
            if reviewer.trimmingCharacters(in: .whitespaces).isEmpty
                || reviewer.contains(where: { $0 == "\t" || $0.isNewline })
            {
                throw ValidationError("--reviewer needs a name without tabs or line breaks")
            }
        }

        func run() throws {
            let (folder, index) = try options.folderAndIndex()
            let queue: [DedupPair]
            var cluster: [RecordKey: RecordKey]
            try dedupSummary(folder: folder, index: index, quiet: true)
            do {
                queue = try index.dedupReviewQueue()
                cluster = try index.dedupClusterKeys()
            } catch {
                throw report(error)
            }
            guard !queue.isEmpty else {
                Console.err("no pairs awaiting review")
                return
            }
            let log = folder.dedupDecisionLog
            let width = Terminal.width()
            var decided = 0
            var skipped = 0
            session: for (n, pair) in queue.enumerated() {
                // A `same` earlier in this session may have joined the two already.
                if let ca = cluster[pair.a], ca == cluster[pair.b] { continue }
                do {
                    let a = try index.records(key: pair.a)
                    let b = try index.records(key: pair.b)
                    Console.out(DedupText.sideBySide(pair, a, b, number: n + 1, of: queue.count, width: width))
                } catch {
                    throw report(error)
                }
                while true {
                    Console.out("Same study? [y]es [n]o [s]kip [q]uit: ", terminator: "")
                    guard let line = readLine() else {
                        Console.out("")
                        break session
                    }
                    // From a pipe nothing echoes the answer: end the prompt's line ourselves.
                    if isatty(STDIN_FILENO) == 0 { Console.out(line) }
                    let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
                    let verdict: HumanPairDecision.Verdict
                    switch answer {
                    case "y", "yes": verdict = .same
                    case "n", "no": verdict = .different
                    case "s", "skip":
                        skipped += 1
                        continue session
                    case "q", "quit": break session
                    default:
                        Console.err("type y (same study), n (different studies), s (skip) or q (quit)")
                        continue
                    }
                    do {
                        try log.append(
                            DedupLogEntry(
                                time: DedupDecisionLog.timestamp(), reviewer: reviewer,
                                keyA: pair.a.rawValue, keyB: pair.b.rawValue, verdict: verdict
                            ))
                    } catch {
                        Console.error("\(error)")
                        throw Exit.cannotWrite
                    }
                    decided += 1
                    if verdict == .same, let ca = cluster[pair.a], let cb = cluster[pair.b] {
                        for (k, v) in cluster where v == cb { cluster[k] = ca }
                    }
                    continue session
                }
            }
            let after = try dedupSummary(folder: folder, index: index, quiet: true)
            Console.err(
                "\(decided) decision\(decided == 1 ? "" : "s") written to \(DedupDecisionLog.relativePath)"
                    + (skipped > 0 ? ", \(skipped) skipped" : "")
                    + "; \(after.awaitingReview) pair\(after.awaitingReview == 1 ? "" : "s") awaiting review, \(after.studies) studies"
            )
        }
    }
}

/// Text renderings for `scoping dedup`.
enum DedupText {
    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }

    /// Records, studies, duplicates removed per database, related pairs, pairs awaiting review.
    static func summary(_ s: DedupSummary) -> String {
        var lines = [
            "\(plural(s.records, "record")) from \(plural(s.databases.count, "database")) → \(plural(s.studies, "study", "studies")): "
                + "\(plural(s.duplicatesRemoved, "duplicate")) removed (\(plural(s.duplicateClusters, "study", "studies")) found more than once)",
            "  " + RecordTable.pad("database", 24) + "records".leftPad(9) + "removed".leftPad(9)
                + "only here".leftPad(11),
        ]
        for d in s.databases {
            lines.append(
                "  " + RecordTable.pad(d.database, 24) + String(d.records).leftPad(9)
                    + String(d.duplicatesRemoved).leftPad(9) + String(d.onlyHere).leftPad(11))
        }
        lines.append("\(plural(s.relatedPairs - s.conferenceRelatedPairs, "related pair")) (study protocol ↔ results)")
        if s.conferenceRelatedPairs > 0 {
            lines.append(
                "\(plural(s.conferenceRelatedPairs, "related pair")) (conference paper ↔ perhaps its later version; never merged without a person)"
            )
        }
        if s.doubtfulMerges > 0 {
            lines.append(
                "\(plural(s.doubtfulMerges, "merge")) held back by the guard (conflicting DOIs, PMIDs, issues of one volume or first pages in one cluster)"
            )
        }
        if s.humanDecisions > 0 {
            lines.append("\(plural(s.humanDecisions, "pair")) decided by a person (\(DedupDecisionLog.relativePath))")
        }
        lines.append(
            "\(plural(s.awaitingReview, "pair")) awaiting review"
                + (s.awaitingReview > 0 ? ": scoping dedup review --reviewer NAME" : ""))
        return lines.joined(separator: "\n")
    }

    static func json(_ s: DedupSummary) -> String {
        JSONLines.object([
            ("records", .int(s.records)), ("keys", .int(s.keys)), ("studies", .int(s.studies)),
            ("duplicatesRemoved", .int(s.duplicatesRemoved)), ("duplicateClusters", .int(s.duplicateClusters)),
            (
                "databases",
                .raw(
                    JSONLines.array(
                        s.databases.map { d in
                            JSONLines.object([
                                ("database", .string(d.database)), ("records", .int(d.records)),
                                ("duplicatesRemoved", .int(d.duplicatesRemoved)), ("onlyHere", .int(d.onlyHere)),
                            ])
                        }))
            ),
            ("relatedPairs", .int(s.relatedPairs)), ("awaitingReview", .int(s.awaitingReview)),
            ("humanDecisions", .int(s.humanDecisions)), ("candidatePairs", .int(s.candidatePairs)),
            ("vetoedPairs", .int(s.vetoedPairs)), ("refusedMerges", .int(s.refusedMerges)),
            ("conferenceRelatedPairs", .int(s.conferenceRelatedPairs)), ("doubtfulMerges", .int(s.doubtfulMerges)),
            ("logProblems", .strings(s.logProblems.map(\.description))),
        ])
    }

    /// The first title of every key, for showing beside it.
    static func titles(_ keys: [RecordKey], index: ReviewIndex) throws -> [RecordKey: String] {
        var out: [RecordKey: String] = [:]
        for key in keys where out[key] == nil {
            out[key] = try index.records(key: key).first?.record.title ?? ""
        }
        return out
    }

    static func explain(_ e: DedupExplanation, titles: [RecordKey: String]) -> String {
        func cut(_ s: String, _ n: Int = 70) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
        var lines: [String] = []
        if e.members.count == 1 {
            let found = e.members[0].databases
            lines.append(
                "\(e.key) is a study of its own: no record with another key joined it"
                    + (found.count > 1 ? " (this key was found in \(found.joined(separator: ", ")))" : ""))
        } else if e.key == e.clusterKey {
            lines.append("\(e.key) stands for a study of \(plural(e.members.count, "record key")):")
        } else {
            lines.append("\(e.key) is in the study of \(e.clusterKey), with \(plural(e.members.count, "record key")):")
        }
        for m in e.members {
            lines.append(
                "  " + RecordTable.pad(m.key.rawValue, 24) + " "
                    + RecordTable.pad(m.databases.joined(separator: ", "), 20) + " " + cut(titles[m.key] ?? ""))
        }
        if e.pairs.isEmpty {
            lines.append(
                "no pair decision involves it: no other record came near enough to be a duplicate, uncertain or vetoed")
        } else {
            lines.append("pair decisions:")
        }
        for p in e.pairs {
            let by =
                p.decidedBy == .person
                ? "decided by a person: \(p.verdict)" : p.verdict + (p.awaitingReview ? " (awaiting review)" : "")
            lines.append("  \(p.a) · \(p.b)  \(by), score \(scoreText(p.score))")
            let vetoes = p.reasons.filter { $0.hasPrefix("veto:") }.map {
                String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            }
            let guarded = p.reasons.filter { $0.hasPrefix("guard:") }.map {
                String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            }
            let facts = p.reasons.filter {
                !$0.hasPrefix("veto:") && !$0.hasPrefix("guard:") && !$0.hasPrefix("decided by a person")
                    && !$0.hasPrefix("the algorithm alone")
            }
            let against = facts.filter(isAgainst)
            let agreed = facts.filter { !isAgainst($0) }
            if let alone = p.reasons.first(where: { $0.hasPrefix("the algorithm alone") }) {
                lines.append("      " + alone)
            }
            if !agreed.isEmpty { lines.append("      agreed: " + agreed.joined(separator: "; ")) }
            if !against.isEmpty { lines.append("      against: " + against.joined(separator: "; ")) }
            if !vetoes.isEmpty { lines.append("      vetoed: " + vetoes.joined(separator: "; ")) }
            if !guarded.isEmpty { lines.append("      held back by the guard: " + guarded.joined(separator: "; ")) }
            for d in p.differences { lines.append("      differs: \(d.field): \(cut(d.a, 50)) / \(cut(d.b, 50))") }
        }
        for r in e.related {
            let kind =
                e.relatedKinds[r] == RelationKind.conferenceAndLaterVersion.rawValue
                ? "conference paper ↔ perhaps its later version" : "study protocol ↔ results"
            lines.append("related (\(kind)): \(r)  \(cut(titles[r] ?? ""))")
        }
        return lines.joined(separator: "\n")
    }

    /// A reason that speaks against the pair without vetoing it (`title differs`, `journal differs` …).
    static func isAgainst(_ reason: String) -> Bool {
        [
            "differs", "differ ", "missing", "one side only", "in one title only", "not comparable", "partly",
            "generic or recurring",
        ]
        .contains { reason.contains($0) }
    }

    static func json(_ e: DedupExplanation) -> String {
        JSONLines.object([
            ("key", .string(e.key.rawValue)), ("clusterKey", .string(e.clusterKey.rawValue)),
            (
                "members",
                .raw(
                    JSONLines.array(
                        e.members.map { m in
                            JSONLines.object([("key", .string(m.key.rawValue)), ("databases", .strings(m.databases))])
                        }))
            ),
            ("pairs", .raw(JSONLines.array(e.pairs.map(json)))),
            ("related", .strings(e.related.map(\.rawValue))),
        ])
    }

    static func json(_ p: DedupPair) -> String {
        JSONLines.object([
            ("a", .string(p.a.rawValue)), ("b", .string(p.b.rawValue)), ("verdict", .string(p.verdict)),
            ("decidedBy", .string(p.decidedBy.rawValue)), ("score", .raw(scoreText(p.score))),
            ("awaitingReview", .bool(p.awaitingReview)), ("reasons", .strings(p.reasons)),
            (
                "differences",
                .raw(
                    "["
                        + p.differences.map {
                            JSONLines.object([("field", .string($0.field)), ("a", .string($0.a)), ("b", .string($0.b))])
                        }.joined(separator: ",") + "]")
            ),
        ])
    }

    static func scoreText(_ v: Double) -> String {
        let thousandths = Int((v * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    // MARK: - Side by side

    /// One uncertain pair: the two records in two columns, differing fields highlighted
    /// (yellow on a terminal without NO_COLOR, else marked with `*`).
    static func sideBySide(
        _ pair: DedupPair, _ a: [IndexedRecord], _ b: [IndexedRecord], number: Int, of total: Int, width: Int
    ) -> String {
        let differing = Set(pair.differences.map(\.field))
        let colour = Console.colorAllowed(fd: STDOUT_FILENO)
        let label = 10
        let column = max(20, (width - label - 3) / 2)
        var lines: [String] = []
        let rule = String(repeating: "─", count: min(width, label + 3 + 2 * column))
        lines.append(rule)
        lines.append(
            "pair \(number) of \(total), score \(scoreText(pair.score)): " + pair.a.rawValue + " · " + pair.b.rawValue)
        lines += wrap("why uncertain: " + pair.reasons.joined(separator: "; "), min(width, label + 3 + 2 * column), 4)
        func row(_ field: String, _ name: String, _ x: String, _ y: String, maxLines: Int = 3) {
            if x.isEmpty && y.isEmpty { return }
            let differs = differing.contains(field)
            let left = wrap(x, column, maxLines)
            let right = wrap(y, column, maxLines)
            for i in 0..<max(left.count, right.count) {
                var head = i == 0 ? name : ""
                if differs, i == 0, !colour { head = "*" + head }
                var l = RecordTable.pad(i < left.count ? left[i] : "", column)
                var r = i < right.count ? right[i] : ""
                head = RecordTable.pad(head, label)
                if differs, colour {
                    head = Console.style(head, .yellow, fd: STDOUT_FILENO)
                    l = Console.style(l, .yellow, fd: STDOUT_FILENO)
                    r = Console.style(r, .yellow, fd: STDOUT_FILENO)
                }
                lines.append(head + l + " │ " + r)
            }
        }
        let ra = a.first?.record ?? Record()
        let rb = b.first?.record ?? Record()
        row("key", "key", pair.a.rawValue, pair.b.rawValue)
        row("databases", "found in", databases(a), databases(b))
        row("title", "title", ra.title, rb.title)
        row(
            "authors", "authors", ra.authors.map(\.shortName).joined(separator: "; "),
            rb.authors.map(\.shortName).joined(separator: "; "))
        row("year", "year", ra.year.map(String.init) ?? "", rb.year.map(String.init) ?? "")
        row(
            "journal", "journal", ra.journal ?? ra.journalAbbreviation ?? "", rb.journal ?? rb.journalAbbreviation ?? ""
        )
        row("volume", "volume", ra.volume ?? "", rb.volume ?? "")
        row("issue", "issue", ra.issue ?? "", rb.issue ?? "")
        row("pages", "pages", ra.pages ?? "", rb.pages ?? "")
        row("doi", "doi", ra.doi ?? "", rb.doi ?? "")
        row("pmid", "pmid", ra.pmid ?? "", rb.pmid ?? "")
        row("type", "type", ra.type.rawValue, rb.type.rawValue)
        row("abstract", "abstract", ra.abstract.text, rb.abstract.text, maxLines: 4)
        return lines.joined(separator: "\n")
    }

    static func databases(_ copies: [IndexedRecord]) -> String {
        var seen: [String] = []
        for c in copies where !seen.contains(c.database) { seen.append(c.database) }
        return seen.joined(separator: ", ")
    }

    /// Words of `s` in lines of at most `width` characters, at most `maxLines` (the last cut with …).
    static func wrap(_ s: String, _ width: Int, _ maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(whereSeparator: { $0.isWhitespace }) {
            var word = String(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            let last = lines[maxLines - 1]
            lines[maxLines - 1] = (last.count >= width ? String(last.prefix(width - 1)) : last) + "…"
        }
        return lines
    }
}
