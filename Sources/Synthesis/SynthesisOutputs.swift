public import Protocol

/// Every generated file of `output/`, by file name, from one input: the lead's `scoping
/// report` / `matrix` / `run` write these (and `included.ris` from `Formats`).
///
/// The protocol's `report_language` owns the plain names (`report.md`, `prisma.svg`, …). A
/// report in another language is a second set beside it, with the language in the names of the
/// files whose text depends on it (`report.en.md`, `prisma.en.svg`, `matrix.en.csv`, …), which
/// its report links to; the language-neutral files (`prisma.csv`, `screening.csv`,
/// `asreview.csv`, `included.ris`) exist once.
public enum SynthesisOutputs {
    /// The files whose text depends on the language, by their plain names.
    public static let languageDependent: Set<String> = [
        "report.md", "prisma.svg", "matrix.csv", "matrix.md", "gap-map.csv", "gap-map.md", "gap-map.svg",
        "report.html", "gap-map.html",
    ]

    /// `name` in the set of `language` (`prisma.svg` → `prisma.en.svg`); the plain name for nil
    /// or a language-neutral file.
    public static func fileName(_ name: String, language: ReportLanguage?) -> String {
        guard let language, languageDependent.contains(name), let dot = name.lastIndex(of: ".") else { return name }
        return name[..<dot] + "." + language.rawValue + name[dot...]
    }

    /// File name → contents. Byte-identical for the same input and language.
    ///
    /// - Parameters:
    ///   - language: the report and labels' language (default: the protocol's `report_language`).
    ///     Another language than the protocol's gives only the language-dependent files, under
    ///     their names with the language (``fileName(_:language:)``).
    ///   - delimiter: for the spreadsheet CSVs (`matrix.csv`, `gap-map.csv`): `,` or `;`.
    public static func render(_ input: SynthesisInput, language: ReportLanguage? = nil, delimiter: Character = ",")
        -> [String: String]
    {
        let primary = input.reviewProtocol.review.reportLanguage
        let lang = language ?? primary
        let tag: ReportLanguage? = lang == primary ? nil : lang
        let counts = PrismaCounts.make(from: input)
        var files: [String: String] = [
            "report.md": Report.markdown(input, language: lang, fileLanguage: tag),
            "report.html": ReportPage.html(input, language: lang, fileLanguage: tag),
            "prisma.svg": PrismaFlow.svg(counts, language: lang),
            "matrix.csv": ResultsMatrix.csv(input, language: lang, delimiter: delimiter),
            "matrix.md": ResultsMatrix.markdown(input, language: lang),
        ]
        if tag == nil {
            files["prisma.csv"] = PrismaFlow.csv(counts)
            files["screening.csv"] = SynthesisExports.screeningCSV(input.decisions)
            files["asreview.csv"] = SynthesisExports.asreviewCSV(input.labels)
        }
        if let map = GapMap.make(from: input) {
            let title = input.reviewProtocol.review.title.text(in: lang)
            files["gap-map.csv"] = map.csv(language: lang, delimiter: delimiter)
            files["gap-map.md"] = map.markdown(language: lang, title: title)
            files["gap-map.svg"] = map.svg(language: lang, title: title)
            files["gap-map.html"] = GapMapPage.html(input, language: lang, fileLanguage: tag)
        }
        guard let tag else { return files }
        return Dictionary(uniqueKeysWithValues: files.map { (fileName($0.key, language: tag), $0.value) })
    }
}
