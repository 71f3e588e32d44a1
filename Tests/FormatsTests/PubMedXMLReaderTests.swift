import Bibliography
import Foundation
import Testing

@testable import Formats

/// Reading helpers shared by the PubMed XML, MEDLINE and hostile-XML suites.
enum PubMedTestSupport {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    /// The shared corpus beside the package (`<root>/../shared/corpus`), when it is there.
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let hasCorpus = FileManager.default.fileExists(atPath: corpus.appendingPathComponent("pubmed-xml").path)

    static func fixture(_ name: String) -> String {
        testsFolder.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    static func corpusFile(_ relative: String) -> String {
        corpus.appendingPathComponent(relative).path
    }

    struct Result {
        var records: [Record] = []
        var lines: [Int] = []
        var deletions: [[String]] = []
        var warnings: [FormatWarning] = []
    }

    /// Reads a file through the facade (gzip, detection) with the given format.
    static func read(_ path: String, format: ExportFormat) throws -> Result {
        var result = Result()
        try Exports.read(path: path, format: format) { event in
            switch event {
            case .record(let r, let line):
                result.records.append(r)
                result.lines.append(line)
            case .delete(let pmids): result.deletions.append(pmids)
            case .warning(let w): result.warnings.append(w)
            }
        }
        return result
    }

    /// Feeds `bytes` to a fresh reader in chunks of `chunk` bytes.
    static func feed(_ bytes: [UInt8], format: ExportFormat, chunk: Int, file: String = "test.xml") throws -> Result {
        var result = Result()
        let reader = Exports.makeReader(format, file: file) { event in
            switch event {
            case .record(let r, let line):
                result.records.append(r)
                result.lines.append(line)
            case .delete(let pmids): result.deletions.append(pmids)
            case .warning(let w): result.warnings.append(w)
            }
        }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try bytes[offset..<end].withUnsafeBufferPointer { try reader.feed($0) }
            offset = end
        }
        try reader.finish()
        return result
    }

    static func feed(_ text: String, format: ExportFormat, chunk: Int = 1 << 16) throws -> Result {
        try feed(Array(text.utf8), format: format, chunk: chunk)
    }
}

@Suite("PubMed XML reader")
struct PubMedXMLReaderTests {
    typealias S = PubMedTestSupport

