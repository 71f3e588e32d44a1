import Bibliography
import Foundation
import Testing

@testable import Formats

/// The Web of Science, Ovid and BibTeX readers on small hand-written exports (made up here),
/// fed byte by byte and in larger chunks: the result must not depend on the chunking.
@Suite struct NewReadersTests {
    static let wos = """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU de Vries, A
           Smith, J
        AF de Vries, Anna
           Smith, John (john@example.org)
        TI Group consultations in general practice: a
           randomised trial
        SO JOURNAL OF MADE-UP STUDIES
        LA English
        DT Article; Early Access
        DE group consultation; chronic care
        AB Background
           Made-up abstract.
        C1 [de Vries, Anna] Univ Utrecht, Utrecht, Netherlands.
        PY 2020
        PD JUN 15
        VL 12
        IS 3
        BP 101
        EP 109
        DI 10.1000/made.up.1
        PM 99999999
        UT WOS:000000000000001
        ER

        PT B
        AU Jansen, P
        TI A made-up book
        PY 2019
        UT WOS:000000000000002
        ER

        EF

        """

    static let ovid = """
        <1. >
        VN  - Ovid Technologies
        DB  - Embase
        UI  - 600000001
        TI  - A made-up Embase record.
        SO  - Journal of Made-up Studies. 12 (3) (101-109), 2020. Date of Publication: June 2020.
        AU  - Behan L.
        AU  - Lucas J.S.
        IN  - (Behan) Made-up University, Southampton
              (Lucas) Another place, Cork
        AB  - An abstract
              on two lines.
        DO  - http://dx.doi.org/10.1000/made.up.2
        XL  - http://example.org/record/1

        <2. >
        VN  - Ovid Technologies
        DB  - Ovid MEDLINE(R)
        UI  - 99999998
        TI  - A made-up MEDLINE record.
        SO  - Journal of Made-up Studies June 2019;11(6):123-456
        AU  - Smith J
        XL  - http://example.org/record/2

        """

    static let bibtex = """
        % Encoding: UTF-8
        @string{jms = "Journal of Made-up Studies"}
        Text between entries is ignored, even someone@example.org.
        @Article{devries2020,
          author  = {de Vries, Anna and J{\\"o}rg M{\\"u}ller and {World Health Organization} and others},
          title   = {Group {Consultations} in {\\'E}cole -- a \\textit{made-up} trial},
          journal = jms # " (Online)",
          year    = 2020,
          month   = jun,
          volume  = {12},
          number  = {3},
          pages   = {101--109},
          doi     = {10.1000/made.up.3},
          pmid    = {99999997},
          eprint  = {2001.00001},
          archiveprefix = {arXiv},
          keywords = {group consultation, chronic care},
          custom  = {kept as a note}
        }
        @comment{jabref-meta: databaseType:bibtex;}
        @inproceedings(smith2019,
          author = "Smith, John",
          title = "A {made-up} paper",
          booktitle = "Proceedings of Nothing",
          year = "2019"
        )

        """

