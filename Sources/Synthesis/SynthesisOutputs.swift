public import Protocol

/// Every generated file of `output/`, by file name, from one input: the lead's `scoping
/// report` / `matrix` / `run` write these (and `included.ris` from `Formats`).
public enum SynthesisOutputs {
    /// File name → contents. Byte-identical for the same input and language.
    ///
    /// - Parameters:
    ///   - language: the report and labels' language (default: the protocol's `report_language`).
    ///   - delimiter: for the spreadsheet CSVs (`matrix.csv`, `gap-map.csv`): `,` or `;`.
    public static func render(_ input: SynthesisInput, language: ReportLanguage? = nil, delimiter: Character = ",") -> [String: String] {
        let lang = language ?? input.reviewProtocol.review.reportLanguage
        let counts = PrismaCounts.make(from: input)
        var files: [String: String] = [
            "report.md": Report.markdown(input, language: lang),
            "prisma.svg": PrismaFlow.svg(counts, language: lang),
            "prisma.csv": PrismaFlow.csv(counts),
            "matrix.csv": ResultsMatrix.csv(input, language: lang, delimiter: delimiter),
            "matrix.md": ResultsMatrix.markdown(input, language: lang),
            "screening.csv": SynthesisExports.screeningCSV(input.decisions),
            "asreview.csv": SynthesisExports.asreviewCSV(input.labels),
        ]
        if let map = GapMap.make(from: input) {
            let title = input.reviewProtocol.review.title.text(in: lang)
            files["gap-map.csv"] = map.csv(language: lang, delimiter: delimiter)
            files["gap-map.md"] = map.markdown(language: lang, title: title)
            files["gap-map.svg"] = map.svg(language: lang, title: title)
        }
        return files
    }
}
