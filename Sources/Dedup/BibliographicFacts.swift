/// Facts about where and as what a record was published, beyond its title: an issue within a
/// volume, an article number, an edition, a generic heading. Two records that differ in one of
/// them are different publications, however alike their titles and authors (unless an identifier
/// says they are the same).

/// An issue field reduced to numbers: `4` → 4…4, `4-5` and `4/5` → 4…5, `Suppl 2` → a supplement 2.
struct IssueNumber: Equatable {
    var first: Int
    var last: Int
    var isSupplement: Bool

    /// Nil when the field holds no number, or something other than an issue number and
    /// supplement words (`Spring`, `Pt 1`, `3 Suppl A`: the issue stays unknown).
    init?(parsing raw: String) {
        let folded = Fold.string(Fold.bytes(raw))
        var numbers: [Int] = []
        var supplement = false
        for word in folded.split(separator: " ") {
            if let n = Int(word), word.count <= 5 {
                numbers.append(n)
            } else if ["suppl", "supp", "suppl.", "supplement", "sup", "s"].contains(word) {
                supplement = true
            } else if word.first == "s", let n = Int(word.dropFirst()), word.count <= 4 {
                supplement = true  // `S2`
                numbers.append(n)
            } else {
                return nil
            }
        }
        guard let f = numbers.first, numbers.count <= 2 else { return nil }
        first = f
        last = max(f, numbers.last ?? f)
        isSupplement = supplement
    }

    /// Two issues of one volume that cannot be the same: both plain issues (or both
    /// supplements) whose numbers do not overlap.
    func conflicts(with other: IssueNumber) -> Bool {
        isSupplement == other.isSupplement && (last < other.first || other.last < first)
    }
}

