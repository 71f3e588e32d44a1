/// Detection of an export's format from its first bytes (never from the file name).
public enum FormatDetection {
    /// The format the content looks like, or nil when it matches none.
    ///
    /// Looks at the first few kilobytes (decompressed): XML root elements for PubMed XML,
    /// EndNote XML, MODS and Zotero RDF, tag lines for RIS (`TY  - `) and MEDLINE (`PMID- `), a
    /// header row with bibliographic column names for CSV/TSV (a row of Web of Science field tags
    /// for its tab-delimited export).
    public static func detect(_ prefix: [UInt8]) -> ExportFormat? {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Latin-1 decoding never fails and keeps ASCII markers intact.
        let text = String(bytes.map { Character(Unicode.Scalar($0)) })
        let trimmed = text.drop(while: { $0.isWhitespace })
        let firstLine = trimmed.prefix(while: { !$0.isNewline }).trimmingCharacters(in: " \t")
        if OvidReader.isRecordStart(firstLine) { return .ovid }
        if firstLine.hasPrefix("FN ") || (firstLine.hasPrefix("PT ") && text.contains("\nER")) { return .webOfScience }
        if firstLine.contains("\t"),
            CSVFlavour.isWebOfScienceHeader(firstLine.split(separator: "\t").map(String.init))
        {
            return .webOfScienceTabDelimited
        }
        if firstLine.hasPrefix("RT ") || firstLine.lowercased().hasPrefix("refworks export tagged format") {
            return .refWorks
        }
        if isReferTag(firstLine) {
            let tagged = text.split(whereSeparator: \.isNewline).prefix(200).map { $0.trimmingCharacters(in: " \t") }
                .filter { !$0.isEmpty }
            if tagged.filter({ isReferTag($0) }).count * 2 >= tagged.count { return .refer }
        }
        if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
            // ClinicalTrials.gov API v2: a page of studies or one study, its modules by name.
            let head = trimmed.prefix(4096)
            if head.contains("\"protocolSection\""), head.contains("\"studies\"") || head.contains("Module\"") {
                return .clinicalTrialsJSON
            }
            // CSL-JSON: items with a CSL "type" and a title or authors.
            let lower = trimmed.prefix(4096).lowercased()
            if lower.contains("\"type\""), lower.contains("\"title\"") || lower.contains("\"author\"") {
                return .cslJSON
            }
            return nil
        }
        if trimmed.hasPrefix("<") {
            if text.contains("<PubmedArticleSet") || text.contains("<MedlineCitationSet")
                || text.contains("<PubmedArticle")
                || text.contains("<PubmedBookArticle") || text.contains("<DeleteCitation")
                || text.contains("<MedlineCitation")
            {
                return .pubmedXML
            }
            if isMODS(text) { return .mods }
            if isRDF(text) { return .zoteroRDF }
            if text.contains("<Trials_downloaded_from_ICTRP") { return .ictrpXML }
            if text.contains("<records") || text.contains("<record>") || text.contains("<ref-type") {
                return .endnoteXML
            }
            return nil
        }
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).prefix(200)
        // RIS tags are two characters, two spaces and a dash (`TI  - `); MEDLINE shares those
        // but also has three- and four-letter tags (`OWN - `, `PMID- `, `FAU - `), which RIS never has.
        var shortTags = 0
        var longTags = 0
        var sawTY = false
        for line in lines {
            let l = Array(line.utf8.prefix(6))
            guard l.count >= 5 else { continue }
            if isTagChar(l[0]), isTagChar(l[1]), l[2] == 0x20, l[3] == 0x20, l[4] == 0x2D, l.count == 5 || l[5] == 0x20
            {
                shortTags += 1
                if l[0] == 0x54, l[1] == 0x59 { sawTY = true }
            } else if isUpper(l[0]), isUpper(l[1]), isUpper(l[2]), isUpper(l[3]) || l[3] == 0x20, l[4] == 0x2D {
                longTags += 1
            } else if line.hasPrefix("TY - ") {
                sawTY = true
            }
        }
        if sawTY { return .ris }
        if longTags >= 1 && shortTags + longTags >= 2 { return .medline }
        if shortTags >= 2 { return .ris }
        if lines.contains(where: { isBibTeXEntryStart($0) }) || lines.first?.hasPrefix("% Encoding:") == true {
            return .bibtex
        }
        if let header = lines.first, isClinicalTrialsHeader(String(header)) { return .clinicalTrialsCSV }
        if let header = lines.first, looksLikeTableHeader(String(header)) { return .csv }
        let nonBlank = lines.map { $0.trimmingCharacters(in: " \t\u{FEFF}") }.filter { !$0.isEmpty }
        if IdentifierListReader.looksLikeList(nonBlank) { return .identifiers }
        return nil
    }

    /// An RDF/XML root: `<rdf:RDF`, or `<RDF` in the RDF namespace (Zotero RDF and the
    /// bibliographic RDF of other tools).
    static func isRDF(_ text: String) -> Bool {
        text.contains("<rdf:RDF")
            || (text.contains("<RDF") && text.contains("http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
    }

    /// A MODS root (`<modsCollection`, `<mods `, `<mods:mods`) with the MODS namespace, or a
    /// bare `<mods>` / `<modsCollection>` root.
    static func isMODS(_ text: String) -> Bool {
        let roots = ["<modsCollection", "<mods:modsCollection", "<mods ", "<mods>", "<mods:mods ", "<mods:mods>"]
        guard roots.contains(where: { text.contains($0) }) else { return false }
        return text.contains("http://www.loc.gov/mods/") || text.contains("<modsCollection>")
            || text.contains("<mods>")
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

    /// `%A Smith`, `%0 Journal Article`, `%0`: a Refer (EndNote tagged) line.
    static func isReferTag(_ line: String) -> Bool {
        let u = Array(line.utf8.prefix(3))
        return u.count >= 2 && u[0] == 0x25 && u[1] > 0x20 && (u.count == 2 || u[2] == 0x20)
    }

    /// `@article{`, `@ARTICLE {`, `@book(`: a BibTeX entry (or `@string`, `@comment`) starts.
    static func isBibTeXEntryStart(_ line: Substring) -> Bool {
        let t = line.drop(while: { $0 == " " || $0 == "\t" })
        guard t.first == "@" else { return false }
        let name = t.dropFirst().prefix(while: { $0.isLetter })
        guard !name.isEmpty else { return false }
        let rest = t.dropFirst(1 + name.count).drop(while: { $0 == " " || $0 == "\t" })
        return rest.first == "{" || rest.first == "("
    }

    private static func isTagChar(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// The header row of a ClinicalTrials.gov CSV download (an `NCT Number` column).
    static func isClinicalTrialsHeader(_ line: String) -> Bool {
        let cells = line.lowercased().split(whereSeparator: { $0 == "," || $0 == "\t" }).map {
            $0.trimmingCharacters(in: " \"'\u{FEFF}")
        }
        return cells.contains("nct number")
    }

    /// A header row naming bibliographic columns, separated by comma, semicolon or tab.
    static func looksLikeTableHeader(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.contains(",") || lower.contains(";") || lower.contains("\t") else { return false }
        let cells = lower.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" }).map {
            $0.trimmingCharacters(in: " \"'")
        }
        let known: Set<String> = [
            "title", "titles", "article title", "abstract", "abstracts", "authors", "author", "author names", "year",
            "publication year", "doi", "journal", "pmid", "primary_title", "keywords", "source title", "url",
            "label_included", "record_id", "included", "ti",
        ]
        return cells.filter { known.contains($0) }.count >= 1
            && cells.contains { $0.contains("title") || $0 == "abstract" || $0 == "doi" || $0 == "pmid" || $0 == "ti" }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
