/// A record's stable key: `pmid:<digits>`, else `doi:<normalised doi>`, else
/// `hash:<16 hex digits>` of the normalised title, year and first author's family name.
///
/// Decisions and charting refer to keys, so the same record imported again (from the same or
/// another export) gets the same key.
public struct RecordKey: Hashable, Codable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The key a record gets.
    public init(for record: Record) {
        if let pmid = record.pmid, !pmid.isEmpty {
            rawValue = "pmid:" + pmid
        } else if let doi = record.doi, !doi.isEmpty {
            rawValue = "doi:" + doi
        } else {
            rawValue = "hash:" + FNV1a.hex(Self.material(record))
        }
    }

    /// The key of a record without PMID or DOI whose title, year and first author are those of a
    /// different publication (an editor's column in several issues): the hashed material of
    /// ``init(for:)`` with the journal, volume, issue and first page added. Copies of one record
    /// agree on these; the index gives records this key only when their usual one is shared
    /// with a record that is a different publication.
    public static func distinguishing(_ record: Record) -> RecordKey {
        var material = material(record)
        material += "|" + Text.foldForMatching(record.journal ?? "") + "|" + (record.volume ?? "")
        material += "|" + (record.issue ?? "") + "|" + firstPage(record.pages)
        return RecordKey(rawValue: "hash:" + FNV1a.hex(material))
    }

    /// `S33` of `S33-38`, `1262` of `1262–8`: the page before a range's dash.
    static func firstPage(_ pages: String?) -> String {
        guard let pages else { return "" }
        let first = pages.prefix { $0 != "-" && $0 != "–" && $0 != "—" && $0 != "," }
        return first.filter { $0.isLetter || $0.isNumber }.lowercased()
    }

    /// What a `hash:` key hashes: the folded title, year and first author's family name (and
    /// more when there is no title).
    private static func material(_ record: Record) -> String {
        var material = Text.foldForMatching(record.title)
        material += "|" + (record.year.map(String.init) ?? "")
        material += "|" + Text.foldForMatching(record.authors.first?.family ?? "")
        if record.title.isEmpty {
            // No title: fall back on what else there is, so different untitled records differ.
            let rest =
                Text.foldForMatching(record.journal ?? "") + "|" + (record.volume ?? "")
                + "|" + (record.pages ?? "") + "|" + Text.foldForMatching(record.abstract.text)
            material += "|" + rest
            if record.authors.isEmpty, record.year == nil, rest == "|||" {
                // Nothing at all to go by: the other identifiers (the reader adds the record's
                // file and line) keep such records apart, rather than one key for them all.
                material += "|" + record.otherIDs.map { $0.scheme + "=" + $0.value }.joined(separator: "|")
            }
        }
        return material
    }

    public var description: String { rawValue }

    /// Encoded as a plain string (`"pmid:123"`), as logs and exports write keys.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// FNV-1a, 64 bit: a small, stable, dependency-free hash for content keys.
enum FNV1a {
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func hex(_ s: String) -> String {
        let digits = Array("0123456789abcdef")
        var h = hash(s)
        var out = [Character](repeating: "0", count: 16)
        for i in (0..<16).reversed() {
            out[i] = digits[Int(h & 0xf)]
            h >>= 4
        }
        return String(out)
    }
}
