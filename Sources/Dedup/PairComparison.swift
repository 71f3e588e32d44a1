/// One fact established when two records are compared; vetoes keep the pair apart.
enum Fact: Int, CaseIterable {
    case samePMID, sameDOI, sameOtherID
    case titleSame, titleNear, titleTruncated, titleSimilar, titleDiffers, titleMissing
    case authorsAgree, authorsPartial, authorsMissing
    case yearSame, yearClose, yearMissing
    case pagesAgree, pagesMultiPage, pagesMissing, pagesOverlap, pagesIncomparable, issueAgree, bothTheses,
        pagesConflictOverridden, republishedAbstract
    case volumeAgree, volumeDiffers
    case journalAgree, journalDiffers
    case partNumberOneSide, titleNumbersOneSide
    case genericTitle, pagesSameRange, issueTypo
    // vetoes
    case vetoPMID, vetoDOI, vetoYear, vetoPages, vetoNotice, vetoConference, vetoPartNumber
    case vetoTitleNumbers, vetoReviewUpdate, vetoProtocol, vetoAuthors
    case vetoIssue, vetoArticleNumber, vetoEdition, vetoRecurringYear

    var isVeto: Bool { rawValue >= Fact.vetoPMID.rawValue }
}

/// A set of ``Fact``s as bits.
struct Facts {
    var bits: UInt64 = 0
    @inline(__always) mutating func insert(_ f: Fact) { bits |= 1 << UInt64(f.rawValue) }
    @inline(__always) func contains(_ f: Fact) -> Bool { bits & (1 << UInt64(f.rawValue)) != 0 }
    @inline(__always) mutating func remove(_ f: Fact) { bits &= ~(1 << UInt64(f.rawValue)) }
    var hasVeto: Bool { bits >> UInt64(Fact.vetoPMID.rawValue) != 0 }
    /// Vetoes other than the protocol one.
    var hasHardVeto: Bool {
        var v = bits >> UInt64(Fact.vetoPMID.rawValue)
        v &= ~(1 << UInt64(Fact.vetoProtocol.rawValue - Fact.vetoPMID.rawValue))
        return v != 0
    }
}

/// The outcome of comparing two profiles: verdict, score, title similarity and facts.
struct Comparison {
    var verdict: PairVerdict
    var score: Double
    var title: Double
    var facts: Facts
    /// Why the cluster guard sent the pair to a person instead of merging it.
    var `guard`: String?
}

enum AuthorAgreement { case agree, partial, conflict, missing }

