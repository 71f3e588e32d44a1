import ArgumentParser
import Bibliography
import Charting
import Foundation
import Protocol
import Screening
import Workspace

/// One charting (or verification) session over a queue of studies.
struct ChartSession {
    var form: ChartingForm
    var writer: ChartingLogWriter
    var reviewer: String
    var verify: Bool
    var protocolHash: String

    enum Answer {
        case value(FieldValue?)
        case confirm
        case skipField
        case skipStudy
        case quit
    }

    /// Runs the session; returns the fields written and the studies touched.
    func run(_ queue: [Study], state: ChartingState) throws -> (Int, Int) {
        var answered = 0
        var touched = 0
        session: for (n, study) in queue.enumerated() {
            let current = state.studies[study.key]
            let rows = form.rows(for: study.record, state: current).filter { row in
                verify ? (row.state?.isCharted == true && row.state?.isVerified != true) : row.state?.isCharted != true
            }
            Console.out(ChartText.header(study, number: n + 1, of: queue.count, verify: verify))
            var wrote = false
            for row in rows {
                Console.out(ChartText.describe(row, verify: verify))
                let answer = ask(row)
                let entry: ChartingEntry
                switch answer {
                case .quit: break session
                case .skipStudy: continue session
                case .skipField: continue
                case .confirm:
                    let value = verify ? row.current : row.prefill?.value
                    entry = makeEntry(study.key, row.field, value, status: .confirmed)
                case .value(let value):
                    let changed = verify && value != row.current
                    entry = makeEntry(study.key, row.field, value, status: changed ? .corrected : .confirmed)
                }
                do {
                    try writer.append([entry])
                } catch {
                    throw report(error)
                }
                answered += 1
                if !wrote {
                    touched += 1
                    wrote = true
                }
            }
        }
        return (answered, touched)
    }

    func makeEntry(_ key: RecordKey, _ field: CodebookField, _ value: FieldValue?, status: ValueStatus) -> ChartingEntry
    {
        ChartingEntry(
            study: key, field: field.id, value: value, status: status, role: verify ? .verify : .chart,
            reviewer: reviewer, time: Timestamp.string(from: Date()), protocolHash: protocolHash
        )
    }

    /// Asks until the answer is usable; end of input is `quit`.
    func ask(_ row: FormRow) -> Answer {
        while true {
            Console.out("> ", terminator: "")
            guard let line = readLine() else {
                Console.out("")
                return .quit
            }
            if isatty(STDIN_FILENO) == 0 { Console.out(line) }
            let text = line.trimmingCharacters(in: .whitespaces)
            switch text {
            case "q", "quit": return .quit
            case "s", "skip": return .skipStudy
            case "-": return .value(nil)
            case "?", "help":
                Console.err(ChartText.help)
                continue
            case "":
                let hasValue = verify ? row.state?.isCharted == true : row.prefill != nil
                if hasValue { return .confirm }
                if !row.field.required { return .skipField }
                Console.err("nothing to confirm: type a value, - (not reported), s (skip the study) or q (quit)")
                continue
            default:
                do {
                    return .value(try FieldValueText.parse(text, for: row.field))
                } catch {
                    Console.err("\(row.field.id): \(error.message); ? shows what to type")
                }
            }
        }
    }
}

/// Texts for `scoping chart`.
enum ChartText {
    static let help = """
        Enter: confirm the value shown · a value: replace it · -: not reported · s: skip the study · q: quit
        choices: ids or numbers, several separated by commas · findings: outcome:direction; outcome:direction
        directions: favourable (+), no_difference (=), unfavourable (-), mixed (±), ? (not known yet)
        """

    static func checkReviewer(_ reviewer: String) throws {
        guard DecisionLog.isValidReviewer(reviewer) else {
            throw ValidationError(
                "'\(reviewer)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'")
        }
    }

    static func openLog(_ folder: ReviewFolder, reviewer: String) throws -> ChartingLogWriter {
        try FileManager.default.createDirectory(at: folder.charting, withIntermediateDirectories: true)
        let path = folder.charting.appending(path: reviewer + ".jsonl").path
        let writer = try ChartingLogWriter(
            path: path, holder: LockHolder.current(reviewer: reviewer).description,
            displayName: "charting/\(reviewer).jsonl")
        if let warning = writer.openWarning { Console.err(warning) }
        return writer
    }

    static func header(_ study: Study, number: Int, of total: Int, verify: Bool) -> String {
        let r = study.record
        let author = r.authors.first?.family ?? "–"
        return String(repeating: "─", count: 60) + "\n"
            + "\(verify ? "verify" : "chart") study \(number) of \(total): \(study.key)\n"
            + "\(author) \(r.year.map(String.init) ?? "") · \(r.title)"
    }

    static func describe(_ row: FormRow, verify: Bool) -> String {
        let f = row.field
        var lines = ["\(f.id) — \(f.label.en)" + (f.required ? " (required)" : "") + " [\(f.type.rawValue)]"]
        if f.type.hasChoices {
            let list = f.choices.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(separator: "  ")
            lines.append("  choices: " + list)
        }
        if verify {
            lines.append(
                "  charted: " + FieldValueText.typed(row.current)
                    + (row.state?.charted.map { " (by \($0.reviewer))" } ?? ""))
        } else if let s = row.suggestion {
            lines.append(
                "  suggested: " + FieldValueText.typed(s.value)
                    + (s.evidence.isEmpty ? "" : "   [from " + s.evidence.joined(separator: "; ") + "]"))
        } else {
            lines.append("  no suggestion" + (f.required ? "" : " (Enter leaves it empty)"))
        }
        return lines.joined(separator: "\n")
    }
}
