import Bibliography
import Formats
import Foundation
import Protocol
import Screening
import Synthesis
import Testing
import Workspace

/// The demo review's search update (`corpus/pubmed-update-demo.xml`, 2026-11-30: half of it
/// records of studies found before, by the same PMID or in another database, half new) and its
/// citation searching (`corpus/citation-searching-demo.ris`): decisions kept, queues, the
/// PRISMA 2020 flow in both columns and across versions.
@Suite struct SearchUpdateTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let first = ["corpus/cinahl-demo.xml", "corpus/embase-demo.ris", "corpus/pubmed-demo.xml"]
    static let update = "corpus/pubmed-update-demo.xml"
    static let citations = "corpus/citation-searching-demo.ris"
    static let register = "corpus/clinicaltrials-demo.csv"
    /// The demo logs screen the studies found first in October, the later ones in December.
    static let beforeUpdate = "2026-11-01"

    /// A copy of the demo review with the imports and the log entries a test chooses.
    final class Review {
        let url: URL
        let folder: ReviewFolder
        let index: ReviewIndex

        /// - Parameters:
        ///   - logsBefore: keep only the log lines dated before this (nil: every line).
        ///   - previousVersion: a `previous_version:` date added to the protocol.
        ///   - previousLine: a line added under it (`included: …`, `revision: …`).
        init(logsBefore: String?, previousVersion: String? = nil, previousLine: String? = nil) throws {
            url = FileManager.default.temporaryDirectory.appending(path: "scoping-update-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for dir in ["protocol", "corpus", "screening", "charting", "dedup"] {
                try FileManager.default.copyItem(
                    at: SearchUpdateTests.root.appending(path: dir), to: url.appending(path: dir))
            }
            for dir in ["screening", "charting"] {
                for name in try FileManager.default.contentsOfDirectory(atPath: url.appending(path: dir).path) {
                    let file = url.appending(path: dir + "/" + name)
                    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { line in
                        guard let logsBefore else { return true }
                        let time = line.firstMatch(of: /"(time|at)":"([^"]+)"/)?.output.2 ?? ""
                        return time < logsBefore
                    }
                    try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
                }
            }
            if let previousVersion {
                let path = url.appending(path: "protocol/protocol.yaml")
                let text = try String(contentsOf: path, encoding: .utf8)
                let extra = previousLine.map { "  " + $0 + "\n" } ?? ""
                try Data((text + "\nprevious_version:\n  date: \(previousVersion)\n" + extra).utf8).write(to: path)
            }
            folder = ReviewFolder(root: url)
            index = try folder.openIndex()
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func ingest(_ files: [String]) throws -> ReviewSnapshot {
            let sources = SourceProvenance(folder: folder)
            for file in files {
                _ = try index.importFile(
                    path: url.appending(path: file).path, name: file, provenance: sources.provenance(for: file))
            }
            _ = try folder.deduplicate(index)
            return try snapshot()
        }

        func snapshot() throws -> ReviewSnapshot {
            try folder.snapshot(index: index, loaded: try folder.loadProtocol())
        }
    }

    /// Every reviewer's current decision per study and stage.
    static func decisions(_ s: ReviewSnapshot) -> [String: Decision] {
        var out: [String: Decision] = [:]
        for study in s.studies {
            for stage in ScreeningStage.allCases {
                for (reviewer, entry) in s.screening.decisions(on: study.key, at: stage) {
                    out["\(study.key.rawValue) \(stage.logName) \(reviewer)"] = entry.decision
                }
            }
        }
        return out
    }

    /// The eligible studies a reviewer has not decided at title/abstract.
    static func queue(_ s: ReviewSnapshot, _ reviewer: String) -> Set<RecordKey> {
        Set(s.eligible.map(\.key).filter { s.screening.decisions(on: $0, at: .titleAbstract)[reviewer] == nil })
    }

    /// The flow's invariants, checked on the counts: no error, every box the sum of its parts,
    /// the columns and the versions adding up to the included studies.
    static func checkFlow(_ c: PrismaCounts, _ input: SynthesisInput) {
        #expect(c.isConsistent, "\(c.problems)")
        #expect(c.identified == c.perDatabase.reduce(0) { $0 + $1.n } + c.perRegister.reduce(0) { $0 + $1.n })
        #expect(c.identified - c.duplicates - c.automation - c.otherRemovals == c.screened)
        #expect(c.screened - c.excludedAtScreening - c.undecidedScreening == c.sought)
        #expect(c.sought - c.notRetrieved - c.undecidedFullText == c.assessed)
        var fromColumns = c.assessed - c.excludedAtFullText
        if let o = c.otherMethods {
            #expect(o.identified == o.perSource.reduce(0) { $0 + $1.n })
            #expect(
                o.identified - o.foundElsewhere - o.duplicates - o.automation - o.excludedAtScreening
                    - o.undecidedScreening == o.sought)
            #expect(o.sought - o.notRetrieved - o.undecidedFullText == o.assessed)
            fromColumns += o.assessed - o.excludedAtFullText
        }
        #expect(fromColumns == c.newStudies)
        // The included studies are the previous version's and the new ones; the total adds the
        // studies the previous version's list names that this version does not include.
        #expect((c.previousInReview ?? 0) + c.newStudies == c.studiesIncluded)
        #expect(
            c.totalStudies
                == c.studiesIncluded + (input.previousVersion?.notFoundAgain.count ?? 0)
                - (input.previousVersion?.listed == nil ? 0 : c.notInPreviousList))
        #expect(c.studiesIncluded == input.included.count)
        // Every record read is counted once, in one column or as the previous version's.
        let records = input.imports.reduce(0) { $0 + $1.records }
        #expect(records == c.identified + (c.otherMethods?.identified ?? 0))
    }

    @Test func theUpdateKeepsEveryDecisionAndQueuesOnlyItsNewStudies() throws {
        let review = try Review(logsBefore: Self.beforeUpdate)
        let before = try review.ingest(Self.first)
        let decided = Self.decisions(before)
        #expect(decided.count == 104 * 2 + 63 * 2)
        for reviewer in ["anna", "bram"] { #expect(Self.queue(before, reviewer).isEmpty) }

        let after = try review.ingest([Self.update])
        // Every decision made before the update is still there, on the same study.
        let now = Self.decisions(after)
        for (what, decision) in decided { #expect(now[what] == decision, "\(what)") }
        #expect(now.count == decided.count)
        // Studies people worked on keep their keys (one nobody decided on may be renamed by a
        // more complete record the update brings).
        let worked = Set(decided.keys.map { String($0.split(separator: " ")[0]) })
        #expect(Set(after.studies.map(\.key.rawValue)).isSuperset(of: worked))

        // The update: 24 records, 12 of studies found before (4 with the same PMID, 8 that only
        // Embase or CINAHL had), 12 new studies, 10 past the automatic criteria (one German, one editorial).
        let updates = after.searchUpdates
        try #require(updates.count == 1)
        #expect(updates[0].date == "2026-11-30")
        #expect(updates[0].sources == ["PubMed"])
        #expect(updates[0].records == 24)
        #expect(updates[0].known == 12)
        #expect(updates[0].newStudies.count == 12)
        #expect(after.studies.count == before.studies.count + 12)
        let newEligible = Set(updates[0].newStudies).intersection(after.eligible.map(\.key))
        #expect(newEligible.count == 10)
        // Each reviewer's queue is exactly the update's new eligible studies: nothing screened twice.
        for reviewer in ["anna", "bram"] { #expect(Self.queue(after, reviewer) == newEligible) }
        for study in newEligible { #expect(after.recordFiles[study] == [Self.update]) }
        let progress = after.status.updates
        #expect(progress.map(\.eligible) == [10])
        #expect(progress.first?.left.map(\.left) == [10, 10])

        let loaded = try review.folder.loadProtocol()
        let log = try DecisionLog.read(directory: review.folder.screening.path, reviewer: "anna")
        let setup = try ScreenQueueSetup.prepare(
            folder: review.folder, loaded: loaded, reviewer: "anna", stage: .titleAbstract, log: log, order: .file,
            seed: 1)
        #expect(setup.fromUpdates.map(\.date) == ["2026-11-30"])
        #expect(setup.fromUpdates.map(\.left) == [10])
    }

    @Test func citationSearchingFillsTheSecondColumn() throws {
        let review = try Review(logsBefore: nil)
        _ = try review.ingest(Self.first + [Self.update, Self.citations])
        let snapshot = try review.snapshot()
        let input = snapshot.synthesisInput(tool: nil)
        let c = PrismaCounts.make(from: input)
        Self.checkFlow(c, input)
        let other = try #require(c.otherMethods)
        #expect(other.identified == 5)
        #expect(other.foundElsewhere == 2)
        #expect(other.sought == 3)
        #expect(other.assessed == 3)
        #expect(other.excludedByReason.map(\.id) == ["E7"])
        #expect(c.perDatabase.map(\.n) == [110, 62, 58])
        #expect(c.studiesIncluded == 59)
        #expect(c.previousStudies == nil)
        let csv = PrismaFlow.csv(c)
        #expect(csv.contains("citations_results,NA,box11,"))
        #expect(csv.contains(",other_sought_reports.html,3\n"))
        #expect(csv.contains(",new_studies.html,59\n"))
        let mermaid = PrismaFlow.mermaid(c, language: .en)
        #expect(mermaid.contains("    oassessed --> included\n"))
        #expect(mermaid.contains("Records identified from other methods (n\u{A0}=\u{A0}5)"))
    }

    /// The ClinicalTrials.gov search: five registrations in the registers box; the one of the
    /// DEMO-GC trial, which the PubMed record names in its DataBankList, is the trial's study by a
    /// person's decision (dedup/decisions.tsv), so its screening decisions stay; the others are
    /// studies of their own, the ongoing ones listed with the register's status.
    @Test func theRegisterFillsTheRegistersBox() throws {
        let review = try Review(logsBefore: nil)
        let snapshot = try review.ingest(Self.first + [Self.update, Self.citations, Self.register])
        let input = snapshot.synthesisInput(tool: nil)
        let c = PrismaCounts.make(from: input)
        Self.checkFlow(c, input)
        #expect(c.perRegister.map(\.n) == [5])
        #expect(c.registerRecords == 5)
        #expect(c.perDatabase.map(\.n) == [110, 62, 58])
        #expect(c.identified == 235)
        #expect(c.studiesIncluded == 62)
        let trial = try #require(snapshot.studies.first { $0.key == "pmid:990020130" })
        #expect(trial.record.otherIDs.contains(Identifier("trial", "NCT99000101")))
        #expect(snapshot.studies.filter { $0.record.trial != nil }.count == 4)
        let csv = PrismaFlow.csv(c)
        #expect(csv.contains("register_results,NA,box2,Records identified from: Registers,Registers,NA,NA,5\n"))
        #expect(csv.contains(",database_results.html,\"ClinicalTrials.gov, 5\"\n"))
        let report = Report.markdown(input, language: .en)
        #expect(report.contains("[NCT99000214, recruiting, 2027-12]"))
        #expect(report.contains("[NCT99000377, not yet recruiting, 2029-06]"))
        #expect(report.contains("[NCT99000452, active, not recruiting, 2026-12]"))
        #expect(!report.contains("NCT99000533"))  // excluded: a hospital setting (E4)
    }

    @Test func anUpdatedReviewCountsPreviousNewAndTotal() throws {
        let review = try Review(logsBefore: nil, previousVersion: "2026-10-01")
        _ = try review.ingest(Self.first + [Self.update, Self.citations])
        let input = try review.snapshot().synthesisInput(tool: nil)
        let c = PrismaCounts.make(from: input)
        Self.checkFlow(c, input)
        #expect(c.previousStudies == 51)
        #expect(c.newStudies == 8)
        #expect(c.studiesIncluded == 59)
        // Only the update's records are identified; those of earlier studies were screened before.
        #expect(c.identified == 24)
        #expect(c.otherRemovals == 12)
        #expect(c.duplicates == 0)
        #expect(c.screened == 10)
        let csv = PrismaFlow.csv(c)
        #expect(csv.contains(",previous_studies.html,51\n"))
        #expect(csv.contains(",total_studies.html,59\n"))
        let svg = PrismaFlow.svg(c, language: .en)
        #expect(svg.contains("Studies included in previous version of review (n\u{A0}=\u{A0}51)"))
        #expect(svg.contains("Total studies included in review (n\u{A0}=\u{A0}59)"))
        let report = Report.markdown(input, language: .en)
        #expect(report.contains("This review updates an earlier version whose searches ran up to 2026-10-01."))
        #expect(report.contains("Of the 59 included studies, 51 were included in the previous version and 8 are new."))
    }

    /// The earlier version's own list of included studies (its 51 studies, and one more this
    /// version does not include) as a RIS file.
    static func earlierList(leavingOut: Int = 0) throws -> [Bibliography.Record] {
        let earlier = try Review(logsBefore: nil, previousVersion: "2026-10-01")
        let input = try earlier.ingest(Self.first + [Self.update, Self.citations]).synthesisInput(tool: nil)
        let keys = try #require(input.previousVersion).includedStudies
        #expect(keys.count == 51)
        var list = input.included.filter { keys.contains($0.key) }.dropFirst(leavingOut).map(\.record)
        list.append(
            Bibliography.Record(
                title: "Practice nurses in chronic care: a study the update did not find again",
                authors: [Author(family: "Jansen", given: "Anna")], date: PublicationDate(year: 2016),
                journal: "Demo Journal of General Practice (fictional)", doi: "10.5555/demo.gone.001"))
        return list
    }

    /// The flow and the report of an updated review whose earlier version lists its studies.
    static func checkListedFlow(_ review: Review, previous: Int, new: Int, notFoundAgain: Int) throws {
        _ = try review.ingest(Self.first + [Self.update, Self.citations])
        let input = try review.snapshot().synthesisInput(tool: nil)
        let c = PrismaCounts.make(from: input)
        Self.checkFlow(c, input)
        #expect(c.previousStudies == previous)
        #expect(c.newStudies == new)
        #expect(c.totalStudies == previous + new)
        #expect(c.studiesIncluded == 59)
        let result = try #require(input.previousVersion)
        #expect(result.notFoundAgain.count == notFoundAgain)
        let csv = PrismaFlow.csv(c)
        #expect(csv.contains(",previous_studies.html,\(previous)\n"))
        #expect(csv.contains(",new_studies.html,\(new)\n"))
        #expect(csv.contains(",total_studies.html,\(previous + new)\n"))
        let svg = PrismaFlow.svg(c, language: .en)
        #expect(svg.contains("Total studies included in review (n\u{A0}=\u{A0}\(previous + new))"))
        let report = Report.markdown(input, language: .en)
        #expect(
            report.contains(
                "Of the \(previous + new) included studies, \(previous) were included in the previous version and \(new) are new."
            ))
        // The characteristics table tells them apart: a Version column, previous or new.
        #expect(report.contains("| # | Study | Year | Version |"))
        let rows = report.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains(" | 20") }
        #expect(rows.filter { $0.contains(" | previous | ") }.count == previous - notFoundAgain)
        #expect(rows.filter { $0.contains(" | new | ") }.count == new)
        if notFoundAgain > 0 {
            #expect(
                report.contains(
                    "One study of the previous version's list is not among the studies this version includes; it counts in the total:\n\n- Jansen A. Practice nurses in chronic care"
                ))
        }
    }

    @Test func theEarlierVersionsIncludedStudiesAsAFile() throws {
        let list = try Self.earlierList()
        let review = try Review(
            logsBefore: nil, previousVersion: "2026-10-01", previousLine: "included: protocol/previous-included.ris")
        try Data(RISWriter.write(list).utf8).write(to: review.url.appending(path: "protocol/previous-included.ris"))
        try Self.checkListedFlow(review, previous: 52, new: 8, notFoundAgain: 1)
    }

    @Test func anEarlierStudyTheListDoesNotNameIsReported() throws {
        let kept = try Self.earlierList(leavingOut: 1)
        let review = try Review(
            logsBefore: nil, previousVersion: "2026-10-01", previousLine: "included: protocol/previous-included.ris")
        try Data(RISWriter.write(kept).utf8).write(to: review.url.appending(path: "protocol/previous-included.ris"))
        _ = try review.ingest(Self.first + [Self.update, Self.citations])
        let c = PrismaCounts.make(from: try review.snapshot().synthesisInput(tool: nil))
        #expect(c.notInPreviousList == 1)
        #expect(c.isConsistent)
        #expect(c.problems.contains(.notInPreviousList(1)))
        #expect(c.previousStudies == 51 && c.newStudies == 8 && c.totalStudies == 59)
    }

    static let git = ["/usr/bin/git", "/usr/local/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func git(_ args: [String], in dir: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.git))
        process.arguments = ["-C", dir.path, "-c", "user.name=Anna", "-c", "user.email=anna@example.org"] + args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(args)")
    }

    @Test(.enabled(if: git != nil, "git is not installed"))
    func theEarlierVersionsIncludedStudiesFromAGitRevision() throws {
        let list = try Self.earlierList()
        let review = try Review(logsBefore: nil, previousVersion: "2026-10-01", previousLine: "revision: v1.0")
        // The earlier version's output/included.ris, committed and tagged; the work tree's copy
        // is another one since (the list comes from the revision).
        let output = review.url.appending(path: "output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data(RISWriter.write(list).utf8).write(to: output.appending(path: "included.ris"))
        try Self.git(["init", "-q"], in: review.url)
        try Self.git(["add", "output/included.ris"], in: review.url)
        try Self.git(["commit", "-q", "-m", "Version 1"], in: review.url)
        try Self.git(["tag", "v1.0"], in: review.url)
        try Data(RISWriter.write(Array(list.prefix(3))).utf8).write(to: output.appending(path: "included.ris"))
        try Self.checkListedFlow(review, previous: 52, new: 8, notFoundAgain: 1)

        // A revision git does not know: said so, with what to do.
        let wrong = try Review(logsBefore: nil, previousVersion: "2026-10-01", previousLine: "revision: v9.9")
        try Self.git(["init", "-q"], in: wrong.url)
        _ = try wrong.index.importFile(path: wrong.url.appending(path: Self.update).path, name: Self.update)
        do {
            _ = try wrong.snapshot()
            Issue.record("a revision git does not know was read")
        } catch let error as WorkspaceError {
            guard case .previousVersion(let what, let reason) = error else { throw error }
            #expect(what == "v9.9:output/included.ris")
            #expect(reason.hasPrefix("git show failed: "))
            #expect(error.description.contains("fix previous_version in protocol/protocol.yaml"))
        }
    }

    /// Every combination of the later imports, the previous version and the logs' extent: the
    /// flow adds up, and a decision made before the update stays on its study.
    @Test(arguments: [false, true], [nil, "2026-10-01", "2026-11-30"])
    func theFlowAddsUpInEveryCombination(allLogs: Bool, previousVersion: String?) throws {
        for later in [[], [Self.update], [Self.citations], [Self.update, Self.citations]] {
            let review = try Review(logsBefore: allLogs ? nil : Self.beforeUpdate, previousVersion: previousVersion)
            let before = try review.ingest(Self.first)
            let after = later.isEmpty ? before : try review.ingest(later)
            let now = Self.decisions(after)
            for (what, decision) in Self.decisions(before) { #expect(now[what] == decision, "\(what)") }
            let input = after.synthesisInput(tool: nil)
            Self.checkFlow(PrismaCounts.make(from: input), input)
        }
    }
}
