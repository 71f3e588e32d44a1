import Bibliography
import Foundation
import Testing

@testable import Formats

@Suite struct CSVReaderTests {
    @Test func readsQuotedFieldsWithNewlinesAndDoubledQuotes() throws {
        let csv =
            "\u{FEFF}Record_ID,Title , abstract,Authors,Year,DOI,Journal,Keywords,URL,PMID,label_included\r\n"
            + "7,\"A \"\"quoted\"\" title, with comma\",\"Line one\r\nline two\",\"Smith, J; de Vries, Anna\",2019,https://doi.org/10.1/X,J Care,\"a; b\",https://x.org,12345678,1\r\n"
            + "8,Second,,A. Author and B. Author,2020,,,,,,0\r\n"
        for chunk in [1, 3, 4096] {
            let (records, warnings) = try readAll(csv, format: .csv, chunk: chunk)
            #expect(warnings.isEmpty)
            #expect(records.count == 2)
            let r = records[0]
            #expect(r.title == "A \"quoted\" title, with comma")
            #expect(r.abstract.text == "Line one line two")
            #expect(r.authors.map(\.displayName) == ["Smith, J", "de Vries, Anna"])
            #expect(r.year == 2019)
            #expect(r.doi == "10.1/x")
            #expect(r.journal == "J Care")
            #expect(r.keywords == ["a", "b"])
            #expect(r.urls == ["https://x.org"])
            #expect(r.pmid == "12345678")
            #expect(r.otherIDs == [Identifier("record_id", "7")])
            #expect(r.notes == ["label_included: 1"])
            #expect(records[1].authors.map(\.displayName) == ["Author, A.", "Author, B."])
        }
    }

    @Test func sniffsSemicolonAndTab() throws {
        let semicolon = "title;abstract;authors\nA;B;\"Smith, J\"\n"
        let tab = "Title\tAbstract\tAuthor\tReference Type\nA\tB\tSmith, J\tBook\n"
        #expect(try readAll(semicolon, format: .csv).records.map(\.title) == ["A"])
        let r = try #require(try readAll(tab, format: .csv).records.first)
        #expect(r.abstract.text == "B")
        #expect(r.type == .book)
    }

    @Test func unterminatedQuoteIsAnErrorWithLineAndColumn() throws {
        let csv = "title,abstract\nA,B\nC,\"never closed\n\n"
        #expect {
            try readAll(csv, format: .csv, file: "x.csv")
        } throws: { error in
            (error as? FormatError)
                == FormatError(
                    file: "x.csv", line: 3, column: 3, record: 2,
                    message: "unterminated quoted field: the quote opened here is never closed",
                    hint: "close the quote, or double quotes inside a quoted field (\"\")")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let csv = "title,abstract\n\"A\"x,B\n"
        #expect {
            try readAll(csv, format: .csv, file: "x.csv")
        } throws: { error in
            (error as? FormatError)?.description
                == "x.csv:2:4: unexpected text after a closing quote (record 1); a quoted field must end at the quote; double quotes inside it (\"\")"
        }
    }

    @Test func embaseSourceAndEmtree() throws {
        let csv =
            "Title,Author Names,Source,Emtree Medical Index Terms (Major Focus)\n"
            + "\"T\",\"Liu R., Adler D.G.\",\"Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 1 Jul 2014\",\"ultrasonography, malformation (diagnosis, surgery)\"\n"
        let r = try #require(try readAll(csv, format: .csv).records.first)
        #expect(r.authors.map(\.displayName) == ["Liu, R", "Adler, DG"])
        #expect(r.journal == "Endoscopic Ultrasound")
        #expect(r.date == PublicationDate(year: 2014, month: 7, day: 1))
        #expect(r.volume == "3")
        #expect(r.issue == "3")
        #expect(r.pages == "152-160")
        #expect(
            r.mesh == [
                MeshHeading(descriptor: "ultrasonography", isMajorTopic: true),
                MeshHeading(descriptor: "malformation", qualifiers: ["diagnosis", "surgery"], isMajorTopic: true),
            ])
    }

    @Test func pythonListsAndRISTagColumns() throws {
        let csv =
            "TY,AU,TI,first_authors,keywords\nBOOK,\"Haddaway, Neal R. and Grainger, M\",EviAtlas,,\"['Pippi', 'Nordwind']\"\n"
        let r = try #require(try readAll(csv, format: .csv).records.first)
        #expect(r.type == .book)
        #expect(r.authors.map(\.family) == ["Haddaway", "Grainger"])
        #expect(r.keywords == ["Pippi", "Nordwind"])
    }

    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func readsTheCorpusTables() throws {
        let corpus = try #require(sharedCorpus)
        let dump = ProcessInfo.processInfo.environment["CSV_DUMP"]
        let expected = [
            "asreview_embase.csv": 6, "asreview_embase_newpage.csv": 6, "asreview_generic.csv": 2,
            "asreview_generic_labels.csv": 6, "asreview_generic_semicolon.csv": 2, "asreview_generic_tab.tsv": 2,
            "asreview_generic_column_names_with_spaces.csv": 2, "asreview_record_id.csv": 10,
            "asysd_endnote_tab_delimited_export.txt": 3, "synthesisr_eviatlas.csv": 1,
        ]
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus + "/csv").sorted() {
            let records = try Exports.records(path: corpus + "/csv/" + name, format: .csv)
            if let count = expected[name] { #expect(records.count == count, "\(name)") }
            if let dump, name.contains(dump) {
                print("== \(name): \(records.count)")
                for r in records.prefix(3) { print(RISCorpusTests.describe(r)) }
            }
        }
    }
}
