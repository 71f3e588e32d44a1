import Foundation
import Testing

/// `scoping run` when nothing changed (the run stamp), and reports in a second language.
@Suite struct RunStampCLITests {
    static let skipped = "nothing changed since the last run"

    /// A copy of the demo review after one `scoping run`, with what that run printed and wrote.
    struct Ran {
        let dir: CLI.TempDir
        let first: CLI.Result
        let output: [String: Data]

        init(_ extra: [String] = []) throws {
            dir = try CLI.TempDir()
            try dir.copyFromRepository(CLI.demoInputs + extra)
            first = try CLI.run(["run"], in: dir.url)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(!first.stderr.contains(RunStampCLITests.skipped))
            output = try dir.files(under: "output")
        }

        func run(_ args: [String] = ["run"]) throws -> CLI.Result {
            let result = try CLI.run(args, in: dir.url)
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }

        func url(_ path: String) -> URL { dir.url.appending(path: path) }

        /// Rewrites `path` with `change` applied to its text.
        func edit(_ path: String, _ change: (String) -> String) throws {
            let text = try String(contentsOf: url(path), encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changes it")
            try Data(changed.utf8).write(to: url(path))
        }

        /// The modification times of output/'s files, to tell that nothing was rewritten.
        func outputTimes() throws -> [String: Date] {
            var times: [String: Date] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: url("output").path) {
                times[name] =
                    try FileManager.default.attributesOfItem(atPath: url("output/" + name).path)[.modificationDate]
                    as? Date
            }
            return times
        }
    }

