import Testing
@testable import Bibliography

@Suite struct AuthorTests {
    @Test(
        arguments: [
            ("Jansen, Pieter", "Jansen", "Pieter", "P"),
            ("Jansen, P.", "Jansen", nil, "P"),
            ("Jansen PA", "Jansen", nil, "PA"),
            ("van der Berg JA", "van der Berg", nil, "JA"),
            ("Fanning E.", "Fanning", nil, "E"),
            ("Reis, AFNE", "Reis", nil, "AFNE"),
            ("Anna de Vries", "de Vries", "Anna", "A"),
            ("de Vries, Anna Maria", "de Vries", "Anna Maria", "AM"),
        ] as [(String, String, String?, String)])
    func parsesNames(raw: String, family: String, given: String?, initials: String) throws {
        let author = try #require(Author(parsing: raw))
        #expect(author.family == family)
        #expect(author.given == given)
        #expect(author.initials == initials)
        #expect(!author.isGroup)
    }

    @Test func recognisesGroupAuthors() throws {
        #expect(try #require(Author(parsing: "Dutch COPD Study Group")).isGroup)
        #expect(try #require(Author(parsing: "Canadian Respiratory Research Network")).isGroup)
        #expect(Author(parsing: "  ") == nil)
    }
}

@Suite struct PublicationDateTests {
    @Test func parsesTheFormsExportsUse() throws {
        #expect(PublicationDate(parsing: "2019/05/14/")?.iso == "2019-05-14")
        #expect(PublicationDate(parsing: "2019//")?.iso == "2019")
        #expect(PublicationDate(parsing: "2019 May")?.iso == "2019-05")
        #expect(PublicationDate(parsing: "May 2019")?.iso == "2019-05")
        #expect(PublicationDate(parsing: "2019-05-14")?.text == nil)
        #expect(PublicationDate(parsing: "no date") == nil)
    }

    @Test func keepsRangesAndSeasonsAsText() throws {
        let range = try #require(PublicationDate(parsing: "2016 Nov-Dec"))
        #expect(range.year == 2016)
        #expect(range.text == "2016 Nov-Dec")
        let season = try #require(PublicationDate(parsing: "2019 Winter"))
        #expect(season.year == 2019)
        #expect(season.text == "2019 Winter")
    }
}

@Suite struct RecordKeyTests {
    @Test func prefersPMIDThenDOIThenContentHash() {
        var r = Record(
            title: "Group consultations", authors: [Author(family: "Jansen")], date: PublicationDate(year: 2019))
        let hashKey = r.key.rawValue
        #expect(hashKey.hasPrefix("hash:") && hashKey.count == 21)
        // The hash ignores case, accents and punctuation.
        let r2 = Record(
            title: "GROUP CONSULTATIONS.", authors: [Author(family: "Jánsen")], date: PublicationDate(year: 2019))
        #expect(r2.key.rawValue == hashKey)
        r.doi = "10.5555/x"
        #expect(r.key.rawValue == "doi:10.5555/x")
        r.pmid = "990000001"
        #expect(r.key.rawValue == "pmid:990000001")
    }

    @Test func foldsForMatching() {
        #expect(Text.foldForMatching("Type 2 β-cell Function.") == "type 2 beta cell function")
        #expect(Text.foldForMatching("Zorg   voor  ouderen — één") == "zorg voor ouderen een")
    }
}

/// Inputs the fuzzers found (Fuzz/crashes/), kept as tests.
@Suite struct FuzzFoundTests {
    /// `ß` upper-cases to two letters: forming one Character from it trapped.
    @Test func initialsOfALetterThatUppercasesToTwo() {
        #expect(Author.initials(of: "ßabine ﬃon") == "SSFFI")
        #expect(Author(family: "Strauß", given: "ßusanne").initials == "SS")
    }
}
