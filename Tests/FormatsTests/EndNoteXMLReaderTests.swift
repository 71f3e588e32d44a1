import Bibliography
import Foundation
import Testing

@testable import Formats

@Suite struct EndNoteXMLReaderTests {
    static let endNoteStyled = """
        <?xml version="1.0" encoding="UTF-8" ?><xml><records><record><database name="My.enl" path="C:\\My.enl">My.enl</database>\
        <source-app name="EndNote" version="20.0">EndNote</source-app><rec-number>7</rec-number>\
        <ref-type name="Journal Article">17</ref-type><contributors><authors>\
        <author><style face="normal" font="default" size="100%">de Vries, Anna</style></author>\
        <author><style face="normal" font="default" size="100%">Smith, J. A.</style></author></authors>\
        <secondary-authors><author>Editor, E.</author></secondary-authors></contributors>\
        <auth-address><style face="normal" font="default" size="100%">Utrecht University&#xD;Leiden University</style></auth-address>\
        <titles><title><style face="normal" font="default" size="100%">Effect of </style><style face="italic" font="default" size="100%">Lactobacillus</style>\
        <style face="normal" font="default" size="100%"> on asthma</style></title>\
        <secondary-title><style face="normal" font="default" size="100%">Journal of Asthma &amp; Allergy</style></secondary-title>\
        <alt-title>J Asthma Allergy</alt-title><short-title>Effect of Lactobacillus on asthma</short-title></titles>\
        <periodical><full-title>Journal of Asthma &amp; Allergy</full-title><abbr-1>J Asthma Allergy</abbr-1></periodical>\
        <pages>73-6</pages><volume>12</volume><number>3</number>\
        <keywords><keyword>asthma</keyword><keyword><style face="normal">probiotics</style></keyword></keywords>\
        <dates><year>2019</year><pub-dates><date>Jun 14</date></pub-dates></dates>\
        <isbn>1234-5678 (Print)</isbn><accession-num>31234567</accession-num>\
        <electronic-resource-num>10.1000/XYZ.1</electronic-resource-num><abstract>An abstract.</abstract>\
        <notes>A note\nover two lines</notes><work-type>Randomized Controlled Trial</work-type>\
        <remote-database-name>PubMed</remote-database-name><language>eng</language>\
        <urls><related-urls><url>https://example.org/1</url></related-urls><pdf-urls><url>internal-pdf://a.pdf</url></pdf-urls></urls>\
        <custom1>Included</custom1><caption>Duplicate</caption></record></records></xml>
        """

    @Test func readsEndNoteWithStyleRuns() throws {
        for chunk in [1, 13, 4096] {
            let (records, warnings) = try readAll(
                EndNoteXMLReaderTests.endNoteStyled, format: .endnoteXML, chunk: chunk)
            #expect(warnings.isEmpty)
            let r = try #require(records.first)
            #expect(records.count == 1)
            #expect(r.type == .journalArticle)
            #expect(r.title == "Effect of Lactobacillus on asthma")
            #expect(r.authors.map(\.displayName) == ["de Vries, Anna", "Smith, JA"])
            #expect(r.editors.map(\.family) == ["Editor"])
            #expect(r.affiliations == ["Utrecht University", "Leiden University"])
            #expect(r.journal == "Journal of Asthma & Allergy")
            #expect(r.journalAbbreviation == "J Asthma Allergy")
            #expect(r.pages == "73-6")
            #expect(r.volume == "12")
            #expect(r.issue == "3")
            #expect(r.keywords == ["asthma", "probiotics"])
            #expect(r.date == PublicationDate(year: 2019, month: 6, day: 14))
            #expect(r.otherIDs == [Identifier("database", "PubMed"), Identifier("issn", "1234-5678")])
            #expect(r.pmid == "31234567")
            #expect(r.doi == "10.1000/xyz.1")
            #expect(r.abstract.text == "An abstract.")
            #expect(r.publicationTypes == ["Randomized Controlled Trial"])
            #expect(r.languages == ["eng"])
            #expect(r.urls == ["https://example.org/1", "internal-pdf://a.pdf"])
            #expect(r.notes == ["A note\nover two lines", "custom1: Included", "caption: Duplicate"])
        }
    }

