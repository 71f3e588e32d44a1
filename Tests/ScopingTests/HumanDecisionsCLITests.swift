import Foundation
import Testing

/// People's decisions outrank later protocol edits: a rule that now excludes studies people
/// included, or a reviewer added after screening, never silently changes the finished work.
@Suite struct HumanDecisionsCLITests {
    /// The demo review after one `scoping run`.
    static func ran() throws -> CLI.TempDir {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(CLI.demoInputs)
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        return dir
    }

    static func editProtocol(_ dir: CLI.TempDir, _ old: String, _ new: String) throws {
        let url = dir.url.appending(path: "protocol/protocol.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    static func status(_ dir: CLI.TempDir) throws -> [String: Any] {
        let status = try CLI.run(["status", "--json"], in: dir.url)
        return try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    }

    @Test func aRuleThatNowExcludesIncludedStudiesKeepsThemUntilAPersonDecides() throws {
        let dir = try Self.ran()
        let included = try #require(try Self.status(dir)["included"] as? Int)
        try Self.editProtocol(dir, "rule: year < 2015", "rule: year < 2021")

        let check = try CLI.run(["check"], in: dir.url)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "warning: 30 studies that people included or charted the protocol's automatic criteria exclude now"),
            "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "  pmid:990021341: E1; included by anna at title/abstract, included by bram at title/abstract, included by anna at full text"
            ), "\(check.stderr)")
        #expect(!check.stderr.contains("all is well"))

        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "rule conflicts:  30 studies people included, excluded by the protocol's criteria now (kept included)"),
            "\(run.stdout)")
        let status = try Self.status(dir)
        #expect(status["included"] as? Int == included)
        #expect((status["ruleConflicts"] as? [Any])?.count == 30)
        #expect(status["done"] as? Bool == false)
        let report = try String(contentsOf: dir.url.appending(path: "output/report.md"), encoding: .utf8)
        #expect(
            report.contains(
                "Het protocol is gewijzigd nadat de screening begon: er zijn beslissingen genomen onder 1 versie"),
            "\(report)")
        #expect(
            report.contains("30 studies die reviewers includeerden vallen onder de huidige automatische criteria af"))

        // A person confirms the rule: the exclusions are logged, and the conflicts are gone.
        let confirm = try CLI.run(["criteria", "--confirm", "--reviewer", "anna"], in: dir.url)
        #expect(confirm.status == 0, "\(confirm.stderr)")
        #expect(
            confirm.stderr.contains("confirmed pmid:990021341: excluded by E1 at full text, in screening/anna.jsonl"),
            "\(confirm.stderr)")
        #expect(try CLI.run(["run"], in: dir.url).status == 0)
        let after = try Self.status(dir)
        #expect(after["included"] as? Int == included - 30)
        #expect((after["ruleConflicts"] as? [Any])?.isEmpty == true)
        #expect(try CLI.run(["check"], in: dir.url).status == 0)
    }

    @Test func aReviewerAddedAfterScreeningGetsNoFinishedWorkAndTheReportNamesWhoDecided() throws {
        let dir = try Self.ran()
        try Self.editProtocol(dir, "reviewers: [anna, bram]", "reviewers: [anna, bram, carl]")
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("nothing waits for a person"), "\(run.stdout)")
        #expect(run.stdout.contains("carl 0 of 0 left"), "\(run.stdout)")
        let report = try String(contentsOf: dir.url.appending(path: "output/report.md"), encoding: .utf8)
        #expect(report.contains("beoordeelden twee reviewers (anna en bram) elk record"), "\(report)")
        #expect(!report.contains("carl"))
        // A new record still goes to the rotation of three.
        try dir.write(
            "corpus/new.ris",
            "TY  - JOUR\nTI  - Practice nurses and video consultations for type 2 diabetes\nAU  - Visser, Anne\nPY  - 2024\nLA  - en\nER  -\n"
        )
        let more = try CLI.run(["run"], in: dir.url)
        #expect(more.status == 0, "\(more.stderr)")
        let left = try #require(try Self.status(dir)["left"] as? [[String: Any]])
        let open = left.filter { $0["stage"] as? String == "title-abstract" }.map {
            ($0["reviewer"] as? String ?? "", $0["left"] as? Int ?? 0)
        }
        #expect(open.map(\.1).reduce(0, +) == 2, "\(open)")
    }
}

