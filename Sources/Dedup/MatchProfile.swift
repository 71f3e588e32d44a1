import Bibliography

/// What a notice is, when a record is one: such a record is never a duplicate of the work it
/// is about.
enum NoticeKind: UInt8 {
    case none, erratum, retraction, comment, reply

    var label: String {
        switch self {
        case .none: "article"
        case .erratum: "erratum"
        case .retraction: "retraction"
        case .comment: "comment"
        case .reply: "reply"
        }
    }
}

/// An author reduced for matching: family name and every name word as hashes.
struct AuthorKey {
    var family: UInt64
    /// Every word of the name (two letters or more), so that `Wei Zhang` and `Zhang, Wei`
    /// match whichever word the parser took for the family name.
    var words: [UInt64]
    /// The folded family name without spaces, for the one-letter tolerance.
    var familyBytes: [UInt8]
    var isGroup: Bool

    func matches(_ other: AuthorKey) -> Bool {
        if family == other.family { return true }
        if other.words.contains(family) || words.contains(other.family) { return true }
        // A letter lost to a bad encoding (`Mulić` → `Muli`, `Östensson` → `Stensson`).
        if familyBytes.count >= 4, other.familyBytes.count >= 4, abs(familyBytes.count - other.familyBytes.count) <= 1,
            familyBytes.last == other.familyBytes.last || familyBytes.first == other.familyBytes.first
        {
            return TitleSimilarity.boundedLevenshtein(familyBytes, other.familyBytes, limit: 1) <= 1
        }
        return false
    }
}

/// A page range reduced to numbers: `73-6` → 73…76, `e0123` → 123, `S42` → 42.
struct PageRange: Equatable {
    var start: Int
    var end: Int?
    var prefix: UInt8  // letter before the number, 0 when none

    /// Parses the first range of a page field; nil when it is not a clean page range (Excel
    /// dates such as `01-Jun`, `Suppl-29`, page counts such as `215 p`).
    init?(parsing raw: String) {
        var bytes = Array(raw.utf8.prefix(40))
        // lower case
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] += 0x20 }
        var i = 0
        func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x22 { i += 1 } }
        func number() -> (prefix: UInt8, value: Int, digits: Int)? {
            var prefix: UInt8 = 0
            var letters = 0
            while i < bytes.count, bytes[i] >= 0x61, bytes[i] <= 0x7A {
                prefix = bytes[i]
                letters += 1
                i += 1
            }
            guard letters <= 2 else { return nil }
            var value = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 9 {
                value = value * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            // one trailing letter (`811a`, `385S`)
            if i < bytes.count, bytes[i] >= 0x61, bytes[i] <= 0x7A {
                if i + 1 < bytes.count, bytes[i + 1] >= 0x61, bytes[i + 1] <= 0x7A { return nil }
                i += 1
            }
            return (prefix, value, digits)
        }
        skipSpaces()
        guard let first = number() else { return nil }
        start = first.value
        prefix = first.prefix
        end = nil
        skipSpaces()
        if i < bytes.count, bytes[i] == 0x2D {  // '-'
            while i < bytes.count, bytes[i] == 0x2D { i += 1 }
            skipSpaces()
            guard let second = number() else { return nil }
            var e = second.value
            if e < first.value, second.digits < first.digits {
                // 73-6 → 76; 1324-7 → 1327
                var m = 1
                for _ in 0..<second.digits { m *= 10 }
                e = (first.value / m) * m + e
                if e < first.value { e += m }
            }
            end = e
        }
        skipSpaces()
        if i < bytes.count {
            let c = bytes[i]
            // `215 p` / `215 pp`: a page count, not a range.
            if c == 0x70, end == nil { return nil }
            guard c == 0x2C || c == 0x3B || c == 0x5B || c == 0x28 || c == 0x2E else { return nil }
        }
        if start == 0 && end == nil { return nil }
    }
}

