import Bibliography
import Foundation
import Testing

@testable import Formats

/// The MODS reader on a hand-written catalogue export (made up here), fed byte by byte and in
/// larger chunks, and on the MODS files of the shared corpus.
@Suite struct MODSReaderTests {
    static let mods = """
        <?xml version="1.0" encoding="UTF-8"?>
        <modsCollection xmlns="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink">
          <mods version="3.7">
            <titleInfo><nonSort>The </nonSort><title>made-up trial</title><subTitle>group care &amp; more</subTitle></titleInfo>
            <titleInfo type="alternative"><title>Made-up trial (short)</title></titleInfo>
            <name type="personal">
              <namePart type="family">de Vries</namePart><namePart type="given">Anna</namePart>
              <namePart type="given">Maria</namePart>
              <affiliation>Univ Utrecht</affiliation>
              <role><roleTerm type="code" authority="marcrelator">aut</roleTerm></role>
            </name>
            <name type="personal"><namePart>Smith, John</namePart><role><roleTerm type="text">author</roleTerm></role></name>
            <name type="corporate"><namePart>Made-up Study Group</namePart></name>
            <name type="personal"><namePart type="family">Editor</namePart><namePart type="given">Eve</namePart>
              <role><roleTerm type="code">edt</roleTerm></role></name>
            <name type="personal"><namePart type="family">Pix</namePart><role><roleTerm>pht</roleTerm></role></name>
            <genre authority="marcgt">article</genre>
            <originInfo><dateIssued encoding="w3cdtf" keyDate="yes">2020-06-15</dateIssued></originInfo>
            <language><languageTerm type="code" authority="iso639-2b">eng</languageTerm></language>
            <abstract>A made-up abstract.</abstract>
            <subject><topic>Group care</topic><geographic>Netherlands</geographic></subject>
            <subject><topic>Primary care</topic></subject>
            <relatedItem type="host">
              <titleInfo><title>Journal of Made-up Studies</title></titleInfo>
              <titleInfo type="abbreviated"><title>J Made-up Stud</title></titleInfo>
              <originInfo><issuance>continuing</issuance></originInfo>
              <identifier type="issn">1234-5678</identifier>
              <part>
                <detail type="volume"><number>12</number></detail>
                <detail type="issue"><number>3</number></detail>
                <extent unit="pages"><start>101</start><end>109</end></extent>
                <date>2020</date>
              </part>
            </relatedItem>
            <relatedItem type="series"><titleInfo><title>Not the journal</title></titleInfo></relatedItem>
            <identifier type="doi">https://doi.org/10.1000/MADE.UP.1</identifier>
            <identifier type="pmid">99999999</identifier>
            <identifier type="isbn">9780306406157</identifier>
            <location><url>https://example.org/made-up</url></location>
            <note>A note.</note>
          </mods>
          <mods:mods xmlns:mods="http://www.loc.gov/mods/v3">
            <mods:titleInfo><mods:title>A made-up book</mods:title></mods:titleInfo>
            <mods:name><mods:namePart>Jansen, P.</mods:namePart></mods:name>
            <mods:originInfo><mods:publisher>Made-up Press</mods:publisher><mods:dateIssued>c2019</mods:dateIssued></mods:originInfo>
          </mods:mods>
        </modsCollection>

        """

