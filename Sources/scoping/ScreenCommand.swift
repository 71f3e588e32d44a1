import ArgumentParser
import Bibliography
import Foundation
import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping screen`: one reviewer screens records, full screen or line by line.
    struct Screen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Screen records: title/abstract or full text, one key per decision.",
            discussion: """
                Shows one record at a time (title, authors, year, journal, the databases that \
                found it, abstract, keywords, MeSH) with the protocol's include-leaning terms and \
                exclude-leaning terms highlighted. Keys: i include, e exclude (then the reason's \
                number), m maybe, n note, u undo, s later, / find, c criteria, o open the full \
                text, r not retrievable (full text), ? help, q quit. Every decision is appended to \
                screening/<reviewer>.jsonl, with the order the record was shown in (--order; file \
                for pilot records, which come first), and synced to disk before the next record is shown; \
                quitting and starting again continues where you stopped. You never see another \
                reviewer's decisions (blinding). Full screen when standard input and output are \
                terminals; --plain (or a pipe) reads the same commands as lines. Exits 75 when \
                another process holds the reviewer's log.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: ArgumentHelp("Your reviewer id, as in the protocol's screening.reviewers.", valueName: "name"))
        var reviewer: String

        @Option(help: ArgumentHelp("The stage: title-abstract (the default) or full-text; ta and ft for short.", valueName: "stage"))
        var stage: ScreeningStage?

        @Option(help: ArgumentHelp("The order of records: ranked (most likely relevant first), random or file.", valueName: "order"))
        var order: ScreenOrder = .ranked

        @Option(help: "The seed of the random order and of the random picks in ranked order.")
        var seed: UInt64 = 1

        @Flag(help: "Line mode: read commands from standard input, print records as text (no colour).")
        var plain = false

        func validate() throws {
            guard DecisionLog.isValidReviewer(reviewer) else {
                throw ValidationError("'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
            }
        }

        func run() throws {
            let fullScreen = !plain && isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
            let setup: ScreenSetup
            do {
                setup = try ScreenSetup.open(options, reviewer: reviewer, stage: stage ?? .titleAbstract, order: order.order, seed: seed, fullScreen: fullScreen)
            } catch {
                throw report(error)
            }
            defer { setup.session.log.close() }
            if fullScreen {
                let code = ScreenUI(setup: setup).run()
                if code != 0 { throw ExitCode(code) }
            } else {
                PlainScreen.run(setup)
            }
        }
    }
}

/// `--order ranked|random|file`.
enum ScreenOrder: String, ExpressibleByArgument, CaseIterable {
    case ranked, random, file

    var order: QueueOrder { QueueOrder(rawValue: rawValue) ?? .ranked }
}

/// Everything a screening session needs, read from the review folder, with the reviewer's log
/// open (and locked).
struct ScreenSetup {
    var folder: ReviewFolder
    var session: ScreeningSession
    var reviewer: String
    var stage: ScreeningStage
    var highlighter: Highlighter
    /// The databases that found each record (by study key and by record key).
    var databases: [RecordKey: [String]]
    /// Records in the queue before any decision at this stage (for the empty-queue message).
    var candidates: Int

    static func open(
        _ options: ReviewOptions, reviewer: String, stage: ScreeningStage, order: QueueOrder, seed: UInt64, fullScreen: Bool
    ) throws -> ScreenSetup {
        let folder = try options.folder()
        let loaded = try folder.loadProtocol()
        let proto = loaded.reviewProtocol
        let plan = proto.screening
        guard plan.reviewers.contains(reviewer) else {
            let known = plan.reviewers.isEmpty ? "none yet" : plan.reviewers.joined(separator: ", ")
            Console.error("'\(reviewer)' is not a reviewer of this review (protocol/protocol.yaml, screening.reviewers: \(known)); add them there first")
            throw Exit.usage
        }
        // The lock first, so a second session for the same reviewer stops at once.
        let log = try DecisionLog(directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening", now: { Date() })

        let index = try folder.openIndex()
        // The eligible studies (the criteria applied here when the stored verdicts are not
        // current), those people included kept even when a later rule excludes them.
        let snapshot = try folder.snapshot(index: index, loaded: loaded)
        guard !snapshot.studies.isEmpty else {
            log.close()
            Console.error("no records yet: run `scoping ingest` (or `scoping run`) first")
            throw Exit.noInput
        }
        var chosen = snapshot.eligible

        if stage == .fullText {
            // Only the records included at title/abstract after reconciliation: the team's state
            // decides which records go on, but none of it is shown.
            let state = snapshot.screening
            chosen = chosen.filter { !state.fullTextCandidates(among: [$0.key, $0.record.key]).isEmpty }
        }

        let criteria = proto.criteria(for: stage)
        let highlighter = proto.highlighter(for: stage)
        let includeTerms = criteria.flatMap(\.highlight.include)
        // Building the ranking's features takes about 0.2 s per 1,000 records (docs/benchmarks.md).
        if order == .ranked, chosen.count >= 2_000, Console.stderrIsTerminal {
            Console.err("preparing the ranking of \(chosen.count) records…")
        }
        let queue = ScreeningQueue(
            records: chosen.map(\.record), log: log.contents, stage: stage,
            assignment: ScreeningAssignment(plan: plan, state: snapshot.screening, stage: stage), includeTerms: includeTerms, order: order, seed: seed,
            pilotSize: plan.plan(for: stage)?.pilotSize ?? 0)
        var databases: [RecordKey: [String]] = [:]
        for s in chosen {
            databases[s.record.key] = s.databases
            databases[s.key] = s.databases
        }
        let found = databases
        let root = folder.root
        let renderer = Screening.RecordText(highlighter: highlighter, style: .markers, width: 0)
        let session = ScreeningSession(
            queue: queue, log: log, criteria: criteria, renderer: renderer, protocolHash: loaded.sha256,
            language: proto.review.reportLanguage,
            sources: { found[$0] ?? [] },
            fullTextPath: { key in
                guard stage == .fullText else { return nil }
                let relative = FullText.relativePath(key)
                return FileManager.default.fileExists(atPath: root.appending(path: relative).path) ? relative : nil
            })
        return ScreenSetup(folder: folder, session: session, reviewer: reviewer, stage: stage, highlighter: highlighter, databases: found, candidates: chosen.count)
    }

    /// Opens a record's full text with `$OPENER` (or `xdg-open`), detached; returns what it did.
    func openFullText(_ key: RecordKey) -> String {
        let relative = FullText.relativePath(key)
        let path = folder.root.appending(path: relative).path
        let opener = ProcessInfo.processInfo.environment["OPENER"].flatMap { $0.isEmpty ? nil : $0 } ?? "xdg-open"
        let process = Process()
        // Through the shell, so OPENER may carry arguments (`OPENER="zathura --fork"`).
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", opener + " \"$1\"", "scoping-open", path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            return "opening \(relative) with \(opener)"
        } catch {
            return "cannot run \(opener): \(error.localizedDescription)"
        }
    }
}

/// Where a record's full text lives: `fulltext/<key>.pdf`, with `:` and `/` in the key replaced by `_`.
enum FullText {
    static func relativePath(_ key: RecordKey) -> String {
        "fulltext/" + key.rawValue.replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "/", with: "_") + ".pdf"
    }
}

/// `scoping screen --plain`: a loop over ``ScreeningSession``: its text out, lines in.
enum PlainScreen {
    static func run(_ setup: ScreenSetup) {
        let session = setup.session
        let first = session.start()
        Console.out(first.text, terminator: "")
        while let line = readLine(strippingNewline: true) {
            let response = session.handle(line)
            if let key = response.openFullText {
                Console.out(setup.openFullText(key))
            }
            Console.out(response.text, terminator: response.quit ? "\n" : "")
            if response.quit { return }
        }
        // End of input: the same as q.
        Console.out("\n" + session.handle("q").text)
    }
}
