import Bibliography
import Foundation
import Protocol
import Screening
import Synthesis
import Testing

@testable import Workspace

/// The screening queue over a stage's shared corpus (issue 12): listed from the index without
/// reading the records, its features stored in `.scoping/screening-<stage>.corpus`, one corpus
/// for every reviewer of a process. The order a reviewer is shown must be the one a queue built
/// from the records themselves shows.
@Suite struct ScreeningCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A copy of the demo review, ingested, deduplicated and with the criteria applied (as
    /// `scoping run` leaves it), without any decision; `reviewers` replaces the protocol's.
    final class Review {
        let url: URL
        let folder: ReviewFolder
        let logs: URL

        init(reviewers: String? = nil, keepingLogs: Bool = false) throws {
            let fm = FileManager.default
            url = fm.temporaryDirectory.appending(path: "scoping-corpus-\(UUID().uuidString)")
            try fm.createDirectory(at: url, withIntermediateDirectories: true)
            for dir in ["protocol", "corpus"] {
                try fm.copyItem(at: ScreeningCorpusTests.root.appending(path: dir), to: url.appending(path: dir))
            }
            if keepingLogs {
                for dir in ["screening", "charting"] {
                    try fm.copyItem(at: ScreeningCorpusTests.root.appending(path: dir), to: url.appending(path: dir))
                }
            } else {
                try fm.createDirectory(at: url.appending(path: "screening"), withIntermediateDirectories: true)
            }
            logs = url.appending(path: "test-logs")
            try fm.createDirectory(at: logs, withIntermediateDirectories: true)
            if let reviewers {
                let path = url.appending(path: "protocol/protocol.yaml")
                let text = try String(contentsOf: path, encoding: .utf8)
                    .replacingOccurrences(of: "reviewers: [anna, bram]", with: "reviewers: [\(reviewers)]")
                try Data(text.utf8).write(to: path)
            }
            folder = ReviewFolder(root: url)
            let index = try folder.openIndex()
            let sources = SourceProvenance(folder: folder)
            for file in try folder.corpusFiles() {
                let name = folder.relativePath(file)
                _ = try index.importFile(path: file.path, name: name, provenance: sources.provenance(for: name))
            }
            _ = try folder.deduplicate(index)
            try index.applyCriteria(folder.loadProtocol(), to: index.studies())
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        /// `reviewer`'s queue as `scoping screen` builds it (its log kept apart, in `test-logs/`).
        func prepared(
            _ reviewer: String, stage: ScreeningStage = .titleAbstract, order: QueueOrder = .ranked,
            corpora: ScreeningCorpusCache? = nil
        ) throws -> ScreenQueueSetup {
            let log = try DecisionLog.read(directory: logs.path, reviewer: reviewer)
            return try ScreenQueueSetup.prepare(
                folder: folder, loaded: folder.loadProtocol(), reviewer: reviewer, stage: stage, log: log,
                order: order, seed: 1, corpora: corpora)
        }

        /// `reviewer`'s queue built from the records themselves, as before issue 12's corpus.
        func fromRecords(_ reviewer: String) throws -> ScreeningQueue {
            let loaded = try folder.loadProtocol()
            let snapshot = try folder.snapshot(index: folder.openIndex(), loaded: loaded)
            let plan = loaded.reviewProtocol.screening
            return ScreeningQueue(
                records: snapshot.eligible.map(\.record),
                log: try DecisionLog.read(directory: logs.path, reviewer: reviewer), stage: .titleAbstract,
                assignment: ScreeningAssignment(plan: plan, state: snapshot.screening, stage: .titleAbstract),
                includeTerms: loaded.reviewProtocol.criteria(for: .titleAbstract).flatMap(\.highlight.include),
                order: .ranked, seed: 1, pilotSize: plan.plan(for: .titleAbstract)?.pilotSize ?? 0,
                stoppingMethod: StoppingMethod(plan: plan.stopping))
        }

        /// Decides every record `queues` show, in lockstep (one inclusion in four), and returns
        /// the keys each showed, in order.
        func walk(_ reviewer: String, _ queues: [ScreeningQueue]) throws -> [[RecordKey]] {
            let log = try DecisionLog(directory: logs.path, reviewer: reviewer, now: { Date() })
            defer { log.close() }
            var shown = [[RecordKey]](repeating: [], count: queues.count)
            // One new record decided per step: never more steps than records (a record shown
            // again would end here, with more keys shown than the queue holds).
            for _ in 0...queues[0].count {
                let next = queues.map { $0.next() }
                for (i, record) in next.enumerated() { if let record { shown[i].append(record.key) } }
                guard let key = next[0]?.key else { break }
                let decision: Decision = shown[0].count % 4 == 0 ? .include : .exclude
                try log.record(
                    key, stage: DecisionStage(queues[0].stage), decision: decision,
                    reason: decision == .exclude ? (queues[0].stage == .fullText ? "E7" : "E4") : nil,
                    note: nil, order: queues[0].order(of: key), protocolHash: "")
                for queue in queues { queue.refresh(log.contents) }
            }
            return shown
        }
    }

    @Test func theQueueListsStudiesWithoutTheirRecordsAndShowsTheOrderOfOneBuiltFromThem() throws {
        let review = try Review()
        let index = try review.folder.openIndex()
        // The path that reads no record is the one taken.
        #expect(try index.storedVerdictsAreCurrent(protocolSha256: review.folder.loadProtocol().sha256))
        let file = ScreeningCorpusStore.file(review.folder, .titleAbstract)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let built = try review.prepared("anna")  // builds the corpus and stores it
        #expect(FileManager.default.fileExists(atPath: file.path))
        let stored = try review.prepared("anna")  // reads it back
        let reference = try review.fromRecords("anna")
        #expect(built.queue.count == reference.count)
        #expect(built.queue.count > 60)
        let shown = try review.walk("anna", [reference, built.queue, stored.queue])
        #expect(shown[0].count == reference.count)
        #expect(shown[1] == shown[0])
        #expect(shown[2] == shown[0])
        // Records read when shown are the index's records.
        let key = shown[0][shown[0].count / 2]
        #expect(stored.queue.record(for: key) == reference.record(for: key))
        #expect(stored.databases(of: key) == built.databases(of: key))
        #expect(!stored.databases(of: key).isEmpty)
    }

    @Test func aSnapshotWithoutRecordsCountsAsOneWithThem() throws {
        let review = try Review(keepingLogs: true)
        let index = try review.folder.openIndex()
        let loaded = try review.folder.loadProtocol()
        let full = try review.folder.snapshot(index: index, loaded: loaded)
        let (light, recordsRead) = try review.folder.snapshotWithoutRecords(index: index, loaded: loaded)
        #expect(!recordsRead)
        #expect(light.studies.allSatisfy { $0.record == Record() })
        #expect(light.studies.map(\.key) == full.studies.map(\.key))
        #expect(light.studies.map(\.databases) == full.studies.map(\.databases))
        #expect(light.status == full.status)
        #expect(full.status.included > 0)
        let (a, b) = (light.synthesisInput(tool: nil), full.synthesisInput(tool: nil))
        #expect(a.agreement == b.agreement)
        #expect(!a.agreement.isEmpty)
        #expect(PrismaCounts.make(from: a) == PrismaCounts.make(from: b))
        #expect(light.warnings == full.warnings)
        // A protocol the stored verdicts were not computed under: every record read, as before.
        let path = review.url.appending(path: "protocol/protocol.yaml")
        let edited = try String(contentsOf: path, encoding: .utf8) + "\n# edited\n"
        try Data(edited.utf8).write(to: path)
        let again = try review.folder.snapshotWithoutRecords(index: index, loaded: review.folder.loadProtocol())
        #expect(again.recordsRead)
    }

    @Test(arguments: [QueueOrder.random, .file])
    func theFullTextQueueAndOtherOrdersAreTheOnesOfTheRecords(order: QueueOrder) throws {
        let review = try Review(keepingLogs: true)
        let loaded = try review.folder.loadProtocol()
        let snapshot = try review.folder.snapshot(index: review.folder.openIndex(), loaded: loaded)
        let plan = loaded.reviewProtocol.screening
        for stage in ScreeningStage.allCases {
            var records = snapshot.eligible
            if stage == .fullText {
                records = records.filter {
                    !snapshot.screening.fullTextCandidates(among: [$0.key, $0.record.key]).isEmpty
                }
            }
            let reference = ScreeningQueue(
                records: records.map(\.record),
                log: try DecisionLog.read(directory: review.logs.path, reviewer: "anna"),
                stage: stage, assignment: ScreeningAssignment(plan: plan, state: snapshot.screening, stage: stage),
                order: order, seed: 1, pilotSize: plan.plan(for: stage)?.pilotSize ?? 0,
                stoppingMethod: StoppingMethod(plan: plan.stopping))
            let prepared = try review.prepared("anna", stage: stage, order: order)
            #expect(prepared.queue.keys == reference.keys)
            #expect(prepared.queue.count > 0)
            let shown = try review.walk("anna", [reference, prepared.queue])
            #expect(shown[1] == shown[0])
        }
    }

    @Test func runStoresTheCorpusOnceAndTheQueueReadsIt() throws {
        let review = try Review()
        let index = try review.folder.openIndex()
        let snapshot = try review.folder.snapshot(index: index, loaded: review.folder.loadProtocol())
        let file = ScreeningCorpusStore.file(review.folder, .titleAbstract)
        try ScreenQueueSetup.storeCorpus(folder: review.folder, index: index, snapshot: snapshot)
        let written = try FileManager.default.attributesOfItem(atPath: file.path)
        // Still valid: not built or written again.
        try ScreenQueueSetup.storeCorpus(folder: review.folder, index: index, snapshot: snapshot)
        let again = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect(again[.systemFileNumber] as? Int == written[.systemFileNumber] as? Int)
        #expect(again[.modificationDate] as? Date == written[.modificationDate] as? Date)
        let prepared = try review.prepared("anna")
        let afterStart = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect(afterStart[.systemFileNumber] as? Int == written[.systemFileNumber] as? Int)
        let reference = try review.fromRecords("anna")
        let shown = try review.walk("anna", [reference, prepared.queue])
        #expect(shown[1] == shown[0])
    }

    @Test func everyReviewerOfAProcessSharesOneCorpusAndSeesOnlyTheirRecords() throws {
        let review = try Review(reviewers: "anna, bram, carl")
        let corpora = ScreeningCorpusCache()
        let queues = try ["anna", "bram", "carl"].map { try review.prepared($0, corpora: corpora).queue }
        #expect(queues[1].corpus === queues[0].corpus)
        #expect(queues[2].corpus === queues[0].corpus)
        let all = queues[0].corpus.keys
        // Two reviewers per record, three reviewers: each has a share, together every record twice.
        for queue in queues { #expect(queue.count < all.count) }
        #expect(queues.map(\.count).reduce(0, +) == 2 * all.count)
        for (queue, reviewer) in zip(queues, ["anna", "bram", "carl"]) {
            let shown = try review.walk(reviewer, [queue])[0]
            #expect(Set(shown) == Set(queue.keys))
            #expect(shown.count == queue.count)
        }
    }

    @Test func aStoredCorpusIsUsedOnlyForWhatItWasBuiltForAndADamagedOneIsBuiltAgain() throws {
        let review = try Review()
        let first = try review.prepared("anna")
        let file = ScreeningCorpusStore.file(review.folder, .titleAbstract)
        let keys = first.queue.corpus.keys
        let loaded = try review.folder.loadProtocol()
        let index = try review.folder.openIndex()
        let validity = ScreeningCorpusStore.validity(
            fingerprint: try index.contentFingerprint(), stage: .titleAbstract,
            includeTerms: loaded.reviewProtocol.criteria(for: .titleAbstract).flatMap(\.highlight.include),
            options: FeatureMatrix.Options(),
            studies: try review.folder.snapshot(index: index, loaded: loaded).eligible.map(\.key))
        let stored = try #require(ScreeningCorpusStore.read(file, validity: validity, needsFeatures: true))
        #expect(stored.keys == keys)
        #expect(stored.features?.matrix.values == first.queue.corpus.features?.matrix.values)
        #expect(stored.features?.keywordScores == first.queue.corpus.features?.keywordScores)
        // Another build of scoping: another validity.
        let rebuilt = ScreeningCorpusStore.validity(
            fingerprint: try index.contentFingerprint(), stage: .titleAbstract,
            includeTerms: loaded.reviewProtocol.criteria(for: .titleAbstract).flatMap(\.highlight.include),
            options: FeatureMatrix.Options(),
            studies: try review.folder.snapshot(index: index, loaded: loaded).eligible.map(\.key),
            build: ScreeningCorpusStore.build + "1")
        #expect(ScreeningCorpusStore.build != "unknown")
        #expect(ScreeningCorpusStore.read(file, validity: rebuilt, needsFeatures: true) == nil)
        // Another index, other terms, other studies: another validity.
        var other = validity
        other[0] ^= 1
        #expect(ScreeningCorpusStore.read(file, validity: other, needsFeatures: true) == nil)
        // Cut short, or a count made huge: not read (never a crash), built again at the next start.
        let bytes = try Data(contentsOf: file)
        for damaged in [bytes.prefix(bytes.count / 2), bytes.prefix(200), Data(bytes.map { $0 == 0 ? 0xFF : $0 })] {
            try damaged.write(to: file)
            #expect(ScreeningCorpusStore.read(file, validity: validity, needsFeatures: true) == nil)
            let again = try review.prepared("anna")
            #expect(again.queue.corpus.keys == keys)
            #expect(ScreeningCorpusStore.read(file, validity: validity, needsFeatures: true)?.keys == keys)
        }
    }
}