extension MatchProfile {
    /// Compares two profiles.
    ///
    /// - Complexity: O(title length × band) for the title, O(authors²) for up to 30 authors.
    func compare(with q: MatchProfile, options: DedupOptions) -> Comparison {
        let p = self
        var f = Facts()
        // Identity.
        if let a = p.pmid, let b = q.pmid { f.insert(a == b ? .samePMID : .vetoPMID) }
        if let a = p.doi, let b = q.doi { f.insert(a == b ? .sameDOI : .vetoDOI) }
        if !p.otherIDs.isEmpty, !q.otherIDs.isEmpty, p.otherIDs.contains(where: q.otherIDs.contains) {
            f.insert(.sameOtherID)
        }
        // Title.
        let t = TitleSimilarity.score(p, q)
        if p.title.isEmpty || q.title.isEmpty {
            f.insert(.titleMissing)
        } else if t.value >= 1 {
            f.insert(.titleSame)
        } else if t.truncated {
            f.insert(.titleTruncated)
        } else if t.value >= options.sameTitle {
            f.insert(.titleNear)
        } else if t.value >= options.uncertainTitle {
            f.insert(.titleSimilar)
        } else {
            f.insert(.titleDiffers)
        }
        // Year.
        if let a = p.year, let b = q.year {
            let d = abs(a - b)
            if d == 0 {
                f.insert(.yearSame)
            } else if d <= options.yearMargin {
                f.insert(.yearClose)
            } else {
                f.insert(.vetoYear)
            }
        } else {
            f.insert(.yearMissing)
        }
        // Pages, volume, journal.
        if let a = p.volume, let b = q.volume { f.insert(a == b ? .volumeAgree : .volumeDiffers) }
        if let a = p.issue, let b = q.issue, a == b { f.insert(.issueAgree) }
        if !p.journal.isEmpty, !q.journal.isEmpty {
            f.insert(JournalMatch.compatible(p.journal, q.journal) ? .journalAgree : .journalDiffers)
        }
        if let a = p.pages, let b = q.pages {
            switch Self.pageRelation(a, p.otherPageStarts, b, q.otherPageStarts) {
            case .agree:
                f.insert(.pagesAgree)
                if let ea = a.end, let eb = b.end, ea > a.start, eb > b.start {
                    f.insert(.pagesMultiPage)
                    if ea == eb { f.insert(.pagesSameRange) }
                }
            case .overlap: f.insert(.pagesOverlap)
            case .incomparable: f.insert(.pagesIncomparable)
            case .conflict: f.insert(.vetoPages)
            }
        } else {
            f.insert(.pagesMissing)
        }
        // Authors.
        let authors = Self.authorAgreement(p.authors, q.authors)
        let authorsAgree = authors == .agree
        switch authors {
        case .agree: f.insert(.authorsAgree)
        case .partial: f.insert(.authorsPartial)
        case .missing: f.insert(.authorsMissing)
        case .conflict: f.insert(.vetoAuthors)
        }
        // Kinds of publication.
        if p.notice != q.notice { f.insert(.vetoNotice) }
        if p.isConference != q.isConference { f.insert(.vetoConference) }
        if !p.partNumbers.isEmpty, !q.partNumbers.isEmpty {
            if p.partNumbers != q.partNumbers { f.insert(.vetoPartNumber) }
        } else if p.partNumbers.count != q.partNumbers.count {
            f.insert(.partNumberOneSide)
        }
        if p.titleNumbers != q.titleNumbers {
            if !p.titleNumbers.isEmpty, !q.titleNumbers.isEmpty {
                f.insert(.vetoTitleNumbers)
            } else {
                f.insert(.titleNumbersOneSide)
            }
        }
        if p.isReview || q.isReview, !f.contains(.yearSame), !f.contains(.yearMissing),
            !(f.contains(.pagesAgree) && f.contains(.volumeAgree))
        {
            f.insert(.vetoReviewUpdate)
        }
        if p.isProtocol != q.isProtocol { f.insert(.vetoProtocol) }
        // Where and as what it was published: an issue of one volume, an article number, an
        // edition; a heading that recurs in a journal (or a meeting's yearly abstracts) in
        // another year.
        if f.contains(.volumeAgree), let a = p.issueNumber, let b = q.issueNumber, a.conflicts(with: b) {
            // Journal, volume and first page name one article in a journal paginated by volume:
            // an issue that differs is a typo then, unless the title is generic or recurs (a
            // column on the same page of every issue of a journal paginated by issue).
            let recurs = p.isGeneric || q.isGeneric || p.isRecurring || q.isRecurring
            let samePlace = f.contains(.pagesAgree) && f.contains(.journalAgree) && !recurs
            f.insert(samePlace ? .issueTypo : .vetoIssue)
        }
        if let a = p.articleNumber, let b = q.articleNumber, a != b { f.insert(.vetoArticleNumber) }
        if let a = p.edition, let b = q.edition, a != b { f.insert(.vetoEdition) }
        let generic = p.isGeneric || q.isGeneric || p.isRecurring || q.isRecurring
        if generic { f.insert(.genericTitle) }
        if generic || p.isConference && q.isConference, let a = p.year, let b = q.year, a != b {
            f.insert(.vetoRecurringYear)
        }

        if p.isThesis && q.isThesis { f.insert(.bothTheses) }
        if f.contains(.vetoPages), let a = p.pages, let b = q.pages, f.contains(.titleSame) || f.contains(.titleNear),
            f.contains(.yearSame), authorsAgree
        {
            let singleA = a.end == nil || a.end == a.start
            let singleB = b.end == nil || b.end == b.start
            // Single-page abstracts of one meeting: one database gives the page, another the
            // abstract number (`22-22` / `52-52`).
            if singleA, singleB, f.contains(.journalAgree), !f.contains(.volumeDiffers) {
                f.remove(.vetoPages)
                f.insert(.pagesConflictOverridden)
            }
            // One abstract printed in two journals' supplements (`S42` / `e505`): the same title
            // and the same authors in the same order.
            if singleA, singleB, a.prefix != 0, b.prefix != 0, f.contains(.titleSame), p.authors.count >= 2,
                p.authors.count == q.authors.count, zip(p.authors, q.authors).allSatisfy({ $0.matches($1) })
            {
                f.remove(.vetoPages)
                f.insert(.republishedAbstract)
            }
        }
        // Journal, volume and first page identify an article whatever its title says: numbers
        // in titles then differ by a typo (`p6INK4a` / `p16INK4a`), not by a part.
        let sameArticle = f.contains(.pagesAgree) && f.contains(.volumeAgree) && f.contains(.journalAgree)
        if sameArticle {
            f.remove(.vetoTitleNumbers)
        }
        // Pages that differ in one record of a pair otherwise the same down to the issue:
        // a page typo or an e-locator, not another article.
        if f.contains(.vetoPages), f.contains(.titleSame) || f.contains(.titleNear), f.contains(.yearSame),
            f.contains(.journalAgree), f.contains(.volumeAgree), f.contains(.issueAgree),
            authorsAgree, p.authors.count >= 2
        {
            f.remove(.vetoPages)
            f.insert(.pagesConflictOverridden)
        }
        let verdict = Self.decide(f, title: t.value, options: options)
        var score = 0.55 * t.value
        if f.contains(.authorsAgree) { score += 0.15 } else if f.contains(.authorsPartial) { score += 0.07 }
        if f.contains(.yearSame) { score += 0.1 } else if f.contains(.yearClose) { score += 0.05 }
        if f.contains(.pagesAgree) { score += 0.1 }
        if f.contains(.volumeAgree) || f.contains(.journalAgree) { score += 0.1 }
        if f.contains(.samePMID) || f.contains(.sameDOI) { score = 1 }
        return Comparison(verdict: verdict, score: min(1, score), title: t.value, facts: f)
    }

