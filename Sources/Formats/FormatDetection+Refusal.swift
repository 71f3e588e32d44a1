/// What a file looks like when scoping does not read it, or when a forced format reads garbage
/// from it: the refusals name the file's kind and what to do.
extension FormatDetection {
    /// A kind of file recognised from its first bytes, with the advice for it.
    public struct Lookalike: Equatable, Sendable {
        /// "a MODS XML file", "a list of PMIDs" …
        public var what: String
        /// What to do: the export to make instead.
        public var advice: String
    }

    /// What the content looks like, for files in a format scoping does not read (Inspec, HTML, PDF, zip), or nil.
    public static func lookalike(_ prefix: [UInt8]) -> Lookalike? {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: Array("%PDF".utf8)) {
            return Lookalike(
                what: "a PDF document",
                advice: "export the search results from the database as RIS or MEDLINE, not as PDF")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return Lookalike(
                what: "a zip archive (a Word or Excel file?)",
                advice: "save a spreadsheet as CSV (UTF-8), or export RIS from the database")
        }
        let text = String(bytes.prefix(16 * 1024).map { Character(Unicode.Scalar($0)) })
        let trimmed = text.drop(while: { $0.isWhitespace })
        let lower = trimmed.prefix(4096).lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") {
            return Lookalike(
                what: "a web page (HTML), perhaps a login or error page saved instead of the export",
                advice: "open the file in a browser to see what it is, then export again from the database")
        }
        let lines = trimmed.split(whereSeparator: \.isNewline).prefix(200).map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
        guard let first = lines.first else { return nil }
        if first.hasPrefix("Record") && lower.contains("inspec") {
            return Lookalike(what: "an Inspec text export", advice: "export RIS from the database instead")
        }
        return nil
    }

    /// How a message names a file of a format scoping reads: "a Web of Science plain-text export".
    public static func looksLike(_ format: ExportFormat) -> String {
        switch format {
        case .pubmedXML: "a PubMed XML export"
        case .endnoteXML: "an EndNote XML export"
        case .ris: "a RIS export"
        case .medline: "a MEDLINE text (.nbib) export"
        case .csv: "a CSV/TSV table"
        case .webOfScience: "a Web of Science plain-text export"
        case .webOfScienceTabDelimited: "a Web of Science tab-delimited export"
        case .ovid: "an Ovid export"
        case .bibtex: "a BibTeX file"
        case .refer: "an EndNote tagged (Refer, .enw) export"
        case .refWorks: "a RefWorks tagged export"
        case .identifiers: "a list of PMIDs or DOIs"
        case .cslJSON: "a CSL-JSON file"
        case .mods: "a MODS XML file (library catalogue records)"
        case .zoteroRDF: "a Zotero RDF export (RDF/XML)"
        case .clinicalTrialsCSV: "a ClinicalTrials.gov CSV download"
        case .clinicalTrialsJSON: "a ClinicalTrials.gov API v2 JSON file"
        case .ictrpXML: "a WHO ICTRP XML export"
        }
    }

    /// The error for a file whose format is not recognised: what it looks like and what to do.
    static func refusal(file: String, prefix: [UInt8]) -> FormatError {
        let tried = "tried \(ExportFormat.allCases.map(\.displayName).joined(separator: ", "))"
        if let like = lookalike(prefix) {
            return FormatError(
                file: file, message: "this looks like \(like.what), which scoping does not read (\(tried))",
                hint: like.advice)
        }
        return FormatError(
            file: file,
            message: "not a bibliographic export that scoping reads (\(tried))",
            hint:
                "export as RIS, PubMed XML, EndNote XML, MEDLINE (.nbib), Web of Science plain text, Ovid, BibTeX, EndNote tagged, RefWorks, CSL-JSON, MODS, Zotero RDF, CSV, or a trial register export (ClinicalTrials.gov CSV or JSON, WHO ICTRP XML)"
        )
    }

    /// The error when a format forced with `--format` reads no usable record from the file.
    static func garbage(file: String, prefix: [UInt8], format: ExportFormat, records: Int, usable: Int) -> FormatError {
        let found =
            records == 0
            ? "no record"
            : "\(records) record\(records == 1 ? "" : "s"), \(usable == 0 ? "none" : "only \(usable)") with a title or an identifier"
        var message = "read as \(format.displayName) (--format \(format.rawValue)), this file gives \(found)"
        var hint = "check the file, or name its real format with --format"
        if let detected = detect(prefix), detected != format {
            message += "; it looks like \(looksLike(detected))"
            hint = "drop --format: scoping detects the file and reads it as \(detected.displayName)"
        } else if let like = lookalike(prefix) {
            message += "; it looks like \(like.what)"
            hint = like.advice
        }
        return FormatError(file: file, message: message, hint: hint)
    }
}
