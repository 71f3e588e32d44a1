import Bibliography
import Foundation
import Protocol
import Screening
import Synthesis
import Testing
import Workspace

/// Any sequence of imports (the demo's five exports in any order: first searches, the update,
/// citation searching), dedup runs and screening decisions (on any record, duplicates
/// included): no decision is lost or attached to a study that does not hold its record, and an
/// index built from scratch gives the same outputs as the one built step by step.
@Suite struct SearchUpdatePropertyTests {
    static let files = [
        "corpus/pubmed-demo.xml", "corpus/embase-demo.ris", "corpus/cinahl-demo.xml",
        "corpus/pubmed-update-demo.xml", "corpus/citation-searching-demo.ris",
    ]

    /// SplitMix64: a small seeded generator, the same sequence on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: 1...6)
    func decisionsStayOnTheirStudiesAndARebuildGivesTheSameOutputs(seed: UInt64) throws {
        var random = Generator(state: seed)
        let url = FileManager.default.temporaryDirectory.appending(path: "scoping-property-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for dir in ["protocol", "corpus"] {
            try FileManager.default.copyItem(
                at: SearchUpdateTests.root.appending(path: dir), to: url.appending(path: dir))
        }
        let folder = ReviewFolder(root: url)
        try FileManager.default.createDirectory(at: folder.screening, withIntermediateDirectories: true)
        let loaded = try folder.loadProtocol()
        let sources = SourceProvenance(folder: folder)
        let index = try folder.openIndex()
        var lines: [String: [DecisionEntry]] = ["anna": [], "bram": []]
        var clock = 0

        for file in Self.files.shuffled(using: &random) {
            _ = try index.importFile(
                path: url.appending(path: file).path, name: file, provenance: sources.provenance(for: file))
            _ = try folder.deduplicate(index)
            // A few decisions on random records (any copy: member keys as well as study keys).
            let records = try index.recordFiles().map(\.key)
            for _ in 0..<Int.random(in: 3...12, using: &random) {
                let reviewer = Bool.random(using: &random) ? "anna" : "bram"
                let key = records[Int.random(in: 0..<records.count, using: &random)]
                let fullText = Int.random(in: 0..<4, using: &random) == 0
                let decision: Decision = Bool.random(using: &random) ? .include : .exclude
                clock += 1
                let entry = DecisionEntry(
                    time: String(format: "2026-10-%02dT10:%02d:%02dZ", 1 + clock / 3600, clock / 60 % 60, clock % 60),
                    reviewer: reviewer, stage: fullText ? .fullText : .titleAbstract, key: key, decision: decision,
                    reason: decision == .exclude ? (fullText ? "E7" : "E4") : nil, protocolHash: loaded.sha256)
                lines[reviewer, default: []].append(entry)
                try Data(lines[reviewer, default: []].map { $0.jsonLine + "\n" }.joined().utf8).write(
                    to: folder.screening.appending(path: reviewer + ".jsonl"))
            }
            try Self.checkDecisions(folder: folder, index: index, loaded: loaded, written: lines)
        }

        // As `scoping run` does: dedup again when a study should take the key the logs use.
        if try !folder.studyNamesAreCurrent(index) { _ = try folder.deduplicate(index) }
        #expect(try folder.studyNamesAreCurrent(index))

        // From scratch: a new index, the files in any order, one dedup run.
        let scratch = try ReviewIndex()
        for file in Self.files.shuffled(using: &random) {
            _ = try scratch.importFile(
                path: url.appending(path: file).path, name: file, provenance: sources.provenance(for: file))
        }
        _ = try folder.deduplicate(scratch)
        try Self.checkDecisions(folder: folder, index: scratch, loaded: loaded, written: lines)
        let stepwise = try folder.snapshot(index: index, loaded: loaded).synthesisInput(tool: nil)
        let rebuilt = try folder.snapshot(index: scratch, loaded: loaded).synthesisInput(tool: nil)
        // Field by field, so a failure names what differs.
        #expect(stepwise.imports == rebuilt.imports)
        #expect(stepwise.dedup == rebuilt.dedup)
        #expect(stepwise.automaticExclusions == rebuilt.automaticExclusions)
        #expect(stepwise.titleAbstract == rebuilt.titleAbstract)
        #expect(stepwise.fullText == rebuilt.fullText)
        #expect(stepwise.included == rebuilt.included)
        #expect(stepwise.decisions == rebuilt.decisions)
        #expect(stepwise.labels.map(\.study.key) == rebuilt.labels.map(\.study.key))
        #expect(stepwise.labels == rebuilt.labels)
        #expect(stepwise.otherMethods == rebuilt.otherMethods)
        #expect(stepwise.agreement == rebuilt.agreement)
        #expect(stepwise.automation == rebuilt.automation)
        #expect(stepwise == rebuilt)
        #expect(Report.markdown(stepwise) == Report.markdown(rebuilt))
        #expect(PrismaFlow.csv(PrismaCounts.make(from: stepwise)) == PrismaFlow.csv(PrismaCounts.make(from: rebuilt)))
        let counts = PrismaCounts.make(from: stepwise)
        #expect(counts.isConsistent, "\(counts.problems)")
    }

    /// Every line written is read back, each on the study that holds its record.
    static func checkDecisions(
        folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol, written: [String: [DecisionEntry]]
    ) throws {
        let snapshot = try folder.snapshot(index: index, loaded: loaded)
        let studyOf = try index.dedupClusterKeys()
        let studies = Set(snapshot.studies.map(\.key))
        for log in snapshot.decisionLogs {
            let mine = written[log.reviewer] ?? []
            #expect(log.entries.count == mine.count, "no decision of \(log.reviewer) is lost")
            for (entry, line) in zip(log.entries, mine) {
                let holder = studyOf[line.key] ?? line.key
                #expect(entry.key == holder, "\(line.key) stays on the study that holds it")
                #expect(studies.contains(entry.key))
                #expect(entry.decision == line.decision && entry.time == line.time)
            }
        }
    }
}