    static func decide(_ f: Facts, title t: Double, options: DedupOptions) -> PairVerdict {
        if f.contains(.samePMID) { return .duplicate }
        if isConferenceAndLaterVersion(f) { return .related(.conferenceAndLaterVersion) }
        if f.contains(.vetoPMID) { return .distinct }
        if f.contains(.sameDOI) {
            // A title in another language under the same DOI: the authors and where it was
            // printed agree.
            let translated =
                f.contains(.authorsAgree) && !f.contains(.vetoPages)
                && (f.contains(.journalAgree) || f.contains(.pagesAgree))
            let titleOK = t >= 0.6 || f.contains(.titleMissing) || translated
            return titleOK && !f.contains(.vetoNotice) && !f.contains(.vetoProtocol) && !f.contains(.vetoPartNumber)
                ? .duplicate : .uncertain
        }
        if f.contains(.vetoProtocol) {
            // A protocol and its results paper differ in year, pages and often title numbers;
            // other vetoes mean they are not of one study.
            let otherVeto = f.contains(.vetoNotice) || f.contains(.vetoAuthors) || f.contains(.vetoPartNumber)
            let authorsOK = f.contains(.authorsAgree)
            return !otherVeto && authorsOK && t >= 0.5 ? .related(.protocolAndResults) : .distinct
        }
        if f.hasVeto { return .distinct }
        if f.contains(.titleMissing) {
            let strong =
                f.contains(.authorsAgree) && f.contains(.yearSame) && f.contains(.pagesAgree)
                && f.contains(.volumeAgree)
            return strong ? .uncertain : .distinct
        }
        let yearOK = f.contains(.yearSame) || f.contains(.yearMissing)
        // A thesis and its Dissertation Abstracts entry: one author, one title, a year apart.
        // Left to a person: the labelled sets hold such pairs marked both ways.
        if f.contains(.bothTheses), f.contains(.titleSame) || f.contains(.titleNear), f.contains(.authorsAgree) {
            return .uncertain
        }
        // Left to a person as well: the labelled sets mark such pairs both ways.
        if f.contains(.republishedAbstract) { return .uncertain }
        let authorsOK = f.contains(.authorsAgree) || f.contains(.authorsMissing)
        let pages = f.contains(.pagesAgree) || f.contains(.pagesOverlap)
        let venue = f.contains(.volumeAgree) && f.contains(.journalAgree)
        let anyVenueConflict = f.contains(.journalDiffers) || f.contains(.volumeDiffers)
        let oneSided = f.contains(.partNumberOneSide) || f.contains(.titleNumbersOneSide)
        var verdict: PairVerdict
        if f.contains(.titleSame) || f.contains(.titleNear) {
            if f.contains(.authorsAgree) || f.contains(.authorsMissing) && (pages || venue) {
                if yearOK {
                    if pages || venue || f.contains(.sameOtherID) {
                        verdict = .duplicate
                    } else if f.contains(.volumeDiffers) {
                        verdict = .uncertain
                    } else if f.contains(.journalDiffers) {
                        verdict = .uncertain
                    } else {
                        verdict = f.contains(.authorsAgree) ? .duplicate : .uncertain
                    }
                } else {
                    verdict = pages || f.contains(.volumeAgree) ? .duplicate : .uncertain
                }
            } else if f.contains(.authorsPartial) {
                verdict = yearOK && (pages || venue) ? .duplicate : .uncertain
            } else {
                verdict = .uncertain
            }
        } else if f.contains(.titleTruncated) || t >= 0.85 {
            verdict =
                authorsOK && f.contains(.authorsAgree) && yearOK && (pages || venue) && !f.contains(.volumeDiffers)
                ? .duplicate : .uncertain
        } else if f.contains(.authorsAgree) && pages && f.contains(.volumeAgree) && f.contains(.journalAgree)
            && !anyVenueConflict
        {
            // A translated title: journal, volume, first page, year and authors all agree; a title
            // wholly in another language needs the issue and the whole page range too.
            let located = f.contains(.issueAgree) && f.contains(.pagesSameRange) && !f.contains(.genericTitle)
            verdict = (t >= 0.5 || located) && yearOK && f.contains(.pagesMultiPage) ? .duplicate : .uncertain
        } else if t >= options.uncertainTitle {
            verdict = .uncertain
        } else {
            verdict = .distinct
        }
        if verdict == .duplicate, f.contains(.volumeDiffers) && !(pages && f.contains(.journalAgree)) {
            verdict = .uncertain
        }
        if verdict == .duplicate, oneSided, !pages { verdict = .uncertain }
        // A generic or recurring title is no evidence: only an identifier or the whole place of
        // printing (journal, volume, issue, first page) merges such records.
        if verdict == .duplicate, f.contains(.genericTitle), !f.contains(.sameOtherID) {
            let located =
                f.contains(.journalAgree) && f.contains(.volumeAgree) && f.contains(.issueAgree)
                && f.contains(.pagesAgree)
            // A person sees it only when part of the place agrees too: twelve editorials of one
            // editor in one year without issue or pages are twelve, not 66 questions.
            let partly = f.contains(.pagesAgree) || f.contains(.issueAgree)
            if !located {
                verdict = f.contains(.authorsAgree) && f.contains(.yearSame) && partly ? .uncertain : .distinct
            }
        }
        return verdict
    }

