import Bibliography
import Foundation
import Testing

@testable import Formats

/// Reads `text` with a fresh reader of `format`, fed in chunks of `chunk` bytes.
func readAll(_ text: String, format: ExportFormat, chunk: Int = 7, file: String = "test") throws -> (
    records: [Record], warnings: [FormatWarning]
) {
    try readAll(bytes: Array(text.utf8), format: format, chunk: chunk, file: file)
}

func readAll(bytes: [UInt8], format: ExportFormat, chunk: Int = 7, file: String = "test") throws -> (
    records: [Record], warnings: [FormatWarning]
) {
    var records: [Record] = []
    var warnings: [FormatWarning] = []
    let reader = Exports.makeReader(format, file: file) { event in
        switch event {
        case .record(let r, _): records.append(r)
        case .warning(let w): warnings.append(w)
        case .delete: break
        }
    }
    var i = 0
    while i < bytes.count {
        let end = min(i + chunk, bytes.count)
        try bytes[i..<end].withUnsafeBufferPointer { try reader.feed($0) }
        i = end
    }
    try reader.finish()
    return (records, warnings)
}

/// The shared corpus (`<package root>/../shared/corpus`), nil when it is not there.
let sharedCorpus: String? = {
    let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    return FileManager.default.fileExists(atPath: corpus + "/MANIFEST.tsv") ? corpus : nil
}()

/// This test target's fixtures folder.
let fixturesFolder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

@Suite struct RISReaderTests {
    @Test func readsABasicRecord() throws {
        let text = """
            TY  - JOUR
            TI  - Chronic care in <i>general</i> practice
            AU  - de Vries, Anna
            AU  - Smith JA
            PY  - 2019/05/14/
            T2  - Journal of Primary Care
            J2  - J Prim Care
            VL  - 12
            IS  - 3
            SP  - 73
            EP  - 76
            DO  - https://doi.org/10.1000/ABC.123
            AB  - Background text.
            KW  - diabetes
            KW  - primary care
            SN  - 1234-567X (Print)
            LA  - eng
            AD  - University of Utrecht
            UR  - https://example.org/a
            N1  - First line
            ER  - 

            """
        let (records, warnings) = try readAll(text, format: .ris)
        #expect(warnings.isEmpty)
        #expect(records.count == 1)
        let r = try #require(records.first)
        #expect(r.type == .journalArticle)
        #expect(r.title == "Chronic care in general practice")
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna", "Smith, JA"])
        #expect(r.date == PublicationDate(year: 2019, month: 5, day: 14))
        #expect(r.journal == "Journal of Primary Care")
        #expect(r.journalAbbreviation == "J Prim Care")
        #expect(r.volume == "12")
        #expect(r.issue == "3")
        #expect(r.pages == "73-76")
        #expect(r.doi == "10.1000/abc.123")
        #expect(r.abstract.text == "Background text.")
        #expect(r.keywords == ["diabetes", "primary care"])
        #expect(r.otherIDs == [Identifier("issn", "1234-567X")])
        #expect(r.languages == ["eng"])
        #expect(r.affiliations == ["University of Utrecht"])
        #expect(r.urls == ["https://example.org/a"])
        #expect(r.notes == ["First line"])
    }

    @Test func lineEndingsBOMAndChunkingDoNotMatter() throws {
        let body = "TY  - JOUR\nTI  - A title\nAU  - Smith, J\nER  - \n\nTY  - BOOK\nTI  - Second\nER  -\n"
        let expected = try readAll(body, format: .ris).records
        #expect(expected.count == 2)
        for variant in [
            body.replacingOccurrences(of: "\n", with: "\r\n"), body.replacingOccurrences(of: "\n", with: "\r"),
            "\u{FEFF}" + body, "\n\n\n" + body,
        ] {
            for chunk in [1, 2, 3, 5, 64, 4096] {
                #expect(try readAll(variant, format: .ris, chunk: chunk).records == expected)
            }
        }
        #expect(expected[1].type == .book)
    }

    @Test func continuationLinesAndFreeText() throws {
        let text = """
            TY  - JOUR
            TI  - A title that
              wraps onto a second line
            KW  - Health Facility Administration
            Joint Commission
            Standards
            N1  - first line
                  * second line
            U3  - Cited By :9

            Export Date: 12 May 2022

            Article
            PB  - Publisher
            AB  - first line,
            ER then second line
            ER  - 
            """
        let r = try #require(try readAll(text, format: .ris).records.first)
        #expect(r.title == "A title that wraps onto a second line")
        #expect(r.keywords == ["Health Facility Administration", "Joint Commission", "Standards"])
        #expect(r.notes == ["first line\n* second line", "U3: Cited By :9", "Export Date: 12 May 2022", "Article"])
        #expect(r.publisher == "Publisher")
        #expect(r.abstract.text == "first line, ER then second line")
    }

