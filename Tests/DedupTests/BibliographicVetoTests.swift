import Bibliography
import Dedup
import Testing

/// The ids of the clusters of `records` (one id per record, `r0`, `r1` …), as sets.
func clusters(_ records: [Record]) -> [Set<String>] {
    let inputs = records.enumerated().map { DedupInput(id: "r\($0.offset)", record: $0.element) }
    return Deduplicator().run(inputs).clusters.map { Set($0.members) }
}

/// Vetoes from where and as what a record was published: the issue of a volume, an article
/// number, a part, an edition, a recurring title in another year; generic headings.
@Suite("Vetoes from bibliographic facts")
struct BibliographicVetoTests {
    /// An editor's column in every issue of a volume: same title, author, journal, year and
    /// volume; only the issue differs. Four records, four publications.
    @Test func columnInEveryIssueOfAVolume() {
        let issues = (1...4).map { n in
            article(
                "Editor's comments", authors: ["Rai, Arun"], year: 2017, journal: "MIS Quarterly", volume: "41",
                issue: String(n), pages: ["iii-xii", "iii-x", "iii-xvii", "iii-viii"][n - 1]
            )
        }
        #expect(clusters(issues).count == 4)
        let d = verdict(issues[0], issues[1])
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: different issues of one volume (1 / 2)"))
    }

