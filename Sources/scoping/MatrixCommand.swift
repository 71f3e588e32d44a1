import ArgumentParser
import Foundation
import Protocol
import Workspace

extension Scoping {
    /// `scoping matrix`: regenerates the results matrix and the evidence gap map.
    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the results matrix and the evidence gap map to output/.",
            discussion: """
                output/matrix.csv and matrix.md: one row per included study, one column per \
                codebook field (the values that count after verification). output/gap-map.csv, \
                .md and .svg: the protocol's matrix (rows × columns, counts and directions per \
                cell), with the empty cells listed as knowledge gaps; output/gap-map.html: the \
                same map as one interactive page (filters, study lists). Only files whose bytes \
                changed are rewritten. Prints what does not add up in the PRISMA flow.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(
            name: .customLong("lang"), help: "The labels' language: en or nl (default: the protocol's report_language)."
        )
        var language: ReportLanguage?

        @Option(
            help: ArgumentHelp("The CSV delimiter: ',' or ';' (for a spreadsheet set to Dutch).", valueName: "char"))
        var delimiter: String = ","

        func validate() throws {
            if delimiter != "," && delimiter != ";" { throw ValidationError("--delimiter must be ',' or ';'") }
        }

        func run() throws {
            let context = try ReviewContext.open(options, writing: "matrix")
            let written = try context.writeOutputs(language: language, delimiter: Character(delimiter)) {
                $0.hasPrefix("matrix.") || $0.hasPrefix("gap-map.")
            }
            Console.err(ReviewOutputs.summary(written))
            let status = context.snapshot.status
            Console.out(
                "\(status.included) included stud\(status.included == 1 ? "y" : "ies"): \(status.charted) charted, \(status.verified) verified"
            )
            if context.printProblems() { throw Exit.problems }
        }
    }
}
