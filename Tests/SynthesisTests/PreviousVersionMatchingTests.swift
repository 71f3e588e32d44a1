import Bibliography
import Testing

@testable import Synthesis

/// The earlier version's list of included studies against this version's studies: dedup's
/// identity (DOI, PMID, registration number; else title and year, unless identifiers differ).
@Suite struct PreviousVersionMatchingTests {
    static func record(
        _ title: String, year: Int = 2020, doi: String? = nil, pmid: String? = nil, trial: String? = nil
    ) -> Record {
        var r = Record(title: title, date: PublicationDate(year: year), doi: doi)
        r.pmid = pmid
        if let trial { r.otherIDs = [Identifier(TrialRegistration.scheme, trial)] }
        return r
    }

    static func study(_ key: RecordKey, _ record: Record) -> Study { Study(key: key, record: record) }

    @Test func identifiersFirstThenTitleAndYear() {
        let studies = [
            Self.study("doi:10.1/a", Self.record("Group consultations in general practice", doi: "10.1/a")),
            Self.study("pmid:2", Self.record("Telemonitoring of heart failure", pmid: "2")),
            Self.study("hash:3", Self.record("Case management: a registration", trial: "NCT99000001")),
            Self.study("hash:4", Self.record("Positive health in general practice", year: 2019)),
            Self.study("doi:10.1/e", Self.record("An erratum with the article's title", doi: "10.1/e")),
            Self.study("hash:6", Self.record("A study the list does not name")),
        ]
        let list = [
            // The DOI in upper case, another title: the DOI decides.
            Self.record("Group consultations (a shorter title)", doi: "10.1/A"),
            Self.record("Telemonitoring of heart failure.", pmid: "2"),
            // The paper of the registration: its number in the identifiers.
            Self.record("Case management for frail older people: results", year: 2023, trial: "nct99000001"),
            // No identifier: the title folded (case, punctuation) and the year.
            Self.record("POSITIVE HEALTH in general practice!", year: 2019),
            // The same title and year, but another DOI: not the same study.
            Self.record("An erratum with the article's title", doi: "10.1/article"),
            // The same title, another year: not the same study.
            Self.record("A study the list does not name", year: 2018),
        ]
        let (matched, unmatched) = PreviousVersionMatching.match(studies, list: list)
        #expect(matched == ["doi:10.1/a", "pmid:2", "hash:3", "hash:4"])
        #expect(unmatched.map(\.title) == ["An erratum with the article's title", "A study the list does not name"])
    }

    @Test func aStudyListedTwiceIsOneEntry() {
        let list = [
            Self.record("Group consultations", doi: "10.1/a"),
            Self.record("Group consultations.", doi: "10.1/a", pmid: "7"),
            Self.record("Nurse-led care", year: 2021),
            Self.record("Nurse-led care", year: 2021),
            Self.record("Nurse-led care", year: 2022),
        ]
        let unique = PreviousVersionMatching.uniqueEntries(list)
        #expect(unique.map(\.title) == ["Group consultations", "Nurse-led care", "Nurse-led care"])
        #expect(unique.map(\.year) == [2020, 2021, 2022])
    }
}
