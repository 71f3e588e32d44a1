import Bibliography
import Foundation
import Protocol
import Screening
import Synthesis
import Testing
import Workspace

/// The report's automation notes as `ReviewSnapshot` builds them from the decision logs: the
/// screening order per stage and reviewer, and the stopping test's settings.
///
/// A copy of the demo review (protocol and corpus) with only the PubMed export in its index; the
/// logs are written here.
@Suite struct SynthesisAssemblyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    final class Review {
        let url: URL
        let folder: ReviewFolder
        let index: ReviewIndex
        let loaded: LoadedProtocol
        /// The studies that passed the automatic criteria, in study order.
        let eligible: [RecordKey]
        private var clock = 0

        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "scoping-synthesis-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for dir in ["protocol", "corpus"] {
                try FileManager.default.copyItem(
                    at: SynthesisAssemblyTests.root.appending(path: dir), to: url.appending(path: dir))
            }
            folder = ReviewFolder(root: url)
            index = try ReviewIndex()
            _ = try index.importFile(
                path: url.appending(path: "corpus/pubmed-demo.xml").path, name: "corpus/pubmed-demo.xml")
            loaded = try folder.loadProtocol()
            eligible = try folder.snapshot(index: index, loaded: loaded).eligible.map(\.key)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        /// Appends decisions to a reviewer's log, one second apart.
        func log(
            _ reviewer: String, _ decisions: [(RecordKey, Decision, QueueOrder?)], stage: DecisionStage = .titleAbstract
        ) throws {
            let dir = folder.screening
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let file = dir.appending(path: reviewer + ".jsonl")
            var text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            for (key, decision, order) in decisions {
                clock += 1
                let time = String(format: "2026-05-01T10:%02d:%02dZ", clock / 60, clock % 60)
                let entry = DecisionEntry(
                    time: time, reviewer: reviewer, stage: stage, key: key, decision: decision,
                    reason: decision == .exclude ? (stage == .fullText ? "E7" : "E4") : nil, order: order,
                    protocolHash: loaded.sha256)
                text += entry.jsonLine + "\n"
            }
            try Data(text.utf8).write(to: file)
        }

        func automation() throws -> AutomationNotes {
            try folder.snapshot(index: index, loaded: loaded).synthesisInput(tool: nil).automation
        }
    }

    static let rankingModelEN =
        " Ranked order: BM25 on the protocol's include terms until the first inclusion and the first exclusion, "
    static let rankingModelNL =
        " Gerangschikte volgorde: BM25 op de inclusietermen van het protocol tot de eerste inclusie en de eerste exclusie, "

    @Test func orderPerReviewerWithMixedAndMissingOrders() throws {
        let review = try Review()
        let k = review.eligible
        try #require(k.count >= 6)
        // anna: two pilot records (file order), three in ranked order, one of them retracted and
        // decided again; bram: a log written before the order was recorded.
        try review.log(
            "anna",
            [(k[0], .include, .file), (k[1], .exclude, .file), (k[2], .include, .ranked), (k[3], .exclude, .ranked)])
        try review.log("anna", [(k[3], .retract, nil), (k[3], .include, .ranked), (k[4], .exclude, .ranked)])
        try review.log("bram", [(k[0], .include, nil), (k[1], .exclude, nil), (k[2], .include, nil)])
        // Full text: k[0] and k[2] went on (both included them); anna screened one in random order.
        try review.log("anna", [(k[0], .include, .random)], stage: .fullText)

        let ranking = try #require(try review.automation().ranking)
        #expect(
            ranking.en.hasPrefix(
                "Screening order per reviewer, from the decision logs. Titles and abstracts: anna 3 records in ranked order and 2 in file order; "
                    + "bram 3 without a recorded order (older or imported log entries). Full texts: anna 1 record in random order."
                    + Self.rankingModelEN), "\(ranking.en)")
        #expect(ranking.en.hasSuffix("Ranking changes only the order in which records are shown, never a decision."))
        #expect(
            ranking.nl.hasPrefix(
                "Beoordelingsvolgorde per reviewer, volgens de beslissingslogs. Titels en abstracts: anna 3 records in gerangschikte volgorde en 2 in bestandsvolgorde; "
                    + "bram 3 zonder vastgelegde volgorde (oudere of geïmporteerde logregels). Volledige teksten: anna 1 record in willekeurige volgorde."
                    + Self.rankingModelNL), "\(ranking.nl)")
    }

    @Test func noRankingModelWithoutRankedOrderAndTheStoppingTestNamed() throws {
        let review = try Review()
        let k = review.eligible
        try #require(k.count >= 4)
        try review.log("anna", [(k[0], .include, .random), (k[1], .exclude, .random), (k[2], .exclude, .file)])
        try review.log("bram", [(k[0], .include, nil)])
        let notes = try review.automation()
        let ranking = try #require(notes.ranking)
        #expect(
            ranking.en
                == "Screening order per reviewer, from the decision logs. Titles and abstracts: anna 2 records in random order and 1 in file order; "
                + "bram 1 without a recorded order (older or imported log entries).")
        #expect(!ranking.nl.contains("BM25"))
        #expect(
            ranking.nl
                == "Beoordelingsvolgorde per reviewer, volgens de beslissingslogs. Titels en abstracts: anna 2 records in willekeurige volgorde en 1 in bestandsvolgorde; "
                + "bram 1 zonder vastgelegde volgorde (oudere of geïmporteerde logregels).")

        // Records still wait: the stopping method is named with its settings, the protocol's default.
        let stopping = try #require(notes.stoppingEvidence)
        #expect(StoppingMethod.default.targetRecall == 0.95 && StoppingMethod.default.confidence == 0.95)
        // k[0] has both reviewers' decisions; every other record still waits for one.
        #expect(
            stopping.en.hasPrefix(
                "\(k.count - 1) of \(k.count) records still await a reviewer. Stopping rule: the hypergeometric test of "
                    + "Callaghan & Müller-Hansen (2020) (95% recall target, 95% confidence). For anna (3 screened, 1 relevant, "
                    + "0 random checks): the 95% recall target is not yet shown"
            ), "\(stopping.en)")
        #expect(
            stopping.nl.contains(
                "Stopregel: de hypergeometrische toets van Callaghan & Müller-Hansen (2020) (recalldoel 95%, 95% betrouwbaarheid). "
                    + "Voor anna (3 beoordeeld, 1 relevant, 0 steekproefcontroles): het recalldoel van 95% is nog niet aangetoond"
            ), "\(stopping.nl)")
    }

    /// The report's stopping test leaves the pilot records (the demo protocol's first 50, screened
    /// first in file order) out of its windows, as the screen's status line does.
    @Test func stoppingTestLeavesThePilotOutAsTheStatusLineDoes() throws {
        let review = try Review()
        let k = review.eligible
        try #require(k.count >= 61)
        let pilot = try #require(review.loaded.reviewProtocol.screening.plan(for: .titleAbstract)?.pilotSize)
        #expect(pilot == 50)
        // 60 screened: 7 includes among the pilot, then 10 exclusions in ranked order.
        let labels = (0..<60).map { $0 < 50 && $0 % 8 == 0 }
        try review.log("anna", (0..<60).map { (k[$0], labels[$0] ? .include : .exclude, $0 < 50 ? .file : .ranked) })
        let stopping = try #require(try review.automation().stoppingEvidence)
        func p(_ rankedFrom: Int) -> String {
            let v = StoppingMethod.default.evaluate(
                StoppingObservation(labels: labels, total: k.count, rankedFrom: rankedFrom))
            return "(p = " + String(format: "%.3f", v.pValue ?? -1) + ")"
        }
        #expect(p(50) != p(0), "the test must tell the two apart")
        #expect(stopping.en.contains(p(50)), "\(stopping.en)")
    }

    /// `scoping simulate --from-decisions`: only studies with a final decision, labelled by it.
    @Test func simulationRecordsFromTheReviewsDecisions() throws {
        let review = try Review()
        let k = review.eligible
        try #require(k.count >= 3)
        try review.log("anna", [(k[0], .include, .ranked), (k[1], .exclude, .ranked), (k[2], .include, .ranked)])
        try review.log("bram", [(k[0], .include, .ranked), (k[1], .exclude, .ranked)])
        let snapshot = try review.folder.snapshot(index: review.index, loaded: review.loaded)
        let byTitle = snapshot.simulationRecords(label: .titleAbstract)
        let titles = Dictionary(uniqueKeysWithValues: snapshot.eligible.map { ($0.key, $0.record.title) })
        #expect(byTitle.records.map(\.title) == [k[0], k[1]].map { titles[$0] ?? "" })
        #expect(byTitle.records.map(\.relevant) == [true, false])
        #expect(byTitle.leftOut == k.count - 2, "k[2] waits for bram; the rest for both")
        let k0 = try #require(snapshot.eligible.first { $0.key == k[0] })
        #expect(byTitle.records[0].keywords == k0.record.keywords + k0.record.mesh.map(\.descriptor))
        // In the end: k[0] has no full-text decision yet, so only k[1] (excluded) is labelled.
        let final = snapshot.simulationRecords(label: .included)
        #expect(final.records.map(\.relevant) == [false] && final.leftOut == k.count - 1)
    }

    @Test func noDecisionsYetAndLogsWithoutAnyOrder() throws {
        let review = try Review()
        var ranking = try #require(try review.automation().ranking)
        #expect(ranking.en == "No screening decisions are logged yet, so there is no screening order to report.")
        #expect(
            ranking.nl == "Er zijn nog geen beoordelingen gelogd, dus er is nog geen beoordelingsvolgorde te melden.")

        // Logs written before the order was recorded (the demo review's): one sentence says so.
        let k = review.eligible
        try review.log("anna", [(k[0], .include, nil), (k[1], .exclude, nil)])
        try review.log("bram", [(k[0], .include, nil)])
        ranking = try #require(try review.automation().ranking)
        #expect(
            ranking.en
                == "The decision logs do not record in which order (ranked, random or file order) records were shown to the reviewers."
        )
        #expect(
            ranking.nl
                == "De beslissingslogs leggen niet vast in welke volgorde (gerangschikt, willekeurig of in bestandsvolgorde) de records aan de reviewers zijn getoond."
        )

        // A retracted decision does not count: its order (ranked) is not the one in force.
        try review.log(
            "anna", [(k[1], .retract, nil), (k[1], .exclude, nil), (k[2], .include, .ranked), (k[2], .retract, nil)])
        #expect(try review.automation().ranking == ranking)
    }
}
