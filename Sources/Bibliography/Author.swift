import Foundation

/// An author (or editor): a person with family and given names, or a group.
public struct Author: Hashable, Codable, Sendable {
    /// The family name; for a group author, the group's whole name.
    public var family: String
    /// Given names as written (`Anna Maria`), if known.
    public var given: String?
    /// Initials without dots or spaces (`AM`), derived from given names when not given.
    public var initials: String?
    /// Name suffix (`Jr`, `III`).
    public var suffix: String?
    /// True for a collective or corporate author (`Dutch COPD Study Group`).
    public var isGroup: Bool

    public init(family: String, given: String? = nil, initials: String? = nil, suffix: String? = nil) {
        self.family = family
        let given = given.flatMap { $0.isEmpty ? nil : $0 }
        self.given = given
        self.initials = initials.flatMap { $0.isEmpty ? nil : $0 } ?? given.map(Author.initials(of:))
        self.suffix = suffix.flatMap { $0.isEmpty ? nil : $0 }
        self.isGroup = false
    }

    /// A group (collective) author.
    public init(group name: String) {
        self.family = name
        self.given = nil
        self.initials = nil
        self.suffix = nil
        self.isGroup = true
    }

    /// Parses a name as exports write it: `Family, Given`, `Family, G.`, `Family GA` (MEDLINE),
    /// or `Given Family`.
    ///
    /// A name with no comma and more than four words, or with words such as "group",
    /// "consortium", "collaboration", is taken as a group author.
    public init?(parsing raw: String) {
        let name = Text.normalizeWhitespace(raw)
        guard !name.isEmpty else { return nil }
        if let comma = name.firstIndex(of: ",") {
            let family = name[..<comma].trimmingSpaces()
            var rest = name[name.index(after: comma)...].trimmingSpaces()
            var suffix: String?
            // "Smith, John, Jr." or "Smith, Jr., John"
            let parts = rest.split(separator: ",").map { $0.trimmingSpaces() }
            if parts.count > 1 {
                if let s = parts.first(where: Author.isSuffix) {
                    suffix = s.replacingOccurrences(of: ".", with: "")
                    rest = parts.filter { !Author.isSuffix($0) }.joined(separator: " ")
                }
            }
            if family.isEmpty { return nil }
            if rest.isEmpty, Author.looksLikeGroup(family) {
                self.init(group: family)
                return
            }
            if Author.isInitialsOnly(rest) {
                self.init(family: family, given: nil, initials: Author.compactInitials(rest), suffix: suffix)
            } else {
                self.init(family: family, given: rest, suffix: suffix)
            }
            return
        }
        if Author.looksLikeGroup(name) {
            self.init(group: name)
            return
        }
        let words = name.split(separator: " ").map(String.init)
        if words.count == 1 {
            self.init(family: name)
            return
        }
        // MEDLINE style "Smith JA" / "van der Berg JA" / "Fanning E.": last word capitals (dots
        // allowed), at most 4 letters.
        if let last = words.last {
            let letters = last.filter { $0 != "." }
            if (1...4).contains(letters.count), letters.allSatisfy({ $0.isUppercase && $0.isLetter }) {
                self.init(family: words.dropLast().joined(separator: " "), initials: letters)
                return
            }
        }
        // "John A. Smith": last word is the family name, with particles kept ("Anna de Vries").
        var familyStart = words.count - 1
        while familyStart > 1, Author.particles.contains(words[familyStart - 1].lowercased()) {
            familyStart -= 1
        }
        self.init(
            family: words[familyStart...].joined(separator: " "),
            given: words[..<familyStart].joined(separator: " ")
        )
    }

    /// `Family, Given` (or `Family, I` when only initials are known; the group name for groups).
    public var displayName: String {
        if isGroup { return family }
        var name = family
        if let given { name += ", " + given } else if let initials { name += ", " + initials }
        if let suffix { name += ", " + suffix }
        return name
    }

    /// `Family I` as in MEDLINE and Vancouver references.
    public var shortName: String {
        if isGroup { return family }
        if let initials, !initials.isEmpty { return family + " " + initials }
        return family
    }

    static let particles: Set<String> = [
        "van", "von", "de", "der", "den", "ter", "ten", "te", "van't", "da", "di", "du", "del", "la", "le", "el", "al",
        "op", "in", "het",
    ]

    static func isSuffix(_ s: String) -> Bool {
        ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"].contains(s.lowercased())
    }

    static func looksLikeGroup(_ name: String) -> Bool {
        let lower = name.lowercased()
        let markers = [
            "group", "consortium", "collaboration", "collaborative", "committee", "network", "investigators",
            "association", "society", "team", "council", "organization", "organisation", "institute", "trialists",
            "working party", "task force",
        ]
        let words = lower.split(separator: " ")
        return markers.contains { marker in
            marker.contains(" ") ? lower.contains(marker) : words.contains { $0.hasPrefix(marker) }
        } || (!name.contains(",") && words.count > 5)
    }

    /// True for `J.A.`, `JA`, `J. A.`, `J-A`.
    static func isInitialsOnly(_ s: String) -> Bool {
        let letters = s.filter { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 4 else { return false }
        if s.contains(".") {
            return s.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "-" }).allSatisfy { $0.count == 1 }
        }
        return letters.allSatisfy { $0.isUppercase } && !s.contains(" ")
    }

    static func compactInitials(_ s: String) -> String {
        String(s.filter { $0.isLetter })
    }

    /// Initials of given names: `Anna Maria` → `AM`, `Jean-Paul` → `JP`, `J. A.` → `JA`.
    public static func initials(of given: String) -> String {
        var result = ""
        for word in given.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." }) {
            if let first = word.first(where: { $0.isLetter }) { result += first.uppercased() }
        }
        return result
    }
}

extension StringProtocol {
    /// The string without leading and trailing whitespace.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