    @Test func secondRunWithNothingChangedOnlyPrintsTheSummary() throws {
        let ran = try Ran()
        let times = try ran.outputTimes()
        let second = try ran.run()
        #expect(second.stderr.contains(Self.skipped), "\(second.stderr)")
        #expect(!second.stderr.contains("dedup and criteria"), "no stage ran: \(second.stderr)")
        // The same "what still needs people" as the full run, and output/ untouched.
        #expect(second.stdout == ran.first.stdout)
        #expect(second.stdout.contains("title/abstract:"))
        #expect(try ran.dir.files(under: "output") == ran.output)
        #expect(try ran.outputTimes() == times)

        // Touching files without changing their bytes is not a change.
        for path in ["corpus/embase-demo.ris", "screening/anna.jsonl", "protocol/protocol.yaml", "output/report.md"] {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: ran.url(path).path)
        }
        let touched = try ran.run()
        #expect(touched.stderr.contains(Self.skipped), "\(touched.stderr)")
        #expect(touched.stdout == ran.first.stdout)
    }

    /// An updated review whose earlier version lists its included studies in a file: the flow's
    /// previous box counts the list, and a changed list is a changed input.
    @Test func theEarlierVersionsListIsAnInput() throws {
        let ran = try Ran()
        // The earlier version: the three studies of the first lines of the demo's included.ris.
        let included = try String(contentsOf: ran.url("output/included.ris"), encoding: .utf8)
        let records = included.components(separatedBy: "ER  - \n").filter { $0.contains("TY  - ") }
        try Data((records.prefix(3).map { $0 + "ER  - \n" }.joined()).utf8).write(to: ran.url("protocol/earlier.ris"))
        try ran.edit("protocol/protocol.yaml") {
            $0 + "\nprevious_version:\n  date: 2026-09-01\n  included: protocol/earlier.ris\n"
        }
        let updated = try ran.run()
        #expect(!updated.stderr.contains(Self.skipped), "\(updated.stderr)")
        let prisma = try String(contentsOf: ran.url("output/prisma.csv"), encoding: .utf8)
        #expect(prisma.contains(",previous_studies.html,3\n"), "\(prisma)")
        #expect(try ran.run().stderr.contains(Self.skipped))
        try Data((records.prefix(2).map { $0 + "ER  - \n" }.joined()).utf8).write(to: ran.url("protocol/earlier.ris"))
        let changed = try ran.run()
        #expect(!changed.stderr.contains(Self.skipped), "\(changed.stderr)")
        let after = try String(contentsOf: ran.url("output/prisma.csv"), encoding: .utf8)
        #expect(after.contains(",previous_studies.html,2\n"), "\(after)")
    }

    @Test func aChangedInputOrOutputRedoesTheRun() throws {
        let ran = try Ran()

        // A decision log loses its last decision: the run redoes the outputs (not dedup and
        // criteria), and says so; a second run skips again.
        try ran.edit("screening/bram.jsonl") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            lines.removeLast()
            return lines.joined(separator: "\n") + "\n"
        }
        let log = try ran.run()
        #expect(!log.stderr.contains(Self.skipped), "\(log.stderr)")
        #expect(log.stderr.contains("dedup and criteria: unchanged since the last run"), "\(log.stderr)")
        // The exports as the last run saw them are not read again.
        #expect(log.stderr.contains("unchanged corpus/pubmed-demo.xml (as the last run saw it)"), "\(log.stderr)")
        #expect(try ran.dir.files(under: "output")["screening.csv"] != ran.output["screening.csv"])
        let afterLog = try ran.dir.files(under: "output")
        #expect(try ran.run().stderr.contains(Self.skipped))

        // An output file edited or deleted by hand: written again, byte for byte.
        try ran.edit("output/matrix.md") { $0 + "edited\n" }
        try FileManager.default.removeItem(at: ran.url("output/prisma.svg"))
        let outputs = try ran.run()
        #expect(!outputs.stderr.contains(Self.skipped), "\(outputs.stderr)")
        #expect(outputs.stderr.contains("matrix.md") && outputs.stderr.contains("prisma.svg"), "\(outputs.stderr)")
        #expect(try ran.dir.files(under: "output") == afterLog)

        // An export and the protocol changed: ingest, dedup and the criteria run again.
        try ran.edit("corpus/embase-demo.ris") { $0 + "\n" }
        let export = try ran.run()
        #expect(!export.stderr.contains(Self.skipped), "\(export.stderr)")
        #expect(export.stderr.contains("replaced  corpus/embase-demo.ris"), "\(export.stderr)")
        #expect(export.stderr.contains("unchanged corpus/cinahl-demo.xml (as the last run saw it)"), "\(export.stderr)")
        try ran.edit("protocol/protocol.yaml") { $0 + "\n# a comment\n" }
        let proto = try ran.run()
        #expect(!proto.stderr.contains(Self.skipped), "\(proto.stderr)")
        #expect(proto.stderr.contains("criteria: "), "\(proto.stderr)")

        // Whatever path a run took, --force from scratch gives the same bytes.
        let incremental = try ran.dir.files(under: "output")
        let forced = try ran.run(["run", "--force"])
        #expect(forced.stderr.contains("--force: rebuilding the index"), "\(forced.stderr)")
        #expect(!forced.stderr.contains(Self.skipped))
        #expect(try ran.dir.files(under: "output") == incremental)
        #expect(forced.stdout == proto.stdout)
    }

    @Test func anIndexChangedByHandRedoesTheRun() throws {
        let ran = try Ran()
        // The same export ingested by hand under another database name changes the outputs.
        let ingest = try ran.run(["ingest", "corpus/embase-demo.ris", "--force", "--database", "Other"])
        #expect(ingest.stderr.contains("Other"), "\(ingest.stderr)")
        let run = try ran.run()
        #expect(!run.stderr.contains(Self.skipped), "\(run.stderr)")
        // And the stamp does not hide a deleted index either.
        try FileManager.default.removeItem(at: ran.url(".scoping/index.sqlite"))
        let rebuilt = try ran.run()
        #expect(!rebuilt.stderr.contains(Self.skipped), "\(rebuilt.stderr)")
        #expect(rebuilt.stdout == ran.first.stdout)
    }

    /// The protocol's report_language (nl in the demo) owns report.md; --lang en writes the
    /// English set beside it, which later runs keep up to date.
    @Test func anotherLanguageIsASecondSet() throws {
        let ran = try Ran()
        let english = try ran.run(["report", "--lang", "en"])
        #expect(english.stderr.contains("report.en.md"), "\(english.stderr)")
        var files = try ran.dir.files(under: "output")
        #expect(files["report.md"] == ran.output["report.md"], "report.md stays in the protocol's language")
        let report = String(decoding: try #require(files["report.en.md"]), as: UTF8.self)
        #expect(report.contains("New forms of chronic care in Dutch general practice"))
        #expect(
            report.contains("](prisma.en.svg)") && report.contains("](matrix.en.md)")
                && report.contains("](gap-map.en.svg)"))
        for name in [
            "prisma.en.svg", "matrix.en.csv", "matrix.en.md", "gap-map.en.csv", "gap-map.en.md", "gap-map.en.svg",
            "gap-map.en.html", "report.en.html",
        ] {
            #expect(files[name] != nil, "output/\(name)")
        }
        #expect(files["prisma.en.csv"] == nil && files["included.en.ris"] == nil, "language-neutral files exist once")
        #expect(files.keys.filter { !$0.contains(".en.") }.sorted() == ran.output.keys.sorted())
        // The Dutch set is the protocol's: --lang nl is plain report.md.
        let dutch = try ran.run(["report", "--lang", "nl"])
        #expect(dutch.stderr.contains("all unchanged"), "\(dutch.stderr)")
        #expect(try ran.dir.files(under: "output") == files)

        // The next run neither flips report.md nor drops the English set; it keeps it current.
        let next = try ran.run()
        #expect(!next.stderr.contains(Self.skipped), "output/ gained files since the last run: \(next.stderr)")
        #expect(try ran.dir.files(under: "output") == files)
        #expect(try ran.run().stderr.contains(Self.skipped))
        try ran.edit("output/report.en.md") { $0 + "edited\n" }
        let repaired = try ran.run()
        #expect(repaired.stderr.contains("wrote report.en.md"), "\(repaired.stderr)")
        files = try ran.dir.files(under: "output")
        #expect(String(decoding: try #require(files["report.en.md"]), as: UTF8.self) == report)

        // --docx of the English report names its own file.
        let empty = try CLI.TempDir()
        let docx = try CLI.run(
            ["report", "--lang", "en", "--docx"], in: ran.dir.url, environment: ["PATH": empty.url.path])
        #expect(docx.status == 69)
        #expect(docx.stderr.contains("pandoc is not installed"))
    }
}
