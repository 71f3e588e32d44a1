import Bibliography
import Protocol
import Foundation

/// Decisions as CSV (RFC 4180), for reviewers who screened elsewhere (a spreadsheet, Rayyan).
///
/// Header: `time,reviewer,stage,key,decision,reason,note,order`. Reconciliations are written
/// with the stage `reconcile:title-abstract` or `reconcile:full-text` (plain `reconcile` reads
/// as `reconcile:title-abstract`). `order` (ranked, random, file, check or empty: the order the record
/// was shown in, ``DecisionEntry/order``) may be left out of an import, so files made for the
/// earlier seven columns still read. The protocol hash is not in the CSV: an import takes the
/// current one.
public enum DecisionCSV {
    /// The required columns, in order.
    public static let columns = ["time", "reviewer", "stage", "key", "decision", "reason", "note"]
    /// Columns an import may leave out; an export writes them after the required ones.
    public static let optionalColumns = ["order"]

    /// `entries` as CSV text: the header, then one row per entry, CRLF line ends.
    public static func export(_ entries: [DecisionEntry]) -> String {
        var out = (columns + optionalColumns).joined(separator: ",") + "\r\n"
        for e in entries {
            let stage =
                e.stage == .reconcile ? "reconcile:" + (e.reconciles ?? .titleAbstract).logName : e.stage.rawValue
            let fields = [
                e.time, e.reviewer, stage, e.key.rawValue, e.decision.rawValue, e.reason ?? "", e.note ?? "",
                e.order?.rawValue ?? "",
            ]
            out += fields.map { CSVText.quote($0) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Reads and validates a CSV of decisions for `reviewer`'s log.
    ///
    /// Every row is checked; all problems are reported together, one per cell, and nothing is
    /// returned when there is any. Columns may come in any order; every column of ``columns``
    /// is required, those of ``optionalColumns`` may be absent, others are errors.
    ///
    /// - Parameters:
    ///   - knownReasons: criterion ids accepted as reasons (nil: any).
    ///   - protocolHash: the hash given to every imported entry.
    /// - Throws: ``ScreeningError/csvImport(file:issues:)``.
    public static func parse(
        _ text: String, file: String, reviewer: String, protocolHash: String, knownReasons: Set<String>? = nil
    ) throws(ScreeningError) -> [DecisionEntry] {
        let rows: [CSVText.Row]
        do throws(CSVIssue) {
            rows = try tokenize(text)
        } catch {
            throw .csvImport(file: file, issues: [error])
        }
        guard let header = rows.first else {
            throw .csvImport(
                file: file,
                issues: [
                    CSVIssue(
                        line: 1, column: 0, columnName: "",
                        message: "the file is empty; expected the header \(columns.joined(separator: ","))")
                ])
        }
        var issues: [CSVIssue] = []
        var index: [String: Int] = [:]
        let known = columns + optionalColumns
        for (i, name) in header.fields.enumerated() {
            let n = name.trimmingCharacters(in: .whitespaces).lowercased()
            if known.contains(n) {
                index[n] = i
            } else {
                issues.append(
                    CSVIssue(
                        line: header.line, column: i + 1, columnName: name,
                        message: "unknown column; expected \(known.joined(separator: ","))"))
            }
        }
        for c in columns where index[c] == nil {
            issues.append(
                CSVIssue(line: header.line, column: 0, columnName: c, message: "the column '\(c)' is missing"))
        }
        guard issues.isEmpty else { throw .csvImport(file: file, issues: issues) }
        var entries: [DecisionEntry] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            func cell(_ name: String) -> String {
                guard let i = index[name], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespaces)
            }
            func problem(_ name: String, _ message: String) {
                issues.append(
                    CSVIssue(line: row.line, column: (index[name] ?? -1) + 1, columnName: name, message: message))
            }
            if row.fields.count != header.fields.count {
                issues.append(
                    CSVIssue(
                        line: row.line, column: 0, columnName: "",
                        message: "\(row.fields.count) fields; the header has \(header.fields.count)"))
                continue
            }
            let time = cell("time")
            if !Timestamp.isValid(time) {
                problem("time", "'\(time)' is not an ISO 8601 UTC time such as 2026-05-01T10:22:03Z")
            }
            let who = cell("reviewer")
            if who != reviewer { problem("reviewer", "'\(who)' in an import into the log of '\(reviewer)'") }
            let stageText = cell("stage")
            var stage: DecisionStage?
            var reconciles: ScreeningStage?
            if stageText.hasPrefix("reconcile") {
                let rest = stageText.dropFirst("reconcile".count)
                if rest.isEmpty {
                    (stage, reconciles) = (.reconcile, .titleAbstract)
                } else if rest.hasPrefix(":"), let s = DecisionStage(rawValue: String(rest.dropFirst()))?.screeningStage
                {
                    (stage, reconciles) = (.reconcile, s)
                }
            } else {
                stage = DecisionStage(rawValue: stageText)
            }
            if stage == nil {
                problem(
                    "stage",
                    "'\(stageText)' is not a stage; expected title-abstract, full-text, reconcile:title-abstract or reconcile:full-text"
                )
            }
            let keyText = cell("key")
            let prefixes = ["pmid:", "doi:", "hash:"]
            if !prefixes.contains(where: { keyText.hasPrefix($0) && keyText.count > $0.count }) {
                problem("key", "'\(keyText)' is not a record key (pmid:…, doi:… or hash:…)")
            }
            let decisionText = cell("decision")
            let decision = Decision(rawValue: decisionText)
            if decision == nil {
                problem(
                    "decision",
                    "'\(decisionText)' is not a decision; expected include, exclude, maybe, not-retrieved or retract")
            }
            let reason = cell("reason")
            if !reason.isEmpty, let known = knownReasons, !known.contains(reason) {
                problem("reason", "'\(reason)' is not a criterion of the protocol")
            }
            let note = row.fields[index["note"] ?? 0]
            let orderText = cell("order")
            let order = QueueOrder(rawValue: orderText)
            if !orderText.isEmpty, order == nil {
                problem(
                    "order", "'\(orderText)' is not a screening order; expected ranked, random, file, check or nothing")
            }
            guard let stage, let decision, issues.isEmpty else { continue }
            entries.append(
                DecisionEntry(
                    time: time, reviewer: who, stage: stage, reconciles: reconciles, key: RecordKey(rawValue: keyText),
                    decision: decision, reason: reason.isEmpty ? nil : reason, note: note.isEmpty ? nil : note,
                    order: order, protocolHash: protocolHash))
        }
        guard issues.isEmpty else { throw .csvImport(file: file, issues: issues) }
        return entries
    }

    /// The rows of `text` (a BOM skipped; blank lines kept: a blank first line is a header
    /// to report, later ones the callers skip), read strictly: text after a closing quote is
    /// an error, so a value cannot slide into the next column unnoticed.
    ///
    /// - Throws: ``CSVIssue`` for a quote never closed (the line where it opened) or text
    ///   after a closing quote (its line and column).
    static func tokenize(_ text: String) throws(CSVIssue) -> [CSVText.Row] {
        do throws(CSVText.ParseError) {
            return try CSVText.rows(text, strictness: .strict)
        } catch {
            let column = error.kind == .unterminatedQuote ? 0 : error.column
            throw CSVIssue(line: error.line, column: column, columnName: "", message: error.message)
        }
    }
}

extension CSVIssue: Error {}