    /// A conference paper or abstract and an article with the same title and authors: perhaps
    /// its later version, perhaps not, and never merged silently. Vetoes that such a pair has by
    /// nature (year, pages, venue, identifiers) allow it; any other keeps it distinct.
    static func isConferenceAndLaterVersion(_ f: Facts) -> Bool {
        guard f.contains(.vetoConference), f.contains(.authorsAgree),
            f.contains(.titleSame) || f.contains(.titleNear) || f.contains(.titleTruncated)
        else { return false }
        let natural: [Fact] = [
            .vetoConference, .vetoYear, .vetoPages, .vetoDOI, .vetoPMID, .vetoIssue, .vetoArticleNumber,
        ]
        var other = f
        for v in natural { other.remove(v) }
        return !other.hasVeto
    }

    enum PageRelation { case agree, overlap, incomparable, conflict }

    /// Compares page fields: the same first page agrees; the same last page or a single page
    /// inside the other range overlaps (counted as agreeing); e-locators against print pages
    /// (`e12724` / `1-6`) cannot be compared; anything else conflicts.
    static func pageRelation(_ a: PageRange, _ aMore: [Int], _ b: PageRange, _ bMore: [Int]) -> PageRelation {
        if a.start == b.start { return .agree }
        if !aMore.isEmpty || !bMore.isEmpty {
            let sa = Set([a.start] + aMore)
            if ([b.start] + bMore).contains(where: sa.contains) { return .agree }
        }
        let s: UInt8 = 0x73
        if a.prefix != b.prefix, a.prefix != s, b.prefix != s { return .incomparable }
        if let ea = a.end, let eb = b.end, ea == eb, ea > a.start, eb > b.start { return .overlap }
        if a.end == nil || a.end == a.start, let eb = b.end, (b.start...max(b.start, eb)).contains(a.start) {
            return .overlap
        }
        if b.end == nil || b.end == b.start, let ea = a.end, (a.start...max(a.start, ea)).contains(b.start) {
            return .overlap
        }
        return .conflict
    }

