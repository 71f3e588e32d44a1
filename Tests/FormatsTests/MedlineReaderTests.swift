import Bibliography
import Foundation
import Testing

@testable import Formats

@Suite("MEDLINE reader")
struct MedlineReaderTests {
    typealias S = PubMedTestSupport

    @Test("every tag of the fixture maps to the record model")
    func quirks() throws {
        let result = try S.read(S.fixture("medline-quirks.nbib"), format: .medline)
        #expect(result.records.count == 2)
        #expect(result.lines == [2, 47])
        let r = result.records[0]
        #expect(r.pmid == "11111111")
        #expect(r.pmcid == "PMC1234567")
        #expect(r.title == "[Carbon dioxide levels in general practice: a study of chronic care in the Netherlands.]")
        #expect(r.notes.contains { $0.contains("English translation") })
        #expect(r.originalTitle == "Kooldioxide in de huisartsenpraktijk.")
        #expect(
            r.abstract.sections == [
                Abstract.Section(label: "BACKGROUND", text: "Chronic care moves to general practice."),
                Abstract.Section(label: "METHODS AND DESIGN", text: "We asked 12 practices (p < 0.05)."),
                Abstract.Section(label: "RESULTS", text: "It worked in the U.S.A.: mostly."),
                Abstract.Section(label: "CONCLUSIONS", text: "More study."),
            ])
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna Maria", "Smith, John", "Dutch Quirk Study Group"])
        #expect(r.authors[0].initials == "AM")
        #expect(r.authors[2].isGroup)
        #expect(r.affiliations == ["Dept A, Utrecht.", "Dept B, Leiden."])
        #expect(r.date == PublicationDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan"))
        #expect(r.journal == "Journal of quirks & corner cases")
        #expect(r.journalAbbreviation == "J Quirks")
        #expect(r.volume == "12" && r.issue == "3" && r.pages == "101-9")
        #expect(r.doi == "10.1000/quirk.lid")
        #expect(
            r.otherIDs == [
                Identifier("issn", "1234-5678"), Identifier("issn", "1234-5679"),
                Identifier("pii", "S0000-0000(98)00001-1"),
            ])
        #expect(r.languages == ["dut", "eng"])
        #expect(r.publicationTypes == ["Journal Article", "Randomized Controlled Trial"])
        #expect(
            r.mesh == [
                MeshHeading(descriptor: "Humans"),
                MeshHeading(descriptor: "Diabetes Mellitus", qualifiers: ["therapy"], isMajorTopic: true),
                MeshHeading(
                    descriptor: "Insulin", qualifiers: ["administration & dosage", "adverse effects"],
                    isMajorTopic: true),
            ])
        #expect(r.keywords == ["carbon dioxide", "quirks"])

        let second = result.records[1]
        #expect(second.abstract == Abstract("Plain text: not a label because it is not upper case."))
        #expect(second.date == PublicationDate(year: 2019, text: "2019 Winter"))
        #expect(second.authors.map(\.shortName) == ["Jansen P"])
    }

    @Test("any chunking and CRLF line ends give the same records", arguments: [1, 5, 1024])
    func chunking(chunk: Int) throws {
        let text = try String(contentsOfFile: S.fixture("medline-quirks.nbib"), encoding: .utf8)
        let whole = try S.feed(text, format: .medline)
        let crlf = try S.feed(
            Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), format: .medline, chunk: chunk)
        #expect(crlf.records == whole.records)
    }

    @Test("Windows-1252 bytes are decoded with a warning")
    func windows1252() throws {
        let bytes = Array("PMID- 1\nTI  - Caf".utf8) + [0xE9] + Array(" au lait\n".utf8)
        let result = try S.feed(bytes, format: .medline, chunk: 3)
        #expect(result.records.first?.title == "Café au lait")
        #expect(result.warnings.map(\.line) == [2])
    }

    @Test("records without blank lines between them are still split")
    func noBlankLines() throws {
        let result = try S.feed("PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\n", format: .medline)
        #expect(result.records.map(\.title) == ["One", "Two"])
    }
}