    @Test func ovidPreambleNumbersMissingTYAndER() throws {
        let text = """
            Record #1 of 2
            Provider: Provider
            Content: text/plain; charset="UTF-8"
            1.
            TY  - JOUR
            T1  - First
            A1  - Fanning E.
            Y1  - 2019//
            N2  - The abstract.
            SP  - No
            EP  - Specified
            DO  - http://dx.doi.org/10.1177/2325967120950040
            ER  - 

            2.
            C1  - 1001
            TI  - Second, without TY
            PY  - 2020
            TY  - JOUR
            TI  - Third, without ER
            """
        let records = try readAll(text, format: .ris).records
        #expect(records.map(\.title) == ["First", "Second, without TY", "Third, without ER"])
        #expect(records[0].authors.first?.displayName == "Fanning, E")
        #expect(records[0].year == 2019)
        #expect(records[0].abstract.text == "The abstract.")
        #expect(records[0].pages == nil)
        #expect(records[0].doi == "10.1177/2325967120950040")
        #expect(records[1].type == .other)
        #expect(records[1].notes == ["C1: 1001"])
    }

    @Test func lenientTagsAndEmptyValues() throws {
        let text = "TY - JOUR\nTI -A title\nAB  -\nSP  - 73-76\nEP  - 76\nPY  - 2019\nDA  - Jun\nER  -"
        let r = try #require(try readAll(text, format: .ris).records.first)
        #expect(r.title == "A title")
        #expect(r.abstract.isEmpty)
        #expect(r.pages == "73-76")
        #expect(r.date == PublicationDate(year: 2019, month: 6))
    }

    @Test func identifiersFromEveryWhere() throws {
        let text = """
            TY  - JOUR
            TI  - PubMed via EndNote
            AN  - 21553931
            DP  - NLM
            C2  - PMC1234567
            ER  - 
            TY  - JOUR
            TI  - Rayyan
            AN  - rayyan-264552525
            U2  - L2005123456
            UR  - https://www.scopus.com/inward/record.uri?eid=2&doi=10.15598%2faeee.v16i3.2698&partnerID=40
            SN  - 13361376 (ISSN); 978-3-030-58167-1
            ER  - 
            TY  - JOUR
            TI  - Ovid MEDLINE
            DB  - Ovid MEDLINE(R)
            L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&AN=39012781
            ER  - 
            """
        let records = try readAll(text, format: .ris).records
        #expect(records[0].pmid == "21553931")
        #expect(records[0].pmcid == "PMC1234567")
        #expect(records[0].otherIDs == [Identifier("database", "NLM")])
        #expect(records[1].otherIDs.contains(Identifier("rayyan", "rayyan-264552525")))
        #expect(records[1].otherIDs.contains(Identifier("embase", "L2005123456")))
        #expect(records[1].otherIDs.contains(Identifier("issn", "1336-1376")))
        #expect(records[1].otherIDs.contains(Identifier("isbn", "9783030581671")))
        #expect(records[1].doi == "10.15598/aeee.v16i3.2698")
        #expect(records[2].pmid == "39012781")
    }

    @Test func typesByCodeAndByName() throws {
        let text =
            "TY  - CHAP\nTI  - A chapter\nT2  - The Book\nA2  - Editor, E\nER  - \nTY  - Journal Article\nTI  - x\nER  - \nTY  - BOOK\nTI  - A book\nT2  - A series\nER  - \n"
        let records = try readAll(text, format: .ris).records
        #expect(records.map(\.type) == [.bookSection, .journalArticle, .book])
        #expect(records[0].journal == "The Book")
        #expect(records[0].editors.map(\.family) == ["Editor"])
        #expect(records[2].journal == nil)
        #expect(records[2].notes == ["T2: A series"])
    }

    @Test func windows1252FallsBackWithAWarning() throws {
        var bytes = Array("TY  - JOUR\nTI  - Caf".utf8)
        bytes.append(0xE9)  // é in Windows-1252
        bytes += Array("\nER  - \n".utf8)
        let (records, warnings) = try readAll(bytes: bytes, format: .ris, file: "old.ris")
        #expect(records.first?.title == "Café")
        #expect(
            warnings.map(\.description) == [
                "old.ris:2: not valid UTF-8 from this line on: read as Windows-1252; check accented characters"
            ])
    }

    @Test func emptyInputGivesNoRecords() throws {
        let (records, warnings) = try readAll("\n\n", format: .ris)
        #expect(records.isEmpty)
        #expect(warnings.isEmpty)
    }

    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func derivedWindows1252FilesMatchTheirUTF8Originals() throws {
        let corpus = try #require(sharedCorpus)
        for (derived, original) in [
            ("derived_cp1252_asreview_baseline_tag_notes.ris", "asreview_baseline_tag_notes.ris"),
            ("derived_cp1252_citesource_wildfire_medline_84.ris", "citesource_wildfire_medline_84.ris"),
        ] {
            var warnings: [FormatWarning] = []
            var records: [Record] = []
            try Exports.read(path: corpus + "/ris/" + derived) { event in
                if case .warning(let w) = event { warnings.append(w) }
                if case .record(let r, _) = event { records.append(r) }
            }
            #expect(warnings.count == 1)
            #expect(warnings.first?.file == corpus + "/ris/" + derived)
            #expect(warnings.first?.message.contains("Windows-1252") == true)
            // Records with nothing but notes carry their file and line (`position`), which differ.
            let unplaced = { (r: Record) -> Record in
                var r = r
                r.otherIDs.removeAll { $0.scheme == "position" }
                return r
            }
            let expected = try Exports.records(path: corpus + "/ris/" + original)
            #expect(records.map(unplaced) == expected.map(unplaced))
        }
    }
}