    static func authorAgreement(_ a: [AuthorKey], _ b: [AuthorKey]) -> AuthorAgreement {
        guard let fa = a.first, let fb = b.first else { return .missing }
        // Group names are written too many ways to compare ("ALTS Group" / "ASCUS-LSIL TS").
        if fa.isGroup || fb.isGroup, !fa.matches(fb) { return .missing }
        let firstMatch = fa.matches(fb)
        let n = min(a.count, b.count, 10)
        var matched = 0
        for x in a.prefix(10) where b.contains(where: { $0.matches(x) }) { matched += 1 }
        let overlap = Double(min(matched, n)) / Double(max(n, 1))
        if firstMatch && (n == 1 || overlap >= 0.5) { return .agree }
        if overlap >= 0.67 && n >= 3 { return .agree }
        if matched == 0 && !firstMatch { return .conflict }
        return .partial
    }
}

/// Title similarity: exact, edit distance on folded text (bounded), word overlap, truncation.
enum TitleSimilarity {
    /// The best similarity of the two titles, also comparing a title in the original language
    /// with the other record's (a translated title in one database, the original in another).
    static func score(_ p: MatchProfile, _ q: MatchProfile) -> (value: Double, truncated: Bool) {
        var best = score(p.title, p.titleWords, q.title, q.titleWords)
        if best.value >= 1 || (p.originalTitle == nil && q.originalTitle == nil) { return best }
        var pairs: [([UInt8], [UInt64], [UInt8], [UInt64])] = []
        if let o = p.originalTitle { pairs.append((o.title, o.words, q.title, q.titleWords)) }
        if let o = q.originalTitle { pairs.append((p.title, p.titleWords, o.title, o.words)) }
        if let a = p.originalTitle, let b = q.originalTitle { pairs.append((a.title, a.words, b.title, b.words)) }
        for (a, aw, b, bw) in pairs {
            let s = score(a, aw, b, bw)
            if s.value > best.value { best = s }
        }
        return best
    }

    static func score(_ a: [UInt8], _ aWords: [UInt64], _ b: [UInt8], _ bWords: [UInt64]) -> (
        value: Double, truncated: Bool
    ) {
        if a.isEmpty || b.isEmpty { return (0, false) }
        if a == b { return (1, false) }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        // Word overlap (Dice) on unique word hashes.
        let common = intersectionCount(aWords, bWords)
        let dice = 2 * Double(common) / Double(aWords.count + bWords.count)
        // One title is the start of the other (a subtitle dropped, a title cut off).
        if short.count >= 30, long.starts(with: short), long[short.count] == 0x20 {
            return (max(0.9, dice), true)
        }
        // Below 0.7 of words in common, edit distance cannot bring a title to "similar".
        if dice < 0.7 { return (dice, false) }
        let maxLen = long.count
        let band = maxLen * 3 / 20
        if long.count - short.count > band { return (dice * 0.95, false) }
        let d = boundedLevenshtein(a, b, limit: band)
        let ratio = d > band ? 0 : 1 - Double(d) / Double(maxLen)
        return (max(ratio, dice * 0.97), false)
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                n += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return n
    }

