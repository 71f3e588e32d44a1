import Bibliography
import Foundation
import Hummingbird
import Protocol
import Screening
import Workspace

extension WebApp {
    /// The unresolved conflicts of every stage, title/abstract first, as `scoping reconcile` walks them.
    func conflicts() throws -> (ReviewSnapshot, [Conflict]) {
        let loaded = try folder.loadProtocol()
        let snapshot = try folder.snapshot(index: try folder.openIndex(), loaded: loaded)
        return (snapshot, ScreeningStage.allCases.flatMap { snapshot.screening.conflicts(at: $0) })
    }

    func reconcilePage(
        reviewer: String, message: String? = nil, isProblem: Bool = false, status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        guard DecisionLog.isValidReviewer(reviewer) else {
            return Self.problem(.notFound, "No such page", "Reconciliation pages are /reconcile/<reviewer>.")
        }
        do {
            let (snapshot, conflicts) = try conflicts()
            let html = ReconcilePage.html(
                reviewer: reviewer, conflicts: conflicts, snapshot: snapshot, message: message, isProblem: isProblem,
                csrf: secrets.csrf)
            return Self.respond(html, status: status)
        } catch {
            return Self.problem(.internalServerError, "The review cannot be read", Self.describe(error))
        }
    }

    /// Records a final decision (stage `reconcile`) in the reviewer's own log, as `scoping reconcile` does:
    /// only on a conflict still unresolved, with a reason of the conflict's stage.
    func reconcile(reviewer: String, fields: [String: String]) -> Response {
        guard DecisionLog.isValidReviewer(reviewer) else {
            return Self.problem(.notFound, "No such page", "Reconciliation pages are /reconcile/<reviewer>.")
        }
        guard let stage = fields["stage"].flatMap(ScreeningStage.init(spelling:)), let key = fields["key"],
            let choice = fields["decision"]
        else { return Self.problem(.badRequest, "Incomplete form", "The form needs a record, a stage and a decision.") }
        let note = fields["note"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        return reconcileLock.withLock {
            do {
                let (snapshot, conflicts) = try conflicts()
                guard conflicts.contains(where: { $0.key.rawValue == key && $0.stage == stage }) else {
                    return reconcilePage(
                        reviewer: reviewer,
                        message: "\(key) has no unresolved conflict at \(stage.displayName) (reconciled meanwhile?): "
                            + "nothing written", isProblem: true)
                }
                let decision: Decision
                var reason: String?
                if choice == "include" {
                    decision = .include
                } else if choice == "not-retrieved", stage == .fullText {
                    decision = .notRetrieved
                } else if choice.hasPrefix("exclude:"),
                    let c = snapshot.loaded.reviewProtocol.criteria(for: stage).first(where: {
                        "exclude:" + $0.id == choice
                    })
                {
                    decision = .exclude
                    reason = c.id
                } else {
                    return reconcilePage(
                        reviewer: reviewer, message: "'\(choice)' is not a decision at this stage", isProblem: true)
                }
                let log = try DecisionLog(
                    directory: folder.screening.path, reviewer: reviewer, displayDirectory: "screening", now: { Date() }
                )
                defer { log.close() }
                let entry = try log.record(
                    RecordKey(rawValue: key), stage: .reconcile, reconciles: stage, decision: decision, reason: reason,
                    note: note,
                    protocolHash: snapshot.loaded.sha256)
                return reconcilePage(
                    reviewer: reviewer,
                    message: "recorded: \(entry.decision.rawValue)" + (reason.map { " " + $0 } ?? "")
                        + " \(key) in \(log.displayPath)")
            } catch let error as ScreeningError {
                if case .logLocked = error {
                    return reconcilePage(
                        reviewer: reviewer, message: ScreeningDesk.describe(error), isProblem: true, status: .conflict)
                }
                return reconcilePage(reviewer: reviewer, message: ScreeningDesk.describe(error), isProblem: true)
            } catch {
                return Self.problem(.internalServerError, "The decision was not saved", Self.describe(error))
            }
        }
    }
}
