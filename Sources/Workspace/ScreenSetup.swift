public import Bibliography
import Foundation
public import Protocol
public import Screening

/// Why a screening queue cannot be set up.
public enum ScreenSetupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reviewer is not in the protocol's `screening.reviewers` (the known ones, comma-separated, or "none yet").
    case notAReviewer(String, known: String)
    /// The index has no study yet.
    case noRecords

    public var description: String {
        switch self {
        case .notAReviewer(let reviewer, let known):
            "'\(reviewer)' is not a reviewer of this review (protocol/protocol.yaml, screening.reviewers: \(known)); "
                + "add them there first"
        case .noRecords: "no records yet: run `scoping ingest` (or `scoping run`) first"
        }
    }
}

/// Where a record's full text lives: `fulltext/<key>.pdf`, with `:` and `/` in the key replaced by `_`.
public enum FullText {
    public static func relativePath(_ key: RecordKey) -> String {
        "fulltext/" + fileStem(key.rawValue) + ".pdf"
    }

    static func fileStem(_ key: String) -> String {
        key.replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "/", with: "_")
    }

    /// ``fileStem(_:)`` in SQL, for a lookup that needs no record decoded (the two must agree: tested).
    static func fileStemSQL(_ column: String) -> String {
        "replace(replace(\(column), ':', '_'), '/', '_')"
    }
}

/// One reviewer's screening queue at one stage, built from the review folder and that
/// reviewer's log only (blinding by construction): the use case behind `scoping screen` and
/// the screening page of `scoping serve`.
public struct ScreenQueueSetup {
    public var folder: ReviewFolder
    public var loaded: LoadedProtocol
    public var reviewer: String
    public var stage: ScreeningStage
    public var queue: ScreeningQueue
    /// The stage's criteria, in the order digits pick them.
    public var criteria: [EligibilityCriterion]
    public var highlighter: Highlighter
    /// Records in the queue before any decision at this stage (for the empty-queue message).
    public var candidates: Int
    /// Per search update (oldest first), the records it brought that this reviewer still has
    /// to screen at title and abstract (empty when the protocol lists no update).
    public var fromUpdates: [(date: String, left: Int)] = []

    /// True when the protocol hides authors and journal at this stage (`hide_authors`).
    public var hidesAuthors: Bool { loaded.reviewProtocol.screening.plan(for: stage)?.hideAuthors == true }

    /// The databases that found the record `key` of the queue.
    public func databases(of key: RecordKey) -> [String] { queue.databases(of: key) }

    /// The full text of a record, `fulltext/<key>.pdf`, when the stage is full text and the file exists.
    public func fullTextPath(_ key: RecordKey) -> String? {
        guard stage == .fullText else { return nil }
        let relative = FullText.relativePath(key)
        return FileManager.default.fileExists(atPath: folder.root.appending(path: relative).path) ? relative : nil
    }

    /// Throws ``ScreenSetupError/notAReviewer(_:known:)`` unless `reviewer` is in the protocol's screening plan.
    public static func checkReviewer(_ reviewer: String, in plan: ScreeningPlan) throws(ScreenSetupError) {
        guard plan.reviewers.contains(reviewer) else {
            let known = plan.reviewers.isEmpty ? "none yet" : plan.reviewers.joined(separator: ", ")
            throw .notAReviewer(reviewer, known: known)
        }
    }

