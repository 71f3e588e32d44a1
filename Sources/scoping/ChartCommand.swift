import ArgumentParser
import Bibliography
import Charting
import Foundation
import Protocol
import Screening
import Workspace

extension Scoping {
    /// `scoping chart --reviewer NAME [--verify]`: charting at the keyboard, one field per line.
    struct Chart: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chart the included studies (or verify another reviewer's charting), field by field.",
            discussion: """
                For each included study not charted yet (with --verify: charted by someone else \
                and not verified yet) prints the form built from the protocol's codebook, with \
                the tool's suggestions marked, and reads one answer per field, one per line:
                  Enter     confirm the value shown (the suggestion, or with --verify the charted value)
                  a value   text, a number, choice ids or numbers (several: a, b), findings as
                            outcome:direction; … (directions: favourable or +, no_difference or =,
                            unfavourable or -, mixed or ±, ? for not yet known)
                  -         not reported
                  s         skip the rest of this study     q  quit
                Every answer is appended to charting/NAME.jsonl (and synced to disk) at once, so \
                nothing typed is lost; a later run goes on where this one stopped. Answers may \
                come from a pipe.
                """,
            subcommands: [Form.self, ExportSheet.self, ImportSheet.self],
            defaultSubcommand: Form.self
        )
    }
}

extension Scoping.Chart {
    /// `scoping chart [form] --reviewer NAME [--verify]`: the form, one field per line (the default).
    struct Form: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chart (or verify) at the keyboard, one field per line (the default of `scoping chart`)."
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: "Your reviewer id (lower-case letters, digits, '-' or '_'): the log is charting/NAME.jsonl.")
        var reviewer: String

        @Flag(help: "Verify studies charted by another reviewer: confirm or correct each field.")
        var verify = false

        func validate() throws {
            try ChartText.checkReviewer(reviewer)
        }

        func run() throws {
            let context = try ReviewContext.open(options)
            let codebook = context.loaded.reviewProtocol.codebook
            guard !codebook.fields.isEmpty else {
                Console.error("the protocol has no codebook: add `codebook:` to \(ReviewFolder.protocolPath)")
                throw Exit.dataError
            }
            let state = context.snapshot.charting
            let queue = context.snapshot.chartingQueue(reviewer: reviewer, verify: verify)
            if queue.ownCharting > 0 {
                Console.err(
                    "\(DedupText.plural(queue.ownCharting, "study", "studies")) charted by \(reviewer) left for another reviewer to verify"
                )
            }
            guard !queue.studies.isEmpty else {
                Console.err(
                    queue.included == 0
                        ? "no included studies yet: screening decides which studies are charted"
                        : verify ? "nothing to verify" : "every included study is charted")
                return
            }
            let writer: ChartingLogWriter
            do {
                writer = try ChartText.openLog(context.folder, reviewer: reviewer)
            } catch {
                throw report(error)
            }
            let session = ChartSession(
                form: ChartingForm(codebook: codebook), writer: writer, reviewer: reviewer, verify: verify,
                protocolHash: context.loaded.sha256
            )
            let (answered, studies) = try session.run(queue.studies, state: state)
            Console.err(
                "\(DedupText.plural(answered, "field")) of \(DedupText.plural(studies, "study", "studies")) written to charting/\(reviewer).jsonl"
            )
        }
    }
}

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