enum BibliographicFacts {
    /// An article number (`e0216123`, `Article 102345`, `102345` without a range in a journal that
    /// numbers its articles): the letter-prefixed page of an online-only article. Nil for print
    /// pages and supplement pages (`S42`).
    static func articleNumber(_ pages: String?, parsed: PageRange?) -> String? {
        if let p = parsed {
            guard p.prefix != 0, p.prefix != 0x73, p.end == nil || p.end == p.start else { return nil }
            return String(UnicodeScalar(p.prefix)) + String(p.start)
        }
        guard let raw = pages?.lowercased(), raw.hasPrefix("art") else { return nil }
        let trimmed = raw.trimmingCharacters(in: " .")
        let prefixes = ["article number ", "article no ", "article no. ", "art. no. ", "art no ", "article ", "art. "]
        for prefix in prefixes where trimmed.hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count).trimmingCharacters(in: " :")
            return rest.isEmpty ? nil : rest
        }
        return nil
    }

    /// The edition a title names: `2nd edition`, `second ed.`, `3e édition`, `2. Auflage`, `derde druk`.
    static func edition(_ words: [ArraySlice<UInt8>]) -> Int? {
        for (k, w) in words.enumerated() where k > 0 && editionHashes.contains(Fold.hash(w)) {
            let before = Fold.string(words[k - 1])
            if let n = ordinals[before] { return n }
            let digits = before.prefix { $0.isNumber }
            let suffix = String(before.dropFirst(digits.count))
            if !digits.isEmpty, digits.count <= 2, ["", "st", "nd", "rd", "th", "e", "de", "ste"].contains(suffix) {
                return Int(digits)
            }
        }
        return nil
    }

    static let editionWords: Set<String> = [
        "edition", "ed", "edn", "editie", "druk", "auflage", "edicion", "edizione", "edição", "edicao",
    ]

    static let editionHashes: Set<UInt64> = Set(editionWords.map { Fold.hash($0.utf8) })

    static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
        "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10, "revised": 2, "herziene": 2,
    ]

    /// Headings that journals print in many issues, in English and Dutch: a record titled so is
    /// told apart from another by where it was printed, never by its title.
    static let genericTitles: Set<String> = [
        // English
        "editorial", "editorials", "guest editorial", "editors comments", "editors comment", "editors note",
        "from the editor", "from the editors", "letter from the editor",
        "in this issue", "this issue", "in the news", "news", "news in brief", "news and views", "correction",
        "corrections",
        "erratum", "errata", "corrigendum", "corrigenda", "retraction", "expression of concern", "reply", "replies",
        "response", "authors reply", "the authors reply", "in reply", "reply to letter", "letter",
        "letters", "letter to the editor", "letters to the editor", "comment", "comments", "commentary",
        "correspondence",
        "introduction", "preface", "foreword", "prologue", "epilogue", "announcement", "announcements", "obituary",
        "in memoriam", "book review", "book reviews", "books", "reviewers", "acknowledgement", "acknowledgements",
        "acknowledgment", "acknowledgments", "acknowledgement of reviewers", "thank you to our reviewers", "index",
        "author index", "subject index", "contents", "table of contents", "front matter", "back matter", "masthead",
        "abstracts", "meeting abstracts", "poster abstracts", "oral presentations", "poster presentations",
        "highlights",
        "research highlights", "calendar", "events", "upcoming events", "notes", "miscellany", "case report",
        "case reports", "quiz", "image", "images", "clinical image", "whats new", "update", "updates",
        "current awareness", "abstract", "untitled", "no title", "summary", "executive summary", "conclusion",
        "conclusions", "annual report", "presidents message", "message from the president",
        "message from the editor", "call for papers", "errata and corrigenda", "notice of retraction",
        "issue information", "cover", "cover image", "about the cover", "on the cover", "careers",
        // Dutch
        "kort nieuws", "nieuws", "commentaar", "redactioneel", "van de redactie", "ingezonden", "ingezonden brief",
        "ingezonden brieven", "brief", "brieven", "reactie", "reacties", "naschrift", "rectificatie", "correctie",
        "boekbespreking", "boekbesprekingen", "boeken", "in dit nummer", "inhoud", "inhoudsopgave", "voorwoord",
        "inleiding", "agenda", "column", "mededelingen", "mededeling", "samenvatting", "samenvattingen",
        "congresverslag", "nascholing", "promoties", "proefschriften", "uit de literatuur", "signalement",
        "signalementen", "personalia", "jaarverslag", "van de voorzitter", "de praktijk", "vraag en antwoord",
    ]

    /// True when a folded title is one of ``genericTitles`` (a trailing issue or column number
    /// left out: `Editorial 3`, `In this issue (2)`).
    static func isGeneric(_ folded: [UInt8]) -> Bool {
        var end = folded.count
        while end > 0, folded[end - 1] == 0x20 || (folded[end - 1] >= 0x30 && folded[end - 1] <= 0x39) { end -= 1 }
        guard end > 0, end <= 48 else { return false }
        return genericTitles.contains(Fold.string(folded[..<end]))
    }

    /// A key for the journal of a profile: the first letter of every word of its name, so that a
    /// full name and its ISO abbreviation (`Journal of Information Technology` / `J Inf Technol`)
    /// share it. Nil when the record names no journal.
    static func journalKey(_ journal: [[UInt8]]) -> UInt64? {
        guard !journal.isEmpty else { return nil }
        return Fold.hash(journal.compactMap(\.first))
    }

    /// True when the collection's issue field is no issue number: more than half of the records
    /// that have one (50 or more) hold a value no other record holds, as a record counter does
    /// (the respiratory set's `number`). Real issue numbers repeat: a few dozen values over
    /// thousands of records.
    static func issuesLookLikeRecordNumbers(_ profiles: [MatchProfile]) -> Bool {
        var counts: [Int: Int] = [:]
        var withIssue = 0
        for p in profiles {
            guard let issue = p.issueNumber else { continue }
            withIssue += 1
            counts[issue.first, default: 0] += 1
        }
        guard withIssue >= 50 else { return false }
        return counts.values.filter { $0 == 1 }.count * 2 > withIssue
    }

    /// Marks the profiles whose title recurs in one journal: printed in more than two issues
    /// (distinct volume and issue) or in more than two years. Copies of one article from several
    /// databases sit in one issue and at most two years (online first, then print), so they never
    /// make a title recurring.
    ///
    /// - Complexity: O(n) expected, hashing.
    static func markRecurring(_ profiles: inout [MatchProfile]) {
        struct Seen {
            var issues: Set<UInt64> = []
            var years: Set<Int> = []
            var members: [Int] = []
        }
        // Keys first (one integer per record); the sets only for titles seen three times or more.
        var keys = [UInt64](repeating: 0, count: profiles.count)
        var counts: [UInt64: Int32] = [:]
        for (i, p) in profiles.enumerated() where !p.title.isEmpty {
            guard let journal = journalKey(p.journal) else { continue }
            let key = Fold.mix(Fold.hash(p.title), journal) | 1  // 0 stays "no key"
            keys[i] = key
            counts[key, default: 0] += 1
        }
        var byTitle: [UInt64: Seen] = [:]
        for (i, p) in profiles.enumerated() where keys[i] != 0 && (counts[keys[i]] ?? 0) > 2 {
            var seen = byTitle[keys[i]] ?? Seen()
            if let v = p.volume, let issue = p.issueNumber {
                seen.issues.insert(Fold.mix(UInt64(v), UInt64(issue.first) << 1 | (issue.isSupplement ? 1 : 0)))
            }
            if let y = p.year { seen.years.insert(y) }
            seen.members.append(i)
            byTitle[keys[i]] = seen
        }
        for seen in byTitle.values where seen.members.count > 2 && (seen.issues.count > 2 || seen.years.count > 2) {
            for i in seen.members { profiles[i].isRecurring = true }
        }
    }
}