    @Test func readsTypesAndPlainFlavours() throws {
        let xml = """
            <?xml version="1.0"?><xml><records>
            <record><ref-type name="Book">1</ref-type><titles><title>A book</title><secondary-title>A series</secondary-title></titles>
              <publisher>Press</publisher><isbn>978-0-88192-911-5</isbn></record>
            <record><ref-type name="Book Section">5</ref-type><titles><title>A chapter</title><secondary-title>The book</secondary-title></titles></record>
            <record><ref-type name="Conference Proceedings">10</ref-type><titles><title>A paper</title></titles></record>
            <record><ref-type name="Thesis">32</ref-type><titles><title>A thesis</title></titles></record>
            <record><ref-type name="Web Page">12</ref-type><titles><title>A page</title></titles></record>
            <record><ref-type name="Generic">13</ref-type><titles><title>Something</title></titles></record>
            </records></xml>
            """
        let records = try readAll(xml, format: .endnoteXML).records
        #expect(records.map(\.type) == [.book, .bookSection, .conferencePaper, .thesis, .webpage, .other])
        #expect(records[0].journal == nil)
        #expect(records[0].notes == ["secondary-title: A series"])
        #expect(records[0].otherIDs == [Identifier("isbn", "9780881929115")])
        #expect(records[1].journal == "The book")
    }

    @Test func malformedXMLGivesLineAndColumn() throws {
        let xml =
            "<?xml version=\"1.0\"?>\n<xml><records>\n<record><titles><title>A</titel></titles></record>\n</records></xml>"
        #expect(throws: FormatError.self) { try readAll(xml, format: .endnoteXML) }
        do {
            _ = try readAll(xml, format: .endnoteXML, file: "lib.xml")
        } catch let error as FormatError {
            #expect(error.file == "lib.xml")
            #expect(error.line == 3)
            #expect(error.column != nil)
            #expect(error.record == 1)
            #expect(error.description.hasPrefix("lib.xml:3:"))
        }
    }

    @Test func refusesEntityDeclarations() throws {
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><records><record><titles><title>&e;</title></titles></record></records></xml>"
        #expect(throws: FormatError.self) { try readAll(xml, format: .endnoteXML) }
    }

    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func readsTheCorpusExports() throws {
        let corpus = try #require(sharedCorpus)
        let dump = ProcessInfo.processInfo.environment["ENDNOTE_DUMP"]
        let expected = [
            "endnote-xml/rathbone_respiratory_endnote17.xml.gz": 1988,
            "endnote-xml/asysd_mendeley_export.xml.gz": 1233,
            "zotero-tests/Endnote_XML/Endnote_XML_case01.xml": 9,
            "zotero-tests/Endnote_XML/Endnote_XML_case02.xml": 1,
            "zotero-tests/Endnote_XML/Endnote_XML_case03.xml": 2,
        ]
        for (file, count) in expected.sorted(by: { $0.key < $1.key }) {
            let records = try Exports.records(path: corpus + "/" + file)
            #expect(records.count == count, "\(file)")
            #expect(records.allSatisfy { !$0.title.isEmpty }, "\(file)")
            if let dump, file.contains(dump) {
                print("== \(file): \(records.count)")
                for r in records.prefix(12) { print(RISCorpusTests.describe(r)) }
            }
        }
        let mendeley = try Exports.records(path: corpus + "/endnote-xml/asysd_mendeley_export.xml.gz")
        #expect(mendeley.first?.pmid == "35319117")
        #expect(mendeley.first?.doi == "10.1111/jvim.16404")
    }
}