    @Test func differentIssuesOfOneVolume() {
        let a = article("Nurse practitioners in out-of-hours primary care", issue: "3", pages: nil)
        let b = article("Nurse practitioners in out-of-hours primary care", issue: "4", pages: nil)
        let d = verdict(a, b)
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: different issues of one volume (3 / 4)"))
        // A DOI in common says they are one article after all.
        #expect(
            verdict(
                article(issue: "3", pages: nil, doi: "10.3399/bjgp19x701"),
                article(issue: "4", pages: nil, doi: "10.3399/bjgp19x701")
            ).verdict == .duplicate)
        // Supplements and combined issues: `4-5` holds 4; a supplement is another numbering.
        #expect(verdict(article(issue: "4-5", pages: nil), article(issue: "4", pages: nil)).verdict == .duplicate)
        #expect(verdict(article(issue: "Suppl 1", pages: nil), article(issue: "4", pages: nil)).verdict == .duplicate)
    }

    @Test func differentIssueWithTheSameFirstPageIsATypo() {
        let d = verdict(article(issue: "3", pages: "173-180"), article(issue: "2", pages: "173-180"))
        #expect(d.verdict == .duplicate)
        #expect(d.reasons.contains("issues differ (3 / 2) but journal, volume and first page agree"))
        // Not for a heading printed on the same page of every issue.
        let e = verdict(
            article("In this issue", authors: [], issue: "3", pages: "1"),
            article("In this issue", authors: [], issue: "2", pages: "1"))
        #expect(e.verdict == .distinct)
    }

    @Test func differentArticleNumbers() {
        let a = article(
            "Correlates of frailty among older adults in primary care: a cross-sectional study", journal: "PLoS ONE",
            volume: "14", issue: "5", pages: "e0216123")
        let b = article(
            "Correlates of frailty among older adults in primary care: a cross-sectional study", journal: "PLoS ONE",
            volume: "14", issue: "5", pages: "e0216789")
        let d = verdict(a, b)
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: different article numbers (e0216123 / e0216789)"))
        let c = article(
            "Correlates of frailty among older adults in primary care: a cross-sectional study",
            journal: "BMC Geriatrics", volume: "19", issue: "1", pages: "Article 102")
        let e = article(
            "Correlates of frailty among older adults in primary care: a cross-sectional study",
            journal: "BMC Geriatrics", volume: "19", issue: "1", pages: "Article 115")
        #expect(verdict(c, e).reasons.contains("veto: different article numbers (Article 102 / Article 115)"))
    }

    @Test func partsInRomanNumeralsAtTheEnd() {
        let a = article("Screening for atrial fibrillation in general practice I", pages: nil)
        let b = article("Screening for atrial fibrillation in general practice II", pages: nil)
        let d = verdict(a, b)
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: different part numbers"))
    }

    @Test func differentEditions() {
        let a = article(
            "Oxford handbook of general practice, 4th edition", authors: ["Simon, Chantal"], year: 2014, journal: nil,
            volume: nil, issue: nil, pages: nil, type: .book)
        let b = article(
            "Oxford handbook of general practice, fifth edition", authors: ["Simon, Chantal"], year: 2014, journal: nil,
            volume: nil, issue: nil, pages: nil, type: .book)
        let d = verdict(a, b)
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: different editions (4 / 5)"))
    }

    @Test func recurringHeadingInAnotherYear() {
        // One year apart is within the margin for an article (online first, then print), not
        // for a heading that recurs.
        let a = article(
            "Kort nieuws", authors: ["Redactie"], year: 2019, journal: "Huisarts en Wetenschap", volume: nil,
            issue: nil, pages: nil)
        let b = article(
            "Kort nieuws", authors: ["Redactie"], year: 2020, journal: "Huisarts en Wetenschap", volume: nil,
            issue: nil, pages: nil)
        let d = verdict(a, b)
        #expect(d.verdict == .distinct)
        #expect(d.reasons.contains("veto: a recurring title in different years (2019 / 2020)"))
    }

    @Test func yearlyConferenceAbstractsOfOneTrial() {
        let a = article(
            "Group consultations for type 2 diabetes in general practice: the GROUP trial", year: 2019,
            journal: "Diabetologia", volume: "62", issue: "Suppl 1", pages: "S310", type: .conferenceAbstract)
        let b = article(
            "Group consultations for type 2 diabetes in general practice: the GROUP trial", year: 2020,
            journal: "Diabetologia", volume: "63", issue: "Suppl 1", pages: "S310", type: .conferenceAbstract)
        #expect(verdict(a, b).reasons.contains("veto: a recurring title in different years (2019 / 2020)"))
        #expect(verdict(a, b).verdict == .distinct)
    }

    /// Generic headings never merge on the title: only an identifier or the whole place of
    /// printing does.
    @Test(arguments: [
        "Editorial", "In this issue", "Correction", "Erratum", "Reply", "Letter", "Kort nieuws", "Commentaar",
        "Van de redactie",
    ])
    func genericTitle(title: String) {
        let a = article(title, authors: ["Bakker, Karel"], issue: nil, pages: nil)
        let b = article(title, authors: ["Bakker, Karel"], issue: nil, pages: nil)
        let d = verdict(a, b)
        #expect(d.verdict != .duplicate, "\(title): \(d.reasons)")
        #expect(d.reasons.contains { $0.hasPrefix("a generic or recurring title") })
        // The same journal, volume, issue and first page: one record.
        #expect(
            verdict(
                article(title, authors: ["Bakker, Karel"], pages: "12"),
                article(title, authors: ["Bakker, Karel"], pages: "12")
            ).verdict == .duplicate)
    }

    @Test func titleRecurringInOneJournalIsGeneric() {
        // Not on any list, but printed in three volumes of one journal: a column.
        let columns = (2018...2020).map { y in
            article(
                "Practice pointers from the pharmacist", authors: ["Visser, Jan"], year: y,
                journal: "Huisarts en Wetenschap", volume: String(y - 1957), issue: nil, pages: nil)
        }
        #expect(clusters(columns).count == 3)
        // Copies of one article from three databases do not make it recurring.
        let copies = [article(), article(journal: "Br J Gen Pract"), article(year: 2020, pages: nil)]
        #expect(clusters(copies).count == 1)
    }
}

/// What was missed before, without a risk of a false merge.
@Suite("Sensitivity without risk")
struct SensitivityTests {
    @Test(arguments: [
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial - [careers]",
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial [News]",
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial. [Dutch]",
    ])
    func sectionTags(title: String) {
        #expect(verdict(article(), article(title)).verdict == .duplicate)
    }

    @Test func aNoticeTagIsKept() {
        let d = verdict(article(), article(article().title + " [Retracted article]", pages: "173"))
        #expect(d.verdict != .duplicate, "\(d.reasons)")
    }

    @Test func bracketedOriginalTitle() {
        let english = article(
            "Crowdwork: applying a relational inequality theory [Arbeiten in der Crowd: Perspektiven der Theorie relationaler Ungleichheiten]",
            journal: "Industrielle Beziehungen", volume: "27", issue: "2", pages: "160-178")
        let german = article(
            "Arbeiten in der Crowd: Perspektiven der Theorie relationaler Ungleichheiten",
            journal: "Industrielle Beziehungen", volume: "27", issue: "2", pages: "160-178")
        #expect(verdict(english, german).verdict == .duplicate)
    }

