import Bibliography
import Dedup
import Testing

/// A journal article as a database exports it; tests vary one field at a time.
func article(
    _ title: String = "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
    authors: [String] = ["de Vries, Anna", "Jansen, P. J.", "Bakker, Karel"],
    year: Int? = 2019, journal: String? = "British Journal of General Practice", volume: String? = "69",
    issue: String? = "4", pages: String? = "173-180", doi: String? = nil, pmid: String? = nil,
    type: ReferenceType = .journalArticle, publicationTypes: [String] = []
) -> Record {
    Record(
        type: type, title: title, authors: authors.compactMap(Author.init(parsing:)),
        date: year.map { PublicationDate(year: $0) }, journal: journal, volume: volume, issue: issue, pages: pages,
        doi: doi, pmid: pmid, publicationTypes: publicationTypes
    )
}

func verdict(_ a: Record, _ b: Record) -> PairDecision {
    Deduplicator().explain(DedupInput(id: "a", record: a), DedupInput(id: "b", record: b))
}

@Suite("Vetoes keep different studies apart")
struct VetoTests {
    @Test func baselineIsDuplicate() {
        #expect(verdict(article(), article()).verdict == .duplicate)
    }

    @Test func yearsBeyondTheMargin() {
        let d = verdict(article(year: 2019), article(year: 2021))
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: years differ beyond the margin (2019 / 2021)"))
        // One year apart (online first, then print) is within the margin.
        #expect(verdict(article(year: 2019), article(year: 2020)).verdict == .duplicate)
    }

    @Test func conflictingDOIs() {
        let d = verdict(article(doi: "10.3399/bjgp19x701"), article(doi: "10.3399/bjgp19x702"))
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: conflicting DOIs 10.3399/bjgp19x701 / 10.3399/bjgp19x702"))
    }

    @Test func conflictingPages() {
        let d = verdict(article(issue: nil, pages: "173-180"), article(issue: nil, pages: "201-209"))
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: conflicting pages 173-180 / 201-209"))
    }

    @Test func guidelinePublishedInThreeJournalsStaysThree() {
        let a = article(
            "Screening guidelines for the prevention of cervical cancer",
            journal: "CA: A Cancer Journal for Clinicians", volume: "62", pages: "147-172")
        let b = article(
            "Screening guidelines for the prevention of cervical cancer",
            journal: "American Journal of Clinical Pathology", volume: "137", pages: "516-542")
        #expect(verdict(a, b).verdict == .distinct)
    }

    @Test(arguments: [
        "Erratum: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Corrigendum to: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Correction: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Retraction: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Notice of retraction: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Comment on: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial - Reply",
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial. Authors' reply",
        "Reply to: Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial",
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial (vol 69, pg 173, 2019)",
    ])
    func notices(title: String) {
        let d = verdict(article(), article(title, pages: "173"))
        #expect(d.verdict == .distinct, "\(title): \(d.reasons)")
        #expect(d.reasons.contains { $0.hasPrefix("veto: article vs ") }, "\(d.reasons)")
    }

    @Test func erratumByPublicationType() {
        let d = verdict(article(), article(pages: "173", publicationTypes: ["Published Erratum"]))
        #expect(d.reasons.contains("veto: article vs erratum"))
    }

    @Test func erratumNoteInTheTitleIsNotAnErratum() {
        let a = article(
            "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial.[Erratum appears in Br J Gen Pract. 2019 Jun;69(6):300]"
        )
        #expect(verdict(a, article()).verdict == .duplicate)
    }

    @Test func conferenceAbstractVsArticle() {
        // Same title and authors: perhaps the article is the abstract's later version; related,
        // for a person to decide, never merged.
        let d = verdict(article(), article(pages: nil, type: .conferenceAbstract))
        #expect(d.verdict == .related(.conferenceAndLaterVersion))
        #expect(d.reasons.contains("veto: conference abstract or paper vs article"))
        // Another author list: distinct.
        let other = verdict(article(), article(authors: ["Smit, Lotte"], pages: nil, type: .conferenceAbstract))
        #expect(other.verdict == .distinct)
    }

    @Test func numberedParts() {
        let a = article("Chronic care in general practice. Part 1: the patients", pages: nil)
        let b = article("Chronic care in general practice. Part 2: the patients", pages: nil)
        #expect(verdict(a, b).reasons.contains("veto: different part numbers"))
        #expect(verdict(a, b).verdict == .distinct)
        let c = article("Chronic care in general practice, part II: the patients", pages: nil)
        let d = article("Chronic care in general practice, part I: the patients", pages: nil)
        #expect(verdict(c, d).verdict == .distinct)
    }

    @Test func numbersInTitles() {
        let a = article("Two-year follow-up of 312 patients with COPD", pages: nil)
        let b = article("Two-year follow-up of 318 patients with COPD", pages: nil)
        #expect(verdict(a, b).reasons.contains("veto: different numbers in the titles"))
    }

    @Test func updatedReviewSameTitleOtherYear() {
        let a = article(
            "Interventions for improving adherence to treatment in chronic disease", year: 2019,
            journal: "Cochrane Database of Systematic Reviews", volume: nil, issue: nil, pages: "CD000011")
        let b = article(
            "Interventions for improving adherence to treatment in chronic disease", year: 2020,
            journal: "Cochrane Database of Systematic Reviews", volume: nil, issue: nil, pages: nil)
        let d = verdict(a, b)
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: a review or guideline with the same title in another year (an update)"))
    }

    @Test func protocolAndResultsAreRelatedNotDuplicates() throws {
        let protocolPaper = article(
            "Nurse-led care for patients with type 2 diabetes in general practice: study protocol for a randomised trial",
            year: 2016, journal: "Trials", volume: "17", pages: "88")
        let results = article()
        #expect(verdict(protocolPaper, results).verdict == .related(.protocolAndResults))
        let result = Deduplicator().run([
            DedupInput(id: "p", record: protocolPaper), DedupInput(id: "r", record: results),
        ])
        #expect(result.clusters.count == 2)
        let relation = try #require(result.relations.first)
        #expect(relation.kind == .protocolAndResults)
        #expect(Set([relation.a, relation.b]) == ["p", "r"])
    }

    @Test func noAuthorInCommon() {
        let d = verdict(
            article(authors: ["Balon, Richard"], pages: nil), article(authors: ["Merker, Brad"], pages: nil))
        #expect(d.reasons.contains("veto: no author in common"))
    }

    @Test func differentPMIDs() {
        #expect(verdict(article(pmid: "111"), article(pmid: "222")).verdict == .distinct)
    }
}
