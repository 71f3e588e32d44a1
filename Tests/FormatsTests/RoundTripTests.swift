import Bibliography
import Foundation
import Testing

@testable import Formats

/// Writing records (RIS, CSV) and reading them back gives the same records.
@Suite struct RoundTripTests {
    /// Records with every field a writer carries, and the awkward cases.
    static let richRecords: [Record] = [
        Record(
            type: .journalArticle,
            title: "Effect of \"nurse-led\" care, a trial; with ER - in the title",
            originalTitle: "Effect van zorg",
            abstract: Abstract("Background: one. Methods: two; three, four."),
            authors: [
                Author(parsing: "de Vries, Anna Maria")!, Author(parsing: "Smith JA")!,
                Author(group: "Dutch COPD Study Group"), Author(parsing: "Jones, Bob, Jr.")!,
            ],
            editors: [Author(parsing: "Editor, E")!],
            date: PublicationDate(year: 2019, month: 5, day: 14),
            journal: "Journal of Care, Health & Policy",
            journalAbbreviation: "J Care Health Policy",
            volume: "12", issue: "3 Suppl", pages: "73-76",
            doi: "10.1000/abc(19)12", pmid: "31234567", pmcid: "PMC1234567",
            otherIDs: [
                Identifier("database", "Embase"), Identifier("embase", "L2005123456"), Identifier("issn", "1234-567X"),
                Identifier("isbn", "9780881929115"), Identifier("accession", "2019-65183-001"),
                Identifier("wos", "WOS:000082252000006"), Identifier("record_id", "7"),
            ],
            languages: ["eng", "dut"],
            publicationTypes: ["Randomized Controlled Trial", "Journal Article"],
            keywords: ["diabetes", "primary care, general", "care (nursing)"],
            affiliations: ["Utrecht University, Utrecht; the Netherlands", "Leiden"],
            urls: ["https://example.org/a?b=1&c=2", "https://example.org/b"],
            publisher: "Wiley",
            notes: ["A note\nover two lines", "U3: Cited By :9", "Comma, \"quotes\" and ; semicolons"]
        ),
        Record(
            type: .book, title: "A book", authors: [Author(parsing: "Society for Health and Care")!],
            date: PublicationDate(parsing: "2019 Winter"), journal: "Book series?", publisher: "Press"),
        Record(
            type: .bookSection, title: "A chapter", editors: [Author(parsing: "Hall, Peter A")!],
            date: PublicationDate(year: 2001), journal: "The book", pages: "184-213"),
        Record(type: .trialRegistration, title: "A registered trial", date: PublicationDate(year: 2020, month: 2)),
        Record(type: .other, title: "Generic with only a title"),
        Record(type: .conferenceAbstract, title: "An abstract", keywords: ["single keyword, with comma"]),
        Record(type: .thesis, title: "Thesis"), Record(type: .report, title: "Report"),
        Record(type: .preprint, title: "Preprint"),
        Record(type: .dataset, title: "Data"), Record(type: .webpage, title: "Page", urls: ["https://x.org/a b.pdf"]),
        Record(type: .patent, title: "Patent"),
        Record(type: .newspaperArticle, title: "News"), Record(type: .magazineArticle, title: "Magazine"),
        Record(type: .conferencePaper, title: "Paper"),
    ]

    @Test func risRoundTrip() throws {
        let text = RISWriter.write(RoundTripTests.richRecords)
        let back = try readAll(text, format: .ris).records
        #expect(back.count == RoundTripTests.richRecords.count)
        for (a, b) in zip(RoundTripTests.richRecords, back) {
            #expect(a == b, "\(a.title): \(RoundTripTests.differences(a, b))")
        }
    }

