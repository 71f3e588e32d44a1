import Foundation
import Testing

/// What must never lose or silently change the review's data: rebuilds that drop imports,
/// two writers at once, a run killed half-way, a review the user may only read.
@Suite(.serialized) struct FaultTests {
    /// An export outside the review folder: three records found in no demo export.
    static let outsideExport = """
        TY  - JOUR
        TI  - Outside corpus: a nurse-led clinic for heart failure in general practice
        AU  - Bakker, Els
        PY  - 2021
        DO  - 10.5555/OUTSIDE.1
        ER  -

        TY  - JOUR
        TI  - Outside corpus: pharmacist consultations for polypharmacy in general practice
        AU  - Smit, Joris
        PY  - 2022
        DO  - 10.5555/OUTSIDE.2
        ER  -

        TY  - JOUR
        TI  - Outside corpus: group medical visits for COPD
        AU  - de Boer, Lotte
        PY  - 2020
        DO  - 10.5555/OUTSIDE.3
        ER  -

        """

    /// The demo review's inputs in `dir/review`, and an export in `dir/downloads`.
    static func demo() throws -> (CLI.TempDir, review: URL, outside: URL) {
        let dir = try CLI.TempDir()
        let review = dir.url.appending(path: "review")
        for input in CLI.demoInputs
        where FileManager.default.fileExists(atPath: CLI.packageRoot.appending(path: input).path) {
            try FileManager.default.createDirectory(at: review, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appending(path: input), to: review.appending(path: input))
        }
        let outside = try dir.write("downloads/cinahl.ris", outsideExport)
        return (dir, review, outside)
    }

    static func keys(_ review: URL) throws -> Set<String> {
        let records = try CLI.run(["records", "--json"], in: review)
        #expect(records.status == 0, "\(records.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(records.stdout.utf8)) as? [[String: Any]] ?? []
        return Set(rows.compactMap { $0["key"] as? String })
    }

    static let outsideKeys: Set<String> = ["doi:10.5555/outside.1", "doi:10.5555/outside.2", "doi:10.5555/outside.3"]

    @Test func recordsIngestedFromOutsideCorpusSurviveEveryRebuild() throws {
        let (dir, review, outside) = try Self.demo()
        _ = dir
        #expect(try CLI.run(["run"], in: review).status == 0)
        let ingest = try CLI.run(
            ["ingest", outside.path, "--database", "CINAHL", "--searched", "2026-03-01"], in: review)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("`scoping ingest --copy` puts a copy in corpus/"), "\(ingest.stderr)")

        // run, run with the stamp deleted, run --force: the outside records stay, with their database.
        for (step, args) in [("run", ["run"]), ("no stamp", ["run"]), ("force", ["run", "--force"])] {
            if step == "no stamp" {
                try FileManager.default.removeItem(at: review.appending(path: ".scoping/run.stamp"))
            }
            let run = try CLI.run(args, in: review)
            #expect(run.status == 0, "\(step): \(run.stderr)")
            #expect(!run.stderr.contains("another build"), "\(step): a missing stamp is not a new build: \(run.stderr)")
            #expect(try Self.keys(review).isSuperset(of: Self.outsideKeys), "\(step)")
            let prisma = try String(contentsOf: review.appending(path: "output/prisma.csv"), encoding: .utf8)
            #expect(prisma.contains("CINAHL"), "\(step): \(prisma)")
        }