    /// Builds the queue of `reviewer` at `stage` from `log` (that reviewer's log, open or read).
    ///
    /// Reads no record's text when dedup is current and the stored verdicts are this protocol's
    /// (the usual case after `scoping run`): the studies are listed from the index, the stage's
    /// corpus (keys, databases, the ranking's features) comes from `corpora`, else from
    /// `.scoping/screening-<stage>.corpus` (``ScreeningCorpusStore``), else it is built from the
    /// records and stored there; a record is read from the index when it is shown.
    ///
    /// - Parameters:
    ///   - corpora: the corpora a process shares between its queues (`scoping serve`); nil: none.
    ///   - willRank: called with the number of records before a ranking of 2,000 or more is
    ///     built from the records' text (about 0.12 s of CPU per 1,000 records, docs/benchmarks.md).
    /// - Throws: ``ScreenSetupError/noRecords``, ``WorkspaceError``, ``ScreeningError``.
    public static func prepare(
        folder: ReviewFolder, loaded: LoadedProtocol, reviewer: String, stage: ScreeningStage, log: DecisionLogContents,
        order: QueueOrder, seed: UInt64, corpora: ScreeningCorpusCache? = nil, willRank: (Int) -> Void = { _ in }
    ) throws -> ScreenQueueSetup {
        let proto = loaded.reviewProtocol
        let plan = proto.screening
        let index = try folder.openIndex()
        // What the queue needs of the review's snapshot, taken before the corpus is read and the
        // snapshot let go (on 200,000 records its logs and listings weigh as much as the features).
        let (chosen, recordsRead, assignment, updates) = try Self.stageStudies(
            folder: folder, index: index, loaded: loaded, stage: stage)
        releaseFreedMemory()

        let criteria = proto.criteria(for: stage)
        let highlighter = proto.highlighter(for: stage)
        let includeTerms = criteria.flatMap(\.highlight.include)
        let configuration = Ranker.Configuration()
        let corpus = try corpus(
            index: index, folder: folder, stage: stage, chosen: chosen, recordsRead: recordsRead,
            includeTerms: includeTerms, ranked: order == .ranked, options: configuration.features, corpora: corpora,
            willRank: willRank)
        let queue = ScreeningQueue(
            corpus: corpus, log: log, stage: stage, assignment: assignment, order: order, seed: seed,
            pilotSize: plan.plan(for: stage)?.pilotSize ?? 0, rankerConfiguration: configuration,
            stoppingMethod: StoppingMethod(plan: plan.stopping))
        var setup = ScreenQueueSetup(
            folder: folder, loaded: loaded, reviewer: reviewer, stage: stage, queue: queue, criteria: criteria,
            highlighter: highlighter, candidates: chosen.count)
        if stage == .titleAbstract {
            var recordKey: [RecordKey: RecordKey] = [:]
            for (row, s) in chosen.enumerated() { recordKey[s.key] = corpus.keys[row] }
            setup.fromUpdates = updates.map { date, newStudies in
                let left = newStudies.filter { study in
                    guard let key = recordKey[study], assignment.isAssigned(study, to: reviewer) else { return false }
                    return queue.contains(key) && queue.decision(for: key) == nil
                }
                return (date, left.count)
            }
        }
        return setup
    }

    /// The studies that reached `stage` (the criteria applied here, never stored, when the stored
    /// verdicts are not current; those people included kept even when a later rule excludes
    /// them), listed without their records when the index allows it; who screens what; and per
    /// search update (title/abstract), the studies it brought.
    private static func stageStudies(
        folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol, stage: ScreeningStage
    ) throws -> (
        chosen: [Study], recordsRead: Bool, assignment: ScreeningAssignment,
        updates: [(date: String, newStudies: [RecordKey])]
    ) {
        let (snapshot, recordsRead) = try folder.snapshotWithoutRecords(index: index, loaded: loaded)
        guard !snapshot.studies.isEmpty else { throw ScreenSetupError.noRecords }
        var chosen = snapshot.eligible
        if stage == .fullText {
            // Only the records included at title/abstract after reconciliation: the team's state
            // decides which records go on, but none of it is shown. (The logs are mapped to study
            // keys; a record's own key is known only when its record was read.)
            let state = snapshot.screening
            chosen = chosen.filter {
                !state.fullTextCandidates(among: recordsRead ? [$0.key, $0.record.key] : [$0.key]).isEmpty
            }
        }
        let assignment = ScreeningAssignment(
            plan: loaded.reviewProtocol.screening, state: snapshot.screening, stage: stage)
        let updates = stage == .titleAbstract ? snapshot.searchUpdates.map { ($0.date, $0.newStudies) } : []
        return (chosen, recordsRead, assignment, updates)
    }

