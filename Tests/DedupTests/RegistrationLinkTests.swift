import Bibliography
import Testing

@testable import Dedup

/// A trial registration and the papers that cite its number: linked and handed to a person,
/// never merged by the algorithm, even when the paper carries the registration's own title.
@Suite("Registrations and the papers that cite them")
struct RegistrationLinkTests {
    static func registration(_ id: String, title: String) -> Record {
        var record = Record(type: .trialRegistration, title: title, date: PublicationDate(year: 2021))
        record.trial = TrialRegistration(registrationID: id, status: "completed")
        return record
    }

    static func paper(_ title: String, abstract: String, doi: String) -> Record {
        var record = Record(
            title: title, authors: [Author(family: "Jansen", given: "A")], date: PublicationDate(year: 2023),
            journal: "BMC Primary Care", doi: doi)
        record.abstract = Abstract(abstract)
        return record
    }

    @Test func aPaperCitingTheNumberIsRelatedAndReviewedNeverMerged() throws {
        let title = "Group consultations for type 2 diabetes in general practice: a randomised trial"
        let inputs = [
            DedupInput(id: "reg", record: Self.registration("NCT01234567", title: title)),
            // The results paper: the registration's own title, the number in its abstract.
            DedupInput(
                id: "paper",
                record: Self.paper(
                    title, abstract: "Trial registration: ClinicalTrials.gov NCT01234567.", doi: "10.1/a")),
            // Another trial's paper.
            DedupInput(
                id: "other",
                record: Self.paper(
                    "Nurse-led asthma clinics", abstract: "Registered as NCT07654321.", doi: "10.1/b")),
        ]
        let result = Deduplicator().run(inputs)
        #expect(result.clusters.count == 3)
        #expect(result.relations.map(\.kind) == [.registrationAndPublication])
        let pair = try #require(result.uncertain.first)
        #expect(Set([pair.a, pair.b]) == ["reg", "paper"])
        #expect(pair.verdict == .related(.registrationAndPublication))
        #expect(pair.reasons.first == "a trial registration and a paper that cites its number (NCT01234567)")
        #expect(result.uncertain.count == 1)

        // A person's `same` makes them one study; `different` leaves them apart and unqueued.
        let same = Deduplicator().run(inputs, humanDecisions: [HumanPairDecision("reg", "paper", .same)])
        #expect(same.clusters.count == 2 && same.uncertain.isEmpty)
        let different = Deduplicator().run(inputs, humanDecisions: [HumanPairDecision("reg", "paper", .different)])
        #expect(different.clusters.count == 3 && different.uncertain.isEmpty)
    }

    @Test func aNumberInTheIdentifiersLinksAsWellAsOneInTheAbstract() {
        var paper = Self.paper("Results of the GC trial", abstract: "No number here.", doi: "10.1/c")
        paper.otherIDs.append(Identifier(TrialRegistration.scheme, "ISRCTN12345678"))
        let links = Deduplicator.registrationLinks([
            DedupInput(id: "reg", record: Self.registration("ISRCTN12345678", title: "GC trial")),
            DedupInput(id: "paper", record: paper),
        ])
        #expect(links.map { [$0.registration, $0.paper] } == [[0, 1]])
        #expect(links.map(\.id) == ["ISRCTN12345678"])
    }
}
