import Foundation
import Testing

/// The foundation commands, run as a user runs them: init, ingest, records, show, export, check.
@Suite struct IngestCLITests {
    static let ris = """
        TY  - JOUR
        TI  - Group consultations for type 2 diabetes in Dutch general practice
        AU  - Jansen, Pieter
        PY  - 2019
        DO  - https://doi.org/10.5555/DEMO.1
        AB  - Practices offered group consultations.
        ER  -

        TY  - JOUR
        TI  - Telemonitoring of COPD at home
        AU  - de Vries, Anna
        PY  - 2020
        ER  -

        """

    @Test func initIngestListShowExport() throws {
        let dir = try CLI.TempDir()
        let made = try CLI.run(["init", "review"], in: dir.url)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("protocol/protocol.yaml"))
        let review = dir.url.appending(path: "review")
        try dir.write("review/corpus/search.ris", Self.ris)

        let ingested = try CLI.run(
            ["ingest", "--database", "Embase", "--searched", "2026-09-16", "--json"], in: review)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stdout.contains(#""records":2"#))
        #expect(ingested.stderr.contains("imported  corpus/search.ris: RIS, 2 records, Embase"))

        let again = try CLI.run(["ingest"], in: review)
        #expect(again.stderr.contains("unchanged corpus/search.ris"))

        let listed = try CLI.run(["records", "--json"], in: review)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(#""key":"doi:10.5555/demo.1""#))
        #expect(listed.stdout.contains(#""searchedOn":"2026-09-16""#))

        let found = try CLI.run(["records", "telemonitoring"], in: review)
        #expect(found.stdout.contains("Telemonitoring of COPD at home"))
        #expect(!found.stdout.contains("Group consultations"))

        let shown = try CLI.run(["show", "doi:10.5555/demo.1"], in: review)
        #expect(
            shown.stdout.contains("Title           Group consultations for type 2 diabetes in Dutch general practice"))
        #expect(shown.stdout.contains("corpus/search.ris:1  Embase, searched 2026-09-16"))

        let missing = try CLI.run(["show", "pmid:1"], in: review)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: no record with key 'pmid:1'; `scoping records QUERY` finds keys\n")

        let exported = try CLI.run(["export", "--format", "ris", "--output", "out.ris"], in: review)
        #expect(exported.status == 0, "\(exported.stderr)")
        let reread = try CLI.run(["ingest", "out.ris", "--json"], in: review)
        #expect(reread.stdout.contains(#""records":2"#))
    }

    @Test func initTemplatePassesCheckOnceItsExportIsThere() throws {
        let dir = try CLI.TempDir()
        #expect(try CLI.run(["init", "."], in: dir.url).status == 0)
        let missing = try CLI.run(["check"], in: dir.url)
        #expect(missing.status == 65)
        #expect(
            missing.stderr == """
                protocol/protocol.yaml:32:13: error: the file 'corpus/pubmed.xml' does not exist; paths are relative to the review folder
                1 error in protocol/protocol.yaml

                """)
        try dir.write("corpus/pubmed.xml", "")
        let checked = try CLI.run(["check"], in: dir.url)
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    @Test func malformedExportExitsWithDataErrorAndKeepsEarlierImports() throws {
        let dir = try CLI.TempDir()
        try dir.write("corpus/a.ris", Self.ris)
        try dir.write(
            "corpus/b.xml",
            "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n<PubmedArticle><MedlineCitation>\n</PubmedArticleSet>\n")
        let result = try CLI.run(["ingest"], in: dir.url)
        #expect(result.status == 65)
        #expect(result.stderr.contains("error: corpus/b.xml:4:"))
        let listed = try CLI.run(["records", "--csv"], in: dir.url)
        #expect(listed.stdout.split(separator: "\r\n").count == 3)  // header + 2 records from a.ris
    }

    @Test func anExportGoneFromCorpusLeavesTheIndex() throws {
        let dir = try CLI.TempDir()
        try dir.write("corpus/a.ris", Self.ris)
        try dir.write(
            "corpus/b.ris",
            Self.ris.replacingOccurrences(of: "DEMO.1", with: "DEMO.2").replacingOccurrences(of: "COPD", with: "asthma")
        )
        try dir.write(
            "elsewhere.ris",
            Self.ris.replacingOccurrences(of: "DEMO.1", with: "DEMO.3").replacingOccurrences(
                of: "COPD", with: "heart failure"))
        #expect(try CLI.run(["ingest"], in: dir.url).status == 0)
        #expect(try CLI.run(["ingest", "elsewhere.ris"], in: dir.url).status == 0)
        try FileManager.default.removeItem(at: dir.url.appending(path: "corpus/b.ris"))
        try FileManager.default.removeItem(at: dir.url.appending(path: "elsewhere.ris"))

        let again = try CLI.run(["ingest"], in: dir.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stderr.contains(
                "removed   corpus/b.ris: the file is gone from corpus/, so its 2 records left the index"))
        #expect(!again.stderr.contains("elsewhere.ris"))  // imported from outside corpus/: kept
        let listed = try CLI.run(["records", "--csv"], in: dir.url)
        #expect(listed.stdout.split(separator: "\r\n").count == 5)  // header + a.ris + elsewhere.ris
        #expect(!listed.stdout.contains("asthma"))
        #expect(try CLI.run(["records", "asthma"], in: dir.url).stdout.isEmpty)  // nor in the full-text index
    }

