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