    static func read(_ text: String, _ format: ExportFormat, chunk: Int, acceptTruncated: Bool = false) throws -> (
        [Record], [FormatWarning]
    ) {
        var records: [Record] = []
        var warnings: [FormatWarning] = []
        let reader = Exports.makeReader(format, file: "t", acceptTruncated: acceptTruncated) { event in
            if case .record(let r, _) = event { records.append(r) }
            if case .warning(let w) = event { warnings.append(w) }
        }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let end = min(i + chunk, bytes.count)
            try bytes[i..<end].withUnsafeBufferPointer { try reader.feed($0) }
            i = end
        }
        try reader.finish()
        return (records, warnings)
    }

    @Test(arguments: [1, 7, 1 << 16])
    func webOfScience(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.wos.utf8)) == .webOfScience)
        let (records, _) = try Self.read(Self.wos, .webOfScience, chunk: chunk)
        #expect(records.count == 2)
        let r = records[0]
        #expect(r.title == "Group consultations in general practice: a randomised trial")
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna", "Smith, John"])
        #expect(r.journal == "JOURNAL OF MADE-UP STUDIES")
        #expect(r.date == PublicationDate(year: 2020, month: 6, day: 15))
        #expect(r.volume == "12" && r.issue == "3" && r.pages == "101-109")
        #expect(r.doi == "10.1000/made.up.1" && r.pmid == "99999999")
        #expect(r.otherIDs.contains(Identifier("wos", "WOS:000000000000001")))
        #expect(r.keywords == ["group consultation", "chronic care"])
        #expect(r.affiliations == ["Univ Utrecht, Utrecht, Netherlands."])
        #expect(r.publicationTypes == ["Article", "Early Access"])
        #expect(r.abstract.text == "Background Made-up abstract.")
        #expect(records[1].type == .book)
    }

    @Test(arguments: [1, 7, 1 << 16])
    func ovid(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.ovid.utf8)) == .ovid)
        let (records, _) = try Self.read(Self.ovid, .ovid, chunk: chunk)
        #expect(records.count == 2)
        let embase = records[0]
        #expect(embase.title == "A made-up Embase record.")
        #expect(embase.authors.map(\.family) == ["Behan", "Lucas"])
        #expect(embase.authors[1].initials == "JS")
        #expect(embase.journal == "Journal of Made-up Studies")
        #expect(embase.volume == "12" && embase.issue == "3" && embase.pages == "101-109")
        #expect(embase.year == 2020)
        #expect(embase.doi == "10.1000/made.up.2")
        #expect(embase.pmid == nil && embase.otherIDs.contains(Identifier("embase", "600000001")))
        #expect(embase.affiliations == ["(Behan) Made-up University, Southampton", "(Lucas) Another place, Cork"])
        #expect(embase.abstract.text == "An abstract on two lines.")
        let medline = records[1]
        #expect(medline.pmid == "99999998")
        #expect(medline.journal == "Journal of Made-up Studies")
        #expect(medline.volume == "11" && medline.issue == "6" && medline.pages == "123-456" && medline.year == 2019)
    }

    @Test(arguments: [1, 7, 1 << 16])
    func bibtex(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.bibtex.utf8)) == .bibtex)
        let (records, _) = try Self.read(Self.bibtex, .bibtex, chunk: chunk)
        #expect(records.count == 2)
        let r = records[0]
        #expect(r.title == "Group Consultations in École – a made-up trial")
        #expect(r.authors.map(\.displayName) == ["de Vries, Anna", "Müller, Jörg", "World Health Organization"])
        #expect(r.authors[2].isGroup)
        #expect(r.journal == "Journal of Made-up Studies (Online)")
        #expect(r.date == PublicationDate(year: 2020, month: 6))
        #expect(r.pages == "101-109" && r.volume == "12" && r.issue == "3")
        #expect(r.doi == "10.1000/made.up.3" && r.pmid == "99999997")
        #expect(r.otherIDs.contains(Identifier("arxiv", "2001.00001")))
        #expect(r.keywords == ["group consultation", "chronic care"])
        #expect(r.notes == ["custom: kept as a note"])
        #expect(records[1].type == .conferencePaper && records[1].journal == "Proceedings of Nothing")
        #expect(records[1].title == "A made-up paper")
    }

    @Test func latexBecomesUnicode() {
        #expect(LaTeX.toUnicode(#"{\"U}ber \c{c}a \v{s}\'{\i} \ss{} \o{} \aa---x \& 5\%"#) == "Über ça ší ß ø å—x & 5%")
        #expect(LaTeX.toUnicode("``quoted'' $\\alpha$~2") == "“quoted” α 2")
    }

    @Test func cutExportsAreRefusedWithALocation() throws {
        let cases: [(String, ExportFormat, String)] = [
            (String(Self.wos.prefix(Self.wos.count / 2)), .webOfScience, "t:"),
            (String(Self.wos.dropLast(4)), .webOfScience, "no EF line"),
            (String(Self.bibtex.prefix(400)), .bibtex, "is never closed"),
            (
                "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two, cut\n", .ris,
                "the last record has no ER line, while the record before it ends with one"
            ),
            ("TY  - JOUR\nTI  - Only one, cut mid-li", .ris, "the file ends in the middle of a line"),
            ("TY  - JOUR\nTI  - Caf\u{E9}\nER  - \n\nTY  - JOUR\nTI  - Caf", .ris, "the last record has no ER line"),
            ("title,doi\nOne,10.1/a\nTwo,10.1/", .csv, "no line break at its end"),
            ("title,doi,year\nOne,10.1/a", .csv, "has 2 of the header's 3 cells"),
        ]
        for (text, format, expected) in cases {
            #expect(throws: FormatError.self, "\(format): \(text.suffix(20))") { try Self.read(text, format, chunk: 3) }
            do {
                _ = try Self.read(text, format, chunk: 3)
            } catch let error as FormatError {
                #expect(error.line != nil)
                #expect(error.description.contains(expected), "\(error)")
                #expect(error.description.contains("--accept-truncated"))
            }
        }
        // A file cut inside a multi-byte character.
        var bytes = Array("TY  - JOUR\nTI  - Caf\u{E9}\nER  - \n".utf8)
        bytes += Array("TY  - JOUR\nTI  - Caf\u{E9}".utf8).dropLast()
        #expect(throws: FormatError.self) { try readAll(bytes: bytes, format: .ris, chunk: 1) }
    }

    @Test func acceptTruncatedDropsTheCutRecord() throws {
        let ris = "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two, cut\n"
        let (records, warnings) = try Self.read(ris, .ris, chunk: 5, acceptTruncated: true)
        #expect(records.map(\.title) == ["One"])
        #expect(
            warnings.map(\.description) == [
                "t:6: the export looks cut off (the last record has no ER line, while the record before it ends with one): record 2 was dropped, as --accept-truncated asks"
            ])
        let medline =
            "PMID- 1\nOWN - NLM\nSTAT- MEDLINE\nTI  - One\nSO  - J. 2020.\n\nPMID- 2\nOWN - NLM\nSTAT- MEDLINE\nTI  - Two, c"
        #expect(throws: FormatError.self) { try Self.read(medline, .medline, chunk: 4) }
        let (kept, _) = try Self.read(medline, .medline, chunk: 4, acceptTruncated: true)
        #expect(kept.map(\.title) == ["One"])
    }

    @Test func aForcedFormatCannotImportGarbage() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scoping-forced-\(UUID().uuidString).txt"
        ).path
        try Self.wos.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Exports.read(path: path, name: "wos.txt") { _ in }.records == 2)
        for format in [ExportFormat.csv, .ris, .medline] {
            do {
                try Exports.read(path: path, name: "wos.txt", format: format) { _ in }
                Issue.record("--format \(format.rawValue) read a Web of Science file without error")
            } catch let error as FormatError {
                #expect(error.description.contains("it looks like a Web of Science plain-text export"), "\(error)")
                #expect(error.description.contains("drop --format"))
            }
        }
    }
}