        // The outside file gone: a rebuild stops and names it, the index keeps its records.
        try FileManager.default.removeItem(at: outside)
        let gone = try CLI.run(["run", "--force"], in: review)
        #expect(gone.status == 66, "\(gone.stderr)")
        #expect(
            gone.stderr.contains(
                "error: \(outside.path): imported from outside corpus/, and gone; the index was not rebuilt."),
            "\(gone.stderr)")
        #expect(gone.stderr.components(separatedBy: "error:").count == 2, "one prefix: \(gone.stderr)")
        #expect(try Self.keys(review).isSuperset(of: Self.outsideKeys))
        // Forgetting it is the way out.
        let forget = try CLI.run(["ingest", "--forget", outside.path], in: review)
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(try CLI.run(["run", "--force"], in: review).status == 0)
        #expect(try Self.keys(review).isDisjoint(with: Self.outsideKeys))
    }

    @Test func ingestCopyPutsAnOutsideFileInCorpus() throws {
        let (dir, review, outside) = try Self.demo()
        _ = dir
        #expect(try CLI.run(["ingest", outside.path], in: review).status == 0)
        let copied = try CLI.run(["ingest", "--copy", outside.path, "--database", "CINAHL"], in: review)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stderr.contains("copied    \(outside.path) to corpus/cinahl.ris"), "\(copied.stderr)")
        #expect(
            copied.stderr.contains("forgot    \(outside.path): now read from corpus/cinahl.ris"), "\(copied.stderr)")
        #expect(
            FileManager.default.contents(atPath: review.appending(path: "corpus/cinahl.ris").path)
                == Data(Self.outsideExport.utf8))
        // Deleting .scoping/ no longer loses it.
        try FileManager.default.removeItem(at: review.appending(path: ".scoping"))
        #expect(try CLI.run(["run"], in: review).status == 0)
        #expect(try Self.keys(review).isSuperset(of: Self.outsideKeys))
        // Another file of the same name is not overwritten.
        try dir.write("other/cinahl.ris", "TY  - JOUR\nTI  - Something else\nER  -\n")
        let clash = try CLI.run(["ingest", "--copy", dir.url.appending(path: "other/cinahl.ris").path], in: review)
        #expect(clash.status == 73, "\(clash.stderr)")
        #expect(
            clash.stderr.contains("corpus/cinahl.ris: corpus/ already has another file of this name"), "\(clash.stderr)"
        )
    }

    /// A process that holds the review's writer lock until `release()`: `scoping ingest` reading
    /// a pipe that nothing writes to yet.
    final class Holder {
        let process = Process()
        let input = Pipe()
        init(_ review: URL) throws {
            process.executableURL = CLI.executable
            process.arguments = ["ingest", "/dev/stdin"]
            process.currentDirectoryURL = review
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Until it has taken the lock (it writes its name into the lock file).
            let lock = review.appending(path: ".scoping/write.lock")
            for _ in 0..<200 {
                if let text = try? String(contentsOf: lock, encoding: .utf8),
                    text.contains("process \(process.processIdentifier) ")
                {
                    return
                }
                usleep(25_000)
            }
            Issue.record("the holder never took the lock")
        }
        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    @Test func aSecondWriterExits75NamingTheHolderAndReadersAreNotBlocked() throws {
        let (dir, review, _) = try Self.demo()
        _ = dir
        #expect(try CLI.run(["run"], in: review).status == 0)
        // A run with nothing to do only reads; with the stamp gone it writes.
        try FileManager.default.removeItem(at: review.appending(path: ".scoping/run.stamp"))
        let holder = try Holder(review)
        defer { holder.release() }
        for args in [
            ["run"], ["run", "--force"], ["ingest"], ["dedup"], ["dedup", "review", "--reviewer", "anna"], ["criteria"],
            ["report"],
        ] {
            let second = try CLI.run(args, in: review)
            #expect(second.status == 75, "\(args): \(second.stderr)")
            #expect(
                second.stderr.hasPrefix(
                    "error: another scoping command is writing to this review (scoping ingest, process \(holder.process.processIdentifier) on host "
                ),
                "\(args): \(second.stderr)")
            #expect(second.stderr.contains(", started 20"), "\(second.stderr)")
        }
        for args in [
            ["records"], ["status"], ["show", "pmid:990012345"], ["conflicts"],
            ["criteria", "--explain", "pmid:990012345"],
        ] {
            let reader = try CLI.run(args, in: review)
            #expect(reader.status != 75, "\(args) is not blocked: \(reader.stderr)")
        }
    }

    @Test func twoRunsAtOnceNeverGiveARawError() throws {
        let (dir, review, _) = try Self.demo()
        _ = dir
        for _ in 0..<3 {
            try? FileManager.default.removeItem(at: review.appending(path: ".scoping"))
            let group = DispatchGroup()
            nonisolated(unsafe) var results: [CLI.Result] = []
            let lock = NSLock()
            for _ in 0..<2 {
                group.enter()
                DispatchQueue.global().async {
                    if let result = try? CLI.run(["run", "--force"], in: review) {
                        lock.withLock { results.append(result) }
                    }
                    group.leave()
                }
            }
            group.wait()
            #expect(results.count == 2)
            for result in results {
                #expect(result.status == 0 || result.status == 75, "\(result.stderr)")
                if result.status == 75 {
                    #expect(result.stderr.contains("another scoping command is writing to this review"))
                }
                #expect(!result.stderr.contains("SQLite"), "\(result.stderr)")
                #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result.stderr)")
            }
        }
    }

    @Test func aRunKilledAtAnyPointThenRunAgainEqualsAnUninterruptedRun() throws {
        let (dir, review, _) = try Self.demo()
        _ = dir
        let reference = try Self.demo()
        #expect(try CLI.run(["run"], in: reference.review).status == 0)
        let expected = try CLI.files(under: reference.review.appending(path: "output"))
        let expectedKeys = try Self.keys(reference.review)

        // Kill points spread over a run (a seeded generator: the same points every time).
        var state: UInt64 = 12
        for round in 0..<6 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let delay = useconds_t(20_000 + (state >> 33) % 600_000)
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = round % 2 == 0 ? ["run"] : ["run", "--force"]
            process.currentDirectoryURL = review
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let again = try CLI.run(["run"], in: review)
            #expect(again.status == 0, "round \(round), killed after \(delay) µs: \(again.stderr)")
            #expect(
                try CLI.files(under: review.appending(path: "output")) == expected,
                "round \(round), killed after \(delay) µs")
            #expect(try Self.keys(review) == expectedKeys)
        }
    }

    /// Runs `chmod mode path…`.
    static func chmod(_ mode: mode_t, _ paths: URL...) {
        for path in paths { _ = Glibc.chmod(path.path, mode) }
    }

    @Test(.enabled(if: CLI.canRunAsOrdinaryUser, "needs setpriv to run as an ordinary user"))
    func aReadOnlyReviewCanStillBeRead() throws {
        let (dir, review, _) = try Self.demo()
        _ = dir
        #expect(try CLI.run(["run"], in: review).status == 0)
        // Everything readable, nothing writable, for the user running the commands.
        _ = try Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "a+rX,a-w", review.path])
            .waitUntilExit()
        defer {
            _ = try? Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "u+w", review.path])
                .waitUntilExit()
        }
        for args in [
            ["records"], ["status"], ["show", "pmid:990012345"], ["conflicts"], ["export", "--format", "ris"],
            ["agreement"],
        ] {
            let reader = try CLI.run(args, in: review, asNobody: true)
            #expect(reader.status == 0, "\(args): \(reader.stderr)")
            #expect(!reader.stderr.contains("error"), "\(args): \(reader.stderr)")
        }
        // A run with nothing to do only reads.
        let unchanged = try CLI.run(["run"], in: review, asNobody: true)
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        #expect(unchanged.stderr.contains("nothing changed since the last run"))
        for args in [["run", "--force"], ["ingest"], ["report"], ["criteria"]] {
            let writer = try CLI.run(args, in: review, asNobody: true)
            #expect(writer.status == 73, "\(args): \(writer.stderr)")
            #expect(
                writer.stderr.hasPrefix(
                    "error: .scoping/: the index cannot be written (read-only); commands that only read"),
                "\(args): \(writer.stderr)")
            #expect(!writer.stderr.contains("delete .scoping/"), "\(args): the wrong advice: \(writer.stderr)")
            #expect(!writer.stderr.contains("NSCocoaErrorDomain"), "\(writer.stderr)")
        }
    }

    @Test(.enabled(if: CLI.canRunAsOrdinaryUser, "needs setpriv to run as an ordinary user"))
    func permissionDeniedIsNotNoSuchFileAndAReadOnlyOutputNamesTheFile() throws {
        let (dir, review, _) = try Self.demo()
        _ = dir
        try CLI.giveToNobody(dir.url)
        #expect(try CLI.run(["run"], in: review, asNobody: true).status == 0)

        let export = review.appending(path: "corpus/embase-demo.ris")
        Self.chmod(0o000, export)
        let unreadable = try CLI.run(["ingest", "corpus/embase-demo.ris"], in: review, asNobody: true)
        #expect(unreadable.status == 66, "\(unreadable.stderr)")
        #expect(
            unreadable.stderr.hasPrefix(
                "error: corpus/embase-demo.ris: cannot be read: permission denied; make it readable"),
            "\(unreadable.stderr)")
        Self.chmod(0o644, export)

        try FileManager.default.removeItem(at: review.appending(path: "output/report.md"))
        Self.chmod(0o555, review.appending(path: "output"))
        defer { Self.chmod(0o755, review.appending(path: "output")) }
        let report = try CLI.run(["report"], in: review, asNobody: true)
        #expect(report.status == 73, "\(report.stderr)")
        #expect(
            report.stderr.contains("error: output/report.md: cannot be written: permission denied"), "\(report.stderr)")
    }

    /// One step a team might take, in any order.
    enum Step: CaseIterable {
        case ingestOutside, ingestSecondOutside, run, runForce, deleteIndex, deleteStamp, screen
    }

    /// Any sequence of ingests (inside and outside corpus/), runs, forced runs, deleted
    /// `.scoping/` or stamps and screening decisions ends, after a last `run`, with the same
    /// records and the same output/ as a clean build from the same inputs (the corpus, the logs
    /// and the outside files the index still remembers).
    @Test func anySequenceOfStepsEndsAsACleanBuild() throws {
        var state: UInt64 = 2026
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for sequence in 0..<4 {
            let (dir, review, outside) = try Self.demo()
            let second = try dir.write(
                "downloads/second.ris",
                "TY  - JOUR\nTI  - A second outside export on telemonitoring\nAU  - Mulder, Sanne\nPY  - 2023\nER  -\n")
            // The outside files the index remembers, by the model.
            var remembered: [URL] = []
            var steps: [Step] = []
            for _ in 0..<6 {
                let step = Step.allCases[next(Step.allCases.count)]
                steps.append(step)
                switch step {
                case .ingestOutside, .ingestSecondOutside:
                    let file = step == .ingestOutside ? outside : second
                    let result = try CLI.run(["ingest", file.path, "--database", "CINAHL"], in: review)
                    #expect(result.status == 0, "\(steps): \(result.stderr)")
                    if !remembered.contains(file) { remembered.append(file) }
                case .run, .runForce:
                    let result = try CLI.run(step == .run ? ["run"] : ["run", "--force"], in: review)
                    #expect(result.status == 0, "\(steps): \(result.stderr)")
                case .deleteIndex:
                    try? FileManager.default.removeItem(at: review.appending(path: ".scoping"))
                    remembered = []
                case .deleteStamp:
                    try? FileManager.default.removeItem(at: review.appending(path: ".scoping/run.stamp"))
                case .screen:
                    // Before anything is ingested there is nothing to screen (exit 66).
                    let result = try CLI.run(
                        ["screen", "--reviewer", "anna", "--plain"], in: review, stdin: "e 1\nq\n")
                    #expect(
                        result.status == 0 || result.status == 66 && result.stderr.contains("no records yet"),
                        "\(steps): \(result.stderr)")
                }
            }
            let last = try CLI.run(["run"], in: review)
            #expect(last.status == 0, "\(steps): \(last.stderr)")

            // The clean build: the same inputs in a new folder beside it, the remembered outside files ingested.
            let clean = dir.url.appending(path: "clean")
            try FileManager.default.createDirectory(at: clean, withIntermediateDirectories: true)
            for input in CLI.demoInputs where FileManager.default.fileExists(atPath: review.appending(path: input).path)
            {
                try FileManager.default.copyItem(at: review.appending(path: input), to: clean.appending(path: input))
            }
            for file in remembered.sorted(by: { $0.path < $1.path }) {
                #expect(try CLI.run(["ingest", file.path, "--database", "CINAHL"], in: clean).status == 0)
            }
            #expect(try CLI.run(["run"], in: clean).status == 0)
            #expect(try Self.keys(review) == Self.keys(clean), "sequence \(sequence): \(steps)")
            let got = try CLI.files(under: review.appending(path: "output"))
            let expected = try CLI.files(under: clean.appending(path: "output"))
            #expect(got.keys.sorted() == expected.keys.sorted(), "sequence \(sequence): \(steps)")
            for name in expected.keys.sorted() where got[name] != expected[name] {
                Issue.record("sequence \(sequence): \(steps): output/\(name) differs from a clean build")
            }
        }
    }
}
