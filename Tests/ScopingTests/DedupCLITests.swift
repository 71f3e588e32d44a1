import Foundation
import Testing

/// `scoping dedup` and `scoping dedup review` on a copy of the demo review, as a user runs them.
@Suite struct DedupCLITests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Two copies of one fictional study, titled and authored differently enough to need a person.
    static let uncertainPair = """
        TY  - JOUR
        TI  - Nurse-led telemonitoring of heart failure in Dutch general practice: a pilot study
        AU  - Smit, Laura
        AU  - Mulder, Henk
        PY  - 2021
        JF  - Demo Journal of Cardiology (fictional)
        ER  -

        TY  - JOUR
        TI  - Nurse-led telemonitoring of heart failure in general practice: a pilot in the Netherlands
        AU  - Smit, L.
        PY  - 2021
        JF  - Demo J Cardiol
        ER  -

        """

    @Test func dedupSummaryReviewAndExplain() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        // The demo corpus leaves one pair for a person (a registration and the paper that names its
        // number); add one search with a pair only a person can call.
        try dir.write("corpus/extra.ris", Self.uncertainPair)
        let ingested = try CLI.run(["ingest"], in: dir.url)
        #expect(ingested.status == 0, "\(ingested.stderr)")

        let text = try CLI.run(["dedup"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("242 records from 6 databases → "))
        #expect(text.stdout.contains("  database                  records  removed  only here\n"))
        #expect(text.stdout.contains("1 related pair (study protocol ↔ results)"))

        let before = try Self.object(try CLI.run(["dedup", "--json"], in: dir.url).stdout)
        let studies = try #require(before["studies"] as? Int)
        let awaiting = try #require(before["awaitingReview"] as? Int)
        #expect(before["records"] as? Int == 242)
        #expect(
            (before["databases"] as? [[String: Any]])?.compactMap { $0["database"] as? String } == [
                "CINAHL", "ClinicalTrials.gov", "Embase", "PubMed", "Reference lists of included studies", "extra.ris",
            ])
        #expect(
            text.stdout.contains(
                "1 related pair (trial registration ↔ a paper citing its number; never merged without a person)"),
            "\(text.stdout)")
        try #require(awaiting >= 1, "the demo corpus leaves pairs for a person")
        #expect(
            text.stdout.contains(
                "\(awaiting) pair\(awaiting == 1 ? "" : "s") awaiting review: scoping dedup review --reviewer NAME"))

        // q at once: nothing written.
        let quit = try CLI.run(["dedup", "review", "--reviewer", "anna"], in: dir.url, stdin: "q\n")
        #expect(quit.status == 0, "\(quit.stderr)")
        #expect(quit.stdout.contains("pair 1 of \(awaiting)"))
        let log = dir.url.appending(path: "dedup/decisions.tsv")
        #expect(!FileManager.default.fileExists(atPath: log.path))

        // A wrong answer is asked again; y on the first pair, n on the rest.
        let answers = "maybe\ny\n" + String(repeating: "n\n", count: awaiting - 1)
        let reviewed = try CLI.run(["dedup", "review", "--reviewer", "anna"], in: dir.url, stdin: answers)
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        #expect(reviewed.stderr.contains("type y (same study), n (different studies), s (skip) or q (quit)"))
        #expect(
            reviewed.stderr.contains("\(awaiting) decision\(awaiting == 1 ? "" : "s") written to dedup/decisions.tsv"))
        // Without colour, differing fields are marked with *.
        #expect(reviewed.stdout.split(separator: "\n").contains { $0.hasPrefix("*") })
        #expect(!reviewed.stdout.contains("\u{1B}["))
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "time\treviewer\tkeyA\tkeyB\tdecision")
        #expect(lines.count == awaiting + 1)
        #expect(lines[1].hasSuffix("\tsame"))
        #expect(lines.dropFirst(2).allSatisfy { $0.hasSuffix("\tdifferent") && $0.contains("\tanna\t") })

        // The decisions win on the next run.
        let after = try Self.object(try CLI.run(["dedup", "--json"], in: dir.url).stdout)
        #expect(after["studies"] as? Int == studies - 1)
        #expect(after["awaitingReview"] as? Int == 0)
        #expect(after["humanDecisions"] as? Int == awaiting)

        // --explain shows the person's decision and what the algorithm said.
        let keyB = String(lines[1].split(separator: "\t")[3])
        let explained = try CLI.run(["dedup", "--explain", keyB], in: dir.url)
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("decided by a person: same"))
        #expect(explained.stdout.contains("agreed: "))

        let unknown = try CLI.run(["dedup", "--explain", "pmid:1"], in: dir.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: no record with key 'pmid:1'; `scoping records QUERY` finds keys\n")

        // A torn last line is reported on every run, the earlier lines kept.
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("2026-09-16T10:00:00Z\tbram\tpmid:1".utf8))
        try handle.close()
        let torn = try CLI.run(["dedup", "--json"], in: dir.url)
        #expect(torn.status == 0)
        #expect(torn.stderr.contains("warning: dedup/decisions.tsv:\(awaiting + 2): the last line has no end of line"))
        #expect(try Self.object(torn.stdout)["humanDecisions"] as? Int == awaiting)
    }

    /// An editor's column in four issues of one volume, and a conference paper with its later
    /// article: four studies and two; the column's vetoes named by --explain, the conference pair
    /// related and awaiting a person.
    @Test func bibliographicVetoesAndRelatedConferencePaper() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        var ris = ""
        for (issue, pages) in zip(1...4, ["iii-xii", "iii-x", "iii-xvii", "iii-viii"]) {
            ris +=
                "TY  - JOUR\nTI  - Editor's comments\nAU  - Rai, Arun\nPY  - 2017\nJF  - MIS Quarterly\n"
                + "VL  - 41\nIS  - \(issue)\nSP  - \(pages)\nDO  - 10.2307/misq.col.\(issue)\nER  - \n\n"
        }
        ris += """
            TY  - CONF
            TI  - Call for bids to improve matching efficiency: evidence from online labor markets
            AU  - Guo, Xue
            AU  - Pavlou, Paul A.
            PY  - 2017
            T2  - International Conference on Information Systems
            ER  -

            TY  - JOUR
            TI  - Call for bids to improve matching efficiency: evidence from online labor markets
            AU  - Guo, X.
            AU  - Pavlou, P.
            PY  - 2019
            JF  - Management Science
            VL  - 65
            IS  - 3
            SP  - 1230-1251
            DO  - 10.1287/mnsc.2017.2952
            ER  -

            """
        try dir.write("corpus/columns.ris", ris)
        #expect(try CLI.run(["ingest"], in: dir.url).status == 0)
        let summary = try CLI.run(["dedup"], in: dir.url)
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(
            summary.stdout.contains(
                "1 related pair (conference paper ↔ perhaps its later version; never merged without a person)"))
        let json = try Self.object(try CLI.run(["dedup", "--json"], in: dir.url).stdout)
        #expect(json["conferenceRelatedPairs"] as? Int == 1)

        // Without a DOI the four would share one record key (title, year, first author), and
        // copies of a key are one record to the index: the DOIs keep them four keys.
        let key = "doi:10.2307/misq.col.1"
        let explained = try CLI.run(["dedup", "--explain", key], in: dir.url)
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.hasPrefix("\(key) is a study of its own"))
        #expect(explained.stdout.contains("; different issues of one volume (1 / 2)"))
        #expect(explained.stdout.contains("against: ") && explained.stdout.contains("a generic or recurring title"))

        // Without DOIs the four share one key (title, year, first author): dedup sees that they
        // are different publications and gives each a key of its own (journal, volume, issue and
        // first page added), says so once, and they stay four studies.
        try dir.write(
            "corpus/columns.ris",
            ris.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("DO  - 10.2307") }
                .joined(separator: "\n"))
        #expect(try CLI.run(["ingest"], in: dir.url).status == 0)
        let shared = try CLI.run(["dedup", "--json"], in: dir.url)
        #expect(shared.status == 0)
        #expect(
            shared.stderr.contains(
                "was the key of records that are different publications (different issues of one volume (1 / 2)): they now have keys of their own (hash:"
            ), "\(shared.stderr)")
        #expect(!shared.stderr.contains("screen them again"), "no log names the shared key")
        #expect(try Self.object(shared.stdout)["studies"] as? Int == json["studies"] as? Int)
        let records = try CLI.run(["records", "--json"], in: dir.url)
        let columns = try #require(
            try JSONSerialization.jsonObject(with: Data(records.stdout.utf8)) as? [[String: Any]]
        )
        .filter { (($0["record"] as? [String: Any])?["title"] as? String) == "Editor's comments" }
        #expect(Set(columns.compactMap { $0["key"] as? String }).count == 4, "\(columns.compactMap { $0["key"] })")
        let again = try CLI.run(["dedup"], in: dir.url)
        #expect(!again.stderr.contains("keys of their own"), "said once: \(again.stderr)")

        let doi = try CLI.run(["dedup", "--explain", "doi:10.1287/mnsc.2017.2952"], in: dir.url)
        #expect(doi.stdout.contains("related(conference-and-later-version) (awaiting review)"), "\(doi.stdout)")
        #expect(doi.stdout.contains("related (conference paper ↔ perhaps its later version): "))
    }
}
