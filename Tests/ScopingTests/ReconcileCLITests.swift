import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `scoping reconcile` on a review where two fictional reviewers disagree, and
/// `scoping decisions export|import`.
@Suite struct ReconcileCLITests {
    static let hash = String(repeating: "ab", count: 32)

    static func line(
        _ time: String, _ reviewer: String, _ key: String, _ decision: String, reason: String? = nil,
        note: String? = nil
    ) -> String {
        var s =
            #"{"time":"2026-05-01T10:00:\#(time)Z","reviewer":"\#(reviewer)","stage":"title-abstract","key":"\#(key)","decision":"\#(decision)""#
        if let reason { s += #","reason":"\#(reason)""# }
        if let note { s += #","note":"\#(note)""# }
        return s + #","protocol":"\#(hash)"}"# + "\n"
    }

    /// The demo protocol with the reviewers carla and dirk, who disagree on pmid:1, pmid:2 and pmid:4.
    static func review() throws -> CLI.TempDir {
        let dir = try CLI.TempDir()
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appending(path: "corpus"), to: dir.url.appending(path: "corpus"))
        let yaml = try String(contentsOf: CLI.packageRoot.appending(path: "protocol/protocol.yaml"), encoding: .utf8)
        try #require(yaml.contains("reviewers: [anna, bram]"))
        try dir.write(
            "protocol/protocol.yaml",
            yaml.replacingOccurrences(of: "reviewers: [anna, bram]", with: "reviewers: [carla, dirk]"))
        try dir.write(
            "screening/carla.jsonl",
            line("01", "carla", "pmid:1", "include")
                + line("02", "carla", "pmid:2", "exclude", reason: "E4", note: "not nurses")
                + line("03", "carla", "pmid:3", "include") + line("04", "carla", "pmid:4", "exclude", reason: "E5"))
        try dir.write(
            "screening/dirk.jsonl",
            line("11", "dirk", "pmid:1", "exclude", reason: "E6")
                + line("12", "dirk", "pmid:2", "include", note: "nurses in the sample")
                + line("13", "dirk", "pmid:3", "maybe") + line("14", "dirk", "pmid:4", "maybe"))
        return dir
    }

    static func entries(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func reconcileWalksOnlyTheConflicts() throws {
        let dir = try Self.review()
        let before = try CLI.run(["conflicts"], in: dir.url)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(
            before.stdout == """
                pmid:1  title-abstract  carla: include  dirk: exclude E6
                pmid:2  title-abstract  carla: exclude E4 "not nurses"  dirk: include "nurses in the sample"
                pmid:4  title-abstract  carla: exclude E5  dirk: maybe

                """, "maybe counts as include; pmid:3 agrees")
        #expect(before.stderr.contains("title/abstract: 3 unresolved conflicts"))

        // pmid:1: a wrong answer, then exclude with a reason by id; pmid:2: include with a
        // note; pmid:4: skip.
        let session = try CLI.run(
            ["reconcile", "--reviewer", "carla"], in: dir.url, stdin: "x\ne E6\ni -- nurses after all\ns\n")
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("conflict 1 of 3 · title/abstract · pmid:1"))
        #expect(session.stdout.contains("carla: include"))
        #expect(session.stdout.contains("dirk: exclude — E6"))
        #expect(session.stdout.contains("note: not nurses") && session.stdout.contains("note: nurses in the sample"))
        #expect(session.stdout.contains("'x' is not an answer here"))
        #expect(session.stdout.contains("recorded: exclude E6 in screening/carla.jsonl"))
        #expect(session.stdout.contains("reconciled 2, skipped 1, 1 conflict left"))

        let log = try Self.entries(dir.url.appending(path: "screening/carla.jsonl"))
        #expect(log.count == 6)
        let added = log.suffix(2)
        #expect(
            added.allSatisfy {
                $0["stage"] as? String == "reconcile" && $0["reconciles"] as? String == "title-abstract"
            })
        #expect(added.map { $0["key"] as? String } == ["pmid:1", "pmid:2"])
        #expect(added.map { $0["decision"] as? String } == ["exclude", "include"])
        #expect(added.first?["reason"] as? String == "E6")
        #expect(added.last?["note"] as? String == "nurses after all")
        let hash = try #require(added.first?["protocol"] as? String)
        #expect(hash.count == 64 && hash != Self.hash, "new decisions carry the current protocol's hash")

        let after = try CLI.run(["conflicts"], in: dir.url)
        #expect(after.stdout.hasPrefix("pmid:4 "), "\(after.stdout)")
        #expect(after.stdout.split(separator: "\n").count == 1)
        let all = try CLI.run(["conflicts", "--all"], in: dir.url)
        #expect(
            all.stdout.contains(
                "pmid:1  title-abstract  carla: include  dirk: exclude E6  → reconciled by carla: exclude E6"))

        // Quit at once, or end of input: nothing recorded.
        let quit = try CLI.run(["reconcile", "--reviewer", "dirk"], in: dir.url, stdin: "q\n")
        #expect(quit.status == 0, "\(quit.stderr)")
        #expect(quit.stdout.contains("conflict 1 of 1 · title/abstract · pmid:4"))
        #expect(quit.stdout.contains("reconciled 0, skipped 0, 1 conflict left"))
        let eof = try CLI.run(
            ["reconcile", "--reviewer", "dirk", "--stage", "title-abstract"], in: dir.url, stdin: "e\nE99\n")
        #expect(eof.status == 0, "\(eof.stderr)")
        #expect(eof.stdout.contains("'E99' is not a reason at this stage"))
        #expect(try Self.entries(dir.url.appending(path: "screening/dirk.jsonl")).count == 4)

