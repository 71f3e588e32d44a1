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
            // The writer lock while dedup rewrites the index, not while a person thinks: answers
            // go to dedup/decisions.tsv, an append-only log with a lock of its own.
            _ = try withExtendedLifetime(try writerLock(folder, command: "dedup review")) {
                try dedupSummary(folder: folder, index: index, quiet: true)
            }
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
            let after = try withExtendedLifetime(try writerLock(folder, command: "dedup review")) {
                try dedupSummary(folder: folder, index: index, quiet: true)
            }
            Console.err(
                "\(decided) decision\(decided == 1 ? "" : "s") written to \(DedupDecisionLog.relativePath)"
                    + (skipped > 0 ? ", \(skipped) skipped" : "")
                    + "; \(after.awaitingReview) pair\(after.awaitingReview == 1 ? "" : "s") awaiting review, \(after.studies) studies"
            )
        }
    }
}
