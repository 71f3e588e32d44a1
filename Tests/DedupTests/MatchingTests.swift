import Bibliography
import Dedup
import Testing

@Suite("Normalised fields match")
struct MatchingTests {
    @Test(arguments: [
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial. [Dutch]",
        "[Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial]",
        "NURSE-LED CARE FOR PATIENTS WITH TYPE 2 DIABETES IN GENERAL PRACTICE: A RANDOMISED TRIAL.",
        "Nurse-led care for patients with type 2 diabetes in general practice - a randomised trial [Review] [45 refs]",
        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial LA: Dut",
        "Nurse led care for patients with type 2 diabetes in general practice: a randomised trial (Provisional abstract)",
    ])
    func titleVariants(title: String) {
        let d = verdict(article(), article(title))
        #expect(d.verdict == .duplicate, "\(title): \(d.reasons)")
    }

    @Test func accentsAndGreekLetters() {
        let a = article("Rôle of β-blockers after myocardial infarction in Curaçao", pages: nil)
        let b = article("Role of beta blockers after myocardial infarction in Curacao", pages: nil)
        #expect(verdict(a, b).verdict == .duplicate)
    }

    @Test func authorsInEveryNameOrder() {
        let a = article(authors: ["de Vries, Anna", "Jansen, P. J.", "Bakker, Karel"])
        let b = article(authors: ["Anna de Vries", "P. J. Jansen", "Karel Bakker"])
        let c = article(authors: ["de Vries A", "Jansen PJ", "Bakker K"])
        #expect(verdict(a, b).verdict == .duplicate)
        #expect(verdict(a, c).verdict == .duplicate)
    }

    @Test func journalAbbreviations() {
        let a = article(journal: "Br J Gen Pract", pages: "173-80")
        #expect(verdict(a, article()).verdict == .duplicate)
        #expect(verdict(a, article()).reasons.contains("journal agrees"))
    }

    @Test func pageRanges() {
        let d = verdict(article(pages: "173-80"), article(pages: "173-180"))
        #expect(d.reasons.contains("first page agrees"))
        #expect(verdict(article(pages: "180"), article(pages: "173-180")).verdict == .duplicate)
    }

    @Test func sameDOIIsDuplicateWhateverTheTitle() {
        let a = article(
            "Nurse-led care in general practice for type 2 diabetes: randomised trial", doi: "10.3399/BJGP19X701")
        let b = article(doi: "10.3399/bjgp19x701")
        #expect(verdict(a, b).reasons.contains("same DOI 10.3399/bjgp19x701"))
        #expect(verdict(a, b).verdict == .duplicate)
    }

    @Test func explanationNamesTheDifferingFields() {
        let d = verdict(article(volume: "69"), article(year: 2020, volume: "70"))
        #expect(d.differences.map(\.field) == ["year", "volume"])
    }
}

@Suite("Clusters, canonical records, human decisions")
struct ClusteringTests {
    func inputs() -> [DedupInput] {
        [
            DedupInput(id: "pubmed-1", record: article(pmid: "31000001"), database: "PubMed"),
            DedupInput(
                id: "embase-7",
                record: {
                    var r = article(
                        "Nurse-led care for patients with type 2 diabetes in general practice: a randomised trial. [Dutch]",
                        doi: "10.3399/bjgp19x701")
                    r.abstract = Abstract(
                        "Background: chronic care is moving to practice nurses. Methods: a cluster randomised trial in 40 practices."
                    )
                    return r
                }(), database: "Embase"),
            DedupInput(
                id: "cinahl-3",
                record: article(authors: ["A. de Vries", "P. J. Jansen"], journal: "Br J Gen Pract", pages: "173-80"),
                database: "CINAHL"),
            DedupInput(
                id: "other", record: article("Telemonitoring of heart failure in general practice", pages: "1-9"),
                database: "PubMed"),
        ]
    }

    @Test func oneClusterKeepsEveryMemberAndDatabase() throws {
        let result = Deduplicator().run(inputs())
        #expect(result.clusters.count == 2)
        let c = try #require(result.clusters.first { $0.members.count == 3 })
        #expect(Set(c.members) == ["pubmed-1", "embase-7", "cinahl-3"])
        #expect(c.databases == ["CINAHL", "Embase", "PubMed"])
        #expect(c.canonicalKey == "pubmed-1")  // PMID: the most complete record
        #expect(c.canonical.doi == "10.3399/bjgp19x701")
        #expect(c.canonical.pmid == "31000001")
        #expect(c.canonical.abstract.text.hasPrefix("Background"))
        #expect(c.canonical.authors.count == 3)
    }

    @Test func previousCanonicalKeyIsKept() throws {
        let result = Deduplicator().run(inputs(), previousCanonicalKeys: ["cinahl-3"])
        let c = try #require(result.clusters.first { $0.members.count == 3 })
        #expect(c.canonicalKey == "cinahl-3")
        #expect(result.canonicalKey(of: "pubmed-1") == "cinahl-3")
    }

    @Test func humanDecisionsWin() {
        let different = Deduplicator().run(
            inputs(), humanDecisions: [HumanPairDecision("pubmed-1", "embase-7", .different)])
        #expect(different.canonicalKey(of: "pubmed-1") != different.canonicalKey(of: "embase-7"))
        let same = Deduplicator().run(inputs(), humanDecisions: [HumanPairDecision("pubmed-1", "other", .same)])
        #expect(same.canonicalKey(of: "pubmed-1") == same.canonicalKey(of: "other"))
    }

    @Test func uncertainPairsGoToAPerson() throws {
        // Same title and authors, no year, volume or pages to confirm, journals disagree.
        let a = article(year: 2019, journal: "Huisarts en Wetenschap", volume: nil, issue: nil, pages: nil)
        let b = article(
            year: 2019, journal: "Nederlands Tijdschrift voor Geneeskunde", volume: nil, issue: nil, pages: nil)
        let result = Deduplicator().run([DedupInput(id: "a", record: a), DedupInput(id: "b", record: b)])
        #expect(result.clusters.count == 2)
        let pair = try #require(result.uncertain.first)
        #expect(pair.verdict == .uncertain)
        #expect(pair.differences.map(\.field) == ["journal"])
        #expect(pair.reasons.contains("journal differs"))
        // A person's decision removes it from the list and merges.
        let decided = Deduplicator().run(
            [DedupInput(id: "a", record: a), DedupInput(id: "b", record: b)],
            humanDecisions: [HumanPairDecision("a", "b", .same)])
        #expect(decided.uncertain.isEmpty)
        #expect(decided.clusters.count == 1)
    }

    @Test func aChainNeverJoinsTwoVetoedRecords() {
        // b matches a and c on its own, but a and c have different DOIs: never one cluster.
        let a = article(doi: "10.1000/one")
        let b = article()
        let c = article(doi: "10.1000/two")
        let result = Deduplicator().run([
            DedupInput(id: "a", record: a), DedupInput(id: "b", record: b), DedupInput(id: "c", record: c),
        ])
        #expect(result.canonicalKey(of: "a") != result.canonicalKey(of: "c"))
        #expect(result.statistics.refusedClusterMerges >= 1)
    }
}