@Suite("MEDLINE corpus", .enabled(if: PubMedTestSupport.hasCorpus, "../shared/corpus is not beside the package"))
struct MedlineCorpusTests {
    typealias S = PubMedTestSupport

    @Test("every file reads with as many records as PMID lines")
    func counts() throws {
        let expected: [String: Int] = [
            "biopython_pubmed_result1.txt": 1, "biopython_pubmed_result2.txt": 4, "biopython_pubmed_result3.txt": 1,
            "nbib_pmc_medlars.txt": 5, "nbib_pubmed-balloongui-set.nbib": 75, "nbib_single.nbib": 1,
            "revtools_restoration_pubmed.nbib": 104, "rispy_example_pubmed.txt": 10, "synthesisr_pubmed_example.txt": 3,
            "synthesisr_res_synth_methods.txt": 2,
        ]
        for (name, count) in expected {
            let result = try S.read(S.corpusFile("medline/" + name), format: .medline)
            #expect(result.records.count == count, "\(name)")
            #expect(result.records.allSatisfy { $0.pmid != nil && !$0.title.isEmpty }, "\(name)")
            #expect(result.warnings.isEmpty, "\(name): \(result.warnings)")
        }
    }

    @Test("old-style tags, structured abstract, continued MeSH lines")
    func biopython() throws {
        let r = try S.read(S.corpusFile("medline/biopython_pubmed_result3.txt"), format: .medline).records[0]
        #expect(r.pmid == "23039619")
        #expect(r.title == "Effects of different parameters in the fast scanning method for HIFU treatment.")
        #expect(r.abstract.sections.map(\.label) == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(r.doi == "10.1118/1.4748329")
        #expect(r.date == PublicationDate(year: 2012, month: 10))
        #expect(
            r.mesh.contains(
                MeshHeading(
                    descriptor: "High-Intensity Focused Ultrasound Ablation",
                    qualifiers: ["adverse effects", "instrumentation", "methods"], isMajorTopic: true)))
        #expect(r.authors.map(\.displayName) == ["Qiao, Shan", "Shen, Guofeng", "Bai, Jingfeng", "Chen, Yazhu"])
        let old = try S.read(S.corpusFile("medline/biopython_pubmed_result1.txt"), format: .medline).records[0]
        #expect(old.pmid == "12230038")
        #expect(old.title == "The Bio* toolkits--a brief overview.")
        #expect(old.journalAbbreviation == "Brief Bioinform")
        #expect(old.date == PublicationDate(year: 2002, month: 9))
    }

    @Test("the PMC MEDLARS file: PMC before PMID, empty AB with OAB")
    func medlars() throws {
        let records = try S.read(S.corpusFile("medline/nbib_pmc_medlars.txt"), format: .medline).records
        let r = records[0]
        #expect(r.pmcid == "PMC6055010")
        #expect(r.pmid == "30042925")
        #expect(
            r.title
                == "A method package for electrophysiological evaluation of reconstructed or regenerated facial nerves in rodents."
        )
        #expect(r.abstract.isEmpty)
        #expect(r.doi == "10.1016/j.mex.2018.03.007")
        #expect(r.authors.count == 6)
        #expect(
            r.affiliations.first
                == "Department of Physiology I (Neurophysiology), Tokyo Women’s Medical University, Tokyo, Japan")
    }

    @Test("a real .nbib export with CRLF line ends")
    func nbib() throws {
        let r = try S.read(S.corpusFile("medline/nbib_single.nbib"), format: .medline).records[0]
        #expect(r.pmid == "28754806")
        #expect(r.doi == "10.1136/neurintsurg-2017-013179")
        #expect(r.abstract.sections.first?.label == "BACKGROUND AND PURPOSE")
        #expect(r.mesh.filter(\.isMajorTopic).map(\.descriptor).contains("Brain Ischemia"))
        #expect(r.keywords == ["mechanical thrombectomy", "stroke"])
    }
}
