import Bibliography
import Foundation
import Testing

@testable import Formats

/// PubMed's databank list (XML `DataBankList`, MEDLINE `SI`): the numbers of trial registers
/// become the record's `trial:` identifiers, which dedup matches against registrations; data
/// banks (GenBank, PubChem, Dryad) are left out. Fixtures WRITTEN BY HAND from NLM's DTD and
/// its list of databank sources; the records and numbers are made up.
@Suite("PubMed databank list: trial registration numbers")
struct DataBankTests {
    typealias S = PubMedTestSupport

    /// What both fixtures hold for the trial article, in file order, each number once.
    static let trialIDs = [
        Identifier("trial", "NCT09000001"), Identifier("trial", "NCT09000002"),
        Identifier("trial", "ISRCTN12345678"), Identifier("trial", "EUCTR2010-012345-12"),
        Identifier("trial", "NTR1234"),
    ]

    @Test(
        "a databank name says whether the number is a trial's",
        arguments: [
            ("ClinicalTrials.gov", "NCT01234567", "NCT01234567"),
            ("clinicaltrials.gov", " nct0123 4567.", "NCT01234567"),
            ("EudraCT", "2010-012345-12", "EUCTR2010-012345-12"),
            ("EudraCT", "EUCTR2010-012345-12-NL", "EUCTR2010-012345-12"),
            ("ISRCTN", "ISRCTN46889466", "ISRCTN46889466"), ("ANZCTR", "ACTRN12614000123456", "ACTRN12614000123456"),
            ("GENBANK", "AB123456", nil), ("PubChem-Substance", "46391334", nil), ("Dryad", "10.5061/dryad.x", nil),
            ("", "NCT01234567", nil), ("ClinicalTrials.gov", "  ", nil),
        ] as [(String, String, String?)])
    func databank(name: String, accession: String, id: String?) {
        #expect(TrialRegistration.id(databank: name, accession: accession) == id)
    }

    @Test("PubMed XML: the DataBankList's trial numbers are trial: identifiers", arguments: [1, 7, 1 << 16])
    func pubmedXML(chunk: Int) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: S.fixture("pubmed-databank.xml"))))
        let result = try S.feed(bytes, format: .pubmedXML, chunk: chunk)
        #expect(result.records.count == 2)
        #expect(result.warnings.isEmpty)
        let trial = try #require(result.records.first)
        #expect(trial.pmid == "90000001")
        #expect(trial.otherIDs.filter { $0.scheme == TrialRegistration.scheme } == Self.trialIDs)
        // The data bank's number and the commented article's PMID are not this article's.
        #expect(!"\(trial)".contains("AB123456") && !"\(trial)".contains("90000099"))
        #expect(trial.trial == nil)
        let substances = result.records[1]
        #expect(!substances.otherIDs.contains { $0.scheme == TrialRegistration.scheme })
        #expect(!"\(substances)".contains("46391334"))
    }

    @Test("the two-thread PubMed reader gives the same identifiers")
    func pubmedThreaded() throws {
        let path = S.fixture("pubmed-databank.xml")
        let threaded = try PubMedTapeTests.threaded(path)
        let single = try S.read(path, format: .pubmedXML)
        #expect(threaded.records == single.records)
        #expect(threaded.records.first?.otherIDs.filter { $0.scheme == "trial" } == Self.trialIDs)
    }

    @Test("MEDLINE: SI lines of trial registers are trial: identifiers, others are left out")
    func medline() throws {
        let result = try S.read(S.fixture("medline-databank.nbib"), format: .medline)
        let r = try #require(result.records.first)
        #expect(result.records.count == 1)
        #expect(r.otherIDs.filter { $0.scheme == TrialRegistration.scheme } == Self.trialIDs)
        #expect(!"\(r)".contains("AB123456") && !"\(r)".contains("dryad"))
        // PubMed XML and MEDLINE text of one article give it the same trial numbers.
        let xml = try S.read(S.fixture("pubmed-databank.xml"), format: .pubmedXML).records[0]
        #expect(r.otherIDs.filter { $0.scheme == "trial" } == xml.otherIDs.filter { $0.scheme == "trial" })
    }

    @Test("a paper's databank number meets a registration's number from the register's export")
    func meetsTheRegister() throws {
        let paper = try S.read(S.fixture("pubmed-databank.xml"), format: .pubmedXML).records[0]
        let registrations = try S.read(S.fixture("registry-ctgov.json"), format: .clinicalTrialsJSON).records
        let cited = Set(paper.otherIDs.filter { $0.scheme == TrialRegistration.scheme }.map(\.value))
        #expect(registrations.compactMap(\.registrationID).filter(cited.contains) == ["NCT09000001", "NCT09000002"])
    }

    @Test(
        "in the shared corpus: the PubMed XML and MEDLINE files with ClinicalTrials.gov numbers",
        .enabled(if: S.hasCorpus, "../shared/corpus is not here"))
    func corpus() throws {
        let xml = try S.read(S.corpusFile("pubmed-xml/pp_pubmed-29768149.xml"), format: .pubmedXML).records[0]
        #expect(xml.otherIDs.filter { $0.scheme == "trial" } == [Identifier("trial", "NCT02149199")])
        let zotero = try S.read(S.corpusFile("zotero-tests/PubMed_XML/PubMed_XML_case01.xml"), format: .pubmedXML)
        #expect(!zotero.records.contains { $0.otherIDs.contains { $0.scheme == "trial" } })  // PubChem only
        let nbib = try S.read(S.corpusFile("medline/nbib_pubmed-balloongui-set.nbib"), format: .medline).records
        let trials = nbib.flatMap { $0.otherIDs.filter { $0.scheme == "trial" }.map(\.value) }
        #expect(trials == ["NCT02239640", "NCT01778335"])
        let rispy = try S.read(S.corpusFile("medline/rispy_example_pubmed.txt"), format: .medline).records
        #expect(!rispy.contains { $0.otherIDs.contains { $0.scheme == "trial" } })  // Dryad only
    }
}
