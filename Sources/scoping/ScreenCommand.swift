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

        @Option(
            help: ArgumentHelp(
                "The stage: title-abstract (the default) or full-text; ta and ft for short.", valueName: "stage"))
        var stage: ScreeningStage?

        @Option(
            help: ArgumentHelp(
                "The order of records: ranked (most likely relevant first), random or file.", valueName: "order"))
        var order: ScreenOrder = .ranked

        @Option(help: "The seed of the random order and of the random picks in ranked order.")
        var seed: UInt64 = 1

        @Flag(help: "Line mode: read commands from standard input, print records as text (no colour).")
        var plain = false

        func validate() throws {
            guard DecisionLog.isValidReviewer(reviewer) else {
                throw ValidationError(
                    "'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
            }
        }

        func run() throws {
            let fullScreen = !plain && isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
            let setup: ScreenSetup
            do {
                setup = try ScreenSetup.open(
                    options, reviewer: reviewer, stage: stage ?? .titleAbstract, order: order.order, seed: seed)
            } catch {
                throw report(error)
            }
            defer { setup.session.log.close() }
            for (date, left) in setup.fromUpdates where left > 0 {
                Console.err(
                    "\(DedupText.plural(left, "record")) to screen came with the search update of \(date); "
                        + "records found before keep their decisions")
            }
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

extension ScreenSetup {
    /// ``ScreenSetup/open(folder:reviewer:stage:order:seed:willRank:)`` (in Workspace) for the
    /// folder named by `options`; a reviewer not in the protocol or an empty index is reported
    /// here and thrown as its exit code.
    static func open(
        _ options: ReviewOptions, reviewer: String, stage: ScreeningStage, order: QueueOrder, seed: UInt64
    ) throws -> ScreenSetup {
        do {
            return try ScreenSetup.open(
                folder: try options.folder(), reviewer: reviewer, stage: stage, order: order, seed: seed,
                willRank: { count in
                    if Console.stderrIsTerminal { Console.err("preparing the ranking of \(count) records…") }
                })
        } catch let error as ScreenSetupError {
            Console.error(error.description)
            switch error {
            case .notAReviewer: throw Exit.usage
            case .noRecords: throw Exit.noInput
            }
        }
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
