import Bibliography
import Foundation
import Protocol
import Screening
import Workspace

/// What one screening page shows: the reviewer's next record (or nothing left), the status
/// line, the stage's criteria and what the last action did.
struct DeskView {
    var reviewer: String
    var stage: ScreeningStage
    var record: Record?
    /// `3/20`: the record's position and the queue's size.
    var position: String
    /// The reviewer's own earlier decision on the record (after an undo), as text.
    var previous: String?
    var statusLine: String
    var criteria: [EligibilityCriterion]
    var language: ReportLanguage
    var highlighter: Highlighter
    /// Authors and journal hidden (the protocol's `hide_authors`).
    var hideAuthors = false
    /// True when the record is a random check the stopping method asked for (it is logged so).
    var randomCheck = false
    var databases: [String]
    /// `fulltext/<key>.pdf` when there is one (full-text stage).
    var fullText: String?
    /// The note kept for the next decision on this record.
    var note: String?
    /// What the last action did (`saved: include pmid:1`), or why it did nothing.
    var message: String?
    /// True when the message is a refusal (the log is held elsewhere, a stale page).
    var isProblem = false
}

/// When a screening queue of `scoping serve` learns from a decision.
public enum ScreeningRetrain: Sendable {
    /// Before the response (the router tests: the next record is the same at every run).
    case inline
    /// After it, on another thread (the server): the response shows the next record by the
    /// ranking as it stands, decided records skipped; the retrained ranking replaces it when ready.
    case background
}

/// The screening queues the web pages show, one per reviewer and stage, kept in memory.
///
/// Blinding by construction: a queue is built from its reviewer's own log only
/// (``ScreenQueueSetup/prepare(folder:loaded:reviewer:stage:log:order:seed:corpora:willRank:)``).
/// The reviewer's log is opened per request: locked, appended to (`fsync` before the
/// response), closed; so `scoping screen` in a terminal can take the log between two decisions
/// in the browser, and a log held by a terminal (or a request of another tab at that very
/// moment) is reported with its holder, nothing written. Before every decision the log is read
/// again under the lock: a record already decided meanwhile (another tab, the terminal) is not
/// decided twice.
final class ScreeningDesk: @unchecked Sendable {
    private struct Desk {
        var setup: ScreenQueueSetup
        /// Records put off with `s`, in order.
        var later: [RecordKey] = []
        /// Notes for the next decision, per record.
        var notes: [RecordKey: String] = [:]
        /// A record shown on purpose (after an undo) until it is decided.
        var pinned: RecordKey?
        /// The log's entry count the queue last saw.
        var seen: Int
        /// The index's ``ReviewIndex/contentFingerprint()`` when the queue was built.
        var fingerprint: String
    }

    /// What a page asks the desk to do.
    enum Action: String, CaseIterable {
        case include, exclude, maybe
        case notRetrieved = "not-retrieved"
        case undo, later, note, find
    }