extension Scoping.Chart {
    /// `scoping chart export --csv|--xlsx`: the charting sheet for a spreadsheet.
    struct ExportSheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the charting sheet (one row per included study) as CSV or as an Excel workbook.",
            discussion: """
                Cells hold the values charted so far, else the tool's suggestions. CSV is UTF-8 \
                with a byte order mark and CRLF line ends, so Excel reads accents right. --xlsx \
                writes a workbook: the same columns and rows on a 'charting' tab (header bold \
                and frozen, drop-down lists for choices and directions), and a 'codebook' tab \
                listing what each column takes. Without --csv or --xlsx, an --output ending in \
                .xlsx gives a workbook. Fill it in and read it back with \
                `scoping chart import FILE --reviewer NAME`.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Flag(help: "CSV (the default).")
        var csv = false

        @Flag(help: "An Excel workbook (.xlsx); needs --output unless stdout is redirected.")
        var xlsx = false

        @Option(
            help: ArgumentHelp("The CSV delimiter: ',' or ';' (for a spreadsheet set to Dutch).", valueName: "char"))
        var delimiter: String?

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
        var output: String?

        /// True when the sheet is written as a workbook.
        var asWorkbook: Bool {
            xlsx || (!csv && output.map { $0.lowercased().hasSuffix(".xlsx") } == true)
        }

        func validate() throws {
            if csv && xlsx { throw ValidationError("--csv and --xlsx exclude each other; pick one") }
            if let delimiter, delimiter != "," && delimiter != ";" {
                throw ValidationError("--delimiter must be ',' or ';'")
            }
            if asWorkbook, delimiter != nil { throw ValidationError("--delimiter is for CSV; a workbook has cells") }
            if asWorkbook, output == nil, isatty(STDOUT_FILENO) != 0 {
                throw ValidationError(
                    "a workbook is binary: write it to a file with --output sheet.xlsx (or redirect stdout)")
            }
        }

        func run() throws {
            let context = try ReviewContext.open(options)
            let sheet = ChartingSheet(codebook: context.loaded.reviewProtocol.codebook)
            let studies = context.snapshot.flow.included.map {
                ChartingSheet.Row(study: $0, state: context.snapshot.charting.studies[$0.key])
            }
            let data: Data
            if asWorkbook {
                do {
                    data = Data(try sheet.exportXLSX(studies))
                } catch {
                    Console.error(error.description)
                    throw Exit.dataError
                }
            } else {
                data = Data(sheet.export(studies, delimiter: Character(delimiter ?? ",")).utf8)
            }
            try Console.emit(
                data, to: output,
                summary:
                    "wrote \(output ?? ""): \(DedupText.plural(studies.count, "study", "studies")), \(sheet.columns.count) columns"
            )
        }
    }

    /// `scoping chart import FILE --reviewer NAME`: reads a filled-in sheet back into the log.
    struct ImportSheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Read a filled-in charting sheet into charting/NAME.jsonl.",
            discussion: """
                The sheet may be CSV or an .xlsx workbook (the 'charting' tab, else the first). \
                Values that differ from what is charted become confirmed entries of NAME. Every \
                bad cell is reported as FILE:ROW:COLUMN (column 1 is A); a row with a problem is \
                not imported (the others are), and the exit status is 1.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Argument(help: "The sheet: an .xlsx workbook (told by its content, not its name) or CSV (',' or ';').")
        var file: String

        @Option(help: "Your reviewer id: the values are logged as yours.")
        var reviewer: String

        func validate() throws {
            try ChartText.checkReviewer(reviewer)
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("cannot read \(file)")
                throw Exit.noInput
            }
            let context = try ReviewContext.open(options)
            let sheet = ChartingSheet(codebook: context.loaded.reviewProtocol.codebook)
            let name = URL(fileURLWithPath: file).lastPathComponent
            let known = Set(context.snapshot.flow.included.map(\.key))
            let imported: SheetImport
            do {
                imported = try sheet.importSheet(Array(data), file: name, knownStudies: known)
            } catch {
                Console.error("\(name): \(error.description); save it again as .xlsx (Excel workbook) or CSV and retry")
                throw Exit.dataError
            }
            for problem in imported.problems { Console.err(problem.description) }
            let entries = imported.entries(
                reviewer: reviewer, time: Timestamp.string(from: Date()), protocolHash: context.loaded.sha256,
                state: context.snapshot.charting
            )
            if !entries.isEmpty {
                do {
                    let writer = try ChartText.openLog(context.folder, reviewer: reviewer)
                    try writer.append(entries)
                } catch {
                    throw report(error)
                }
            }
            Console.err(
                "\(DedupText.plural(entries.count, "value")) of \(DedupText.plural(imported.values.count, "study", "studies")) written to charting/\(reviewer).jsonl"
                    + (imported.problems.isEmpty
                        ? ""
                        : "; \(DedupText.plural(imported.problems.count, "problem")): fix those rows and import again"))
            if !imported.problems.isEmpty { throw Exit.problems }
        }
    }
}
