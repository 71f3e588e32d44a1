import Testing
@testable import Formats

/// Format detection from content, never from the file name.
@Suite struct DetectionTests {
    static func detect(_ text: String) -> ExportFormat? { FormatDetection.detect(Array(text.utf8)) }

    @Test func xmlFlavours() {
        #expect(Self.detect("<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet>") == .pubmedXML)
        #expect(Self.detect("<MedlineCitationSet><MedlineCitation>") == .pubmedXML)
        #expect(
            Self.detect(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><records><record><ref-type name=\"Journal Article\">17</ref-type>"
            ) == .endnoteXML)
        #expect(Self.detect("<?xml version=\"1.0\"?><modsCollection>") == .mods)
        #expect(Self.detect("<?xml version=\"1.0\"?><mods:mods xmlns:mods=\"http://www.loc.gov/mods/v3\">") == .mods)
        #expect(Self.detect("<?xml version=\"1.0\"?><rdf:RDF>") == .zoteroRDF)
        #expect(Self.detect("<RDF xmlns=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">") == .zoteroRDF)
    }

    @Test func risAndMedlineAreToldApart() {
        #expect(Self.detect("\u{FEFF}TY  - JOUR\r\nTI  - A title\r\nER  - \r\n") == .ris)
        #expect(Self.detect("\nPMID- 12345\nOWN - NLM\nTI  - A title\n") == .medline)
        // No PMID: an ERIC record in MEDLINE layout still has MEDLINE's longer tags.
        #expect(Self.detect("\r\nOWN - ERIC\r\nTI  - Findings\r\nOT  - Tests\r\n") == .medline)
        // RIS without TY (a fragment): two-letter tags only.
        #expect(Self.detect("TI  - A title\nAU  - Smith, J\n") == .ris)
        // Ovid's numbered preamble before TY.
        #expect(Self.detect("1.\nTY  - JOUR\nT1  - A title\n") == .ris)
    }

    @Test func tablesAndOtherText() {
        #expect(Self.detect("title,abstract,authors,year,doi\n\"A\",\"B\",\"C\",2020,10.1/x\n") == .csv)
        #expect(Self.detect("Title;Abstract;Year\n") == .csv)
        #expect(Self.detect("record_id\ttitle\tlabel_included\n") == .csv)
        #expect(Self.detect("Just some notes.\nNothing bibliographic here.\n") == nil)
        #expect(Self.detect("@article{key,\n title = {A}\n}\n") == .bibtex)
        #expect(Self.detect("Scopus\nEXPORT DATE: 1 May 2020\n\n@ARTICLE{Li2020,\nauthor={Li, W.},\n}\n") == .bibtex)
        #expect(Self.detect("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI A\nER\n\nEF\n") == .webOfScience)
        #expect(Self.detect("<1. >\nVN  - Ovid Technologies\nDB  - Embase\nTI  - A\n") == .ovid)
        #expect(Self.detect("<1>\nTitle\n  A title\n") == .ovid)
        #expect(Self.detect("Mail me at someone@example.org {soon}.\n") == nil)
    }

    @Test func lookalikesAreNamed() {
        func like(_ s: String) -> String? { FormatDetection.lookalike(Array(s.utf8))?.what }
        #expect(Self.detect("30668574\n30235242\n") == .identifiers)
        #expect(Self.detect("10.1000/a\nhttps://doi.org/10.1000/b\n") == .identifiers)
        #expect(Self.detect("%0 Journal Article\n%A Smith, J\n%T A title\n") == .refer)
        #expect(Self.detect("RT Journal Article\nA1 Smith, J\n") == .refWorks)
        #expect(like("<?xml version=\"1.0\"?>\n<modsCollection xmlns=\"http://www.loc.gov/mods/v3\">") == nil)
        #expect(like("<rdf:RDF xmlns:rdf=\"x\">") == nil)  // read since the Zotero RDF reader
        #expect(Self.detect("[{\"type\": \"article-journal\", \"title\": \"A\"}]") == .cslJSON)
        #expect(like("% Encoding: UTF-8\n") == nil)
    }
}
