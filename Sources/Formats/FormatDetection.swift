/// Detection of an export's format from its first bytes (never from the file name).
public enum FormatDetection {
    /// The format the content looks like, or nil when it matches none.
    ///
    /// Looks at the first few kilobytes (decompressed): XML root elements for PubMed and
    /// EndNote XML, tag lines for RIS (`TY  - `) and MEDLINE (`PMID- `), a header row with
    /// bibliographic column names for CSV/TSV.
    public static func detect(_ prefix: [UInt8]) -> ExportFormat? {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // Latin-1 decoding never fails and keeps ASCII markers intact.
        let text = String(bytes.map { Character(Unicode.Scalar($0)) })
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.hasPrefix("<") {
            if text.contains("<PubmedArticleSet") || text.contains("<MedlineCitationSet") || text.contains("<PubmedArticle")
                || text.contains("<PubmedBookArticle") || text.contains("<DeleteCitation") || text.contains("<MedlineCitation")
            {
                return .pubmedXML
            }
            if text.contains("<records") || text.contains("<record>") || text.contains("<ref-type") {
                return .endnoteXML
            }
            return nil
        }
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }).prefix(200)
        var risTags = 0
        var medlineTags = 0
        var sawTY = false
        var sawPMID = false
        for line in lines {
            let l = Array(line.utf8.prefix(6))
            if l.count >= 6, isTagChar(l[0]), isTagChar(l[1]), l[2] == 0x20, l[3] == 0x20, l[4] == 0x2D, l[5] == 0x20 || l.count == 5 {
                risTags += 1
                if l[0] == 0x54, l[1] == 0x59 { sawTY = true }
            } else if l.count >= 5, l[4] == 0x2D || (l.count >= 6 && l[5] == 0x2D), line.hasPrefix("PMID") || line.hasPrefix("FAU ") || line.hasPrefix("OWN ") || line.hasPrefix("STAT") || line.hasPrefix("TI  -") || line.hasPrefix("AU  -") {
                medlineTags += 1
            }
            if line.hasPrefix("PMID-") || line.hasPrefix("PMID -") || line.hasPrefix("FAU -") { sawPMID = true }
            if line.hasPrefix("TY  -") || line.hasPrefix("TY - ") { sawTY = true }
        }
        if sawTY { return .ris }
        if sawPMID { return .medline }
        if risTags >= 2 { return .ris }
        if medlineTags >= 2 { return .medline }
        if let header = lines.first, looksLikeTableHeader(String(header)) { return .csv }
        return nil
    }

    private static func isTagChar(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// A header row naming bibliographic columns, separated by comma, semicolon or tab.
    static func looksLikeTableHeader(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.contains(",") || lower.contains(";") || lower.contains("\t") else { return false }
        let cells = lower.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" }).map {
            $0.trimmingCharacters(in: " \"'")
        }
        let known: Set<String> = ["title", "titles", "article title", "abstract", "abstracts", "authors", "author", "author names", "year", "publication year", "doi", "journal", "pmid", "primary_title", "keywords", "source title", "url", "label_included", "record_id", "included", "ti"]
        return cells.filter { known.contains($0) }.count >= 1 && cells.contains { $0.contains("title") || $0 == "abstract" || $0 == "doi" || $0 == "pmid" || $0 == "ti" }
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
