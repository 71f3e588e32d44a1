import Foundation
import Testing

/// `scoping conflicts` and `scoping agreement` on a copy of the demo review, whose conflicts
/// anna has reconciled.
@Suite struct AgreementCLITests {
    static func demo() throws -> CLI.TempDir {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appending(path: "screening"), to: dir.url.appending(path: "screening"))
        return dir
    }

    @Test func conflictsOnTheDemoAreAllReconciled() throws {
        let dir = try Self.demo()
        let open = try CLI.run(["conflicts"], in: dir.url)
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout.isEmpty, "no unresolved conflicts: \(open.stdout)")
        #expect(open.stderr.contains("title/abstract: 0 unresolved conflicts"), "\(open.stderr)")
        #expect(open.stderr.contains("reconciled (--all lists them)"), "\(open.stderr)")

        let all = try CLI.run(["conflicts", "--all"], in: dir.url)
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n")
        #expect(lines.count >= 1)
        for line in lines {
            #expect(line.contains("anna: ") && line.contains("bram: "), "each reviewer's decision: \(line)")
            #expect(line.contains("→ reconciled by anna: "), "\(line)")
            #expect(line.contains("exclude E"), "the exclusion reason is shown: \(line)")
        }

        let json = try CLI.run(["conflicts", "--all", "--json", "--stage", "title-abstract"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == lines.filter { $0.contains(" title-abstract ") }.count)
        for c in array {
            #expect(c["stage"] as? String == "title-abstract")
            #expect((c["decisions"] as? [[String: Any]])?.count == 2)
            #expect((c["resolution"] as? [String: Any])?["reviewer"] as? String == "anna")
        }
    }

    @Test func agreementOnTheDemo() throws {
        let dir = try Self.demo()
        let text = try CLI.run(["agreement"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("title/abstract: anna × bram"), "\(text.stdout)")
        #expect(text.stdout.contains("full text: anna × bram"), "\(text.stdout)")
        #expect(
            text.stdout.range(
                of: #"kappa -?[01]\.\d{3} \(95% CI -?[01]\.\d{3}–-?[01]\.\d{3}\)"#, options: .regularExpression) != nil,
            "\(text.stdout)")
        #expect(text.stdout.contains("PABAK "))
        #expect(text.stdout.contains("anna include"))
        #expect(text.stdout.contains("pilot round, the first 50 both screened"), "the protocol's pilot: \(text.stdout)")

        let json = try CLI.run(["agreement", "--json", "--stage", "ta", "--pilot", "20"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let pair = try #require(array.first)
        #expect(array.count == 1)
        #expect(pair["stage"] as? String == "title-abstract")
        #expect(pair["first"] as? String == "anna" && pair["second"] as? String == "bram")
        let records = try #require(pair["records"] as? Int)
        let cells = ["bothInclude", "firstOnlyInclude", "secondOnlyInclude", "bothExclude"].compactMap {
            pair[$0] as? Int
        }
        #expect(cells.count == 4 && cells.reduce(0, +) == records)
        let kappa = try #require(pair["kappa"] as? Double)
        let ci = try #require(pair["kappaCI95"] as? [Double])
        #expect(ci.count == 2 && ci[0] <= kappa && kappa <= ci[1])
        let p0 = try #require(pair["percentAgreement"] as? Double)
        #expect(abs((pair["pabak"] as? Double ?? 9) - (2 * p0 - 1)) < 1e-5)
        #expect(abs(p0 - Double(cells[0] + cells[3]) / Double(records)) < 1e-5)
        let counts = try #require(pair["counts"] as? [String: [String: Int]])
        #expect(counts["anna"]?["included"] == cells[0] + cells[1])
        let pilot = try #require(pair["pilot"] as? [String: Any])
        #expect(pilot["size"] as? Int == 20)
        #expect(pilot["records"] as? Int == 20)
        #expect(pilot["kappa"] != nil)

        let noPilot = try CLI.run(["agreement", "--pilot", "0"], in: dir.url)
        #expect(noPilot.status == 0)
        #expect(!noPilot.stdout.contains("pilot round"))
    }

    @Test func agreementWithoutDecisionsSaysSo() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        let run = try CLI.run(["agreement"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("title/abstract: no records screened by two reviewers yet"))
    }
}
