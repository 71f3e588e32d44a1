import Foundation
import Testing

/// `scoping chart` (line mode, verify mode), `chart export` and `chart import` on a copy of the
/// demo review whose charting has not started.
@Suite struct ChartCLITests {
    static func lines(_ url: URL) throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func status(_ dir: CLI.TempDir) throws -> [String: Any] {
        let status = try CLI.run(["status", "--json"], in: dir.url)
        #expect(status.status == 0, "\(status.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    }

    @Test func chartVerifyExportAndImport() throws {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(["protocol", "corpus", "screening"])
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let before = try Self.status(dir)
        let toChart = try #require(before["toChart"] as? [String])
        try #require(toChart.count >= 3)
        #expect(before["included"] as? Int == toChart.count)

        // Skip the first study; chart the second: a wrong choice is asked again, then choice 1,
        // then "not reported" for the other 13 fields (14 in the codebook); then quit.
        let answers = "s\nnonsense\n1\n" + String(repeating: "-\n", count: 13) + "q\n"
        let charted = try CLI.run(["chart", "--reviewer", "anna"], in: dir.url, stdin: answers)
        #expect(charted.status == 0, "\(charted.stderr)")
        #expect(charted.stdout.contains("chart study 1 of \(toChart.count): \(toChart[0])"))
        #expect(charted.stdout.contains("suggested: "))
        #expect(charted.stderr.contains("intervention_type: unknown choice 'nonsense'; expected one of "))
        #expect(charted.stderr.contains("14 fields of 1 study written to charting/anna.jsonl"))
        let log = dir.url.appending(path: "charting/anna.jsonl")
        let entries = try Self.lines(log)
        #expect(entries.count == 14)
        #expect(
            entries.allSatisfy {
                $0["study"] as? String == toChart[1] && $0["role"] as? String == "chart"
                    && $0["status"] as? String == "confirmed"
            })
        #expect((entries[0]["value"] as? [String])?.count == 1)
        #expect(entries.dropFirst().allSatisfy { $0["value"] is NSNull })

        let after = try Self.status(dir)
        #expect((after["toChart"] as? [String])?.count == toChart.count - 1)
        #expect(after["toVerify"] as? [String] == [toChart[1]])

        // The charter cannot verify their own study; bram confirms all 14 fields.
        let own = try CLI.run(["chart", "--reviewer", "anna", "--verify"], in: dir.url)
        #expect(own.status == 0)
        #expect(own.stderr.contains("1 study charted by anna left for another reviewer to verify"))
        let verified = try CLI.run(
            ["chart", "--reviewer", "bram", "--verify"], in: dir.url, stdin: String(repeating: "\n", count: 14))
        #expect(verified.status == 0, "\(verified.stderr)")
        let bram = try Self.lines(dir.url.appending(path: "charting/bram.jsonl"))
        #expect(bram.count == 14)
        #expect(bram.allSatisfy { $0["role"] as? String == "verify" && $0["status"] as? String == "confirmed" })
        #expect(try Self.status(dir)["verified"] as? Int == 1)

        // The sheet: BOM, ';', one row per included study.
        let exported = try CLI.run(
            ["chart", "export", "--csv", "--delimiter", ";", "--output", "sheet.csv"], in: dir.url)
        #expect(exported.status == 0, "\(exported.stderr)")
        let sheet = try Data(contentsOf: dir.url.appending(path: "sheet.csv"))
        #expect(sheet.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: sheet.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("study;first_author;record_year;record_title;intervention_type;"))
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count >= toChart.count + 1)

        // Import: a bad cell is reported by row and column, its row left out, the other row read.
        try dir.write(
            "filled.csv",
            "study;intervention;design\r\n\(toChart[2]);Group consultations;rtc\r\n\(toChart[3]);Group consultations;rct\r\n"
        )
        let imported = try CLI.run(["chart", "import", "filled.csv", "--reviewer", "anna"], in: dir.url)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("filled.csv:2:3: error: (design)"), "\(imported.stderr)")
        let all = try Self.lines(log)
        #expect(all.count == 16)
        #expect(all.suffix(2).allSatisfy { $0["study"] as? String == toChart[3] })
    }

    @Test func chartNeedsAValidReviewer() throws {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(["protocol", "corpus"])
        let missing = try CLI.run(["chart"], in: dir.url)
        #expect(missing.status == 64)
        let bad = try CLI.run(["chart", "--reviewer", "Anna Jansen"], in: dir.url)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("not a valid reviewer id"))
    }
}
