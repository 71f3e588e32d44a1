import Bibliography
import Charting
import Foundation
import Hummingbird
import Protocol
import Screening
import Workspace

extension WebApp {
    /// The included studies still to chart, or with `verify` to verify (charted, not verified,
    /// not charted by `reviewer` alone), as `scoping chart [--verify]` queues them.
    func chartingQueue(reviewer: String, verify: Bool) throws -> (ReviewSnapshot, [Study]) {
        let loaded = try folder.loadProtocol()
        let snapshot = try folder.snapshot(index: try folder.openIndex(), loaded: loaded)
        let codebook = loaded.reviewProtocol.codebook
        let queue = snapshot.flow.included.filter { study in
            let state = snapshot.charting[study.key]
            guard verify else { return !state.isCharted(against: codebook) }
            return state.isCharted(against: codebook) && !state.isVerified(against: codebook)
                && state.charters != [reviewer]
        }
        return (snapshot, queue)
    }

    /// The rows a reviewer still answers: not charted yet, or charted and not verified.
    static func open(_ row: FormRow, verify: Bool) -> Bool {
        verify ? (row.state?.isCharted == true && row.state?.isVerified != true) : row.state?.isCharted != true
    }

    /// - Parameter at: the study shown, 1-based in the queue (`s` skips to the next; past the end: the last).
    func chartingPage(
        reviewer: String, verify: Bool = false, at: Int = 1, message: String? = nil, isProblem: Bool = false,
        status: HTTPResponse.Status = .ok
    )
        -> Response
    {
        guard DecisionLog.isValidReviewer(reviewer) else {
            return Self.problem(.notFound, "No such page", "Charting pages are /chart/<reviewer>.")
        }
        do {
            let (snapshot, queue) = try chartingQueue(reviewer: reviewer, verify: verify)
            let proto = snapshot.loaded.reviewProtocol
            let number = min(max(at, 1), max(queue.count, 1))
            let study = queue.isEmpty ? nil : queue[number - 1]
            let rows =
                study.map { s in
                    ChartingForm(codebook: proto.codebook).rows(for: s.record, state: snapshot.charting.studies[s.key])
                        .filter { Self.open($0, verify: verify) }
                } ?? []
            let view = ChartingPage.View(
                reviewer: reviewer, verify: verify, study: study, number: number, total: queue.count, rows: rows,
                language: proto.review.reportLanguage, highlighter: proto.highlighter(for: .fullText), message: message,
                isProblem: isProblem,
                fullText: study.flatMap { s in
                    [FullText.relativePath(s.key), FullText.relativePath(s.record.key)].first { fileExists($0) }
                })
            return Self.respond(ChartingPage.html(view, csrf: secrets.csrf), status: status)
        } catch {
            return Self.problem(.internalServerError, "The review cannot be read", Self.describe(error))
        }
    }

    /// Confirms (or corrects) one field of one study in `charting/<reviewer>.jsonl`, with the
    /// validation of `scoping chart`; a field charted meanwhile is not written twice.
    func chart(reviewer: String, verify: Bool = false, fields: [String: String]) -> Response {
        guard DecisionLog.isValidReviewer(reviewer) else {
            return Self.problem(.notFound, "No such page", "Charting pages are /chart/<reviewer>.")
        }
        guard let key = fields["key"], let fieldID = fields["field"] else {
            return Self.problem(.badRequest, "Incomplete form", "The form needs a study and a field.")
        }
        let text = (fields["value"] ?? "").trimmingCharacters(in: .whitespaces)
        let at = fields["at"].flatMap { Int($0) } ?? 1
        return chartingLock.withLock {
            do {
                let (snapshot, queue) = try chartingQueue(reviewer: reviewer, verify: verify)
                let proto = snapshot.loaded.reviewProtocol
                guard queue.contains(where: { $0.key.rawValue == key }),
                    let field = proto.codebook.fields.first(where: { $0.id == fieldID })
                else {
                    let what = verify ? "to verify" : "to chart"
                    return chartingPage(
                        reviewer: reviewer, verify: verify, at: at,
                        message: "\(key) is not an included study \(what): nothing written", isProblem: true)
                }
                let state = snapshot.charting[RecordKey(rawValue: key)].fields[fieldID]
                let done = verify ? (state?.isCharted != true || state?.isVerified == true) : state?.isCharted == true
                if done {
                    return chartingPage(
                        reviewer: reviewer, verify: verify, at: at,
                        message:
                            "\(fieldID) of \(key) was \(verify ? "verified" : "charted") meanwhile: nothing written",
                        isProblem: true)
                }
                let value: FieldValue?
                if text == "-" {
                    value = nil
                } else if text.isEmpty {
                    return chartingPage(
                        reviewer: reviewer, verify: verify, at: at,
                        message: "nothing to confirm: type a value, or - (not reported)",
                        isProblem: true)
                } else {
                    do throws(FieldValueText.Problem) {
                        value = try FieldValueText.parse(text, for: field)
                    } catch {
                        return chartingPage(
                            reviewer: reviewer, verify: verify, at: at, message: "\(error.message); nothing written",
                            isProblem: true)
                    }
                }
                try FileManager.default.createDirectory(at: folder.charting, withIntermediateDirectories: true)
                let writer = try ChartingLogWriter(
                    path: folder.charting.appending(path: reviewer + ".jsonl").path,
                    holder: LockHolder.current(reviewer: reviewer).description,
                    displayName: "charting/\(reviewer).jsonl")
                let entry = ChartingEntry(
                    study: RecordKey(rawValue: key), field: fieldID, value: value,
                    status: verify && value != state?.value ? .corrected : .confirmed, role: verify ? .verify : .chart,
                    reviewer: reviewer, time: Timestamp.string(from: Date()), protocolHash: snapshot.loaded.sha256)
                try writer.append([entry])
                return chartingPage(
                    reviewer: reviewer, verify: verify, at: at,
                    message: "saved: \(fieldID) = \(FieldValueText.typed(value)) for \(key)"
                        + (verify ? (value != state?.value ? " (corrected)" : " (confirmed)") : ""))
            } catch let error as ChartingError {
                if case .locked = error {
                    return chartingPage(
                        reviewer: reviewer, verify: verify, at: at,
                        message: "\(error.localizedDescription); nothing was written", isProblem: true,
                        status: .conflict)
                }
                return chartingPage(
                    reviewer: reviewer, verify: verify, at: at, message: error.localizedDescription, isProblem: true)
            } catch {
                return Self.problem(.internalServerError, "The value was not saved", Self.describe(error))
            }
        }
    }
}
