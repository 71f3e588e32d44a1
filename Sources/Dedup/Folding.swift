import Bibliography

/// Fast text folding for matching: ASCII handled byte by byte, anything else through
/// ``Text/foldForMatching(_:)`` (accents, Greek letters).
enum Fold {
    /// Lower case, accents removed, Greek spelled out, apostrophes dropped (`symptom's` →
    /// `symptoms`), `&` → `and`, other punctuation → one space; as UTF-8 bytes.
    static func bytes(_ s: String) -> [UInt8] {
        var isASCII = true
        for b in s.utf8 where b >= 0x80 {
            isASCII = false
            break
        }
        if isASCII { return asciiFold(s.utf8) }
        // Drop apostrophes first (curly ones too), then the full Unicode fold.
        var cleaned = String()
        cleaned.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x27, 0x2019, 0x2018, 0x02BC: continue
            case 0x26: cleaned.unicodeScalars.append(contentsOf: " and ".unicodeScalars)
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        return asciiFold(Text.foldForMatching(cleaned).utf8)
    }

    static func asciiFold(_ utf8: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        var pendingSpace = false
        for b in utf8 {
            var c = b
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            let keep = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c >= 0x80
            if keep {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            } else if c == 0x27 {
                continue  // apostrophe
            } else if c == 0x26 {
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: [0x61, 0x6E, 0x64])  // and
                pendingSpace = true
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The offset of `n` in `h` (naive search: both are short).
    static func find(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = n.first else { return 0 }
        guard h.count >= n.count else { return nil }
        let last = h.count - n.count
        var i = 0
        while i <= last {
            if h[i] == first {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Words of folded bytes.
    static func words(_ folded: [UInt8]) -> [ArraySlice<UInt8>] {
        folded.split(separator: 0x20)
    }

    /// FNV-1a over bytes.
    @inline(__always)
    static func hash<C: Sequence<UInt8>>(_ bytes: C, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    @inline(__always)
    static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = h ^ (v &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2))
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        return x
    }

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: Array(bytes), as: UTF8.self)
    }
}

/// Title clean-up before folding: language tags, database notes, trailing periods.
enum TitleCleaner {
    /// Removes trailing bracketed notes that databases append (`[Chinese]`, `[Review]`,
    /// `[45 refs]`, `(Provisional abstract)`, `[Erratum appears in …]`, `LA: Chi`) and
    /// reports what was found.
    static func clean(_ raw: String) -> (
        title: String, isReviewTagged: Bool, hasErratumNote: Bool, isCorrection: Bool, translation: String?
    ) {
        var s = Substring(raw)
        var translation: String?
        var review = false
        var erratumNote = false
        var correction = false
        // Notes run on after the title, closed or not:
        // "… syndrome.[Erratum appears in Am J Transplant. 2009 Sep;9(9):2205 …].[Erratum"
        if s.has("[") {
            let lower = s.lowercased()
            for marker in [
                "[erratum", "[published erratum", "[comment in", "[comment on", "[retraction in", "[update in",
            ] {
                guard let offset = lower.byteOffset(of: marker) else { continue }
                // Same offset in the original: lower-casing ASCII keeps byte positions; give up
                // on the rare title where it does not.
                guard lower.utf8.count == s.utf8.count,
                    let cut = s.utf8.index(s.utf8.startIndex, offsetBy: offset, limitedBy: s.utf8.endIndex),
                    s[..<cut].contains(where: { $0.isLetter })
                else { continue }
                s = s[..<cut]
                erratumNote = true
                break
            }
        }
        var changed = true
        while changed {
            changed = false
            while let last = s.last, last == " " || last == "." || last == "\t" { s.removeLast() }
            // " LA: Chi" (Ovid language field leaked into the title)
            if s.utf8.count > 5, s.has(" LA: ") || s.has(" la: "), let colon = s.lastIndex(of: ":") {
                let tail = s[s.index(after: colon)...]
                let start = s.index(colon, offsetBy: -3, limitedBy: s.startIndex) ?? s.startIndex
                if tail.count <= 12, tail.allSatisfy({ $0.isLetter || $0 == " " }),
                    s[start..<colon].lowercased() == " la"
                {
                    s = s[..<start]
                    changed = true
                    continue
                }
            }
            guard let last = s.last, last == "]" || last == ")" else { break }
            let open: Character = last == "]" ? "[" : "("
            guard let openIndex = matchingOpen(s, open: open, close: last) else { break }
            // Never strip the whole title ("[A study of …]" is a translated title).
            let before = s[..<openIndex]
            guard before.contains(where: { $0.isLetter }) else { break }
            let content = s[s.index(after: openIndex)..<s.index(before: s.endIndex)].lowercased()
            guard let kind = noteKind(content) ?? sectionTag(content, open: open) else {
                // `English title [Titre original en français]`: the original beside the translation.
                let inside = s[s.index(after: openIndex)..<s.index(before: s.endIndex)]
                if open == "[", translation == nil, isTranslation(inside, before: before) {
                    translation = String(inside)
                    s = before
                    changed = true
                    stripDanglingSeparator(&s)
                    continue
                }
                break
            }
            if kind == .review { review = true }
            if kind == .erratumNote { erratumNote = true }
            if kind == .correctionCitation { correction = true }
            s = before
            changed = true
            stripDanglingSeparator(&s)
        }
        return (String(s), review, erratumNote, correction, translation)
    }

    /// `… - [careers]`, `… [news]`: a section of the journal in square brackets, one or two words
    /// of letters (never a notice word: `[Erratum]` says what the record is).
    static func sectionTag(_ content: String, open: Character) -> NoteKind? {
        guard open == "[", content.count <= 30 else { return nil }
        let words = content.split(separator: " ")
        guard (1...2).contains(words.count), words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" } }) else {
            return nil
        }
        let notice = words.contains { MatchProfile.noticeWordHashes.contains(Fold.hash(Fold.bytes(String($0)))) }
        if notice { return nil }
        return .other
    }

    /// A trailing bracketed title of three words or more after a title of three words or more.
    static func isTranslation(_ content: Substring, before: Substring) -> Bool {
        func wordCount(_ s: Substring) -> Int {
            s.split(whereSeparator: { $0 == " " }).filter { $0.contains(where: \.isLetter) }.count
        }
        return wordCount(content) >= 3 && wordCount(before) >= 3 && !before.contains("[") && !content.contains("[")
    }

    /// The ` -`, ` –` or `:` a stripped note leaves at the end.
    static func stripDanglingSeparator(_ s: inout Substring) {
        while let last = s.last, [" ", "-", "–", "—", ":", "."].contains(last) { s.removeLast() }
    }

    /// The index of the bracket that opens the one closing `s`, nested pairs skipped.
    static func matchingOpen(_ s: Substring, open: Character, close: Character) -> Substring.Index? {
        var depth = 0
        var i = s.endIndex
        while i > s.startIndex {
            i = s.index(before: i)
            if s[i] == close {
                depth += 1
            } else if s[i] == open {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return nil
    }

    enum NoteKind { case language, review, erratumNote, correctionCitation, other }

    static let languages: Set<String> = [
        "chinese", "russian", "german", "french", "spanish", "japanese", "italian", "dutch", "polish",
        "portuguese", "czech", "hungarian", "korean", "turkish", "swedish", "danish", "norwegian",
        "finnish", "hebrew", "greek", "croatian", "serbian", "slovak", "slovene", "romanian",
        "bulgarian", "ukrainian", "persian", "arabic", "lithuanian", "estonian", "latvian",
        "icelandic", "afrikaans", "catalan", "english", "english abstract", "author's transl",
        "authors transl", "author's translation",
    ]

    static func noteKind(_ content: String) -> NoteKind? {
        let c = content.trimmingCharacters(in: " .")
        if c.isEmpty { return .other }
        if languages.contains(c) { return .language }
        if c.hasPrefix("in ") && languages.contains(String(c.dropFirst(3))) { return .language }
        if c == "review" || c == "review article" || c == "systematic review" { return .review }
        if c.hasPrefix("erratum appears") || c.hasPrefix("published erratum") || c.hasPrefix("retraction in")
            || c.hasPrefix("comment in") || c.hasPrefix("comment on") || c.hasPrefix("see comment")
            || c.hasPrefix("update in") || c.hasPrefix("update of") || c.hasPrefix("corrected and republished")
        {
            return .erratumNote
        }
        if c.hasSuffix(" refs") || c.hasSuffix(" references") {
            return .other
        }
        if c == "provisional abstract" || c == "abstract" || c == "multiple letters" || c == "letter"
            || c == "editorial" || c == "structured abstract" || c == "meeting abstract"
        {
            return .other
        }
        if c.allSatisfy({ $0.isNumber }) { return .other }  // "[1]"
        // A correction cites what it corrects: "(vol 360, pg 542, 2009)",
        // "(New England Journal of Medicine (2009) 360 (542-544))".
        if c.hasPrefix("vol ") && c.has(" pg ") { return .correctionCitation }
        if c.has("(19") || c.has("(20"), c.last == ")", c.contains(where: { $0.isLetter }) {
            return .correctionCitation
        }
        return nil
    }
}

extension StringProtocol {
    /// Substring search on UTF-8 bytes (Foundation's `contains` is slow on Linux).
    func has(_ needle: String) -> Bool { byteOffset(of: needle) != nil }

    /// The byte offset of the first occurrence of `needle`.
    func byteOffset(of needle: String) -> Int? {
        var needle = needle
        var hay = String(self)
        return hay.withUTF8 { h in
            needle.withUTF8 { n in Fold.find(n, in: h) }
        }
    }

    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
