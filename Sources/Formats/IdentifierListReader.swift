import Bibliography

/// Reads a plain list of PMIDs or DOIs, one or more a line (separated by spaces, commas or
/// semicolons), as a team keeps the studies it already knows of.
///
/// Each identifier becomes a record carrying only that identifier and a note saying so, for
/// the team to complete (from PubMed, or by re-importing a full export: dedup joins the two by
/// the identifier). A token that is neither a PMID nor a DOI is an error with its line.
/// A cut in the last identifier cannot be told from a shorter one.
public final class IdentifierListReader: ExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    private var splitter = LineSplitter()

    /// The note every record of a list carries.
    static let note = "identifier only (from a list of PMIDs or DOIs): complete the record from PubMed or a full export"

    /// Creates a reader for the list named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var splitter = self.splitter
        defer { self.splitter = splitter }
        try splitter.feed(bytes) { line, number in try self.line(line, number) }
    }

    public func finish() throws {
        var splitter = self.splitter
        try splitter.finish { line, number in try self.line(line, number) }
        self.splitter = splitter
    }

    private func line(_ raw: String, _ number: Int) throws {
        let tokens = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" || $0 == "\u{FEFF}" }
        )
        for token in tokens {
            var r = Record(type: .other)
            if token.allSatisfy({ $0.isASCII && $0.isNumber }), let pmid = PMID.normalize(String(token)) {
                r.pmid = pmid
            } else if let doi = DOI.normalize(String(token)) {
                r.doi = doi
            } else {
                throw FormatError(
                    file: file, line: number, message: "'\(token)' is neither a PMID nor a DOI",
                    hint: "a list holds one PMID or DOI a line; remove other text")
            }
            r.notes = [IdentifierListReader.note]
            try handler(.record(r, line: number))
        }
    }

    /// True when every non-blank line of `lines` holds only PMIDs or DOIs.
    static func looksLikeList(_ lines: [String]) -> Bool {
        !lines.isEmpty
            && lines.allSatisfy { line in
                line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }).allSatisfy { token in
                    (token.allSatisfy { $0.isASCII && $0.isNumber } && token.count <= 9)
                        || token.lowercased().hasPrefix("10.") || token.lowercased().contains("doi.org/10.")
                        || token.lowercased().hasPrefix("doi:10.")
                }
            }
    }
}