    @Test func runForgetsAnExportGoneFromCorpus() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        let prisma = dir.url.appending(path: "output/prisma.csv")
        #expect(try CLI.run(["run"], in: dir.url).status == 0)
        let before = try String(contentsOf: prisma, encoding: .utf8)

        try dir.write("corpus/extra.ris", Self.ris)
        let added = try CLI.run(["run"], in: dir.url)
        #expect(added.stderr.contains("imported  corpus/extra.ris"), "\(added.stderr)")
        #expect(try String(contentsOf: prisma, encoding: .utf8) != before)

        try FileManager.default.removeItem(at: dir.url.appending(path: "corpus/extra.ris"))
        let removed = try CLI.run(["run"], in: dir.url)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(
            removed.stderr.contains(
                "removed   corpus/extra.ris: the file is gone from corpus/, so its 2 records left the index"))
        #expect(try String(contentsOf: prisma, encoding: .utf8) == before)  // as if it had never been there
    }

    @Test func missingFileAndUnknownFormatAreTold() throws {
        let dir = try CLI.TempDir()
        try dir.write("corpus/notes.txt", "Just some notes, not an export.\n")
        let unknown = try CLI.run(["ingest"], in: dir.url)
        #expect(unknown.status == 65)
        #expect(
            unknown.stderr.contains(
                "corpus/notes.txt: not a bibliographic export that scoping reads (tried PubMed XML, EndNote XML, RIS, MEDLINE text, CSV/TSV, "
                    + "Web of Science tagged text, Web of Science tab-delimited, Ovid, BibTeX, EndNote tagged (Refer), "
                    + "RefWorks tagged, a list of PMIDs or DOIs, CSL-JSON, "
                    + "MODS XML, Zotero RDF, ClinicalTrials.gov CSV, ClinicalTrials.gov JSON (API v2), WHO ICTRP XML)"
            ))
        let missing = try CLI.run(["ingest", "nope.ris"], in: dir.url)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.ris: no such file"))
    }

    @Test func aCutExportIsRefusedUnlessTheUserAcceptsIt() throws {
        let dir = try CLI.TempDir()
        try dir.write(
            "corpus/cut.ris", "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nER  - \n\nTY  - JOUR\nTI  - Thr")
        let refused = try CLI.run(["ingest"], in: dir.url)
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains(
                "corpus/cut.ris:10: the export looks cut off (an interrupted download or copy?): the last record has no ER line, while the 2 records "
                    + "before it end with one; nothing of it was imported (record 3); download or export the file again, or pass --accept-truncated"
            ),
            "\(refused.stderr)")
        let accepted = try CLI.run(["ingest", "--accept-truncated"], in: dir.url)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("warning: corpus/cut.ris:10: the export looks cut off"))
        #expect(accepted.stderr.contains("record 3 was dropped, as --accept-truncated asks"))
        #expect(accepted.stderr.contains("imported  corpus/cut.ris: RIS, 2 records"))
    }

    @Test func aUTF16ExportIsReadAndAUTF32OneRefused() throws {
        let dir = try CLI.TempDir()
        let corpus = try dir.write("corpus/README.md", "exports").deletingLastPathComponent()
        // UTF-16 LE with a BOM, as Windows tools write it.
        let utf16: [UInt8] = [0xFF, 0xFE] + IngestCLITests.ris.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(utf16).write(to: corpus.appending(path: "x.ris"))
        let ingested = try CLI.run(
            ["ingest", "corpus/x.ris", "--database", "X", "--searched", "2026-01-01"], in: dir.url)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stderr.contains("imported  corpus/x.ris: RIS, 2 records, X"), "\(ingested.stderr)")
        let listed = try CLI.run(["records"], in: dir.url)
        #expect(listed.stdout.contains("Group consultations for type 2"), "\(listed.stdout)")
        let utf32: [UInt8] =
            [0xFF, 0xFE, 0, 0]
            + IngestCLITests.ris.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
        try Data(utf32).write(to: corpus.appending(path: "w.ris"))
        let refused = try CLI.run(
            ["ingest", "corpus/w.ris", "--database", "W", "--searched", "2026-01-01"], in: dir.url)
        #expect(refused.status == 65)
        #expect(
            refused.stderr.hasPrefix(
                "error: corpus/w.ris: the file is UTF-32 LE text (it starts with a UTF-32 byte order mark), which scoping does not read; "
                    + "save it again as UTF-8 (or UTF-16)"),
            "\(refused.stderr)")
    }

    @Test func aForcedFormatThatReadsGarbageNamesWhatTheFileLooksLike() throws {
        let dir = try CLI.TempDir()
        try dir.write(
            "corpus/wos.txt",
            "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A title\nPY 2020\nER\n\nEF\n")
        let forced = try CLI.run(["ingest", "--format", "csv"], in: dir.url)
        #expect(forced.status == 65)
        #expect(
            forced.stderr.contains("it looks like a Web of Science plain-text export; drop --format"),
            "\(forced.stderr)")
        let detected = try CLI.run(["ingest"], in: dir.url)
        #expect(detected.status == 0, "\(detected.stderr)")
        #expect(detected.stderr.contains("Web of Science tagged text, 1 record"))
    }

    @Test func anExportWithoutRecordsIsRefusedAndNeverADatabase() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        try dir.write("corpus/empty.ris", "")
        let result = try CLI.run(["ingest"], in: dir.url)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "error: corpus/empty.ris: no records in this file (an empty or failed export?); nothing of it was imported. "
                    + "Export the search again, or move the file out of corpus/"))
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(
            run.stderr.contains("Fix the file (or move it out of corpus/), then run `scoping run` again."),
            "\(run.stderr)")
        #expect(!run.stderr.contains("--keep-going"))
        let records = try CLI.run(["records", "--json"], in: dir.url)
        #expect(!records.stdout.contains("empty.ris"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appending(path: "output/prisma.csv").path))
    }

    @Test func provenanceFlagsAreChecked() throws {
        let dir = try CLI.TempDir()
        try dir.write("corpus/a.ris", "TY  - JOUR\nTI  - A title\nER  -\n")
        for (flags, message) in [
            (["--searched", "2026-02-30"], "--searched must be a real date as YYYY-MM-DD, got '2026-02-30'"),
            (["--searched", "2026-13-01"], "--searched must be a real date as YYYY-MM-DD, got '2026-13-01'"),
            (["--database", ""], "--database must name the database searched"),
            (["--database", "  "], "--database must name the database searched"),
        ] {
            let result = try CLI.run(["ingest"] + flags, in: dir.url)
            #expect(result.status == 64, "\(flags): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        #expect(try CLI.run(["ingest", "--searched", "2024-02-29"], in: dir.url).status == 0)
    }

    @Test func correctedProvenanceOfAnUnchangedFileIsKeptAndForceDoesNotSayChanged() throws {
        let dir = try CLI.TempDir()
        try dir.write("corpus/a.ris", "TY  - JOUR\nTI  - A title\nER  -\n")
        #expect(try CLI.run(["ingest", "corpus/a.ris", "--database", "Embase"], in: dir.url).status == 0)
        let again = try CLI.run(
            ["ingest", "corpus/a.ris", "--database", "Embase via Ovid", "--searched", "2026-01-31", "--json"],
            in: dir.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stderr.contains(
                "relabelled corpus/a.ris (1 record): the file is unchanged; database Embase via Ovid"),
            "\(again.stderr)")
        #expect(again.stdout.contains(#""action":"relabelled""#))
        let forced = try CLI.run(["ingest", "corpus/a.ris", "--force"], in: dir.url)
        #expect(
            forced.stderr.contains("read again corpus/a.ris: RIS, 1 record, Embase via Ovid (unchanged file)"),
            "\(forced.stderr)")
        #expect(!forced.stderr.contains("the file changed"))
    }

    @Test func demoReviewChecksAndAppliesCriteria() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        let checked = try CLI.run(["check"], in: dir.url)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("protocol/protocol.yaml: all is well"))
        #expect(try CLI.run(["ingest"], in: dir.url).status == 0)
        let criteria = try CLI.run(["criteria", "--json"], in: dir.url)
        #expect(criteria.status == 0, "\(criteria.stderr)")
        #expect(criteria.stdout.contains(#""criterion":"E1""#))
        #expect(criteria.stdout.contains(#""criterion":"E2""#))
        #expect(criteria.stdout.contains(#""criterion":"E3""#))

        // Break the protocol: check names the line and column, and exits 65.
        let yaml = try String(contentsOf: dir.url.appending(path: "protocol/protocol.yaml"), encoding: .utf8)
        try dir.write("protocol/protocol.yaml", yaml.replacingOccurrences(of: "\ncriteria:", with: "\ncritera:"))
        let broken = try CLI.run(["check"], in: dir.url)
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("unknown key 'critera'"))
        #expect(broken.stderr.contains("did you mean 'criteria'"))
    }

    @Test func notAReviewFolderSaysWhatToDo() throws {
        let dir = try CLI.TempDir()
        let result = try CLI.run(["records"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("not inside a review folder"))
        #expect(result.stderr.contains("scoping init"))
    }
}
