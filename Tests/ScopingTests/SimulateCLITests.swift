import Foundation
import Testing

/// `scoping simulate` on a small labelled set written here, and on a SYNERGY set when the
/// shared data sets are present; `scoping bench rank` on a tiny set.
@Suite struct SimulateCLITests {
    /// 60 records in ASReview's layout: 10 relevant about nurse burnout interventions, 50 on
    /// other topics; one title has a quoted comma and a doubled quote.
    static func labelledCSV() -> String {
        var rows = ["record_id,title,abstract,label_included"]
        let topics = ["soil bacteria", "bridge corrosion", "galaxy formation", "crop rotation", "battery anodes"]
        for i in 0..<60 {
            if i % 6 == 0 {
                rows.append(
                    "\(i),\"Mindfulness intervention, burnout and nurses (\(i))\",\"A randomised trial of a mindfulness intervention to reduce burnout among hospital nurses; burnout and stress fell.\",1"
                )
            } else {
                let t = topics[i % topics.count]
                rows.append(
                    "\(i),\"A study of \(t) number \(i), the \"\"\(t)\"\" case\",\"We measured \(t) in samples from site \(i) and report the \(t) results.\",0"
                )
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    @Test func simulateASmallSet() throws {
        let dir = try CLI.TempDir()
        let file = try dir.write("labels.csv", Self.labelledCSV())
        let run = try CLI.run(["simulate", "--labels", file.path, "--curve", "curve.csv"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("seed 1: 60 records, 10 relevant; WSS@95 "), "\(run.stdout)")
        #expect(run.stdout.contains("WSS@100 "))
        #expect(run.stdout.contains("95% recall after ") && run.stdout.contains("100% after "))
        #expect(run.stdout.contains("stopping test (95% recall, 95% confidence): "))
        let curve = try String(contentsOf: dir.url.appending(path: "curve.csv"), encoding: .utf8)
        let lines = curve.split(separator: "\n")
        #expect(lines.first == "screened,found,recall,p_value,stop")
        #expect(lines.count > 10)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 5 })
        // The relevant records are easy to tell apart: all 10 found within the first 15 records.
        let json = try CLI.run(
            ["simulate", "--labels", file.path, "--seed", "3", "--seed", "4", "--json", "--curve", "c.csv"], in: dir.url
        )
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["seed"] as? Int } == [3, 4])
        for r in runs {
            let for100 = try #require(r["recordsFor100"] as? Int)
            #expect(for100 <= 15, "\(r)")
            #expect((r["wss95"] as? Double ?? 0) > 0.5)
            #expect(r["recordsFor95"] as? Int ?? 99 <= for100)
        }
        #expect(FileManager.default.fileExists(atPath: dir.url.appending(path: "c.seed3.csv").path))
        #expect(FileManager.default.fileExists(atPath: dir.url.appending(path: "c.seed4.csv").path))
    }

    /// The stopping benchmark: every method on two sets (the same file twice) and two seeds.
    @Test func stoppingBenchmark() throws {
        let dir = try CLI.TempDir()
        let file = try dir.write("labels.csv", Self.labelledCSV())
        let run = try CLI.run(
            ["simulate", "--labels", file.path, "--labels", file.path, "--stopping", "all", "--seeds", "2", "--json"],
            in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let methods = try #require(object["methods"] as? [[String: Any]])
        #expect(
            methods.map { $0["method"] as? String } == [
                "hypergeometric", "hypergeometric-biased", "hypergeometric-random", "target", "qbcb", "knee",
                "irrelevant-run", "counting-process",
            ])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.count == 2 * 2 * 8)
        for r in runs {
            let stopped = try #require(r["stoppedAt"] as? Int)
            #expect(stopped >= 2 && stopped <= 60, "\(r)")
            let found = try #require(r["found"] as? Int)
            #expect(abs((r["recall"] as? Double ?? -1) - Double(found) / 10) < 1e-6)
            #expect(abs((r["workSaved"] as? Double ?? -1) - (1 - Double(stopped) / 60)) < 1e-6)
        }
        // The bound for methods that verify by random sampling: per set, and over all runs.
        let bound = try #require(object["samplingBound"] as? [String: Any])
        let mean = try #require(bound["meanWorkSaved"] as? Double)
        #expect(mean >= 0 && mean < 1)
        let boundSets = try #require(bound["sets"] as? [[String: Any]])
        #expect(boundSets.count == 1 && boundSets.first?["runs"] as? Int == 4, "\(boundSets)")
        let text = try CLI.run(["simulate", "--labels", file.path, "--stopping", "hypergeometric"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains("every set: a method that verifies by random sampling saves at most "),
            "\(text.stdout)")
        #expect(text.stdout.contains("labels.csv (60 records, 10 relevant) hypergeometric: target met in 1 of 1 runs"))
        #expect(text.stdout.contains("| hypergeometric | 95% recall, 95% confidence | 1/1 (100%) |"), "\(text.stdout)")
        let bad = try CLI.run(["simulate", "--labels", file.path, "--stopping", "kne"], in: dir.url)
        #expect(bad.status == 64)
        #expect(
            bad.stderr.contains("--stopping: 'kne' is not a method; use all or one of: hypergeometric,"),
            "\(bad.stderr)")
    }

    @Test func gzipAndWindows1252AreRead() throws {
        let dir = try CLI.TempDir()
        // Windows-1252: é is one byte (0xE9), not valid UTF-8.
        var bytes = Array(Self.labelledCSV().utf8)
        let marker = Array("number 1,".utf8)
        if let at = (0..<(bytes.count - marker.count)).first(where: { Array(bytes[$0..<($0 + marker.count)]) == marker }
        ) {
            bytes.insert(0xE9, at: at)
        }
        let latin = dir.url.appending(path: "latin.csv")
        try Data(bytes).write(to: latin)
        let run = try CLI.run(["simulate", "--labels", latin.path], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("not valid UTF-8; read as Windows-1252"), "\(run.stderr)")
        #expect(run.stdout.contains("60 records, 10 relevant"))

        let gzip = ["/usr/bin/gzip", "/bin/gzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let gzip else {
            print("skipped the .gz case: no gzip program on this machine")
            return
        }
        try dir.write("labels.csv", Self.labelledCSV())
        let p = Process()
        p.executableURL = URL(fileURLWithPath: gzip)
        p.arguments = ["-k", dir.url.appending(path: "labels.csv").path]
        try p.run()
        p.waitUntilExit()
        let gz = try CLI.run(["simulate", "--labels", "labels.csv.gz"], in: dir.url)
        #expect(gz.status == 0, "\(gz.stderr)")
        let plain = try CLI.run(["simulate", "--labels", "labels.csv"], in: dir.url)
        #expect(
            gz.stdout.replacingOccurrences(of: #"; retrain median .*"#, with: "", options: .regularExpression)
                == plain.stdout.replacingOccurrences(of: #"; retrain median .*"#, with: "", options: .regularExpression)
        )
    }

    @Test func badLabelsAreDataErrors() throws {
        let dir = try CLI.TempDir()
        let bad = try dir.write("bad.csv", "title,abstract,label_included\nA,B,1\nC,D,perhaps\n")
        let run = try CLI.run(["simulate", "--labels", bad.path], in: dir.url)
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.csv:3: column 3 (label_included): 'perhaps' is not a label"), "\(run.stderr)")
        let missing = try dir.write("missing.csv", "name,label_included\nA,1\n")
        #expect(
            try CLI.run(["simulate", "--labels", missing.path], in: dir.url).stderr.contains(
                "no abstract column: expected one of abstract, notes_abstract, abstract note"))
        let titlesOnly = try dir.write(
            "titles.csv", "title,label_included\nNurse burnout,1\nSoil bacteria,0\nBridge corrosion,0\n")
        let titles = try CLI.run(["simulate", "--labels", titlesOnly.path], in: dir.url)
        #expect(
            titles.status == 0
                && titles.stderr.contains("titles.csv has no abstract column: the ranking reads the titles only"),
            "\(titles.stderr)")
        let allRelevant = try dir.write("yes.csv", "title,abstract,included\nA,B,yes\nC,D,Y\n")
        #expect(
            try CLI.run(["simulate", "--labels", allRelevant.path], in: dir.url).stderr.contains(
                "2 records, 2 relevant: a simulation needs at least one relevant and one irrelevant record"))
        #expect(try CLI.run(["simulate", "--labels", "nope.csv"], in: dir.url).status == 66)
    }

    /// `--from-decisions` replays the demo review's own screening: its studies with a final
    /// title/abstract decision, those that passed relevant (as the PRISMA counts say), and leaves
    /// out the studies still waiting for a reviewer.
    @Test func simulateTheReviewsOwnDecisions() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        for folder in ["screening", "dedup"] {
            try FileManager.default.copyItem(
                at: CLI.packageRoot.appending(path: folder), to: dir.url.appending(path: folder))
        }
        // Before anything is ingested: one line says what to do (not a warning per logged key).
        let early = try CLI.run(["simulate", "--from-decisions"], in: dir.url)
        #expect(
            early.status == 66 && early.stderr.contains("no records in the index yet: run `scoping run`"),
            "\(early.stderr)")
        let status = try CLI.run(["status"], in: dir.url)
        #expect(
            status.stderr.contains("no records in the index yet") && !status.stderr.contains("not in the index"),
            "\(status.stderr)")
        let built = try CLI.run(["run"], in: dir.url)
        #expect(built.status == 0, "\(built.stderr)")
        let prisma = try String(contentsOf: dir.url.appending(path: "output/prisma.csv"), encoding: .utf8)
        func count(_ row: String) throws -> Int {
            let line = try #require(prisma.split(whereSeparator: \.isNewline).first { $0.hasPrefix(row + ",") })
            return try #require(Int(line.split(separator: ",").last ?? ""))
        }
        // Both columns of the flow: databases and registers, and other methods (citation
        // searching, whose studies are screened as the others are; prisma.csv has no box for
        // the records it screened, so the status gives them).
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(try CLI.run(["status", "--json"], in: dir.url).stdout.utf8))
                as? [String: Any])
        let screened = try #require(summary["eligible"] as? Int)
        #expect(screened > (try count("records_screened")))
        let sought = try count("dbr_sought_reports") + count("other_sought_reports")

        func runs(_ args: [String]) throws -> (run: [String: Any], stderr: String) {
            let result = try CLI.run(["simulate", "--from-decisions", "--json"] + args, in: dir.url)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let runs = try #require(object["runs"] as? [[String: Any]])
            return (try #require(runs.first), result.stderr)
        }
        let ta = try runs([]).run
        #expect(ta["records"] as? Int == screened)
        #expect(ta["relevant"] as? Int == sought)
        let included = try runs(["--label", "included"]).run
        #expect((included["relevant"] as? Int ?? 0) < sought)

        // Mid-review: without bram's log, the records both must screen wait for him.
        try FileManager.default.removeItem(at: dir.url.appending(path: "screening/bram.jsonl"))
        let partial = try runs([])
        #expect((partial.run["records"] as? Int ?? screened) < screened)
        #expect(
            partial.stderr.contains("studies without a final title/abstract decision left out"), "\(partial.stderr)")

        let neither = try CLI.run(["simulate"], in: dir.url)
        #expect(neither.status == 64 && neither.stderr.contains("give either --labels FILE or --from-decisions"))
        let mixed = try CLI.run(["simulate", "--from-decisions", "--label-column", "included"], in: dir.url)
        #expect(mixed.status == 64 && mixed.stderr.contains("--label-column goes with --labels FILE"))
    }

    /// SYNERGY's Sep_2021 set, from the shared data sets beside the repository.
    @Test func simulateSynergySep2021() throws {
        let file = CLI.packageRoot.appending(path: "../shared/datasets/screening/synergy_v1_Sep_2021.csv")
            .standardizedFileURL
        guard FileManager.default.fileExists(atPath: file.path) else {
            print(
                "skipped: \(file.path) is not here (the shared data sets sit beside the repository only on the project's machines)"
            )
            return
        }
        let dir = try CLI.TempDir()
        let run = try CLI.run(["simulate", "--labels", file.path, "--json", "--curve", "curve.csv"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let r = try #require((object["runs"] as? [[String: Any]])?.first)
        #expect(r["records"] as? Int == 271)
        #expect(r["relevant"] as? Int == 40)
        // Ranked screening saves work: better than screening in random order by a margin.
        #expect((r["wss95"] as? Double ?? 0) > 0.2, "\(r)")
        #expect(r["stoppedAt"] is Int, "the stopping test fires before everything is screened: \(r)")
        #expect(FileManager.default.fileExists(atPath: dir.url.appending(path: "curve.csv").path))
    }

    @Test func benchRank() throws {
        let dir = try CLI.TempDir()
        let run = try CLI.run(["bench", "rank", "--records", "300", "--decisions", "50", "--rounds", "3"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("300 records, 50 decisions, "), "\(run.stdout)")
        #expect(run.stdout.contains("retrain+rescore median "))
    }
}
