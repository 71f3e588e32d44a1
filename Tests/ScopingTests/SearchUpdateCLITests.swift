import Foundation
import Testing

/// `scoping status` and `scoping screen` after the demo's search update, on a copy of the demo
/// review whose logs stop before it (the decisions of October only).
@Suite struct SearchUpdateCLITests {
    static func beforeTheUpdate() throws -> CLI.TempDir {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(["protocol", "corpus", "screening"])
        for reviewer in ["anna", "bram"] {
            let file = dir.url.appending(path: "screening/\(reviewer).jsonl")
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("\"time\":\"2026-10-") }
            try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
        }
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        return dir
    }

    @Test func statusAndScreenSayWhatTheUpdateBrought() throws {
        let dir = try Self.beforeTheUpdate()
        let status = try CLI.run(["status"], in: dir.url)
        #expect(status.status == 0)
        #expect(
            status.stdout.contains(
                "update 2026-11-30: PubMed: 24 records, 12 of studies found before (decisions kept), "
                    + "12 new studies (10 past the automatic criteria); anna 10 left, bram 10 left\n"),
            "\(status.stdout)")
        // Citation searching's three studies and the register's five registrations are to screen too,
        // but they are no update: the registration of the DEMO-GC trial is a study of its own until a
        // person (in December, in dedup/decisions.tsv) says it is the trial's.
        #expect(status.stdout.contains("title/abstract:  anna 18 of 122 left, bram 18 of 122 left"), "\(status.stdout)")
        #expect(status.stdout.contains("; 1 duplicate pair awaiting review\n"), "\(status.stdout)")

        let json = try CLI.run(["status", "--json"], in: dir.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let updates = try #require(object["updates"] as? [[String: Any]])
        #expect(updates.count == 1)
        #expect(updates.first?["date"] as? String == "2026-11-30")
        #expect(updates.first?["known"] as? Int == 12)
        #expect((updates.first?["newStudies"] as? [String])?.count == 12)
        #expect((updates.first?["left"] as? [String: Int]) == ["anna": 10, "bram": 10])

        let screen = try CLI.run(["screen", "--reviewer", "anna", "--plain"], in: dir.url, stdin: "q\n")
        #expect(screen.status == 0, "\(screen.stderr)")
        #expect(
            screen.stderr.contains(
                "10 records to screen came with the search update of 2026-11-30; records found before keep their decisions"
            ),
            "\(screen.stderr)")
    }
}