/// Everything matching needs from a record, computed once.
struct MatchProfile {
    var title: [UInt8] = []
    /// Sorted unique hashes of title words.
    var titleWords: [UInt64] = []
    var titleWordCount = 0
    /// The title in the original language when the record has one (PubMed's
    /// `VernacularTitle` beside a bracketed English translation): folded, with its word hashes.
    var originalTitle: (title: [UInt8], words: [UInt64])?
    /// Every run of digits in the title, sorted.
    var titleNumbers: [Int] = []
    /// Numbers after `part`, `phase`, … (roman numerals and number words included).
    var partNumbers: [Int] = []
    var notice: NoticeKind = .none
    var isConference = false
    var isProtocol = false
    var isReview = false
    var authors: [AuthorKey] = []
    var year: Int?
    var journal: [[UInt8]] = []
    var volume: Int?
    var issue: Int?
    /// The issue as numbers (`4-5`, `Suppl 2`); nil when it is not a clean issue number.
    var issueNumber: IssueNumber?
    var pages: PageRange?
    /// An online article number (`e0216123`, `Article 102345`).
    var articleNumber: String?
    /// The edition the title names (`2nd edition`).
    var edition: Int?
    /// The title is a heading journals print in many issues (`Editorial`, `In this issue`, `Kort nieuws`).
    var isGeneric = false
    /// The title recurs in one journal over more than two issues or years (set by the
    /// deduplicator over the whole collection, see ``BibliographicFacts/markRecurring(_:)``).
    var isRecurring = false
    /// Every range of a field such as `230-5, 246-51` (first one = ``pages``).
    var otherPageStarts: [Int] = []
    /// A thesis or its Dissertation Abstracts entry.
    var isThesis = false
    var doi: String?
    var pmid: String?
    var otherIDs: [String] = []

    init(_ record: Record) {
        let cleaned = TitleCleaner.clean(record.title)
        title = Fold.bytes(cleaned.title)
        let lowerRaw = cleaned.title.lowercased()
        let words = Fold.words(title)
        titleWordCount = words.count
        var hashes = words.map { Fold.hash($0) }
        hashes.sort()
        titleWords = Self.unique(hashes)
        if let original = record.originalTitle ?? cleaned.translation, !original.isEmpty {
            let folded = Fold.bytes(TitleCleaner.clean(original).title)
            var originalHashes = Fold.words(folded).map { Fold.hash($0) }
            originalHashes.sort()
            originalTitle = (folded, Self.unique(originalHashes))
        }
        // numbers
        var numbers: [Int] = []
        for w in words {
            var v = 0
            var inRun = false
            var digits = 0
            for b in w {
                if b >= 0x30 && b <= 0x39 {
                    if digits < 9 { v = v * 10 + Int(b - 0x30) }
                    digits += 1
                    inRun = true
                } else if inRun {
                    numbers.append(v)
                    v = 0
                    digits = 0
                    inRun = false
                }
            }
            if inRun { numbers.append(v) }
        }
        titleNumbers = numbers.sorted()
        for (k, w) in words.enumerated() where k + 1 < words.count && Self.partMarkers.contains(Fold.hash(w)) {
            if let n = Self.numberValue(words[k + 1], afterPart: Fold.hash(w) == Self.partHash) {
                partNumbers.append(n)
            }
        }
        // A title that ends in a roman numeral is one of a series (`… in general practice II`).
        if partNumbers.isEmpty, words.count >= 3, let last = words.last, last.count <= 4,
            last.allSatisfy({ $0 == 0x69 || $0 == 0x76 || $0 == 0x78 }), let n = Self.romans[Fold.string(last)],
            !Self.romanQualifiers.contains(Fold.hash(words[words.count - 2]))
        {
            partNumbers.append(n)
        }
        partNumbers.sort()
        edition = BibliographicFacts.edition(words)
        isGeneric = BibliographicFacts.isGeneric(title)

        notice =
            cleaned.isCorrection
            ? .erratum : Self.notice(folded: Fold.string(title), lowerRaw: lowerRaw, types: record.publicationTypes)
        let foldedTitle = " " + Fold.string(title) + " "
        isProtocol =
            Self.protocolPhrases.contains { foldedTitle.has($0) }
            || record.publicationTypes.contains { $0.lowercased().contains("protocol") }
        // journal
        let journalText = record.journal ?? record.journalAbbreviation ?? ""
        let journalFolded = Fold.bytes(journalText)
        journal = Fold.words(journalFolded).filter { !Self.journalStopwords.contains(Fold.hash($0)) }.map { Array($0) }
        let journalString = " " + Fold.string(journalFolded) + " "
        // Only the record type says so: Embase writes "Journal.Conference: …" in the journal
        // field of abstracts that other databases index as plain articles.
        isConference =
            record.type == .conferenceAbstract || record.type == .conferencePaper
            || record.publicationTypes.contains {
                let t = $0.lowercased()
                return t.has("congress") || t.has("conference")
            }
        isReview =
            cleaned.isReviewTagged || journalString.has(" cochrane ")
            || foldedTitle.has(" review ") || foldedTitle.has(" meta analysis ")
            || foldedTitle.has(" metaanalysis ") || Self.guidelinePhrases.contains { foldedTitle.has($0) }
        // authors
        authors = record.authors.prefix(30).map(Self.authorKey)
        year = record.year
        volume = record.volume.flatMap(Self.leadingNumber)
        issue = record.issue.flatMap(Self.leadingNumber)
        issueNumber = record.issue.flatMap(IssueNumber.init(parsing:))
        pages = record.pages.flatMap(PageRange.init(parsing:))
        articleNumber = BibliographicFacts.articleNumber(record.pages, parsed: pages)
        if pages != nil, let raw = record.pages, raw.contains(",") {
            otherPageStarts = raw.split(separator: ",").dropFirst().compactMap { PageRange(parsing: String($0))?.start }
        }
        let volumeFolded = " " + Fold.string(Fold.bytes(record.volume ?? "")) + " "
        isThesis =
            record.type == .thesis || journalString.has(" dissertation ") || volumeFolded.has(" ph d ")
            || volumeFolded.has(" phd ") || volumeFolded.has(" thesis ")
            || (record.pages.map { $0.hasSuffix(" p") || $0.hasSuffix(" pp") } ?? false)
        doi = record.doi.flatMap { $0.isEmpty ? nil : $0.lowercased() }  // Record.doi is normalised already
        pmid = record.pmid.flatMap { $0.isEmpty ? nil : $0 }
        otherIDs = record.otherIDs.compactMap { id in
            let scheme = id.scheme.lowercased()
            guard Self.identityIDSchemes.contains(scheme), !id.value.isEmpty else { return nil }
            return scheme + ":" + id.value.lowercased()
        }
    }