extension HumanDecisionsCLITests {
    @Test func aDeletedScreeningFolderIsFlaggedAndErrorsHaveOnePrefix() throws {
        let dir = try Self.ran()
        // A malformed line in the middle of a log: one `error:`, the file and line named.
        let anna = dir.url.appending(path: "screening/anna.jsonl")
        let text = try String(contentsOf: anna, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = "{not json"
        try Data(lines.joined(separator: "\n").utf8).write(to: anna)
        let status = try CLI.run(["status"], in: dir.url)
        #expect(status.status == 65, "\(status.stderr)")
        #expect(status.stderr.hasPrefix("screening/anna.jsonl:3: error: "), "\(status.stderr)")
        #expect(status.stderr.components(separatedBy: "error:").count == 2, "one prefix: \(status.stderr)")
        try Data(text.utf8).write(to: anna)

        try FileManager.default.removeItem(at: dir.url.appending(path: "screening"))
        let check = try CLI.run(["check"], in: dir.url)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "error: screening/anna.jsonl: read by the last `scoping run` and gone now; it is human work"),
            "\(check.stderr)")
        let run = try CLI.run(["run"], in: dir.url)
        #expect(
            run.stderr.contains("warning: screening/bram.jsonl: read by the last run and gone now"), "\(run.stderr)")
    }

    @Test func showKeepsLongLabelsApartFromTheirValues() throws {
        let dir = try CLI.TempDir()
        try dir.write(
            "corpus/a.ris",
            "TY  - JOUR\nTI  - Group care\nTT  - Groepszorg in de huisartsenpraktijk\nAD  - Radboudumc, Nijmegen\nDO  - 10.5555/show.1\nER  -\n"
        )
        #expect(try CLI.run(["ingest"], in: dir.url).status == 0)
        let shown = try CLI.run(["show", "doi:10.5555/show.1"], in: dir.url)
        #expect(shown.stdout.contains("Original title  Groepszorg in de huisartsenpraktijk"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Title           Group care"), "\(shown.stdout)")
    }
}

extension HumanDecisionsCLITests {
    @Test func checkNamesDecisionsOnRecordsTheIndexDoesNotHold() throws {
        // A fresh clone (no index): all is well, and `check` creates nothing.
        let clone = try CLI.TempDir()
        try clone.copyFromRepository(CLI.demoInputs)
        let first = try CLI.run(["check"], in: clone.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("all is well"), "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: clone.url.appending(path: ".scoping/index.sqlite").path))

        let dir = try Self.ran()
        #expect(try CLI.run(["check"], in: dir.url).status == 0)
        // A decision on a key no record has (as after a `hash:` key was split, or an export removed).
        let anna = dir.url.appending(path: "screening/anna.jsonl")
        let handle = try FileHandle(forWritingTo: anna)
        try handle.seekToEnd()
        try handle.write(
            contentsOf: Data(
                (#"{"time":"2026-10-02T09:00:00Z","reviewer":"anna","stage":"title-abstract","#
                    + #""key":"hash:0123456789abcdef","decision":"include","protocol":"0000"}"# + "\n").utf8))
        try handle.close()
        let check = try CLI.run(["check"], in: dir.url)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "error: screening/anna.jsonl: names 1 record the index does not hold (hash:0123456789abcdef): "
                    + "that work applies to nothing, and the log keeps it."), "\(check.stderr)")
        #expect(!check.stderr.contains("all is well"), "\(check.stderr)")
        let json = try CLI.run(["check", "--json"], in: dir.url)
        #expect(json.status == 1, "\(json.stderr)")
        let problems = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let problem = try #require(problems.first { $0["file"] as? String == "screening/anna.jsonl" })
        #expect(problem["severity"] as? String == "error")
        #expect(problem["items"] as? [String] == ["hash:0123456789abcdef"])

        // A damaged line in the middle of a log: `check` says so (it said "all is well").
        var lines = try String(contentsOf: anna, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = "{not json"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: anna)
        let damaged = try CLI.run(["check"], in: dir.url)
        #expect(damaged.status == 65, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("screening/anna.jsonl:3: error: "), "\(damaged.stderr)")
        #expect(!damaged.stderr.contains("all is well"), "\(damaged.stderr)")
        // Without an index (a fresh clone) too.
        try FileManager.default.removeItem(at: dir.url.appending(path: ".scoping"))
        let fresh = try CLI.run(["check"], in: dir.url)
        #expect(fresh.status == 65, "\(fresh.stderr)")
        #expect(fresh.stderr.contains("screening/anna.jsonl:3: error: "), "\(fresh.stderr)")
    }
}