    /// Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`.
    static func boundedLevenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        let big = limit + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (m + 1)) { buffer in
            var prev = UnsafeMutableBufferPointer(rebasing: buffer[0...m])
            var cur = UnsafeMutableBufferPointer(rebasing: buffer[(m + 1)...])
            for j in 0...m { prev[j] = j <= limit ? j : big }
            for j in 0...m { cur[j] = big }
            return a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    for i in 1...n {
                        let lo = max(1, i - limit)
                        let hi = min(m, i + limit)
                        cur[lo - 1] = lo == 1 ? i : big
                        var rowMin = big
                        let ai = ap[i - 1]
                        if lo <= hi {
                            for j in lo...hi {
                                var v = prev[j - 1] + (ai == bp[j - 1] ? 0 : 1)
                                let del = prev[j] + 1
                                if del < v { v = del }
                                let ins = cur[j - 1] + 1
                                if ins < v { v = ins }
                                cur[j] = v
                                if v < rowMin { rowMin = v }
                            }
                        }
                        if hi < m { cur[hi + 1] = big }
                        if rowMin > limit { return big }
                        swap(&prev, &cur)
                    }
                    return min(prev[m], big)
                }
            }
        }
    }
}

/// Journal names and ISO abbreviations: `Surg Endosc` matches `Surgical Endoscopy`.
enum JournalMatch {
    /// True when the words of one name abbreviate those of the other, in order (each word of
    /// the shorter name a prefix of a word of the longer, first words matching).
    static func compatible(_ a: [[UInt8]], _ b: [[UInt8]]) -> Bool {
        if a == b { return true }
        let joinedA = a.joined()
        let joinedB = b.joined()
        if joinedA.elementsEqual(joinedB) { return true }
        return abbreviates(a, b) || abbreviates(b, a) || containsAlias(a, b) || containsAlias(b, a)
            || containsRun(a, b) || containsRun(b, a)
    }

    /// Every word of `short` abbreviates a word of `long`, in order, the first words matching;
    /// a word abbreviates another when it starts with the same letter and its letters occur in
    /// it in order (`dtsch` / `deutsche`, `j` / `journal`).
    static func abbreviates(_ short: [[UInt8]], _ long: [[UInt8]]) -> Bool {
        guard let s0 = short.first, let l0 = long.first, wordAbbreviates(s0, l0) else { return false }
        var j = 1
        for w in short.dropFirst() {
            while j < long.count, !wordAbbreviates(w, long[j]) { j += 1 }
            if j == long.count { return false }
            j += 1
        }
        return true
    }

    static func wordAbbreviates(_ a: [UInt8], _ w: [UInt8]) -> Bool {
        guard let f = a.first, f == w.first, a.count <= w.count else { return false }
        var k = 1
        for c in w.dropFirst() where k < a.count && a[k] == c { k += 1 }
        return k == a.count
    }

    /// `pan american journal public health` inside `revista panamericana … pan american
    /// journal public health`: the shorter name (3 words or more) runs inside the longer.
    static func containsRun(_ short: [[UInt8]], _ long: [[UInt8]]) -> Bool {
        guard short.count >= 3, long.count > short.count else { return false }
        for start in 0...(long.count - short.count) where long[start] == short[0] {
            if Array(long[start..<(start + short.count)]) == short { return true }
        }
        return false
    }

    /// `aizheng` vs `ai zheng aizheng chinese journal cancer`: one name, as one word, is a
    /// word of the other.
    static func containsAlias(_ short: [[UInt8]], _ long: [[UInt8]]) -> Bool {
        let joined = Array(short.joined())
        guard joined.count >= 6, short.count <= 2 else { return false }
        return long.contains { $0 == joined }
    }
}