@Suite struct AnonymousRecordKeyTests {
    @Test func recordsWithNothingToGoByGetDistinctKeys() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scoping-anon-\(UUID().uuidString).ris"
        ).path
        try
            "TY  - GEN\nN1  - Only a note.\nER  - \n\nTY  - GEN\nN1  - Another note.\nER  - \n\nTY  - JOUR\nTI  - A title\nER  - \n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try Exports.records(path: path)
        #expect(records.count == 3)
        #expect(records[0].otherIDs == [Identifier("position", path + ":1")])
        #expect(records[2].otherIDs.isEmpty)
        #expect(Set(records.map(\.key)).count == 3)
        #expect(records[0].key.rawValue.hasPrefix("hash:"))
    }

    @Test func medlineKeepsRepeatedTitlesDOIsAndUnmappedTags() throws {
        let text =
            "PMID- 1\nTI  - First part\nTI  - second part.\nAB  - One.\nAB  - Two.\nAID - doi:10.1000/x\nGR  - Grant 1\nPHST- 2020\nSO  - J. 2020.\n\nstray line\n"
        let (records, warnings) = try readAll(text, format: .medline, chunk: 3)
        #expect(records.count == 1)
        #expect(records[0].title == "First part: second part.")
        #expect(records[0].abstract.text == "One. Two.")
        #expect(records[0].doi == "10.1000/x")
        #expect(records[0].notes == ["GR: Grant 1"])
        #expect(
            warnings.map(\.description) == [
                "test:11: 1 line that is neither a MEDLINE tag line nor a continuation ignored (line 11)"
            ])
    }

    @Test func risReadsNanAsEmptyAndATabBeforeTheDash() throws {
        let (records, _) = try readAll("TY  - JOUR\nTI\t- Tabbed title\nAB  - nan\nER  - \n", format: .ris)
        #expect(records.first?.title == "Tabbed title")
        #expect(records.first?.abstract.isEmpty == true)
    }
}