    static func unique(_ sorted: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(sorted.count)
        for h in sorted where out.last != h { out.append(h) }
        return out
    }

    static func authorKey(_ author: Author) -> AuthorKey {
        let family = Fold.bytes(author.family).filter { $0 != 0x20 }
        var words: [UInt64] = []
        for w in Fold.words(Fold.bytes(author.family + " " + (author.given ?? ""))) where w.count >= 2 {
            words.append(Fold.hash(w))
        }
        words.append(Fold.hash(family))
        let isGroup = author.isGroup || words.contains(where: groupWordHashes.contains)
        return AuthorKey(family: Fold.hash(family), words: words, familyBytes: family, isGroup: isGroup)
    }

    static let groupWordHashes: Set<UInt64> = Set(
        [
            "group", "study", "trial", "investigators", "consortium", "collaboration", "committee", "pharmaceuticals",
            "inc", "ltd", "society", "association", "network",
        ].map { Fold.hash($0.utf8) })

    /// Words without which a title is no notice: the notice checks are skipped for most titles.
    static let noticeWordHashes: Set<UInt64> = Set(
        [
            "erratum", "errata", "correction", "corrections", "corrigendum", "retraction", "retracted", "withdrawn",
            "reply", "response", "respond", "comment", "comments", "commentary", "re",
        ].map { Fold.hash($0.utf8) })
    static let protocolWordHashes: Set<UInt64> = Set(["protocol", "rationale"].map { Fold.hash($0.utf8) })

