import Bibliography
import Foundation
import Testing

@testable import Formats

/// The Zotero RDF reader on a hand-written library export (made up here, in the layout Zotero's
/// "Zotero RDF" export writes), fed byte by byte and in larger chunks; on schema.org RDF; and
/// on the RDF files of the shared corpus.
@Suite struct ZoteroRDFReaderTests {
    /// `Fixtures/zotero-library.rdf` (hand-written): the first article's journal comes after it
    /// (by `rdf:resource`); the second article's journal before it (by `rdf:nodeID`); the
    /// chapter's book is nested. An attachment, two notes and a collection are not records.
    static let rdf: String = {
        let path = fixturesFolder + "/zotero-library.rdf"
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    @Test(arguments: [1, 7, 1 << 16])
    func zoteroExport(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.rdf.utf8)) == .zoteroRDF)
        let (records, warnings) = try NewReadersTests.read(Self.rdf, .zoteroRDF, chunk: chunk)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(
            records.map(\.title) == [
                "A made-up trial of group care & more", "Second made-up article", "A made-up book",
                "A made-up chapter", "A made-up report",
            ])
        let r = try #require(records.first)
        #expect(r.type == .journalArticle)
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna Maria", "Made-up Care Network"])
        #expect(r.authors[1].isGroup)
        #expect(r.journal == "Journal of Made-up Studies")
        #expect(r.journalAbbreviation == "J Made-up Stud")
        #expect(r.volume == "12" && r.issue == "3" && r.pages == "101-109")
        #expect(r.date == PublicationDate(year: 2020, month: 6, day: 15))
        #expect(r.doi == "10.1000/made.up.1")
        #expect(r.pmid == "99999999")
        #expect(r.pmcid == "PMC1234567")
        #expect(r.otherIDs == [Identifier("issn", "1234-5678")])
        #expect(r.abstract.text == "A made-up abstract.")
        #expect(r.keywords == ["Group care", "Primary care"])
        #expect(r.languages == ["eng"])
        #expect(r.urls == ["https://example.org/made-up/1"])
        #expect(r.notes == ["PMID: 99999999\nPMCID: PMC1234567", "Checked by AV."])

        let second = records[1]
        #expect(second.journal == "Made-up Quarterly" && second.volume == "4")
        #expect(second.authors.map(\.displayName) == ["Jansen, Piet"])
        #expect(second.date == PublicationDate(year: 2019, month: 3))

        let book = records[2]
        #expect(book.type == .book)
        #expect(book.journal == nil)
        #expect(book.publisher == "Made-up Press")
        #expect(book.editors.map(\.family) == ["Editor"])
        #expect(book.authors.isEmpty)
        #expect(book.otherIDs == [Identifier("isbn", "9780306406157")])
        #expect(book.notes == ["series: Made-up Series", "edition: 2"])

        let chapter = records[3]
        #expect(chapter.type == .bookSection)
        #expect(chapter.journal == "Made-up Handbook")
        #expect(chapter.pages == "5-9" && chapter.year == 2018)

        let report = records[4]
        #expect(report.type == .report)
        #expect(report.issue == nil)
        #expect(report.notes == ["number: MU-18-001"])
        #expect(report.publicationTypes == ["Technical report"])
    }

    /// Bibliographic RDF from other tools (schema.org here): the item's issue and journal two
    /// `isPartOf` steps away, a DOI in `sameAs`, the description as the abstract, people by reference.
    @Test func schemaOrgRDF() throws {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:schema="http://schema.org/">
              <schema:ScholarlyArticle rdf:nodeID="a1">
                <schema:name>A made-up review</schema:name>
                <schema:isPartOf rdf:resource="#issue"/>
                <schema:pageStart>7</schema:pageStart>
                <schema:pageEnd>19</schema:pageEnd>
                <schema:author rdf:resource="https://example.org/person/1"/>
                <schema:author>Smith, John</schema:author>
                <schema:about>Made-up topic</schema:about>
                <schema:sameAs rdf:resource="https://doi.org/10.1000/made.up.9"/>
                <schema:description>What the review found.</schema:description>
              </schema:ScholarlyArticle>
              <schema:Person rdf:about="https://example.org/person/1">
                <schema:givenName>Lotte</schema:givenName><schema:familyName>Visser</schema:familyName>
              </schema:Person>
              <schema:PublicationIssue rdf:about="#issue">
                <schema:isPartOf>
                  <schema:Periodical><schema:name>Made-up Reviews</schema:name>
                    <schema:volumeNumber>8</schema:volumeNumber><schema:issn>1234-5678</schema:issn></schema:Periodical>
                </schema:isPartOf>
                <schema:issueNumber>2</schema:issueNumber>
                <schema:datePublished>2017</schema:datePublished>
              </schema:PublicationIssue>
            </rdf:RDF>
            """
        #expect(FormatDetection.detect(Array(text.utf8)) == .zoteroRDF)
        let (records, _) = try NewReadersTests.read(text, .zoteroRDF, chunk: 13)
        #expect(records.count == 1)
        let r = try #require(records.first)
        #expect(r.type == .journalArticle)
        #expect(r.title == "A made-up review")
        #expect(r.authors.map(\.displayName) == ["Visser, Lotte", "Smith, John"])
        #expect(r.journal == "Made-up Reviews")
        #expect(r.volume == "8" && r.issue == "2" && r.pages == "7-19" && r.year == 2017)
        #expect(r.doi == "10.1000/made.up.9")
        #expect(r.otherIDs == [Identifier("issn", "1234-5678")])
        #expect(r.abstract.text == "What the review found.")
        #expect(r.keywords == ["Made-up topic"])
    }

    @Test func cutAndMalformedFilesAreRefusedWithTheirPlace() throws {
        let bytes = Array(Self.rdf.utf8)
        for cut in [100, bytes.count / 2, bytes.count - 12] {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            let error = try #require(throws: FormatError.self) {
                try NewReadersTests.read(text, .zoteroRDF, chunk: 64)
            }
            #expect(error.line != nil && error.column != nil, "\(error)")
            #expect(error.description.contains("Zotero RDF"), "\(error)")
            // --accept-truncated cannot take records from a graph that never closed.
            #expect(throws: FormatError.self) {
                try NewReadersTests.read(text, .zoteroRDF, chunk: 64, acceptTruncated: true)
            }
        }
        let broken = Self.rdf.replacingOccurrences(of: "</dcterms:abstract>", with: "</dcterms:abstrct>")
        let line = try #require(Self.rdf.range(of: "</dcterms:abstract>")).lowerBound
        let error = try #require(throws: FormatError.self) { try NewReadersTests.read(broken, .zoteroRDF, chunk: 64) }
        #expect(error.line == Self.rdf[..<line].filter(\.isNewline).count + 1, "\(error)")
        // Another XML root under --format zotero-rdf: named, not read as nothing.
        let other = try #require(throws: FormatError.self) {
            try NewReadersTests.read("<records><record/></records>", .zoteroRDF, chunk: 8)
        }
        #expect(other.message == "not RDF/XML: the root element is <records>")
    }

    /// RDF/XML's other spellings: `rdf:type` as a property, `rdf:parseType="Literal"` (markup in
    /// the title) and `rdf:parseType="Resource"` (the journal's properties right in the property).
    @Test func parseTypesAndTypedDescriptions() throws {
        let text = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
              xmlns:dcterms="http://purl.org/dc/terms/" xmlns:prism="http://prismstandard.org/namespaces/1.2/basic/">
              <rdf:Description rdf:about="#p">
                <rdf:type rdf:resource="http://purl.org/net/biblio#Article"/>
                <dc:title rdf:parseType="Literal">A <i xmlns="http://www.w3.org/1999/xhtml">made-up</i> title</dc:title>
                <dcterms:isPartOf rdf:parseType="Resource">
                  <rdf:type rdf:resource="http://purl.org/net/biblio#Journal"/>
                  <dc:title>Made-up Letters</dc:title><prism:volume>2</prism:volume>
                </dcterms:isPartOf>
              </rdf:Description>
            </rdf:RDF>
            """
        let (records, _) = try NewReadersTests.read(text, .zoteroRDF, chunk: 3)
        #expect(records.count == 1)
        let r = try #require(records.first)
        #expect(r.title == "A made-up title")
        #expect(r.type == .journalArticle)
        #expect(r.journal == "Made-up Letters" && r.volume == "2")
    }

    @Test func referencesThatLoopOrLeadNowhereEndQuietly() throws {
        let text = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
              xmlns:dcterms="http://purl.org/dc/terms/" xmlns:bib="http://purl.org/net/biblio#">
              <bib:Article rdf:about="#a"><dc:title>Loop</dc:title><dcterms:isPartOf rdf:resource="#j"/>
                <bib:authors rdf:resource="#nowhere"/></bib:Article>
              <bib:Journal rdf:about="#j"><dcterms:isPartOf rdf:resource="#k"/></bib:Journal>
              <bib:Journal rdf:about="#k"><dc:title>K</dc:title><dcterms:isPartOf rdf:resource="#j"/></bib:Journal>
              <bib:Article rdf:about="#b"><dcterms:isPartOf rdf:resource="#b"/><dc:title>Self</dc:title></bib:Article>
            </rdf:RDF>
            """
        let (records, _) = try NewReadersTests.read(text, .zoteroRDF, chunk: 1 << 16)
        #expect(records.map(\.title) == ["Loop"])  // #b points to itself: a part of something
        #expect(records.first?.journal == "K")
        #expect(records.first?.authors.isEmpty == true)
    }

    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func corpusFiles() throws {
        let corpus = try #require(sharedCorpus)
        let folder = corpus + "/zotero-tests/RDF"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".rdf") }.sorted()
        #expect(files.count == 5)
        for file in files {
            let path = folder + "/" + file
            let prefix = Array((FileManager.default.contents(atPath: path) ?? Data()).prefix(16 * 1024))
            #expect(FormatDetection.detect(prefix) == .zoteroRDF, "\(file)")
            let records = try Exports.records(path: path)
            // Zotero's translator tests expect one item from each file.
            #expect(records.count == 1, "\(file)")
            #expect(records.allSatisfy { !$0.title.isEmpty }, "\(file)")
        }
    }
}
