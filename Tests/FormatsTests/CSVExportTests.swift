import Bibliography
import Foundation
import Testing

@testable import Formats

/// The CSV and tab-delimited exports of the databases and tools a review team uses, read from
/// `Fixtures/csv-*`: files written by hand from each export's documented header (fictional
/// records), detected and read whole as `scoping ingest` does. Every mapped field is asserted,
/// and that a field with two columns (Scopus's `Authors` and `Author full names`, PubMed's
/// `Authors` and `First Author`) is read once, from the better column.
@Suite struct CSVExportTests {
    static func read(_ file: String) throws -> (ExportFormat, [Record]) {
        var records: [Record] = []
        let summary = try Exports.read(path: fixturesFolder + "/" + file) { event in
            if case .record(let r, _) = event { records.append(r) }
        }
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        return (summary.format, records)
    }

    @Test func webOfScienceTabDelimited() throws {
        let (format, records) = try Self.read("csv-wos-tab-delimited.txt")
        #expect(format == .webOfScienceTabDelimited)
        #expect(format.displayName == "Web of Science tab-delimited")
        try #require(records.count == 2)
        let r = records[0]
        #expect(r.type == .journalArticle)
        // A quote at the start of a cell is text: Web of Science does not quote.
        #expect(r.title == "\"Zorg op afstand\": a pilot of remote monitoring for COPD in general practice")
        #expect(r.authors.map(\.displayName) == ["Bakker, Jan", "de Vries, Anna Maria"])
        #expect(r.journal == "SCANDINAVIAN JOURNAL OF PRIMARY HEALTH CARE")
        #expect(r.journalAbbreviation == "Scand. J. Prim. Health Care")
        #expect(r.date == PublicationDate(year: 2021, month: 3))
        #expect(r.volume == "39" && r.issue == "1")
        #expect(r.pages == "101-109")
        #expect(r.doi == "10.1080/02813432.2021.0000001")
        #expect(r.pmid == "990000101")
        #expect(r.abstract.text == "We piloted remote monitoring in twelve practices.")
        #expect(r.languages == ["English"])
        #expect(r.publicationTypes == ["Article"])
        #expect(r.keywords == ["telemonitoring", "COPD", "CARE", "OUTCOMES"])
        #expect(r.affiliations == ["Univ Utrecht, Julius Ctr, Utrecht, Netherlands"])
        #expect(r.publisher == "TAYLOR & FRANCIS LTD")
        #expect(
            r.otherIDs == [
                Identifier("wos", "WOS:000600000000001"), Identifier("issn", "0281-3432"),
                Identifier("issn", "1502-7724"),
            ])
        #expect(r.notes.isEmpty, "counts and bookkeeping (NR, TC, CR, EM, GA, DA …) are skipped: \(r.notes)")
        let s = records[1]
        #expect(s.type == .conferencePaper)
        #expect(s.publicationTypes == ["Article", "Proceedings Paper"])
        #expect(s.authors.map(\.displayName) == ["Jansen, Pieter", "Dutch Chronic Care Grp"])
        #expect(s.authors.last?.isGroup == true)
        #expect(s.pages == "145", "the article number when there is no begin page")
        #expect(s.languages == ["Dutch"])
        #expect(s.otherIDs == [Identifier("wos", "WOS:000600000000002")])
    }

    /// The same rows read as the plain-text export give the same records: one mapping.
    @Test func webOfScienceTabDelimitedEqualsTaggedText() throws {
        let (_, records) = try Self.read("csv-wos-tab-delimited.txt")
        let text = try String(contentsOfFile: fixturesFolder + "/csv-wos-tab-delimited.txt", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        var tagged = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        for row in lines.dropFirst() {
            for (tag, cell) in zip(lines[0], row) where !cell.isEmpty {
                let values =
                    WebOfScienceReader.listTags.contains(String(tag))
                    ? CSVRowMapping.split(String(cell), at: ";", outside: "[", "]") : [String(cell)]
                tagged += "\(tag) " + values.joined(separator: "\n   ") + "\n"
            }
            tagged += "ER\n\n"
        }
        tagged += "EF\n"
        let plain = try readAll(tagged, format: .webOfScience).records
        #expect(plain == records)
    }

    @Test func scopus() throws {
        let (format, records) = try Self.read("csv-scopus.csv")
        #expect(format == .csv)
        try #require(records.count == 2)
        let r = records[0]
        #expect(r.type == .journalArticle)
        #expect(r.title == "Group consultations for type 2 diabetes in Dutch general practice")
        // Full names, once each, without Scopus's author ids; not the abbreviated `Authors` too.
        #expect(r.authors.map(\.displayName) == ["Bakker, Jan", "de Vries, Anna Maria"])
        #expect(r.date == PublicationDate(year: 2020))
        #expect(r.journal == "Family Practice")
        #expect(r.journalAbbreviation == "Fam. Pract.")
        #expect(r.volume == "37" && r.issue == "4" && r.pages == "512-518")
        #expect(r.doi == "10.1093/fampra/cmaa000")
        #expect(r.pmid == "990000201")
        #expect(r.abstract.text == "Group consultations were offered in eight practices.")
        #expect(r.keywords == ["group visits", "diabetes", "Netherlands", "primary care"])
        #expect(
            r.affiliations == [
                "Julius Center, University Medical Center Utrecht, Utrecht, Netherlands",
                "Radboud University, Nijmegen, Netherlands",
            ])
        #expect(r.urls == ["https://www.scopus.com/inward/record.uri?eid=2-s2.0-85000000001"])
        #expect(r.publisher == "Oxford University Press")
        #expect(r.languages == ["English"])
        #expect(r.publicationTypes == ["Article"])
        #expect(
            r.otherIDs == [
                Identifier("issn", "0263-2136"), Identifier("database", "Scopus"),
                Identifier("scopus", "2-s2.0-85000000001"),
            ])
        #expect(r.notes == ["Publication Stage: Final"])
        let s = records[1]
        #expect(s.type == .conferencePaper)
        #expect(s.authors.map(\.displayName) == ["Visser, Marieke"])
        #expect(s.pages == "e45", "the article number when there is no start page")
        #expect(s.abstract.isEmpty, "Scopus's '[No abstract available]' is no abstract")
        #expect(s.languages == ["Dutch", "English"])
        #expect(s.otherIDs.contains(Identifier("scopus", "2-s2.0-85000000002")))
    }

    @Test func pubmed() throws {
        let (format, records) = try Self.read("csv-pubmed.csv")
        #expect(format == .csv)
        try #require(records.count == 3)
        let r = records[0]
        #expect(r.title == "Telemonitoring of blood pressure in general practice: a randomised trial")
        #expect(r.authors.map(\.displayName) == ["Smit, JH", "van den Berg, AB", "COPD Study Group Utrecht"])
        #expect(r.authors.last?.isGroup == true)
        #expect(r.pmid == "990000301" && r.pmcid == "PMC9900001")
        #expect(r.doi == "10.3399/bjgp21x000001")
        #expect(r.journal == "Br J Gen Pract" && r.journalAbbreviation == "Br J Gen Pract")
        #expect(r.date == PublicationDate(year: 2021, month: 3, day: 4))
        #expect(r.volume == "71" && r.issue == "704" && r.pages == "e12-e20")
        #expect(r.otherIDs == [Identifier("mid", "NIHMS990001")])
        #expect(r.notes.isEmpty, "Create Date is PubMed's bookkeeping: \(r.notes)")
        let s = records[1]
        #expect(s.authors.map(\.displayName) == ["de Boer, K"])
        #expect(s.volume == "24" && s.issue == nil && s.pages == "88")
        #expect(s.date == PublicationDate(year: 2023))
        let t = records[2]  // ahead of print: a date, no volume
        #expect(t.authors.count == 2)
        #expect(t.date == PublicationDate(year: 2024, month: 6, day: 5))
        #expect(t.volume == nil && t.pages == nil)
    }

    @Test func pubmedCitations() {
        #expect(
            CSVRowMapping.parsePubMedCitation("Nature. 2022 Apr;604(7907):684-688. doi: 10.1/x. Epub 2022 Apr 20.")
                .map { "\($0.0)=\($0.1)" } == ["J2=Nature", "DA=2022 Apr", "SP=684-688", "IS=7907", "VL=604"])
        #expect(
            CSVRowMapping.parsePubMedCitation("Elife. 2022 Nov 30;11:e80092.").map { "\($0.0)=\($0.1)" }
                == ["J2=Elife", "DA=2022 Nov 30", "SP=e80092", "VL=11"])
        #expect(CSVRowMapping.parsePubMedCitation("In: Bookshelf").map(\.0) == ["XX"])
    }

    @Test func zotero() throws {
        let (_, records) = try Self.read("csv-zotero.csv")
        try #require(records.count == 2)
        let r = records[0]
        #expect(r.type == .journalArticle)
        #expect(r.title == "Shared care for chronic kidney disease")
        #expect(r.authors.map(\.displayName) == ["Hendriks, Lotte", "Peters, Bram"])
        #expect(r.journal == "Huisarts en Wetenschap" && r.journalAbbreviation == "Huisarts Wet")
        #expect(r.date == PublicationDate(year: 2018, month: 5, day: 15))
        #expect(r.volume == "61" && r.issue == "5" && r.pages == "230-234")
        #expect(r.doi == "10.1007/s12445-018-0000-5")
        #expect(r.pmid == "990000401" && r.pmcid == "PMC9900004", "from Extra")
        #expect(r.abstract.text == "Shared care between GPs and nephrologists.")
        #expect(r.urls == ["https://example.org/hw/5"])
        #expect(r.languages == ["nl"])
        #expect(r.keywords == ["kidney", "shared care", "Humans"])
        #expect(r.otherIDs == [Identifier("issn", "0018-7070"), Identifier("zotero", "ABCD2345")])
        #expect(r.notes == ["Extra: Publisher: Springer"], "dates added and modified are Zotero's bookkeeping")
        let s = records[1]
        #expect(s.type == .bookSection)
        #expect(s.journal == "Handbook of primary care")
        #expect(s.editors.map(\.displayName) == ["Dijkstra, Rob"])
        #expect(s.publisher == "Bohn Stafleu van Loghum")
        #expect(s.otherIDs == [Identifier("isbn", "9789036800002"), Identifier("zotero", "EFGH6789")])
        #expect(s.notes == ["Place: Houten", "Type: Chapter"])
    }

    @Test func ebsco() throws {
        let (_, records) = try Self.read("csv-ebsco.csv")
        try #require(records.count == 2)
        let r = records[0]
        #expect(r.title == "Nurse practitioners in Dutch general practice: a qualitative study.")
        #expect(r.authors.map(\.displayName) == ["van Dam, Eva", "Claes, Tom"])
        #expect(r.journal == "Journal of Advanced Nursing")
        #expect(r.date == PublicationDate(year: 2022, month: 3, day: 7))
        #expect(r.volume == "78" && r.issue == "3" && r.pages == "612")
        #expect(r.doi == "10.1111/jan.00001")
        #expect(r.publisher == "Wiley")
        #expect(r.publicationTypes == ["Article"] && r.type == .journalArticle)
        #expect(
            r.keywords == ["NURSE practitioners", "PRIMARY health care", "NETHERLANDS", "task shifting", "qualitative"])
        #expect(r.abstract.text == "Interviews with 20 nurse practitioners.")
        #expect(r.otherIDs == [Identifier("issn", "0309-2402"), Identifier("cinahl", "155000001")])
        #expect(r.urls.count == 1 && r.notes.isEmpty)
        let s = records[1]  // EBSCOhost's MEDLINE: the accession number is the PMID
        #expect(s.pmid == "990000501")
        #expect(s.date == PublicationDate(year: 2020, month: 6))
        #expect(s.otherIDs == [Identifier("issn", "0738-3991")])
        #expect(CSVRowMapping.ebscoAccession("123", link: "…?db=aph&AN=123") == Identifier("ebsco-aph", "123"))
    }

    @Test func covidenceAndRayyan() throws {
        let (_, covidence) = try Self.read("csv-covidence.csv")
        let c = try #require(covidence.first)
        #expect(c.title == "Remote consultations in general practice during COVID-19")
        #expect(c.authors.map(\.displayName) == ["Bos, L", "Smit, RJ"])
        #expect(c.date == PublicationDate(year: 2021, month: 2))
        #expect(c.journal == "BJGP Open" && c.volume == "5" && c.issue == "1" && c.pages == "bjgpopen20X101")
        #expect(c.doi == "10.3399/bjgpopen20x101")
        #expect(c.keywords == ["telehealth"])
        // Embase's L-number is typed `embase`, never a generic accession number.
        #expect(c.otherIDs == [Identifier("embase", "L2000000001"), Identifier("covidence", "#12")])
        #expect(c.notes == ["Study: Bos 2021"])

        let (_, rayyan) = try Self.read("csv-rayyan.csv")
        let r = try #require(rayyan.first)
        #expect(r.title == "Care groups and diabetes outcomes")
        #expect(r.authors.map(\.displayName) == ["Wit, E", "Kuipers, HJ"])
        #expect(r.date == PublicationDate(year: 2017, month: 9, day: 14))
        #expect(r.journal == "Ned Tijdschr Geneeskd" && r.volume == "161" && r.issue == "2" && r.pages == "D1234")
        #expect(r.doi == "10.0000/ntvg.2017.1" && r.pmid == "990000601")
        #expect(r.languages == ["Dutch"] && r.keywords == ["care groups", "diabetes"])
        #expect(r.otherIDs == [Identifier("issn", "0028-2162"), Identifier("rayyan", "rayyan-100000001")])
        #expect(r.notes == ["RAYYAN-INCLUSION: {\"Anna\"=>\"Included\"}"])
    }

    /// Columns of one field compete per row: the better one wins when it has a value, the
    /// fallback is read when it is empty, and columns of equal rank are all read.
    @Test func columnsOfOneFieldCompete() throws {
        let csv =
            "Authors,Author full names,First Author,Title\n"
            + "\"Bakker J.; Visser M.\",\"Bakker, Jan (1); Visser, Marieke (2)\",Bakker J.,A\n"
            + "\"Bakker J.; Visser M.\",,Bakker J.,B\n"
            + ",,Bakker J.,C\n"
        let records = try readAll(csv, format: .csv).records
        #expect(
            records.map { $0.authors.map(\.displayName) } == [
                ["Bakker, Jan", "Visser, Marieke"], ["Bakker, J", "Visser, M"], ["Bakker, J"],
            ])
        let ties = try readAll("title,keywords,tags\nA,a,b\n", format: .csv).records
        #expect(ties.first?.keywords == ["a", "b"])
    }

    @Test func flavours() throws {
        #expect(CSVFlavour.detect(["PT", "AU", "TI", "SO", "UT", ""]) == .webOfScience)
        #expect(CSVFlavour.detect(["TY", "AU", "TI", "T2"]) == .generic, "RIS tags are not Web of Science's")
        #expect(CSVFlavour.detect(["PT", "AU", "TI", "Source"]) == .generic)
        let tagged = Array("PT\tAU\tTI\tSO\tUT\nJ\tA\tB\tC\tWOS:1\n".utf8)
        #expect(FormatDetection.detect(tagged) == .webOfScienceTabDelimited)
        #expect(FormatDetection.detect([0xEF, 0xBB, 0xBF] + tagged) == .webOfScienceTabDelimited, "with a BOM")
        let records = try readAll(bytes: [0xEF, 0xBB, 0xBF] + tagged, format: .csv).records
        #expect(records.map(\.otherIDs) == [[Identifier("wos", "WOS:1")]], "read as Web of Science when forced to CSV")
        #expect(FormatDetection.detect(Array("TY,AU,TI\nJOUR,A,B\n".utf8)) == .csv)
    }
}
