import Bibliography
import Foundation
import Testing

@testable import Formats

/// Hostile XML is refused or bounded: never a hang, a crash, a fetch or a read outside the file.
@Suite("Hostile XML")
struct HostileXMLTests {
    typealias S = PubMedTestSupport

    static func article(title: String) -> String {
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>\(title)</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    }

    @Test("an external entity is never resolved")
    func externalEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE PubmedArticleSet [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
            \(Self.article(title: "Leak: &x;"))
            """
        var titles: [String] = []
        let error = try #require(throws: FormatError.self) {
            let result = try S.feed(xml, format: .pubmedXML)
            titles = result.records.map(\.title)
        }
        #expect(titles.isEmpty)
        #expect(error.line == 2)
        #expect(error.message.contains("declares an entity (<!ENTITY x"))
        #expect(!error.description.contains("root:"))
    }

    @Test("a parameter entity pointing outside is never loaded")
    func externalParameterEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE PubmedArticleSet [ <!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext; ]>
            \(Self.article(title: "T"))
            """
        let error = try #require(throws: FormatError.self) { try S.feed(xml, format: .pubmedXML) }
        #expect(error.message.contains("entity"))
    }

    @Test("a DTD on the network is never fetched", .timeLimit(.minutes(1)))
    func networkDTD() throws {
        // An unroutable address: a fetch would hang or fail; reading must do neither.
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE PubmedArticleSet SYSTEM "http://10.255.255.1/pubmed.dtd">
            \(Self.article(title: "Offline"))
            """
        let clock = ContinuousClock()
        let start = clock.now
        let result = try S.feed(xml, format: .pubmedXML)
        #expect(result.records.map(\.title) == ["Offline"])
        #expect(clock.now - start < .seconds(2))
    }

    @Test("a billion-laughs expansion bomb ends at once with an error", .timeLimit(.minutes(1)))
    func billionLaughs() throws {
        var decl = "<!ENTITY lol0 \"lol\">"
        for i in 1...9 {
            decl += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\(decl)]>\n" + Self.article(title: "&lol9;")
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: FormatError.self) { try S.feed(xml, format: .pubmedXML) }
        #expect(clock.now - start < .seconds(2))
        #expect(error.message.contains("declares an entity (<!ENTITY lol0"))
    }

    @Test("a 20 MB title is cut at 1 MB with a warning", .timeLimit(.minutes(1)))
    func giantTextNode() throws {
        var bytes = Array(
            "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
        bytes += Array("</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>".utf8)
        let result = try S.feed(bytes, format: .pubmedXML, chunk: 1 << 16)
        #expect(result.records.count == 1)
        #expect(result.records[0].title.utf8.count == PubMedXMLReader.fieldLimit)
        #expect(result.warnings.contains { $0.message.contains("<ArticleTitle> element is longer than 1 MB") })
    }

    @Test("deep nesting neither crashes nor yields records", .timeLimit(.minutes(1)))
    func deepNesting() throws {
        // libxml2 2.9's push parser does not apply its 256-level limit; the reader's element
        // stack is one byte per level, so memory stays bounded by the input.
        let xml =
            "<PubmedArticleSet>" + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
            + "</PubmedArticleSet>"
        do {
            let result = try S.feed(xml, format: .pubmedXML)
            #expect(result.records.isEmpty)
        } catch let error as FormatError {
            #expect(error.message.hasPrefix("malformed XML: "))
        }
    }

    @Test("a giant attribute value and a giant element name stay bounded")
    func giantNames() throws {
        let name = String(repeating: "N", count: 200_000)
        let xml = "<PubmedArticleSet><\(name)/></PubmedArticleSet>"
        let error = try #require(throws: FormatError.self) { try S.feed(xml, format: .pubmedXML) }
        #expect(error.message.hasPrefix("malformed XML: "))
    }
}