@Suite struct TaggedAndListReadersTests {
    static let refer = """
        %0 Journal Article
        %A de Vries, Anna
        %A Smith, John
        %T A made-up title
        %J Journal of Made-up Studies
        %D 2020
        %V 12
        %N 3
        %P 101-109
        %R 10.1000/made.up.4
        %K group consultation
        chronic care
        %X An abstract.

        %0 Book
        %A Jansen, Piet
        %T A made-up book
        %D 2019
        %I Made-up Press

        """

    static let refWorks = """
        RT Journal Article
        A1 Stansfeld,Anna
        T1 A made-up RefWorks title
        JF Journal of Made-up Studies
        YR 2002
        VO 1
        IS 3
        SP 101
        OP 123
        K1 Etiology
        K1 Anxiety
        DO 10.1000/made.up.5

        """

    @Test(arguments: [1, 5, 1 << 16])
    func referAndRefWorks(chunk: Int) throws {
        let (refer, _) = try NewReadersTests.read(Self.refer, .refer, chunk: chunk)
        #expect(refer.count == 2)
        #expect(refer[0].type == .journalArticle && refer[0].title == "A made-up title")
        #expect(refer[0].authors.map(\.family) == ["de Vries", "Smith"])
        #expect(refer[0].doi == "10.1000/made.up.4" && refer[0].pages == "101-109" && refer[0].year == 2020)
        #expect(refer[0].keywords == ["group consultation", "chronic care"])
        #expect(refer[1].type == .book && refer[1].publisher == "Made-up Press")
        let (refWorks, _) = try NewReadersTests.read(Self.refWorks, .refWorks, chunk: chunk)
        #expect(refWorks.count == 1)
        #expect(refWorks[0].authors.map(\.displayName) == ["Stansfeld, Anna"])
        #expect(refWorks[0].pages == "101-123" && refWorks[0].doi == "10.1000/made.up.5" && refWorks[0].year == 2002)
        #expect(refWorks[0].keywords == ["Etiology", "Anxiety"])
    }

    @Test func identifierListsGiveIdentifierOnlyRecords() throws {
        let (records, _) = try NewReadersTests.read("30668574\n10.1000/made.up.6, 30235242\n", .identifiers, chunk: 2)
        #expect(records.map { $0.pmid ?? $0.doi ?? "" } == ["30668574", "10.1000/made.up.6", "30235242"])
        #expect(records.allSatisfy { $0.notes == [IdentifierListReader.note] })
        #expect(throws: FormatError.self) { try NewReadersTests.read("30668574\nnot an id\n", .identifiers, chunk: 2) }
    }
}

@Suite struct CSLJSONReaderTests {
    static let json = """
        [
          {"id": "a", "type": "article-journal", "title": "A made-up {braced} \\"quoted\\" title",
           "container-title": "Journal of Made-up Studies", "volume": "12", "issue": 3, "page": "101-109",
           "DOI": "10.1000/made.up.7", "PMID": "99999996",
           "author": [{"family": "de Vries", "given": "Anna"}, {"literal": "Made-up Study Group"}],
           "issued": {"date-parts": [["2020", 6, 15]]}},
          {"id": "b", "type": "book", "title": "A made-up book", "publisher": "Made-up Press",
           "issued": {"raw": "2019"}}
        ]

        """

    @Test(arguments: [1, 9, 1 << 16])
    func readsItems(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.json.utf8)) == .cslJSON)
        let (records, _) = try NewReadersTests.read(Self.json, .cslJSON, chunk: chunk)
        #expect(records.count == 2)
        #expect(records[0].title == "A made-up {braced} \"quoted\" title")
        #expect(records[0].authors.map(\.displayName) == ["de Vries, Anna", "Made-up Study Group"])
        #expect(records[0].issue == "3" && records[0].pages == "101-109" && records[0].doi == "10.1000/made.up.7")
        #expect(records[0].date == PublicationDate(year: 2020, month: 6, day: 15))
        #expect(records[1].type == .book && records[1].year == 2019 && records[1].publisher == "Made-up Press")
    }

    @Test func aCutArrayIsRefusedOrDropsTheCutItem() throws {
        let cut = String(Self.json.prefix(Self.json.count - 60))
        #expect(throws: FormatError.self) { try NewReadersTests.read(cut, .cslJSON, chunk: 4) }
        let (kept, warnings) = try NewReadersTests.read(cut, .cslJSON, chunk: 4, acceptTruncated: true)
        #expect(kept.count == 1)
        #expect(warnings.count == 1)
    }
}
