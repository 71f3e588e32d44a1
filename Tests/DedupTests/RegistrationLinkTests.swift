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

    /// The paper of the trial as three databases give it: PubMed names the registration in its
    /// identifiers (`DataBankList`); Embase and CINAHL carry the same DOI, and CINAHL cites the
    /// number in its abstract.
    static func paperCopies() -> [DedupInput] {
        let title =
            "Group consultations versus individual consultations for type 2 diabetes: a cluster randomised trial"
        var pubmed = Self.paper(title, abstract: "Group consultations gave comparable control.", doi: "10.1/gc")
        pubmed.pmid = "990020130"
        pubmed.otherIDs = [Identifier(TrialRegistration.scheme, "NCT99000101")]
        let embase = Self.paper(title, abstract: "Group consultations gave comparable control.", doi: "10.1/gc")
        let cinahl = Self.paper(
            title, abstract: "Group consultations gave comparable control. Trial registration: NCT99000101.",
            doi: "10.1/gc")
        return [
            DedupInput(id: "pmid", record: pubmed), DedupInput(id: "embase", record: embase),
            DedupInput(id: "cinahl", record: cinahl),
        ]
    }

    static func registrationOf2016() -> DedupInput {
        // The register's title, no authors, posted three years before the paper.
        var reg = Self.registration(
            "NCT99000101", title: "Group Consultations Versus Individual Consultations for Type 2 Diabetes")
        reg.date = PublicationDate(year: 2016)
        return DedupInput(id: "reg", record: reg)
    }

    @Test func aPersonsSameWithOneCopyBringsThePapersOtherCopiesAlong() throws {
        let inputs = [Self.registrationOf2016()] + Self.paperCopies()
        // Before a person decides: the paper's copies are one study, the registration apart,
        // and each copy that names the number is a pair for a person.
        let before = Deduplicator().run(inputs)
        #expect(before.clusters.count == 2)
        #expect(Set(before.uncertain.map { Set([$0.a, $0.b]) }) == [["reg", "pmid"], ["reg", "cinahl"]])
        // One `same` (with the PubMed copy): one study of four records, nothing left to decide,
        // although the registration's year and title veto the other copies field by field.
        let same = Deduplicator().run(inputs, humanDecisions: [HumanPairDecision("reg", "pmid", .same)])
        #expect(same.clusters.count == 1)
        #expect(Set(try #require(same.clusters.first).members) == ["reg", "pmid", "embase", "cinahl"])
        #expect(same.uncertain.isEmpty)
        #expect(same.relations.isEmpty)
        // A person's `different` with another copy still holds: that copy stays out.
        let mixed = Deduplicator().run(
            inputs,
            humanDecisions: [HumanPairDecision("reg", "pmid", .same), HumanPairDecision("reg", "cinahl", .different)])
        #expect(mixed.clusterIndex["reg"] == mixed.clusterIndex["pmid"])
        #expect(mixed.clusterIndex["cinahl"] != mixed.clusterIndex["pmid"])
    }

    @Test func aRegistrationNobodyJoinedStillKeepsItsCitingPapersApart() {
        // Without a person, the algorithm never puts the registration with any copy.
        let result = Deduplicator().run([Self.registrationOf2016()] + Self.paperCopies())
        #expect(result.clusterIndex["reg"] != result.clusterIndex["pmid"])
        #expect(result.clusterIndex["reg"] != result.clusterIndex["cinahl"])
        #expect(result.clusterIndex["pmid"] == result.clusterIndex["embase"])
        #expect(result.clusterIndex["pmid"] == result.clusterIndex["cinahl"])
    }
}
