import Bibliography
import Dedup
import Foundation
import Screening
import Testing
@testable import Workspace

/// Dedup wired into the review folder: clusters in the index, studies per cluster, the
/// decision log, stable canonical keys.
@Suite struct DedupIndexTests {
    typealias TempDir = ReviewIndexTests.TempDir

    static func ris(_ records: [[(String, String)]]) -> String {
        records.map { fields in
            (["TY  - JOUR"] + fields.map { "\($0.0)  - \($0.1)" } + ["ER  - "]).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// PubMed-like: a trial with a DOI, a cohort without identifiers, a study found only here.
    static let pubmed = ris([
        [
            ("TI", "Group consultations for type 2 diabetes in general practice: a cluster randomised trial"),
            ("AU", "Jansen, Pieter"), ("AU", "de Vries, Anna"), ("PY", "2019"),
            ("JO", "Fictional Journal of General Practice"),
            ("VL", "12"), ("IS", "3"), ("SP", "73"), ("EP", "80"), ("DO", "10.5555/demo.t1"),
            ("AB", "Practices offered group consultations to people with type 2 diabetes."),
        ],
        [
            ("TI", "Telemonitoring of COPD at home: a cohort study"), ("AU", "Bakker, Jan"), ("AU", "Mulder, Sanne"),
            ("PY", "2020"), ("JO", "Fictional Respiratory Care"), ("VL", "5"), ("SP", "10"), ("EP", "18"),
        ],
        [
            ("TI", "Practice nurses in chronic care: a qualitative study"), ("AU", "Smit, Eva"), ("PY", "2021"),
            ("JO", "Fictional Nursing"), ("VL", "7"), ("SP", "100"), ("EP", "109"),
        ],
    ])

    /// Embase-like: the trial and the cohort again (other spellings, no DOI), one study of its own.
    static let embase = ris([
        [
            ("TI", "Group consultations for type 2 diabetes in general practice: a cluster randomised trial."),
            ("AU", "Jansen P"), ("AU", "de Vries A"), ("PY", "2019"), ("JO", "Fictional Journal of General Practice"),
            ("VL", "12"), ("IS", "3"), ("SP", "73-80"),
        ],
        [
            ("TI", "TELEMONITORING OF COPD AT HOME: A COHORT STUDY"), ("AU", "Bakker J"), ("AU", "Mulder S"),
            ("PY", "2020"), ("JO", "Fictional Respiratory Care"), ("VL", "5"), ("SP", "10-8"),
        ],
        [
            ("TI", "Social prescribing for people with multimorbidity: a mixed methods evaluation"),
            ("AU", "Visser, Kees"),
            ("PY", "2022"), ("JO", "Fictional Primary Care"), ("VL", "3"), ("SP", "1"), ("EP", "9"),
        ],
    ])

    /// A later search: the cohort once more, now with a PMID (more complete than the others).
    static let cinahl = ris([
        [
            ("TI", "Telemonitoring of COPD at home: a cohort study"), ("AU", "Bakker, Jan"), ("AU", "Mulder, Sanne"),
            ("PY", "2020"), ("JO", "Fictional Respiratory Care"), ("VL", "5"), ("SP", "10"), ("EP", "18"),
            ("PM", "990000123"),
            ("AB", "Patients with COPD measured their symptoms at home for a year."),
        ]
    ])

    /// A review folder with the two first exports imported.
    static func review() throws -> (TempDir, ReviewFolder, ReviewIndex) {
        let dir = try TempDir()
        let folder = ReviewFolder(root: dir.url)
        let index = try ReviewIndex()
        let a = try dir.write("corpus/a-pubmed.ris", pubmed)
        let b = try dir.write("corpus/b-embase.ris", embase)
        _ = try index.importFile(path: a.path, name: "corpus/a-pubmed.ris", provenance: Provenance(database: "PubMed"))
        _ = try index.importFile(path: b.path, name: "corpus/b-embase.ris", provenance: Provenance(database: "Embase"))
        return (dir, folder, index)
    }

    static func key(_ index: ReviewIndex, titleStart: String, database: String) throws -> RecordKey {
        try #require(try index.records().first { $0.record.title.hasPrefix(titleStart) && $0.database == database }).key
    }

    @Test func overlappingImportsGiveOneStudyPerClusterWithBothDatabases() throws {
        let (dir, folder, index) = try Self.review()
        // Before dedup: one per record key (the two cohort copies share a title/year/author hash key).
        #expect(try index.studies().count == 5)
        #expect(try !index.dedupIsCurrent())

        let summary = try folder.deduplicate(index)
        #expect(summary.records == 6)
        #expect(summary.keys == 5)
        #expect(summary.studies == 4)
        #expect(summary.duplicatesRemoved == 2)
        #expect(summary.duplicateClusters == 2)
        #expect(summary.databases.map(\.database) == ["Embase", "PubMed"])
        #expect(summary.databases.map(\.records) == [3, 3])
        #expect(summary.databases.map(\.duplicatesRemoved).reduce(0, +) == 2)
        #expect(summary.databases.map(\.onlyHere) == [1, 1])
        #expect(summary.logProblems.isEmpty)

        let studies = try index.studies()
        #expect(studies.count == 4)
        let trial = try #require(studies.first { $0.record.title.hasPrefix("Group consultations") })
        #expect(trial.key.rawValue == "doi:10.5555/demo.t1")
        #expect(trial.databases == ["Embase", "PubMed"])
        #expect(trial.record.pages == "73-80")
        let cohort = try #require(studies.first { $0.record.title.lowercased().hasPrefix("telemonitoring") })
        #expect(cohort.databases == ["Embase", "PubMed"])
        #expect(studies.filter { $0.databases.count == 1 }.map(\.databases) == [["PubMed"], ["Embase"]])

        // Why: the Embase copy of the trial sits in the DOI record's cluster.
        let embaseTrial = try Self.key(index, titleStart: "Group consultations", database: "Embase")
        let why = try #require(try index.dedupExplanation(for: embaseTrial))
        #expect(why.clusterKey == trial.key)
        #expect(why.members.map(\.key) == [trial.key, embaseTrial])
        let pair = try #require(why.pairs.first)
        #expect(pair.verdict == "duplicate")
        #expect(pair.reasons.contains("title same"))
        #expect(pair.reasons.contains("authors agree"))

        // A new ingest makes the clusters stale: back to one study per record key.
        let c = try dir.write("corpus/c-cinahl.ris", Self.cinahl)
        _ = try index.importFile(path: c.path, name: "corpus/c-cinahl.ris", provenance: Provenance(database: "CINAHL"))
        #expect(try !index.dedupIsCurrent())
        #expect(try index.studies().count == 6)
        #expect(try index.dedupSummary() == nil)
    }

    @Test func aPersonsDifferentSplitsAPairAndSurvivesReruns() throws {
        let (dir, folder, index) = try Self.review()
        _ = try folder.deduplicate(index)
        let a = try Self.key(index, titleStart: "Group consultations", database: "PubMed")
        let b = try Self.key(index, titleStart: "Group consultations", database: "Embase")
        #expect(try index.dedupClusterKeys()[b] == a)

        try folder.dedupDecisionLog.append(
            DedupLogEntry(
                time: "2026-09-16T10:00:00Z", reviewer: "anna", keyA: b.rawValue, keyB: a.rawValue, verdict: .different)
        )
        var summary = try folder.deduplicate(index)
        #expect(summary.studies == 5)
        #expect(summary.humanDecisions == 1)
        #expect(try index.dedupClusterKeys()[b] == b)
        let why = try #require(try index.dedupExplanation(for: b))
        #expect(why.pairs.first?.decidedBy == .person)
        #expect(why.pairs.first?.verdict == "different")
        #expect(why.pairs.first?.reasons.contains("the algorithm alone: duplicate") == true)

        // Again, and after a new import: the decision still wins.
        summary = try folder.deduplicate(index)
        #expect(summary.studies == 5)
        let c = try dir.write("corpus/c-cinahl.ris", Self.cinahl)
        _ = try index.importFile(path: c.path, name: "corpus/c-cinahl.ris", provenance: Provenance(database: "CINAHL"))
        summary = try folder.deduplicate(index)
        #expect(summary.studies == 5)
        #expect(summary.records == 7)
        #expect(try index.dedupClusterKeys()[b] == b)
        #expect(try index.dedupReviewQueue().isEmpty)

        // A person's `same` then merges them again (the last line for a pair wins).
        try folder.dedupDecisionLog.append(
            DedupLogEntry(
                time: "2026-09-16T10:05:00Z", reviewer: "anna", keyA: a.rawValue, keyB: b.rawValue, verdict: .same))
        #expect(try folder.deduplicate(index).studies == 4)
    }

    @Test func aStudyPeopleWorkedOnKeepsItsKeyAfterANewImport() throws {
        let (dir, folder, index) = try Self.review()
        _ = try folder.deduplicate(index)
        let cohortKeyBefore = try #require(
            try index.studies().first { $0.record.title.lowercased().hasPrefix("telemonitoring") }
        ).key
        #expect(cohortKeyBefore.rawValue.hasPrefix("hash:"))

        // The new copy has a PMID (the most complete member). Nobody has worked on the study:
        // it is named as an index built from scratch names it, by its most complete member.
        let c = try dir.write("corpus/c-cinahl.ris", Self.cinahl)
        _ = try index.importFile(path: c.path, name: "corpus/c-cinahl.ris", provenance: Provenance(database: "CINAHL"))
        var summary = try folder.deduplicate(index)
        #expect(summary.studies == 4)
        var cohort = try #require(
            try index.studies().first { $0.record.title.lowercased().hasPrefix("telemonitoring") })
        #expect(cohort.key.rawValue == "pmid:990000123")
        #expect(cohort.databases == ["CINAHL", "Embase", "PubMed"])
        #expect(cohort.record.pmid == "990000123")  // the best fields of every member
        #expect(cohort.record.abstract.text.hasPrefix("Patients with COPD"))
        let fresh = try ReviewIndex()
        for name in ["corpus/a-pubmed.ris", "corpus/b-embase.ris", "corpus/c-cinahl.ris"] {
            _ = try fresh.importFile(path: dir.url.appending(path: name).path, name: name)
        }
        _ = try folder.deduplicate(fresh)
        #expect(try fresh.studies().contains { $0.key.rawValue == "pmid:990000123" })

        // A decision on the study's first key: the study keeps that key, in both indexes.
        _ = try dir.write(
            "screening/anna.jsonl",
            DecisionEntry(
                time: "2026-09-20T10:00:00Z", reviewer: "anna", stage: .titleAbstract, key: cohortKeyBefore,
                decision: .include, protocolHash: ""
            ).jsonLine + "\n")
        summary = try folder.deduplicate(index)
        #expect(summary.studies == 4)
        cohort = try #require(
            try index.studies().first { $0.record.title.lowercased().hasPrefix("telemonitoring") })
        #expect(cohort.key == cohortKeyBefore)
        #expect(try index.dedupClusterKeys()[RecordKey(rawValue: "pmid:990000123")] == cohortKeyBefore)
        _ = try folder.deduplicate(fresh)
        #expect(try fresh.studies().map(\.key) == index.studies().map(\.key))
    }

    /// An editor's column in two issues, without DOI or PMID: one `hash:` key (title, year, first
    /// author) for two publications. Dedup gives each a key of its own, the same whether the
    /// second issue came in a later import or with the first, keeps the copies of one issue
    /// together, says so once, and tells a team whose log names the shared key to screen again.
    @Test func aKeySharedByDifferentPublicationsIsSplit() throws {
        func column(_ issue: String, _ pages: String, _ author: String = "Rai, Arun") -> [(String, String)] {
            [
                ("TI", "Editor's comments"), ("AU", author), ("PY", "2017"), ("JO", "MIS Quarterly"), ("VL", "41"),
                ("IS", issue), ("SP", pages),
            ]
        }
        let first = Self.ris([column("1", "iii-xii")])
        let second = Self.ris([column("2", "iii-x"), column("1", "iii-xii", "Rai, A.")])  // issue 1 again: a copy

        let dir = try TempDir()
        let folder = ReviewFolder(root: dir.url)
        let index = try ReviewIndex()
        let a = try dir.write("corpus/a.ris", first)
        _ = try index.importFile(path: a.path, name: "corpus/a.ris", provenance: Provenance(database: "A"))
        var summary = try folder.deduplicate(index)
        let shared = try #require(try index.records().first?.key)
        #expect(shared.rawValue.hasPrefix("hash:"))
        #expect(summary.splitKeys.isEmpty && summary.sharedKeyConflicts.isEmpty)
        // A reviewer decided the record while the index held one.
        _ = try dir.write(
            "screening/anna.jsonl",
            DecisionEntry(
                time: "2026-09-20T10:00:00Z", reviewer: "anna", stage: .titleAbstract, key: shared,
                decision: .include, protocolHash: ""
            ).jsonLine + "\n")

        let b = try dir.write("corpus/b.ris", second)
        _ = try index.importFile(path: b.path, name: "corpus/b.ris", provenance: Provenance(database: "B"))
        summary = try folder.deduplicate(index)
        let keys = try index.records().map(\.key)
        #expect(keys.count == 3)
        #expect(Set(keys).count == 2, "issue 1's two copies share a key, issue 2 has its own: \(keys)")
        #expect(!keys.contains(shared))
        #expect(keys[0] == keys[2], "a.ris's issue 1 and b.ris's copy of it")
        #expect(summary.studies == 2)
        #expect(summary.splitKeys.map(\.shared) == [shared])
        #expect(summary.splitKeys.first?.reason == "different issues of one volume (1 / 2)")
        let message = try #require(summary.sharedKeyConflicts.first)
        #expect(message.contains("\(shared) was the key of records that are different publications"))
        #expect(
            message.contains(
                "the decisions logged on \(shared) apply to none of them (kept in the logs): screen them again"))

        // From scratch, both files at once: the same keys.
        let fresh = try ReviewIndex()
        for name in ["corpus/a.ris", "corpus/b.ris"] {
            _ = try fresh.importFile(path: dir.url.appending(path: name).path, name: name)
        }
        _ = try folder.deduplicate(fresh)
        #expect(try fresh.records().map(\.key) == keys)
        #expect(try fresh.studies().map(\.key) == index.studies().map(\.key))

        // Once the records are screened again under their own keys, nothing more is said.
        let log = try FileHandle(forWritingTo: dir.url.appending(path: "screening/anna.jsonl"))
        try log.seekToEnd()
        for key in Set(keys) {
            let line = DecisionEntry(
                time: "2026-09-21T10:00:00Z", reviewer: "anna", stage: .titleAbstract, key: key,
                decision: .exclude, protocolHash: "")
            try log.write(contentsOf: Data((line.jsonLine + "\n").utf8))
        }
        try log.close()
        summary = try folder.deduplicate(index)
        #expect(summary.sharedKeyConflicts.isEmpty, "\(summary.sharedKeyConflicts)")
        #expect(try index.records().map(\.key) == keys)
    }

    @Test func distinguishingKeysFollowJournalVolumeIssueAndFirstPage() {
        var record = Record()
        record.title = "Editor's comments"
        record.date = PublicationDate(year: 2017)
        record.journal = "MIS Quarterly"
        record.volume = "41"
        record.issue = "1"
        record.pages = "iii-xii"
        var copy = record
        copy.pages = "iii–xii"
        #expect(RecordKey.distinguishing(copy) == RecordKey.distinguishing(record))
        #expect(RecordKey.distinguishing(record) != record.key)
        copy.issue = "2"
        #expect(RecordKey.distinguishing(copy) != RecordKey.distinguishing(record))
        // The first page decides, however the range is written.
        copy = record
        copy.pages = "iii"
        #expect(RecordKey.distinguishing(copy) == RecordKey.distinguishing(record))
        copy.pages = "iv-xii"
        #expect(RecordKey.distinguishing(copy) != RecordKey.distinguishing(record))
    }

    @Test func tornLastLineIsReportedAndIgnoredEarlierLinesKept() throws {
        let (dir, folder, index) = try Self.review()
        let a = try Self.key(index, titleStart: "Group consultations", database: "PubMed")
        let b = try Self.key(index, titleStart: "Group consultations", database: "Embase")
        _ = try dir.write(
            DedupDecisionLog.relativePath,
            DedupDecisionLog.header + "\n"
                + "2026-09-16T10:00:00Z\tanna\t\(a)\t\(b)\tdifferent\n"
                + "2026-09-16T10:01:00Z\tbram\tpmid:1\tpmid:2\tsa")
        var contents = try folder.dedupDecisionLog.read()
        #expect(contents.entries.count == 1)
        #expect(contents.problems.map(\.line) == [3])
        #expect(contents.problems[0].message.contains("no end of line"))

        let summary = try folder.deduplicate(index)
        #expect(summary.studies == 5)  // the complete line applies
        #expect(summary.logProblems.map(\.line) == [3])

        // A new append moves the torn fragment to decisions.tsv.torn and starts on a line of its own.
        try folder.dedupDecisionLog.append(
            DedupLogEntry(
                time: "2026-09-16T10:02:00Z", reviewer: "anna", keyA: "pmid:7", keyB: "pmid:8", verdict: .same))
        contents = try folder.dedupDecisionLog.read()
        #expect(contents.entries.map(\.line) == [2, 3])
        #expect(contents.problems.isEmpty)
        let text = try String(contentsOf: folder.dedupDecisionLog.url, encoding: .utf8)
        #expect(text.hasSuffix("\tdifferent\n2026-09-16T10:02:00Z\tanna\tpmid:7\tpmid:8\tsame\n"))
        let torn = try String(contentsOf: folder.dedupDecisionLog.url.appendingPathExtension("torn"), encoding: .utf8)
        #expect(torn == "2026-09-16T10:01:00Z\tbram\tpmid:1\tpmid:2\tsa\n")

        // A decision on keys not in the index is reported, not dropped.
        let again = try folder.deduplicate(index)
        #expect(again.logProblems.map(\.line) == [3])
        #expect(again.logProblems[0].message.contains("applies to nothing"))
        #expect(again.ignoredDecisions == [HumanPairDecision("pmid:7", "pmid:8", .same)])
    }

    @Test func newLogGetsAHeader() throws {
        let dir = try TempDir()
        let log = DedupDecisionLog(folder: ReviewFolder(root: dir.url))
        try log.append(
            DedupLogEntry(
                time: DedupDecisionLog.timestamp(Date(timeIntervalSince1970: 0)), reviewer: "anna", keyA: "pmid:1",
                keyB: "pmid:2", verdict: .different))
        let text = try String(contentsOf: log.url, encoding: .utf8)
        #expect(text == "time\treviewer\tkeyA\tkeyB\tdecision\n1970-01-01T00:00:00Z\tanna\tpmid:1\tpmid:2\tdifferent\n")
        #expect(throws: DedupLogError.self) {
            try log.append(DedupLogEntry(time: "t", reviewer: "a\tb", keyA: "pmid:1", keyB: "pmid:2", verdict: .same))
        }
    }

    @Test func aMalformedLineInTheDecisionLogIsAnErrorAsInAScreeningLog() throws {
        let (dir, folder, index) = try Self.review()
        _ = try dir.write(
            DedupDecisionLog.relativePath,
            DedupDecisionLog.header + "\n"
                + "2026-09-16T10:00:00Z\tanna\tpmid:1\tpmid:2\tperhaps\n"
                + "2026-09-16T10:01:00Z\tbram\tpmid:1\tpmid:3\tsame\n")
        #expect(
            throws: WorkspaceError.malformedLogLine(
                "dedup/decisions.tsv", 2, "decision 'perhaps' is neither 'same' nor 'different'")
        ) {
            _ = try folder.deduplicate(index)
        }
    }
}