    @Test func csvRoundTrip() throws {
        var records = RoundTripTests.richRecords
        records[0].mesh = [
            MeshHeading(
                descriptor: "Diabetes Mellitus, Type 2", qualifiers: ["therapy", "nursing"], isMajorTopic: true),
            MeshHeading(descriptor: "Humans"),
        ]
        let text = CSVWriter.write(records)
        let back = try readAll(text, format: .csv).records
        #expect(back.count == records.count)
        for (a, b) in zip(records, back) { #expect(a == b, "\(a.title): \(RoundTripTests.differences(a, b))") }
    }

    @Test func risWritesMeSHAsKeywords() throws {
        var r = Record(title: "x")
        r.mesh = [
            MeshHeading(descriptor: "Humans"),
            MeshHeading(descriptor: "Asthma", qualifiers: ["therapy"], isMajorTopic: true),
        ]
        #expect(RISWriter.write(r) == "TY  - JOUR\nTI  - x\nKW  - Humans\nKW  - *Asthma/therapy\nER  - \n")
    }

    /// Every record of the RIS, EndNote XML and CSV corpus files survives a RIS and a CSV round trip.
    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func corpusRoundTrip() throws {
        let corpus = try #require(sharedCorpus)
        var paths: [String] = []
        for folder in ["ris", "csv", "endnote-xml"] {
            paths += try FileManager.default.contentsOfDirectory(atPath: corpus + "/" + folder).sorted().map {
                corpus + "/" + folder + "/" + $0
            }
        }
        // The demo review's own corpus, when present.
        let demo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus").path
        paths += ((try? FileManager.default.contentsOfDirectory(atPath: demo)) ?? []).sorted().map { demo + "/" + $0 }
        var total = 0
        for path in paths {
            guard let original = try? Exports.records(path: path), !original.isEmpty else { continue }
            // Structured abstracts are flattened by both formats; compare on the flat text.
            let flat = original.map { r -> Record in
                var r = r
                r.abstract = Abstract(r.abstract.text)
                // A date's text is written as is; read back, it is what the parser makes of it
                // (PublicationDate(parsing: "2016 Nov-Dec") keeps no text: see docs/conformance.md).
                if let text = r.date?.text, let parsed = PublicationDate(parsing: text) { r.date = parsed }
                // A register's fields (status, conditions, dates …) have no RIS tag or CSV column;
                // the registration number comes back as a trial: identifier.
                r.trial = nil
                return r
            }
            let ris = try readAll(RISWriter.write(original), format: .ris, chunk: 65536).records
            let numbersKept = zip(original, ris).allSatisfy { o, r in
                o.registrationID.map { r.otherIDs.contains(Identifier("trial", $0)) } ?? true
            }
            #expect(numbersKept, "\(path): a registration number lost")
            let risExpected = flat.map(RoundTripTests.risComparable)
            #expect(ris.count == risExpected.count, "\(path)")
            for (a, b) in zip(risExpected, ris) where a != b {
                Issue.record("RIS \(path): \(a.title): \(RoundTripTests.differences(a, b))")
                break
            }
            let csv = try readAll(CSVWriter.write(original), format: .csv, chunk: 65536).records
            #expect(csv.count == flat.count, "\(path)")
            for (a, b) in zip(flat, csv) where a != b {
                Issue.record("CSV \(path): \(a.title): \(RoundTripTests.differences(a, b))")
                break
            }
            total += original.count
        }
        #expect(total > 5000)
    }

    /// The fields where two records differ, `name: a ≠ b`.
    static func differences(_ a: Record, _ b: Record) -> [String] {
        let left = Mirror(reflecting: a).children
        let right = Mirror(reflecting: b).children
        var out: [String] = []
        for (l, r) in zip(left, right) where String(describing: l.value) != String(describing: r.value) {
            out.append("\(l.label ?? "?"): \(l.value) ≠ \(r.value)")
        }
        return out
    }

    /// What RIS can carry: MeSH headings become keywords.
    static func risComparable(_ r: Record) -> Record {
        var r = r
        for m in r.mesh {
            r.keywords.append((m.isMajorTopic ? "*" : "") + ([m.descriptor] + m.qualifiers).joined(separator: "/"))
        }
        r.mesh = []
        var seen = Set<String>()
        r.keywords = r.keywords.filter { seen.insert($0).inserted }
        return r
    }
}