    /// The first run of digits of a volume (`35 Suppl 1` → 35); nil when there is none.
    static func leadingNumber(_ s: String) -> Int? {
        var v = 0
        var digits = 0
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 {
                if digits < 9 { v = v * 10 + Int(b - 0x30) }
                digits += 1
            } else if digits > 0 {
                break
            }
        }
        return digits > 0 ? v : nil
    }

    static let partMarkers: Set<UInt64> = Set(
        ["part", "phase", "paper", "chapter", "section", "stage", "study", "trial", "report", "volume", "series", "pt"]
            .map { Fold.hash($0.utf8) })

    static let romans: [String: Int] = [
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
        "xi": 11, "xii": 12, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1, "b": 2, "c": 3,
    ]

    static func numberValue(_ w: ArraySlice<UInt8>, afterPart: Bool) -> Int? {
        if w.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), w.count <= 4 {
            return Int(Fold.string(w))
        }
        let s = Fold.string(w)
        if !afterPart, s.count == 1, s != "i", s != "v", s != "x" { return nil }
        return romans[s]
    }

    static let partHash = Fold.hash("part".utf8)

    /// Words after which a roman numeral is a stage, a type or a class, not a part of a series
    /// (`stage IIIB or IV`, `type II`, `class III`).
    static let romanQualifiers: Set<UInt64> = Set(
        [
            "stage", "stages", "type", "types", "class", "classes", "grade", "grades", "level", "levels", "category",
            "factor", "or", "and", "to", "degree", "tier", "complex", "nerve", "collagen", "cranial",
            "phase", "mucopolysaccharidosis", "hla", "mhc", "period", "generation",
        ].map { Fold.hash($0.utf8) })

    static let identityIDSchemes: Set<String> = [
        "embase", "wos", "accession", "pii", "scopus", "eid", "cinahl", "psycinfo", "ovid",
    ]

    static let journalStopwords: Set<UInt64> = Set(
        [
            "the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "des", "der", "und", "et", "le", "y",
            "official", "publication",
        ].map { Fold.hash($0.utf8) })

    /// Titles that are updated under the same name (a guideline, a consensus statement).
    static let guidelinePhrases = [
        " guideline ", " guidelines ", " practice guideline ", " consensus statement ", " position statement ",
        " recommendations ", " practice parameter ", " richtlijn ", " standaard ",
    ]

    static let protocolPhrases = [
        " study protocol ", " trial protocol ", " a protocol ", " protocol for a ", " protocol for an ",
        " protocol of a ", " protocol for the ", " rationale and design ", " design and rationale ",
        " rationale design ", " protocol and statistical analysis plan ", " review protocol ",
        " protocol for a systematic ", " protocol of the ",
    ]

    /// `Comment` (PubMed), `Commentary` (CINAHL), also inside a `;`-separated list of types.
    static func isCommentType(_ type: String) -> Bool {
        type.split(separator: ";").contains { part in
            let t = part.trimmingSpaces()
            return t == "comment" || t == "commentary"
        }
    }

    static func notice(folded: String, lowerRaw: String, types: [String]) -> NoticeKind {
        let lowerTypes = types.map { $0.lowercased() }
        if lowerTypes.contains(where: { $0.contains("erratum") }) { return .erratum }
        if lowerTypes.contains(where: { $0.contains("retraction of publication") }) { return .retraction }
        let f = folded
        let padded = " " + f + " "
        for p in ["erratum", "errata", "correction", "corrigendum", "corrections"] where f.hasPrefix(p + " ") || f == p
        {
            return .erratum
        }
        if padded.has(" erratum to ") || padded.has(" corrigendum to ") || padded.has(" correction to ")
            || padded.has(" erratum ") && padded.hasSuffix(" erratum ")
        {
            return .erratum
        }
        if f.hasPrefix("retraction") || f.hasPrefix("retracted") || f.hasPrefix("notice of retraction")
            || f.hasPrefix("withdrawn") || padded.has(" retraction notice ") || padded.has(" notice of retraction ")
            || padded.hasSuffix(" retracted ") || padded.hasSuffix(" retracted article ")
        {
            return .retraction
        }
        if f.hasPrefix("reply") || f.hasPrefix("in reply") || f.hasPrefix("authors reply")
            || f.hasPrefix("author reply")
            || f.hasPrefix("the authors reply") || f.hasPrefix("response to") || f.hasPrefix("in response")
            || f.hasPrefix("response from") || padded.hasSuffix(" reply ") || padded.has(" authors reply ")
            || padded.has(" author reply ") || padded.has(" reply to ") || padded.hasSuffix(" the authors respond ")
            || lowerTypes.contains(where: { $0 == "reply" })
        {
            return .reply
        }
        if f.hasPrefix("comment on") || f.hasPrefix("comments on") || f.hasPrefix("commentary on")
            || lowerRaw.hasPrefix("comment:") || lowerRaw.hasPrefix("commentary:") || lowerRaw.hasPrefix("re:")
            || lowerTypes.contains(where: Self.isCommentType)
        {
            return .comment
        }
        return .none
    }
}