    @Test func translatedTitleInTheSameIssueAndPages() {
        let dutch = article(
            "Groepsconsulten voor diabetes in de huisartsenpraktijk", journal: "Ned Tijdschr Geneeskd", volume: "163",
            issue: "4", pages: "D3120-D3126")
        let english = article(
            "Group consultations for diabetes in general practice", journal: "Nederlands Tijdschrift voor Geneeskunde",
            volume: "163", issue: "4", pages: "D3120-D3126")
        #expect(verdict(dutch, english).verdict == .duplicate)
        // Another issue, or only the first page: left to a person at most.
        #expect(
            verdict(
                dutch,
                article(
                    "Group consultations for diabetes in general practice", journal: "Ned Tijdschr Geneeskd",
                    volume: "163", issue: "4", pages: "D3120")
            ).verdict != .duplicate)
        // DOIs that agree.
        let a = article("Groepsconsulten voor diabetes in de huisartsenpraktijk", pages: nil, doi: "10.1000/ntvg.3120")
        let b = article("Group consultations for diabetes in general practice", pages: nil, doi: "10.1000/ntvg.3120")
        #expect(verdict(a, b).verdict == .duplicate)
    }

    @Test func conferencePaperAndLaterVersionAreRelatedAndReviewed() throws {
        let paper = article(
            "Call for bids to improve matching efficiency: evidence from online labor markets",
            authors: ["Guo, Xue", "Gong, Jing", "Pavlou, Paul A."], year: 2017,
            journal: "International Conference on Information Systems", volume: nil, issue: nil, pages: "1-12",
            type: .conferencePaper)
        let later = article(
            "Call for bids to improve matching efficiency: evidence from online labor markets",
            authors: ["Guo, X.", "Gong, J.", "Pavlou, P."], year: 2019, journal: "Management Science", volume: "65",
            issue: "3", pages: "1230-1251", doi: "10.1287/mnsc.2017.2952")
        let result = Deduplicator().run([DedupInput(id: "icis", record: paper), DedupInput(id: "mnsc", record: later)])
        #expect(result.clusters.count == 2)
        let relation = try #require(result.relations.first)
        #expect(relation.kind == .conferenceAndLaterVersion)
        #expect(result.uncertain.map(\.verdict) == [.related(.conferenceAndLaterVersion)])
        // A person's `same` merges them.
        let decided = Deduplicator().run(
            [DedupInput(id: "icis", record: paper), DedupInput(id: "mnsc", record: later)],
            humanDecisions: [HumanPairDecision("icis", "mnsc", .same)])
        #expect(decided.clusters.count == 1)
        #expect(decided.uncertain.isEmpty)
    }
}

/// The guard: no cluster holds two records that disagree on DOI, PMID, issue or first page.
@Suite("Cluster guard")
struct ClusterGuardTests {
    @Test func samePMIDButConflictingDOIsGoesToAPerson() throws {
        let pubmed = article(doi: "10.3399/bjgp19x701", pmid: "31040133")
        let embase = article(doi: "10.3399/bjgp19x999", pmid: "31040133")
        let result = Deduplicator().run([DedupInput(id: "a", record: pubmed), DedupInput(id: "b", record: embase)])
        #expect(result.clusters.count == 2)
        let pair = try #require(result.uncertain.first)
        #expect(pair.reasons.first == "guard: conflicting DOIs in one cluster")
        #expect(result.statistics.doubtfulMerges == 1)
    }

    @Test func aChainThroughARecordWithoutIssueIsRefused() {
        // b (no issue, no pages) matches a and c alike; a and c are issues 3 and 4 of one volume.
        let a = article(issue: "3", pages: nil)
        let b = article(issue: nil, pages: nil)
        let c = article(issue: "4", pages: nil)
        let groups = clusters([a, b, c])
        #expect(groups.count == 2)
        #expect(!groups.contains(["r0", "r1", "r2"]))
    }

    @Test func aPersonsSameWinsOverTheGuard() {
        let a = DedupInput(id: "a", record: article(doi: "10.3399/bjgp19x701", pmid: "31040133"))
        let b = DedupInput(id: "b", record: article(doi: "10.3399/bjgp19x999", pmid: "31040133"))
        #expect(Deduplicator().run([a, b], humanDecisions: [HumanPairDecision("a", "b", .same)]).clusters.count == 1)
    }
}