    @Test(arguments: [1, 7, 1 << 16])
    func catalogueExport(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.mods.utf8)) == .mods)
        let (records, _) = try NewReadersTests.read(Self.mods, .mods, chunk: chunk)
        #expect(records.count == 2)
        let r = try #require(records.first)
        #expect(r.type == .journalArticle)
        #expect(r.title == "The made-up trial: group care & more")
        #expect(r.notes.contains("alternative title: Made-up trial (short)"))
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna Maria", "Smith, John", "Made-up Study Group"])
        #expect(r.authors[2].isGroup)
        #expect(r.editors.map(\.family) == ["Editor"])
        #expect(r.notes.contains { $0.hasPrefix("pht: Pix") })
        #expect(r.affiliations == ["Univ Utrecht"])
        #expect(r.date == PublicationDate(year: 2020, month: 6, day: 15))
        #expect(r.journal == "Journal of Made-up Studies")
        #expect(r.journalAbbreviation == "J Made-up Stud")
        #expect(r.volume == "12" && r.issue == "3" && r.pages == "101-109")
        #expect(r.doi == "10.1000/made.up.1")
        #expect(r.pmid == "99999999")
        #expect(r.otherIDs.contains(Identifier("isbn", "9780306406157")))
        #expect(r.otherIDs.contains(Identifier("issn", "1234-5678")))
        #expect(r.abstract.text == "A made-up abstract.")
        #expect(r.keywords == ["Group care", "Netherlands", "Primary care"])
        #expect(r.languages == ["eng"])
        #expect(r.publicationTypes == ["article"])
        #expect(r.urls == ["https://example.org/made-up"])
        #expect(r.notes.contains("A note."))
        let book = records[1]
        #expect(book.type == .book)
        #expect(book.title == "A made-up book")
        #expect(book.authors.map(\.family) == ["Jansen"])
        #expect(book.publisher == "Made-up Press")
        #expect(book.year == 2019)
    }

    @Test func cutAndMalformedFilesAreRefusedWithTheirPlace() throws {
        let bytes = Array(Self.mods.utf8)
        for cut in [100, bytes.count / 2, bytes.count - 30] {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            let error = try #require(throws: FormatError.self) { try NewReadersTests.read(text, .mods, chunk: 64) }
            #expect(error.line != nil && error.column != nil, "\(error)")
        }
        let broken = Self.mods.replacingOccurrences(of: "</abstract>", with: "</abstrct>")
        let error = try #require(throws: FormatError.self) { try NewReadersTests.read(broken, .mods, chunk: 64) }
        #expect(error.line == 20, "\(error)")
        #expect(error.description.contains("MODS"))
        // Another XML root under --format mods: named, not read as empty records.
        #expect(throws: FormatError.self) { try NewReadersTests.read("<records><record/></records>", .mods, chunk: 8) }
    }

    @Test func bareModsRootAndDetection() throws {
        let single = """
            <mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>Only one</title></titleInfo>
            <relatedItem type="host"><titleInfo><title>A Book</title></titleInfo><genre>book</genre></relatedItem></mods>
            """
        #expect(FormatDetection.detect(Array(single.utf8)) == .mods)
        let (records, _) = try NewReadersTests.read(single, .mods, chunk: 5)
        #expect(records.map(\.title) == ["Only one"])
        #expect(records.first?.type == .bookSection)
        #expect(records.first?.journal == "A Book")
        // EndNote XML is not MODS.
        #expect(FormatDetection.detect(Array("<xml><records><record><ref-type/>".utf8)) == .endnoteXML)
    }

    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func corpusFiles() throws {
        let corpus = try #require(sharedCorpus)
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus).filter {
            $0.hasSuffix(".xml") && ($0.contains("/MODS/") || $0.contains("mods") || $0.contains("Mods"))
        }
        #expect(files.count >= 30)
        var total = 0
        for file in files {
            let path = corpus + "/" + file
            let prefix = Array((FileManager.default.contents(atPath: path) ?? Data()).prefix(16 * 1024))
            #expect(FormatDetection.detect(prefix) == .mods, "\(file)")
            let records = try Exports.records(path: path)
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            if text.contains("title>") {  // four JabRef files have no title at all
                #expect(!records.isEmpty && records.allSatisfy { !$0.title.isEmpty }, "\(file)")
            }
            total += records.count
        }
        let collection = try Exports.records(path: corpus + "/jabref/mods/MODSImporterTestModsCollection.xml")
        #expect(collection.count == 3)
        #expect(collection.first?.authors.first?.family == "Mock")
        let congress = try Exports.records(path: corpus + "/mods/jabref_library_of_congress_2010045158_mods.xml")
        #expect(congress.first?.otherIDs.contains { $0.scheme == "isbn" } == true)
        #expect(total >= 36)
    }
}
