public import Bibliography

/// Reading whole export files: format detection, decompression, the right reader.
public enum Exports {
    /// What reading a file found.
    public struct Summary: Sendable, Equatable {
        public var format: ExportFormat
        public var records: Int
        public var deletions: Int
        public var warnings: [FormatWarning]
    }

    /// Reads every record of the export at `path`, streaming.
    ///
    /// - Parameters:
    ///   - path: the file; gzip content is decompressed whatever its name, and UTF-16 read as
    ///     UTF-8 (``InputFile``): the same records and lines as the UTF-8 file.
    ///   - name: how messages name the file (a path relative to the review folder); `path` when nil.
    ///   - format: the format to read it as; detected from the content when nil. A forced format
    ///     that yields no record with a title or an identifier, or mostly empty records, is an
    ///     error naming what the file looks like.
    ///   - acceptTruncated: drop a cut-off last record with a warning instead of refusing the file.
    ///   - handler: called with each event in file order.
    /// - Returns: the format used and the counts.
    /// - Throws: ``FormatError``: the file cannot be read, is UTF-32, its format is not recognised (the
    ///   message lists the formats tried), or its content is malformed (with line and column).
    /// - Complexity: O(file size) time; memory bounded by the largest record (by the file for
    ///   Zotero RDF, whose references are resolved at its end).
    @discardableResult
    public static func read(
        path: String,
        name: String? = nil,
        format: ExportFormat? = nil,
        acceptTruncated: Bool = false,
        handler: (ReaderEvent) throws -> Void
    ) throws -> Summary {
        let label = name ?? path
        do {
            return try read(
                path: path, label: label, format: format, acceptTruncated: acceptTruncated, handler: handler)
        } catch var error as FormatError {
            error.file = label
            throw error
        }
    }

    /// ``read(path:name:format:acceptTruncated:handler:)`` with the file read in chunks of
    /// `chunkSize` bytes (tests read in tiny ones), readers' messages naming `label`.
    static func read(
        path: String,
        label: String,
        format: ExportFormat?,
        acceptTruncated: Bool,
        chunkSize: Int = 1 << 16,
        handler: (ReaderEvent) throws -> Void
    ) throws -> Summary {
        let input = try InputFile(path: path, chunkSize: chunkSize)
        let prefix = try input.peek(16 * 1024)
        let forced = format != nil
        guard let format = format ?? FormatDetection.detect(prefix) else {
            if prefix.allSatisfy({
                $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
            }) {
                let warning = FormatWarning(file: label, message: "the file is empty: no records")
                try handler(.warning(warning))
                return Summary(format: .ris, records: 0, deletions: 0, warnings: [warning])
            }
            throw FormatDetection.refusal(file: label, prefix: prefix)
        }
        if format.isXML, case .utf16(_, let bom) = input.encoding, bom || prefix.starts(with: Array("<?xml".utf8)) {
            // libxml2 reads the BOM or the declaration's first bytes and decodes UTF-16 itself.
            input.transcodesUTF16 = false
        }
        var summary = Summary(format: format, records: 0, deletions: 0, warnings: [])
        var usable = 0
        var nonEmpty = 0
        try withoutActuallyEscaping(handler) { handler in
            let counting: (ReaderEvent) throws -> Void = { event in
                var event = event
                if case .record(var r, let line) = event, Exports.isAnonymous(r) {
                    // Nothing to tell it from another record: its place in the file keeps its key apart.
                    r.otherIDs.append(Identifier("position", "\(label):\(line)"))
                    event = .record(r, line: line)
                }
                switch event {
                case .record(let r, _):
                    summary.records += 1
                    if !r.title.isEmpty || r.doi != nil || r.pmid != nil || r.pmcid != nil { usable += 1 }
                    if !r.isEmpty { nonEmpty += 1 }
                case .delete(let pmids): summary.deletions += pmids.count
                case .warning(let w): summary.warnings.append(w)
                }
                try handler(event)
            }
            if format == .pubmedXML {
                // libxml2 on a second thread, the records on this one.
                try PubMedXMLReader.read(input, file: label, handler: counting)
                return
            }
            let reader = makeReader(format, file: label, acceptTruncated: acceptTruncated, handler: counting)
            try input.forEachChunk { chunk in
                try chunk.withUnsafeBufferPointer { try reader.feed($0) }
            }
            try reader.finish()
            if let transcoder = input.transcoder,
                let warning = FormatWarning.unpairedSurrogates(file: label, transcoder)
            {
                try counting(.warning(warning))
            }
        }
        let blank = prefix.allSatisfy {
            $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
        }
        // A forced format that detection agrees with reads as without --format.
        if forced, !blank, summary.deletions == 0, FormatDetection.detect(prefix) != format,
            usable == 0 || nonEmpty * 2 < summary.records
        {
            throw FormatDetection.garbage(
                file: label, prefix: prefix, format: format, records: summary.records, usable: usable)
        }
        if summary.records == 0 && summary.deletions == 0 {
            let warning = FormatWarning(file: label, message: "no records found in this \(format.displayName) export")
            summary.warnings.append(warning)
            try handler(.warning(warning))
        }
        return summary
    }

    /// True for a record with no title, author, year or identifier: its key would be the same as
    /// every other such record's, so it gets an `Identifier("position", "file:line")`.
    static func isAnonymous(_ r: Record) -> Bool {
        r.title.isEmpty && r.authors.isEmpty && r.year == nil && r.doi == nil && r.pmid == nil && r.pmcid == nil
    }

    /// Reads all records of a file into memory (for tests and small files).
    public static func records(path: String, format: ExportFormat? = nil) throws -> [Record] {
        var records: [Record] = []
        try read(path: path, format: format) { event in
            if case .record(let r, _) = event { records.append(r) }
        }
        return records
    }

    /// A reader for `format` that reports to `handler`.
    ///
    /// With `acceptTruncated`, a reader that finds the last record cut off drops it with a
    /// warning instead of throwing (see ``TruncationAware``).
    public static func makeReader(
        _ format: ExportFormat, file: String, acceptTruncated: Bool = false,
        handler: @escaping (ReaderEvent) throws -> Void
    ) -> any ExportReader {
        let reader: any ExportReader =
            switch format {
            case .pubmedXML: PubMedXMLReader(file: file, handler: handler)
            case .endnoteXML: EndNoteXMLReader(file: file, handler: handler)
            case .ris: RISReader(file: file, handler: handler)
            case .medline: MedlineReader(file: file, handler: handler)
            case .csv, .webOfScienceTabDelimited: CSVReader(file: file, handler: handler)
            case .webOfScience: WebOfScienceReader(file: file, handler: handler)
            case .ovid: OvidReader(file: file, handler: handler)
            case .bibtex: BibTeXReader(file: file, handler: handler)
            case .refer: ReferReader(file: file, dialect: .refer, handler: handler)
            case .refWorks: ReferReader(file: file, dialect: .refWorks, handler: handler)
            case .identifiers: IdentifierListReader(file: file, handler: handler)
            case .cslJSON: CSLJSONReader(file: file, handler: handler)
            case .mods: MODSReader(file: file, handler: handler)
            case .zoteroRDF: ZoteroRDFReader(file: file, handler: handler)
            case .clinicalTrialsCSV: CSVReader(file: file, dialect: .clinicalTrials, handler: handler)
            case .clinicalTrialsJSON: ClinicalTrialsJSONReader(file: file, handler: handler)
            case .ictrpXML: ICTRPReader(file: file, handler: handler)
            }
        if acceptTruncated, let aware = reader as? any TruncationAware { aware.acceptTruncated = true }
        return reader
    }
}