    @Test("every quirk of the fixture maps to the record model")
    func quirks() throws {
        let result = try S.read(S.fixture("pubmed-quirks.xml"), format: .pubmedXML)
        #expect(result.records.count == 2)
        #expect(result.deletions == [["44444444", "55555555"]])
        let r = try #require(result.records.first)
        #expect(result.lines.first == 4)
        #expect(r.type == .journalArticle)
        #expect(r.pmid == "11111111")
        // Inline markup and MathML become plain text, no character lost.
        #expect(r.title == "[CO₂ levels in Homo sapiens: a bold study of x² and y + 1.]")
        #expect(r.notes.contains { $0.contains("English translation") })
        #expect(r.originalTitle == "CO2-niveaus bij de mens.")
        #expect(r.journal == "Journal of Quirks & Corner Cases")
        #expect(r.journalAbbreviation == "J Quirks Corner Cases")
        #expect(r.volume == "12" && r.issue == "3" && r.pages == "101-109")
        #expect(r.date == PublicationDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan"))
        #expect(r.doi == "10.1000/quirk.eloc")
        #expect(r.pmcid == "PMC1234567")
        #expect(r.otherIDs.contains(Identifier("issn", "1234-5678")))
        #expect(r.otherIDs.contains(Identifier("pii", "S0000-0000(98)00001-1")))
        // Structured abstract with labels and categories; the main abstract, not OtherAbstract.
        #expect(
            r.abstract.sections == [
                Abstract.Section(label: "BACKGROUND & AIMS", category: "BACKGROUND", text: "Why we did it."),
                Abstract.Section(label: "METHODS", category: "METHODS", text: "How, with p < 0.05 and β-cells."),
            ])
        // Authors: persons and a group; never the investigators.
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna Maria", "Smith, John, Jr", "Dutch Quirk Study Group"])
        #expect(r.authors[0].initials == "AM")
        #expect(r.authors[2].isGroup)
        #expect(r.affiliations == ["Dept A, Utrecht.", "Dept B, Leiden."])
        #expect(r.languages == ["dut", "eng"])
        #expect(r.publicationTypes == ["Journal Article", "Randomized Controlled Trial"])
        #expect(
            r.mesh == [
                MeshHeading(descriptor: "Humans"),
                MeshHeading(
                    descriptor: "Diabetes Mellitus", qualifiers: ["therapy", "epidemiology"], isMajorTopic: true),
                MeshHeading(descriptor: "Carbon Dioxide", isMajorTopic: true),
            ])
        #expect(r.keywords == ["carbon dioxide", "quirks"])
        // Nothing from the ReferenceList or CommentsCorrectionsList leaks in.
        let everything = "\(r)"
        #expect(!everything.contains("not.this.article"))
        #expect(!everything.contains("22222222") && !everything.contains("7654321") && !everything.contains("99999999"))
        #expect(!everything.contains("Investigator"))

        let second = result.records[1]
        #expect(second.doi == "10.1000/only.eloc")
        #expect(second.date == PublicationDate(year: 2019, text: "2019 Winter"))
        #expect(second.pages == "e12-e15")
        #expect(second.journalAbbreviation == "Seas J")
        #expect(second.abstract == Abstract("Plain abstract."))
    }

    @Test("any chunking gives the same records", arguments: [1, 7, 4096])
    func chunking(chunk: Int) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: S.fixture("pubmed-quirks.xml"))))
        let whole = try S.feed(bytes, format: .pubmedXML, chunk: bytes.count)
        let split = try S.feed(bytes, format: .pubmedXML, chunk: chunk)
        #expect(split.records == whole.records)
        #expect(split.deletions == whole.deletions)
    }

    @Test("a book chapter and a whole book")
    func books() throws {
        let result = try S.read(S.fixture("pubmed-book.xml"), format: .pubmedXML)
        #expect(result.records.count == 2)
        let chapter = result.records[0]
        #expect(chapter.type == .bookSection)
        #expect(chapter.pmid == "20301295")
        #expect(chapter.title == "Alpha-Thalassemia")
        #expect(chapter.journal == "GeneReviews®")
        #expect(chapter.publisher == "University of Washington, Seattle")
        #expect(chapter.notes.contains("Publisher location: Seattle (WA)"))
        #expect(chapter.notes.contains("Sections: Summary; Diagnosis"))
        #expect(chapter.editors.map(\.displayName) == ["Adam, Margaret P", "Feldman, Jerry"])
        #expect(chapter.authors.map(\.displayName) == ["Tamary, Hannah"])
        #expect(chapter.affiliations == ["Schneider Children's Medical Center of Israel."])
        #expect(chapter.date == PublicationDate(year: 1993))
        #expect(chapter.publicationTypes == ["Review"])
        #expect(chapter.abstract.sections.map(\.label) == ["CLINICAL CHARACTERISTICS", "DIAGNOSIS/TESTING"])
        #expect(chapter.otherIDs.contains(Identifier("bookaccession", "NBK1116")))

        let book = result.records[1]
        #expect(book.type == .book)
        #expect(book.title == "The NCBI Handbook")
        #expect(book.journal == nil)
        #expect(book.authors.map(\.displayName) == ["McEntyre, Jo"])
        #expect(book.date == PublicationDate(year: 2002, month: 10))
        #expect(book.otherIDs.contains(Identifier("isbn", "0000000000")))
    }

    @Test("malformed XML stops with file, line and column")
    func malformed() throws {
        let path = S.fixture("pubmed-malformed.xml")
        let error = try #require(throws: FormatError.self) { try S.read(path, format: .pubmedXML) }
        #expect(error.line == 6)
        #expect(error.column != nil)
        #expect(error.record == 1)
        #expect(error.description.hasPrefix(path + ":6:"))
        #expect(error.message == "malformed XML: Opening and ending tag mismatch: ArticleTitle line 6 and Article")
    }

    @Test("a file cut short is an error, not a silent partial import")
    func truncated() throws {
        let error = try #require(throws: FormatError.self) {
            try S.read(S.fixture("pubmed-truncated.xml"), format: .pubmedXML)
        }
        #expect(error.message.hasPrefix("malformed XML: "))
        #expect(error.line != nil)
    }

    @Test("another XML root is refused")
    func notPubMed() throws {
        let error = try #require(throws: FormatError.self) {
            try S.feed("<records><record/></records>", format: .pubmedXML)
        }
        #expect(error.message == "not PubMed XML: the root element is <records>")
    }

    @Test("an undeclared entity is kept as written, with a warning")
    func undeclaredEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" "pubmed_250101.dtd">
            <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID>
            <Article><ArticleTitle>Caf&eacute; &amp; bar</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
            """
        let result = try S.feed(xml, format: .pubmedXML)
        #expect(result.records.first?.title == "Caf&eacute; & bar")
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.message.contains("&eacute;") == true)
    }

    @Test("an undeclared entity without a DTD is malformed XML")
    func undeclaredEntityWithoutDTD() throws {
        let xml =
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID><Article><ArticleTitle>Caf&eacute;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
        let error = try #require(throws: FormatError.self) { try S.feed(xml, format: .pubmedXML) }
        #expect(error.message == "malformed XML: Entity 'eacute' not defined")
        #expect(error.line == 1)
    }
}

/// The real exports in `../shared/corpus/pubmed-xml`. Skipped (with this reason) when the
/// shared folder is not beside the package, as in a clone on its own.
@Suite("PubMed XML corpus", .enabled(if: PubMedTestSupport.hasCorpus, "../shared/corpus is not beside the package"))
struct PubMedXMLCorpusTests {
    typealias S = PubMedTestSupport

    @Test("every file reads, with the record counts of the MANIFEST and of the C reader")
    func counts() throws {
        let expected: [String: Int] = [
            "biopython_pubmed1.xml": 2, "biopython_pubmed1_2008dtd.xml": 2, "biopython_pubmed2.xml": 2,
            "biopython_pubmed2_2008dtd.xml": 2, "biopython_pubmed4_title_html_tags.xml": 1, "biopython_pubmed5.xml": 1,
            "biopython_pubmed6_mathml.xml": 1, "biopython_pubmed7_collective.xml": 1, "pp_medline16n0902.xml.gz": 604,
            "pp_pubmed-29768149.xml": 1, "pp_test_current_medline.xml": 4,
        ]
        for (name, count) in expected {
            let result = try S.read(S.corpusFile("pubmed-xml/" + name), format: .pubmedXML)
            #expect(result.records.count == count, "\(name)")
            #expect(result.warnings.isEmpty, "\(name): \(result.warnings)")
        }
    }

    @Test("the 2016 baseline file: MedlineCitationSet, DeleteCitation, MedlineDate, investigators")
    func baseline() throws {
        let result = try S.read(S.corpusFile("pubmed-xml/pp_medline16n0902.xml.gz"), format: .pubmedXML)
        #expect(result.deletions == [["26432306"]])
        // Totals cross-checked with pmsax -f on the same file (abstract_items, mesh_items, keywords_items).
        #expect(result.records.reduce(0) { $0 + $1.abstract.sections.count } == 1396)
        #expect(result.records.reduce(0) { $0 + $1.mesh.count } == 1404)
        #expect(result.records.reduce(0) { $0 + $1.keywords.count } == 2011)
        let byPMID = Dictionary(result.records.map { ($0.pmid ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let first = try #require(result.records.first)
        #expect(first.pmid == "17942999")
        #expect(
            first.title
                == "Neuroplasticity in the processing of pitch dimensions: a multidimensional scaling analysis of the mismatch negativity."
        )
        #expect(first.authors.first?.displayName == "Chandrasekaran, Bharath")
        #expect(byPMID["18621939"]?.date == PublicationDate(year: 2008, month: 7, text: "2008 Jul-Aug"))
        let translated = try #require(byPMID["26407462"])
        #expect(translated.title == "[Vaccines are drugs].")
        #expect(translated.originalTitle == "I vaccini sono farmaci.")
        // 9 authors, the last a group; the 47 investigators are not authors.
        let withInvestigators = try #require(byPMID["25864598"])
        #expect(withInvestigators.authors.count == 9)
        #expect(
            withInvestigators.authors.last
                == Author(group: "Translational Methamphetamine AIDS Research Center (TMARC) Group"))
        // OtherAbstract in French: the main (English) abstract is kept.
        #expect(
            byPMID["26702360"]?.abstract.sections.first?.text.hasPrefix(
                "Achievement of normal volume status is crucial") == true)
    }

    @Test("current files: structured abstracts, Season, ReferenceList, PMC ids, MeSH major topics")
    func current() throws {
        let result = try S.read(S.corpusFile("pubmed-xml/pp_test_current_medline.xml"), format: .pubmedXML)
        let r = result.records[0]
        #expect(r.pmid == "36400559")
        #expect(r.title == "Back Pain: Differential Diagnosis and Management.")
        #expect(r.doi == "10.1016/j.ncl.2022.07.002")
        #expect(r.journalAbbreviation == "Neurol Clin")
        #expect(r.mesh.filter(\.isMajorTopic).map(\.descriptor) == ["Low Back Pain", "Cognitive Behavioral Therapy"])
        #expect(result.records[2].date == PublicationDate(year: 2001, month: 5, text: "2001 May-Jun"))
        #expect(result.records[1].pmcid == "PMC1306303")
        let structured = result.records[3]
        #expect(structured.abstract.sections.map(\.label) == ["OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(structured.doi == "10.1371/journal.pone.0180707")
    }

    @Test("inline markup, MathML and collective names in the Biopython files")
    func biopython() throws {
        let tags = try S.read(S.corpusFile("pubmed-xml/biopython_pubmed4_title_html_tags.xml"), format: .pubmedXML)
            .records[0]
        #expect(
            tags.title
                == "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.")
        #expect(tags.abstract.sections.map(\.label) == ["OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"])
        #expect(tags.doi == "10.1136/gutjnl-2016-312510")
        let math = try S.read(S.corpusFile("pubmed-xml/biopython_pubmed6_mathml.xml"), format: .pubmedXML).records[0]
        #expect(math.title.hasPrefix("A \"Blood Relationship\" Between the Overlooked Minimum Lactate"))
        #expect(math.abstract.text.contains("maximal oxygen uptake ( V\u{307}O₂ₘₐₓ ) 67.6 ± 4.1 ml·kg⁻¹·min⁻¹]"))
        let collective = try S.read(S.corpusFile("pubmed-xml/biopython_pubmed7_collective.xml"), format: .pubmedXML)
            .records[0]
        #expect(collective.authors.count == 9)
        #expect(collective.authors.last == Author(group: "Canadian Respiratory Research Network"))
        #expect(collective.pmcid == "PMC6022861")
        let old = try S.read(S.corpusFile("pubmed-xml/biopython_pubmed2_2008dtd.xml"), format: .pubmedXML).records
        let current = try S.read(S.corpusFile("pubmed-xml/biopython_pubmed2.xml"), format: .pubmedXML).records
        #expect(old.map(\.pmid) == current.map(\.pmid))
        #expect(old.map(\.title) == current.map(\.title))
    }
}
