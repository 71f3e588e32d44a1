import ArgumentParser
import Bibliography
import Foundation
import Formats
import Workspace

extension Scoping {
    /// `scoping export --format ris|csv`: writes records out.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the records out as RIS or CSV (a re-import gives the same records).",
            discussion: """
                Writes every study (one record per study: after dedup, the canonical record), or \
                every record read with --all-records, to stdout or to --output.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case ris, csv
        }

        @OptionGroup var options: ReviewOptions

        @Option(help: "The format to write: ris or csv.")
        var format: Format

        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
        var output: String?

        @Flag(help: "Write every record as read from every export, duplicates included.")
        var allRecords = false

        func run() throws {
            let records: [Record]
            do {
                let index = try options.folder().openIndex()
                if allRecords {
                    var all: [Record] = []
                    try index.forEachRecord { all.append($0.record) }
                    records = all
                } else {
                    records = try index.studies().map(\.record)
                }
            } catch {
                throw report(error)
            }
            let text = format == .ris ? RISWriter.write(records) : CSVWriter.write(records)
            try Console.emit(
                Data(text.utf8), to: output,
                summary: "wrote \(DedupText.plural(records.count, "record")) to \(output ?? "")")
        }
    }
}
