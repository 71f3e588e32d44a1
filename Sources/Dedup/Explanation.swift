import Bibliography

/// Turns a comparison into words a reviewer can check.
enum Explanation {
    static func decision(_ c: Comparison, _ a: DedupInput, _ b: DedupInput) -> PairDecision {
        let (x, y) = a.id <= b.id ? (a, b) : (b, a)
        return PairDecision(
            a: x.id, b: y.id, verdict: c.verdict, score: (c.score * 1000).rounded() / 1000,
            reasons: (c.guard.map { [$0] } ?? []) + reasons(c, x.record, y.record),
            differences: differences(x.record, y.record)
        )
    }

    static func reasons(_ c: Comparison, _ a: Record, _ b: Record) -> [String] {
        let f = c.facts
        var out: [String] = []
        func add(_ fact: Fact, _ text: @autoclosure () -> String) { if f.contains(fact) { out.append(text()) } }
        add(.samePMID, "same PMID \(a.pmid ?? "")")
        add(.sameDOI, "same DOI \((a.doi ?? "").lowercased())")
        add(.sameOtherID, "same database identifier")
        let t = String(format2(c.title))
        add(.titleSame, "title same")
        add(.titleNear, "title nearly the same (\(t))")
        add(.titleTruncated, "one title is the start of the other (\(t))")
        add(.titleSimilar, "title similar (\(t))")
        add(.titleDiffers, "title differs (\(t))")
        add(.titleMissing, "title missing")
        add(.authorsAgree, "authors agree")
        add(.authorsPartial, "authors partly agree")
        add(.authorsMissing, "authors missing on one side")
        add(.yearSame, "year same")
        add(.yearClose, "year off by one (\(a.year.map(String.init) ?? "") / \(b.year.map(String.init) ?? ""))")
        add(.pagesAgree, "first page agrees")
        add(.pagesOverlap, "page ranges overlap (\(a.pages ?? "") / \(b.pages ?? ""))")
        add(.pagesIncomparable, "pages not comparable (e-locator vs print pages)")
        add(
            .pagesConflictOverridden,
            "pages differ (\(a.pages ?? "") / \(b.pages ?? "")) but journal, volume and issue agree")
        add(.issueAgree, "issue agrees")
        add(.bothTheses, "both are the thesis (or its Dissertation Abstracts entry)")
        add(.republishedAbstract, "one abstract printed in two supplements (same title, same authors in order)")
        add(.volumeAgree, "volume agrees")
        add(.volumeDiffers, "volume differs (\(a.volume ?? "") / \(b.volume ?? ""))")
        add(.journalAgree, "journal agrees")
        add(.journalDiffers, "journal differs")
        add(.partNumberOneSide, "a part number on one side only")
        add(.titleNumbersOneSide, "numbers in one title only")
        add(.pagesSameRange, "page range same")
        add(.issueTypo, "issues differ (\(a.issue ?? "") / \(b.issue ?? "")) but journal, volume and first page agree")
        add(
            .genericTitle,
            "a generic or recurring title: only an identifier or journal, volume, issue and pages can merge it"
        )
        add(.vetoPMID, "veto: different PMIDs \(a.pmid ?? "") / \(b.pmid ?? "")")
        add(.vetoDOI, "veto: conflicting DOIs \(a.doi ?? "") / \(b.doi ?? "")")
        add(
            .vetoYear,
            "veto: years differ beyond the margin (\(a.year.map(String.init) ?? "") / \(b.year.map(String.init) ?? ""))"
        )
        add(.vetoPages, "veto: conflicting pages \(a.pages ?? "") / \(b.pages ?? "")")
        add(.vetoNotice, "veto: \(noticeLabel(a)) vs \(noticeLabel(b))")
        add(.vetoConference, "veto: conference abstract or paper vs article")
        add(.vetoPartNumber, "veto: different part numbers")
        add(.vetoTitleNumbers, "veto: different numbers in the titles")
        add(.vetoReviewUpdate, "veto: a review or guideline with the same title in another year (an update)")
        add(.vetoProtocol, "veto: study protocol vs results paper")
        add(.vetoAuthors, "veto: no author in common")
        add(.vetoIssue, "veto: different issues of one volume (\(a.issue ?? "") / \(b.issue ?? ""))")
        add(.vetoArticleNumber, "veto: different article numbers (\(a.pages ?? "") / \(b.pages ?? ""))")
        if f.contains(.vetoEdition) {
            let x = MatchProfile(a).edition.map(String.init) ?? ""
            let y = MatchProfile(b).edition.map(String.init) ?? ""
            out.append("veto: different editions (\(x) / \(y))")
        }
        let years = "\(a.year.map(String.init) ?? "") / \(b.year.map(String.init) ?? "")"
        add(.vetoRecurringYear, "veto: a recurring title in different years (\(years))")
        return out
    }

    static func noticeLabel(_ r: Record) -> String { MatchProfile(r).notice.label }

    static func format2(_ v: Double) -> String {
        let hundredths = Int((v * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// The fields present on both sides whose values differ.
    static func differences(_ a: Record, _ b: Record) -> [FieldDifference] {
        var out: [FieldDifference] = []
        func cmp(_ field: String, _ x: String?, _ y: String?) {
            guard let x, let y, !x.isEmpty, !y.isEmpty, x != y else { return }
            out.append(FieldDifference(field: field, a: x, b: y))
        }
        cmp("title", a.title, b.title)
        cmp(
            "authors", a.authors.map(\.shortName).joined(separator: "; "),
            b.authors.map(\.shortName).joined(separator: "; "))
        cmp("year", a.year.map(String.init), b.year.map(String.init))
        cmp("journal", a.journal ?? a.journalAbbreviation, b.journal ?? b.journalAbbreviation)
        cmp("volume", a.volume, b.volume)
        cmp("issue", a.issue, b.issue)
        cmp("pages", a.pages, b.pages)
        cmp("doi", a.doi, b.doi)
        cmp("pmid", a.pmid, b.pmid)
        cmp("type", a.type.rawValue, b.type.rawValue)
        return out
    }
}