    /// Stores the title/abstract corpus of `snapshot` (keys, features) unless the stored one is
    /// still valid: what `scoping run` does last, so that the next `scoping screen` or `serve`
    /// reads no record's text to start. A review folder that cannot be written keeps none.
    ///
    /// - Parameter snapshot: with the studies' records (as `run` reads them).
    /// - Complexity: O(eligible studies' text) when the eligible studies, their records or the
    ///   include terms changed; otherwise one hash over their keys and a look at the file's header.
    public static func storeCorpus(folder: ReviewFolder, index: ReviewIndex, snapshot: ReviewSnapshot) throws {
        let stage = ScreeningStage.titleAbstract
        let chosen = snapshot.eligible
        guard !chosen.isEmpty else { return }
        let includeTerms = snapshot.loaded.reviewProtocol.criteria(for: stage).flatMap(\.highlight.include)
        let options = Ranker.Configuration().features
        let validity = ScreeningCorpusStore.validity(
            fingerprint: try index.contentFingerprint(), stage: stage, includeTerms: includeTerms, options: options,
            studies: chosen.map(\.key))
        guard !ScreeningCorpusStore.holdsFeatures(ScreeningCorpusStore.file(folder, stage), validity: validity)
        else { return }
        _ = try corpus(
            index: index, folder: folder, stage: stage, chosen: chosen, recordsRead: true, includeTerms: includeTerms,
            ranked: true, options: options, corpora: nil, willRank: { _ in })
    }

    /// The corpus of `chosen` at `stage`: shared, stored, or built (and stored).
    static func corpus(
        index: ReviewIndex, folder: ReviewFolder, stage: ScreeningStage, chosen: [Study], recordsRead: Bool,
        includeTerms: [String], ranked: Bool, options: FeatureMatrix.Options, corpora: ScreeningCorpusCache?,
        willRank: (Int) -> Void
    ) throws -> ScreeningCorpus {
        let studyKeys = chosen.map(\.key)
        let validity = ScreeningCorpusStore.validity(
            fingerprint: try index.contentFingerprint(), stage: stage, includeTerms: includeTerms, options: options,
            studies: studyKeys)
        if let shared = corpora?.corpus(stage, validity: validity), !ranked || shared.features != nil { return shared }
        let databases = chosen.map(\.databases)
        let load: @Sendable (Int) -> Record = { row in
            do {
                return try index.studyRecord(key: studyKeys[row])
                    ?? Record(title: "(\(studyKeys[row]) is no longer in the index: run scoping screen again)")
            } catch {
                return Record(title: "(\(studyKeys[row]) could not be read from the index: \(error))")
            }
        }
        func made(_ keys: [RecordKey], _ features: RankingFeatures?) -> ScreeningCorpus {
            recordsRead
                ? ScreeningCorpus(records: chosen.map(\.record), keys: keys, databases: databases, features: features)
                : ScreeningCorpus(keys: keys, databases: databases, features: features, load: load)
        }
        let file = ScreeningCorpusStore.file(folder, stage)
        let corpus: ScreeningCorpus
        if let stored = ScreeningCorpusStore.read(file, validity: validity, needsFeatures: ranked),
            stored.keys.count == chosen.count
        {
            corpus = made(stored.keys, stored.features)
        } else {
            // Each record's key and text once, from the records (read now, one at a time, when
            // the snapshot did not read them).
            var keys = [RecordKey](repeating: RecordKey(rawValue: ""), count: chosen.count)
            let blank = RankingDocument(title: "", abstract: "")
            var documents = [RankingDocument](repeating: blank, count: ranked ? chosen.count : 0)
            func take(_ row: Int, _ record: Record) {
                keys[row] = record.key
                if ranked { documents[row] = RankingDocument(record) }
            }
            if recordsRead {
                for (row, s) in chosen.enumerated() { take(row, s.record) }
            } else {
                let rowOf = Dictionary(studyKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                try index.forEachStudyRecord(among: Set(studyKeys)) { key, record in
                    if let row = rowOf[key] { take(row, record) }
                }
            }
            if ranked, chosen.count >= 2_000 { willRank(chosen.count) }
            let features =
                ranked ? RankingFeatures(documents: documents, includeTerms: includeTerms, options: options) : nil
            documents = []
            ScreeningCorpusStore.write(.init(keys: keys, features: features), to: file, validity: validity)
            corpus = made(keys, features)
        }
        corpora?.keep(corpus, stage, validity: validity)
        return corpus
    }
}

/// Everything a screening session needs, read from the review folder, with the reviewer's log
/// open (and locked): what `scoping screen` (full screen and `--plain`) runs on.
public struct ScreenSetup {
    public var folder: ReviewFolder
    public var session: ScreeningSession
    public var reviewer: String
    public var stage: ScreeningStage
    public var highlighter: Highlighter
    /// Records in the queue before any decision at this stage (for the empty-queue message).
    public var candidates: Int
    /// Per search update, the records it brought that the reviewer still has to screen.
    public var fromUpdates: [(date: String, left: Int)] = []
    /// True when the protocol hides authors and journal at this stage (`hide_authors`).
    public var hidesAuthors: Bool { session.renderer.hideAuthors }

