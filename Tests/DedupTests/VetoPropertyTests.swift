import Bibliography
import Dedup
import Testing

/// Random pairs of distinct records that share title, authors, journal and year but differ in
/// a field that makes them different publications: dedup never merges them.
@Suite("Property: a vetoed field keeps two records apart")
struct VetoPropertyTests {
    enum Variation: String, CaseIterable {
        case issue, articleNumber, part, edition, recurringYear, doi, pmid
    }

    static let words = [
        "chronic", "care", "general", "practice", "diabetes", "nurse", "led", "group", "consultations", "heart",
        "failure", "older", "adults", "frailty", "screening", "atrial", "fibrillation", "self", "management", "COPD",
        "telemonitoring", "primary", "integrated", "outcomes", "costs", "quality", "of", "life", "in", "the", "for",
        "with", "a", "randomised", "trial", "cohort", "study", "qualitative", "evaluation", "patients", "Dutch",
    ]
    static let families = [
        "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos",
    ]
    static let journals = [
        "British Journal of General Practice", "Huisarts en Wetenschap", "BMC Family Practice", "Family Practice",
        "Nederlands Tijdschrift voor Geneeskunde", "Scandinavian Journal of Primary Health Care",
    ]
    static let headings = ["Editorial", "In this issue", "Kort nieuws", "Commentaar", "Correction", "Reply", "Letter"]

    /// A record and a second one that differs only in `variation`.
    static func pair(_ variation: Variation, _ g: inout SeededGenerator) -> (Record, Record) {
        let length = Int.random(in: 6...14, using: &g)
        var title = (0..<length).map { _ in words.randomElement(using: &g) ?? "care" }.joined(separator: " ")
        title = title.prefix(1).uppercased() + title.dropFirst()
        let authors = (0..<Int.random(in: 1...5, using: &g)).map { k in
            Author(
                parsing:
                    "\(families.randomElement(using: &g) ?? "Bos"), \(["A.", "B. C.", "Karel", "Lotte", "P. J."][k % 5])"
            )
        }.compactMap { $0 }
        let year = Int.random(in: 1995...2025, using: &g)
        let volume = String(Int.random(in: 1...80, using: &g))
        let issue = Int.random(in: 1...12, using: &g)
        let start = Int.random(in: 1...1200, using: &g)
        let pages = "\(start)-\(start + Int.random(in: 1...12, using: &g))"
        var a = Record(
            type: .journalArticle, title: title, authors: authors, date: PublicationDate(year: year),
            journal: journals.randomElement(using: &g), volume: volume, issue: String(issue), pages: pages
        )
        var b = a
        switch variation {
        case .issue:
            // Two issues of one volume: first pages differ or are unknown.
            b.issue = String(issue % 12 + 1)
            if Bool.random(using: &g) {
                a.pages = nil
                b.pages = nil
            } else {
                b.pages = "\(start + 20)-\(start + 31)"
            }
        case .articleNumber:
            let n = Int.random(in: 100_000...999_999, using: &g)
            a.pages = "e\(n)"
            b.pages = "e\(n + Int.random(in: 1...5000, using: &g))"
        case .part:
            let n = Int.random(in: 1...4, using: &g)
            let roman = ["I", "II", "III", "IV", "V"]
            if Bool.random(using: &g) {
                a.title += ". Part \(n)"
                b.title += ". Part \(n + 1)"
            } else {
                a.title += " " + roman[n - 1]
                b.title += " " + roman[n]
            }
            if Bool.random(using: &g) {
                a.pages = nil
                b.pages = nil
            }
        case .edition:
            let n = Int.random(in: 2...6, using: &g)
            let ordinals = ["second", "third", "fourth", "fifth", "sixth", "seventh"]
            a.type = .book
            a.title += ", \(n)\(n == 2 ? "nd" : n == 3 ? "rd" : "th") edition"
            a.journal = nil
            a.volume = nil
            a.issue = nil
            a.pages = nil
            b = a
            b.title = title + ", " + ordinals[n - 1] + " edition"
        case .recurringYear:
            a.title = headings.randomElement(using: &g) ?? "Editorial"
            a.pages = nil
            a.issue = nil
            b = a
            b.date = PublicationDate(year: year + 1)
            b.volume = String((Int(volume) ?? 1) + 1)
        case .doi:
            a.doi = "10.1000/j.\(Int.random(in: 1000...9999, using: &g))"
            b.doi = a.doi.map { $0 + "1" }
        case .pmid:
            let n = Int.random(in: 10_000_000...39_999_999, using: &g)
            a.pmid = String(n)
            b.pmid = String(n + Int.random(in: 1...1000, using: &g))
        }
        return (a, b)
    }

    @Test(arguments: Variation.allCases)
    func neverMerged(variation: Variation) {
        var g = SeededGenerator(seed: 15 &* 1_000_003 &+ UInt64(variation.rawValue.count))
        for round in 0..<300 {
            let (a, b) = Self.pair(variation, &g)
            let result = Deduplicator().run([DedupInput(id: "a", record: a), DedupInput(id: "b", record: b)])
            #expect(
                result.clusters.count == 2,
                "\(variation) round \(round): \(a.title) | \(b.title) — \(Deduplicator().explain(DedupInput(id: "a", record: a), DedupInput(id: "b", record: b)).reasons)"
            )
        }
    }

    /// The same property for a column printed in every issue of a volume: one cluster per issue.
    @Test func everyIssueItsOwnCluster() {
        var g = SeededGenerator(seed: 2026)
        for _ in 0..<50 {
            let (a, _) = Self.pair(.issue, &g)
            let issues = (1...Int.random(in: 3...12, using: &g)).map { n -> Record in
                var r = a
                r.issue = String(n)
                r.pages = nil
                return r
            }
            let inputs = issues.enumerated().map { DedupInput(id: "i\($0.offset)", record: $0.element) }
            #expect(Deduplicator().run(inputs).clusters.count == issues.count)
        }
    }
}