    let folder: ReviewFolder
    let order: QueueOrder
    let seed: UInt64
    let retrain: ScreeningRetrain
    /// One slot per reviewer and stage, each with its own lock: one reviewer's queue being built
    /// (seconds on a large review) or retrained never holds up another reviewer.
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var desk: Desk?
        /// A retrain runs in the background; another decision came meanwhile (retrain once more after).
        var retraining = false
        var again = false
    }

    /// Guards `slots` only.
    private let lock = NSLock()
    /// One queue built at a time (building may store the eligibility verdicts in the index).
    private let building = NSLock()
    private var slots: [String: Slot] = [:]
    private let background = DispatchGroup()
    /// One corpus per stage (records, features) shared by every reviewer's queue.
    private let corpora = ScreeningCorpusCache()

    init(folder: ReviewFolder, order: QueueOrder = .ranked, seed: UInt64 = 1, retrain: ScreeningRetrain = .inline) {
        self.folder = folder
        self.order = order
        self.seed = seed
        self.retrain = retrain
    }

    /// Waits until no retrain runs in the background (tests, benchmarks).
    func settle() { background.wait() }

    /// The page of `reviewer` at `stage`, from the log on disk now (decisions made in the
    /// terminal meanwhile included).
    ///
    /// - Throws: ``ScreenSetupError``, ``ScreeningError``, ``ProtocolLoadError``, ``WorkspaceError``.
    func view(reviewer: String, stage: ScreeningStage) throws -> DeskView {
        let slot = slot(reviewer, stage)
        return try slot.lock.withLock {
            // A new protocol or a new import (scoping ingest, run, criteria meanwhile): a new queue.
            if let cached = slot.desk,
                try cached.setup.loaded.sha256 != folder.loadProtocol().sha256
                    || cached.fingerprint != folder.openIndex().contentFingerprint()
            {
                slot.desk = nil
            }
            var desk = try desk(reviewer: reviewer, stage: stage, slot: slot)
            let contents = try DecisionLog.read(
                directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening")
            sync(&desk, with: contents, slot: slot)
            slot.desk = desk
            return render(desk, message: nil)
        }
    }

    /// Applies an action on the record `key` (the one the page showed) and returns the next page.
    ///
    /// - Throws: as ``view(reviewer:stage:)``; a log held elsewhere is not thrown but reported in the view.
    func act(
        _ action: Action, reviewer: String, stage: ScreeningStage, key: RecordKey?, reason: String?, note: String?
    ) throws -> DeskView {
        let slot = slot(reviewer, stage)
        return try slot.lock.withLock {
            var desk = try desk(reviewer: reviewer, stage: stage, slot: slot)
            let result: (message: String, problem: Bool)
            switch action {
            case .later:
                if let key, desk.setup.queue.record(for: key) != nil, !desk.later.contains(key) {
                    desk.later.append(key)
                }
                if desk.pinned == key { desk.pinned = nil }
                result = ("later: " + (key?.rawValue ?? ""), false)
            case .note:
                let text = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if let key, !text.isEmpty {
                    desk.notes[key] = text
                    result = ("note kept for the next decision on this record", false)
                } else {
                    result = ("a note needs some text", true)
                }
            case .find:
                result = find(note ?? "", desk: &desk)
            case .include, .exclude, .maybe, .notRetrieved, .undo:
                result = write(action, desk: &desk, key: key, reason: reason, slot: slot)
            }
            slot.desk = desk
            return render(desk, message: result.message, problem: result.problem)
        }
    }

    // MARK: - Writing through the reviewer's log

    private func write(_ action: Action, desk: inout Desk, key: RecordKey?, reason: String?, slot: Slot) -> (
        String, Bool
    ) {
        let setup = desk.setup
        let log: DecisionLog
        do {
            log = try DecisionLog(
                directory: folder.screening.path, reviewer: setup.reviewer, displayDirectory: "screening",
                now: { Date() })
        } catch {
            return (Self.describe(error), true)
        }
        defer { log.close() }
        // The log as it is now, under the lock: the terminal or another tab may have written.
        sync(&desk, with: log.contents, slot: slot)
        let hash = setup.loaded.sha256
        if action == .undo {
            do {
                guard let undone = try log.undo(protocolHash: hash) else { return ("nothing to undo", false) }
                sync(&desk, with: log.contents, slot: slot)
                desk.pinned = setup.queue.record(for: undone.key) != nil ? undone.key : nil
                return ("undone: \(undone.decision.rawValue) \(undone.key)", false)
            } catch {
                return (Self.describe(error), true)
            }
        }
        guard let key, setup.queue.record(for: key) != nil else {
            return ("no such record in your queue at \(setup.stage.displayName)", true)
        }
        if let earlier = setup.queue.decision(for: key), desk.pinned != key {
            return (
                "\(key) was already decided (\(earlier.decision.rawValue)), in another tab or the terminal: "
                    + "nothing written; here is the next record", true
            )
        }
        let decision: Decision
        var reasonID: String?
        switch action {
        case .include: decision = .include
        case .maybe: decision = .maybe
        case .notRetrieved:
            guard setup.stage == .fullText else { return ("'not retrievable' is for the full-text stage", true) }
            decision = .notRetrieved
        default:
            decision = .exclude
            let given = reason ?? ""
            if let n = Int(given), n >= 1, n <= setup.criteria.count {
                reasonID = setup.criteria[n - 1].id
            } else if let c = setup.criteria.first(where: { $0.id.lowercased() == given.lowercased() }) {
                reasonID = c.id
            } else {
                return ("'\(given)' is not a criterion of this stage", true)
            }
        }
        do {
            let entry = try log.record(
                key, stage: DecisionStage(setup.stage), decision: decision, reason: reasonID, note: desk.notes[key],
                order: setup.queue.order(of: key), protocolHash: hash)
            desk.notes[key] = nil
            desk.later.removeAll { $0 == key }
            if desk.pinned == key { desk.pinned = nil }
            sync(&desk, with: log.contents, slot: slot)
            return ("saved: \(entry.decision.rawValue)" + (reasonID.map { " (\($0))" } ?? "") + " \(key)", false)
        } catch {
            return (Self.describe(error), true)
        }
    }

    /// `/`: a record by key, or the first whose title holds every word, as the terminal UI finds it.
    private func find(_ text: String, desk: inout Desk) -> (String, Bool) {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return ("find: type a key or words of the title", true) }
        let queue = desk.setup.queue
        if let record = queue.record(for: RecordKey(rawValue: query)) {
            desk.pinned = record.key
            return ("found \(record.key)", false)
        }
        guard let (first, matches) = queue.find(titleWords: query) else {
            return ("no record matches '\(query)'", true)
        }
        desk.pinned = first.key
        return (matches > 1 ? "\(matches) records match; the first is shown" : "found \(first.key)", false)
    }

    /// Gives the heap freed by building a queue (the review's snapshot) back to the system
    /// (``Workspace/releaseFreedMemory()``): a server with ten reviewers' queues would otherwise
    /// hold hundreds of megabytes it no longer uses.
    static func releaseFreedMemory() { Workspace.releaseFreedMemory() }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ScreeningError:
            if case .logLocked(let file, let holder) = error {
                return
                    "\(file) is held by \(holder): finish there (q in the terminal) and try again; nothing was written"
            }
            return error.localizedDescription
        default: return String(describing: error)
        }
    }

    // MARK: - Queues

    private func slot(_ reviewer: String, _ stage: ScreeningStage) -> Slot {
        lock.withLock {
            if let slot = slots[Self.name(reviewer, stage)] { return slot }
            let slot = Slot()
            slots[Self.name(reviewer, stage)] = slot
            return slot
        }
    }

    /// The slot's desk, built when there is none yet. Called under the slot's lock.
    private func desk(reviewer: String, stage: ScreeningStage, slot: Slot) throws -> Desk {
        if let desk = slot.desk { return desk }
        building.lock()
        defer { building.unlock() }
        let loaded = try folder.loadProtocol()
        try ScreenQueueSetup.checkReviewer(reviewer, in: loaded.reviewProtocol.screening)
        let contents = try DecisionLog.read(
            directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening")
        let setup = try ScreenQueueSetup.prepare(
            folder: folder, loaded: loaded, reviewer: reviewer, stage: stage, log: contents, order: order, seed: seed,
            corpora: corpora)
        // After prepare, which may store the eligibility verdicts.
        let fingerprint = try folder.openIndex().contentFingerprint()
        Self.releaseFreedMemory()
        return Desk(setup: setup, seen: contents.entries.count, fingerprint: fingerprint)
    }

    private static func name(_ reviewer: String, _ stage: ScreeningStage) -> String { reviewer + "/" + stage.rawValue }

    /// Takes the log when it has changed since the queue last looked, and retrains the ranking
    /// (before returning, or in the background: ``ScreeningRetrain``).
    private func sync(_ desk: inout Desk, with contents: DecisionLogContents, slot: Slot) {
        guard contents.entries.count != desk.seen else { return }
        desk.setup.queue.refresh(contents, retrain: retrain == .inline)
        desk.seen = contents.entries.count
        if let pinned = desk.pinned, desk.setup.queue.decision(for: pinned) != nil { desk.pinned = nil }
        if retrain == .background { retrainInBackground(desk.setup.queue, slot: slot) }
    }

    /// Retrains a copy of the queue's ranker on another thread and puts it in place when done;
    /// one at a time per queue (a decision meanwhile: once more after). Called under the slot's lock.
    private func retrainInBackground(_ queue: ScreeningQueue, slot: Slot) {
        guard !slot.retraining else {
            slot.again = true
            return
        }
        guard let ranker = queue.rankerForRetraining() else { return }
        let rows = queue.trainingRows
        slot.retraining = true
        let job = RetrainJob(queue: queue, ranker: ranker)
        background.enter()
        DispatchQueue.global(qos: .utility).async {
            job.ranker.update(relevant: rows.relevant, irrelevant: rows.irrelevant)
            slot.lock.withLock {
                // Unless the queue was rebuilt meanwhile (a new protocol or import).
                let current = slot.desk?.setup.queue === job.queue
                if current { job.queue.adopt(job.ranker) }
                slot.retraining = false
                if slot.again {
                    slot.again = false
                    if current { self.retrainInBackground(job.queue, slot: slot) }
                }
            }
            self.background.leave()
        }
    }

    private func render(_ desk: Desk, message: String?, problem: Bool = false) -> DeskView {
        let setup = desk.setup
        let queue = setup.queue
        let record = desk.pinned.flatMap { queue.record(for: $0) } ?? queue.next(later: Set(desk.later))
        let previous = record.flatMap { queue.decision(for: $0.key) }.map { entry in
            entry.decision.rawValue + (entry.reason.map { " (\($0))" } ?? "")
        }
        return DeskView(
            reviewer: setup.reviewer, stage: setup.stage, record: record,
            position: "\(min(queue.screenedCount + 1, queue.count))/\(queue.count)", previous: previous,
            statusLine: queue.statusLine(), criteria: setup.criteria,
            language: setup.loaded.reviewProtocol.review.reportLanguage,
            highlighter: setup.highlighter, hideAuthors: setup.hidesAuthors,
            randomCheck: record.map { queue.isRandomCheck($0.key) } ?? false,
            databases: record.map { setup.databases(of: $0.key) } ?? [],
            fullText: record.flatMap { setup.fullTextPath($0.key) }, note: record.flatMap { desk.notes[$0.key] },
            message: message, isProblem: problem)
    }
}

/// A ranker being retrained off the request path and the queue that takes it: the queue is
/// touched only under the desk's lock, the ranker only by the retraining thread until handed over.
private struct RetrainJob: @unchecked Sendable {
    let queue: ScreeningQueue
    let ranker: Ranker
}