        // Finish the last one by the criterion's number in the list.
        let last = try CLI.run(["reconcile", "--reviewer", "dirk"], in: dir.url, stdin: "e\n1\n")
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.stdout.contains("recorded: exclude E"))
        let done = try CLI.run(["reconcile", "--reviewer", "dirk"], in: dir.url)
        #expect(done.stdout.contains("no unresolved conflicts"))
    }

    @Test func aLockedLogExits75() throws {
        let dir = try Self.review()
        let lockPath = dir.url.appending(path: "screening/carla.jsonl.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        let text = "reviewer=carla pid=4711 host=lab-3\n"
        _ = text.withCString { write(fd, $0, strlen($0)) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let run = try CLI.run(["reconcile", "--reviewer", "carla"], in: dir.url, stdin: "i\n")
        #expect(run.status == 75, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("in use by reviewer carla, process 4711 on host lab-3"), "\(run.stderr)")
        #expect(try Self.entries(dir.url.appending(path: "screening/carla.jsonl")).count == 4)
        let imported = try CLI.run(["decisions", "import", "/nonexistent.csv", "--reviewer", "carla"], in: dir.url)
        #expect(imported.status == 66, "\(imported.stderr)")
    }

    @Test func decisionsExportImportRoundTrip() throws {
        let source = try CLI.TempDir()
        try source.copyDemoReview()
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appending(path: "screening"), to: source.url.appending(path: "screening"))
        let export = try CLI.run(
            ["decisions", "export", "--csv", "--reviewer", "anna", "--output", "anna.csv"], in: source.url)
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOf: source.url.appending(path: "anna.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("time,reviewer,stage,key,decision,reason,note,order\r\n"))
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
        let logLines = try Self.entries(source.url.appending(path: "screening/anna.jsonl")).count
        #expect(rows == logLines)
        #expect(csv.contains(",reconcile:title-abstract,"))

        // Into a review where anna has not screened yet.
        let target = try CLI.TempDir()
        try target.copyDemoReview()
        let file = source.url.appending(path: "anna.csv").path
        let first = try CLI.run(["decisions", "import", file, "--reviewer", "anna"], in: target.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\(logLines) decisions imported, 0 already there"), "\(first.stdout)")
        let second = try CLI.run(["decisions", "import", file, "--reviewer", "anna"], in: target.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("0 decisions imported, \(logLines) already there"), "\(second.stdout)")
        let again = try CLI.run(["decisions", "export", "--csv", "--reviewer", "anna"], in: target.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == csv, "export → import → export gives the same CSV")

        // The same decisions mean the same state.
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appending(path: "screening/bram.jsonl"),
            to: target.url.appending(path: "screening/bram.jsonl"))
        let a = try CLI.run(["agreement", "--json"], in: source.url)
        let b = try CLI.run(["agreement", "--json"], in: target.url)
        #expect(a.stdout == b.stdout)
        #expect(
            try CLI.run(["conflicts", "--all"], in: source.url).stdout
                == CLI.run(["conflicts", "--all"], in: target.url).stdout)

        // All decisions, every log.
        let everyone = try CLI.run(["decisions", "export", "--csv"], in: source.url)
        #expect(everyone.stdout.contains(",bram,") && everyone.stdout.contains(",anna,"))
    }

    @Test func badRowsAreReportedAndNothingIsImported() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        let csv =
            "time,reviewer,stage,key,decision,reason,note\r\n"
            + "2026-05-01T10:00:00Z,anna,title-abstract,pmid:1,include,,\r\n"
            + "2026-05-01T10:00:01Z,anna,title-abstract,pmid:2,perhaps,,\r\n"
            + "yesterday,bram,title-abstract,pmid:3,exclude,E99,\r\n"
        let file = try dir.write("bad.csv", csv)
        let run = try CLI.run(["decisions", "import", file.path, "--reviewer", "anna"], in: dir.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("bad.csv:3: column 5 (decision): 'perhaps' is not a decision"), "\(run.stderr)")
        #expect(run.stderr.contains("bad.csv:4: column 1 (time)"), "\(run.stderr)")
        #expect(run.stderr.contains("bad.csv:4: column 2 (reviewer)"), "\(run.stderr)")
        #expect(run.stderr.contains("bad.csv:4: column 6 (reason): 'E99' is not a criterion"), "\(run.stderr)")
        let log = dir.url.appending(path: "screening/anna.jsonl")
        #expect((try? Data(contentsOf: log))?.isEmpty ?? true)

        // A retraction of nothing: caught before anything is written.
        let retract = try dir.write(
            "retract.csv",
            "time,reviewer,stage,key,decision,reason,note\r\n2026-05-01T10:00:00Z,anna,title-abstract,pmid:1,include,,\r\n"
                + "2026-05-01T10:00:01Z,anna,title-abstract,pmid:2,retract,,\r\n")
        let second = try CLI.run(["decisions", "import", retract.path, "--reviewer", "anna"], in: dir.url)
        #expect(second.status == 65, "\(second.stderr)")
        #expect(second.stderr.contains("decision 2 (pmid:2, retract at title-abstract)"), "\(second.stderr)")
        #expect((try? Data(contentsOf: log))?.isEmpty ?? true)
    }
}
