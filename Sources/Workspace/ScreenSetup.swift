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
    /// The databases that found each record (by study key and by record key).
    public var databases: [RecordKey: [String]]
    /// Records in the queue before any decision at this stage (for the empty-queue message).
    public var candidates: Int
    /// Per search update (oldest first), the records it brought that this reviewer still has
    /// to screen at title and abstract (empty when the protocol lists no update).
    public var fromUpdates: [(date: String, left: Int)] = []

    /// True when the protocol hides authors and journal at this stage (`hide_authors`).
    public var hidesAuthors: Bool { loaded.reviewProtocol.screening.plan(for: stage)?.hideAuthors == true }

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
    /// - Parameter willRank: called with the number of records before a ranking of 2,000 or
    ///   more is prepared (about 0.12 s of CPU per 1,000 records, docs/benchmarks.md).
    /// - Throws: ``ScreenSetupError/noRecords``, ``WorkspaceError``, ``ScreeningError``.
    public static func prepare(
        folder: ReviewFolder, loaded: LoadedProtocol, reviewer: String, stage: ScreeningStage, log: DecisionLogContents,
        order: QueueOrder, seed: UInt64, willRank: (Int) -> Void = { _ in }
    ) throws -> ScreenQueueSetup {
        let proto = loaded.reviewProtocol
        let plan = proto.screening
        let index = try folder.openIndex()
        // The eligible studies (the criteria applied here, never stored, when the stored
        // verdicts are not current), those people included kept even when a later rule excludes them.
        let snapshot = try folder.snapshot(index: index, loaded: loaded)
        guard !snapshot.studies.isEmpty else { throw ScreenSetupError.noRecords }
        var chosen = snapshot.eligible

        if stage == .fullText {
            // Only the records included at title/abstract after reconciliation: the team's state
            // decides which records go on, but none of it is shown.
            let state = snapshot.screening
            chosen = chosen.filter { !state.fullTextCandidates(among: [$0.key, $0.record.key]).isEmpty }
        }

        let criteria = proto.criteria(for: stage)
        let highlighter = proto.highlighter(for: stage)
        let includeTerms = criteria.flatMap(\.highlight.include)
        // Building the ranking's features takes about 0.12 s of CPU per 1,000 records (docs/benchmarks.md).
        if order == .ranked, chosen.count >= 2_000 { willRank(chosen.count) }
        let queue = ScreeningQueue(
            records: chosen.map(\.record), log: log, stage: stage,
            assignment: ScreeningAssignment(plan: plan, state: snapshot.screening, stage: stage),
            includeTerms: includeTerms, order: order, seed: seed,
            pilotSize: plan.plan(for: stage)?.pilotSize ?? 0, stoppingMethod: StoppingMethod(plan: plan.stopping))
        var databases: [RecordKey: [String]] = [:]
        for s in chosen {
            databases[s.record.key] = s.databases
            databases[s.key] = s.databases
        }
        var setup = ScreenQueueSetup(
            folder: folder, loaded: loaded, reviewer: reviewer, stage: stage, queue: queue, criteria: criteria,
            highlighter: highlighter, databases: databases, candidates: chosen.count)
        if stage == .titleAbstract {
            let assignment = ScreeningAssignment(plan: plan, state: snapshot.screening, stage: stage)
            var recordKey: [RecordKey: RecordKey] = [:]
            for s in chosen { recordKey[s.key] = s.record.key }
            setup.fromUpdates = snapshot.searchUpdates.map { update in
                let left = update.newStudies.filter { study in
                    guard let key = recordKey[study], assignment.isAssigned(study, to: reviewer) else { return false }
                    return queue.record(for: key) != nil && queue.decision(for: key) == nil
                }
                return (update.date, left.count)
            }
        }
        return setup
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
    /// The databases that found each record (by study key and by record key).
    public var databases: [RecordKey: [String]]
    /// Records in the queue before any decision at this stage (for the empty-queue message).
    public var candidates: Int
    /// Per search update, the records it brought that the reviewer still has to screen.
    public var fromUpdates: [(date: String, left: Int)] = []
    /// True when the protocol hides authors and journal at this stage (`hide_authors`).
    public var hidesAuthors: Bool { session.renderer.hideAuthors }

    /// Opens the reviewer's log (locked first, so a second session for the same reviewer stops
    /// at once) and builds the session over ``ScreenQueueSetup/prepare(folder:loaded:reviewer:stage:log:order:seed:willRank:)``.
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
        let found = prepared.databases
        let root = folder.root
        let renderer = Screening.RecordText(
            highlighter: prepared.highlighter, style: .markers, width: 0, hideAuthors: prepared.hidesAuthors)
        let session = ScreeningSession(
            queue: prepared.queue, log: log, criteria: prepared.criteria, renderer: renderer,
            protocolHash: loaded.sha256,
            language: proto.review.reportLanguage,
            sources: { found[$0] ?? [] },
            fullTextPath: { key in
                guard stage == .fullText else { return nil }
                let relative = FullText.relativePath(key)
                return FileManager.default.fileExists(atPath: root.appending(path: relative).path) ? relative : nil
            })
        var setup = ScreenSetup(
            folder: folder, session: session, reviewer: reviewer, stage: stage, highlighter: prepared.highlighter,
            databases: found, candidates: prepared.candidates)
        setup.fromUpdates = prepared.fromUpdates
        return setup
    }
}