    /// The databases that found the record `key`.
    public func databases(of key: RecordKey) -> [String] { session.queue.databases(of: key) }

    /// Opens the reviewer's log (locked first, so a second session for the same reviewer stops
    /// at once) and builds the session over
    /// ``ScreenQueueSetup/prepare(folder:loaded:reviewer:stage:log:order:seed:corpora:willRank:)``.
    ///
    /// - Throws: ``ScreenSetupError``, ``ScreeningError`` (``ScreeningError/logLocked(file:holder:)``
    ///   when another process or session holds the log), ``ProtocolLoadError``, ``WorkspaceError``.
    public static func open(
        folder: ReviewFolder, reviewer: String, stage: ScreeningStage, order: QueueOrder, seed: UInt64,
        willRank: (Int) -> Void = { _ in }
    ) throws -> ScreenSetup {
        let loaded = try folder.loadProtocol()
        let proto = loaded.reviewProtocol
        try ScreenQueueSetup.checkReviewer(reviewer, in: proto.screening)
        // The lock first, so a second session for the same reviewer stops at once.
        let log = try DecisionLog(
            directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening", now: { Date() })
        let prepared: ScreenQueueSetup
        do {
            prepared = try ScreenQueueSetup.prepare(
                folder: folder, loaded: loaded, reviewer: reviewer, stage: stage, log: log.contents, order: order,
                seed: seed,
                willRank: willRank)
        } catch {
            log.close()
            throw error
        }
        let corpus = prepared.queue.corpus
        let root = folder.root
        let renderer = Screening.RecordText(
            highlighter: prepared.highlighter, style: .markers, width: 0, hideAuthors: prepared.hidesAuthors)
        let session = ScreeningSession(
            queue: prepared.queue, log: log, criteria: prepared.criteria, renderer: renderer,
            protocolHash: loaded.sha256,
            language: proto.review.reportLanguage,
            sources: { key in corpus.row(of: key).map { corpus.databases[$0] } ?? [] },
            fullTextPath: { key in
                guard stage == .fullText else { return nil }
                let relative = FullText.relativePath(key)
                return FileManager.default.fileExists(atPath: root.appending(path: relative).path) ? relative : nil
            })
        var setup = ScreenSetup(
            folder: folder, session: session, reviewer: reviewer, stage: stage, highlighter: prepared.highlighter,
            candidates: prepared.candidates)
        setup.fromUpdates = prepared.fromUpdates
        return setup
    }
}
