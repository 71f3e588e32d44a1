import Bibliography

/// The compact binary form in which the index stores each record (`record.data`,
/// `dedup_cluster.data`): every field of ``Bibliography/Record`` in declaration order, strings
/// as a length and their UTF-8 bytes, so writing is a few `memcpy`s and reading needs no parser.
///
/// Layout (all integers LEB128 varints, signed ones zigzag-encoded):
/// - a version byte (``version``);
/// - a string: its UTF-8 length, then the bytes; an optional string: 0 for nil, else length + 1;
/// - an optional integer: 0 for nil, else 1 and the zigzag value;
/// - a Boolean: one byte 0 or 1; an array: its count, then the elements;
/// - the type as its raw value, so adding a ``ReferenceType`` case keeps old rows readable;
/// - after the notes, only for a registry record (version ``trialVersion``), its
///   ``Bibliography/TrialRegistration``; other rows keep version 1 and end at the notes, as every
///   row did before registry records existed, so their bytes are unchanged.
///
/// Decoding gives back exactly the record encoded (`==`), including values the public
/// initialisers would normalise (an out-of-range month, an author's empty initials).
enum RecordBinary {
    /// The layout version written first; a row with another version is rejected as damaged.
    static let version: UInt8 = 1
    /// The version of a row that ends with a trial registration.
    static let trialVersion: UInt8 = 2

    /// What is wrong with stored bytes: where decoding stopped and why.
    struct Damage: Error, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "stored record damaged at byte \(offset): \(reason)" }
    }

    /// The record's bytes.
    /// - Complexity: O(size of the record).
    static func encode(_ record: Record) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(
            512 + record.title.utf8.count + record.abstract.sections.reduce(0) { $0 + $1.text.utf8.count })
        w.bytes.append(record.trial == nil ? version : trialVersion)
        w.string(record.type.rawValue)
        w.string(record.title)
        w.optional(record.originalTitle)
        w.count(record.abstract.sections.count)
        for section in record.abstract.sections {
            w.optional(section.label)
            w.optional(section.category)
            w.string(section.text)
        }
        w.authors(record.authors)
        w.authors(record.editors)
        w.date(record.date)
        w.optional(record.journal)
        w.optional(record.journalAbbreviation)
        w.optional(record.volume)
        w.optional(record.issue)
        w.optional(record.pages)
        w.optional(record.doi)
        w.optional(record.pmid)
        w.optional(record.pmcid)
        w.count(record.otherIDs.count)
        for id in record.otherIDs {
            w.string(id.scheme)
            w.string(id.value)
        }
        w.strings(record.languages)
        w.strings(record.publicationTypes)
        w.count(record.mesh.count)
        for heading in record.mesh {
            w.string(heading.descriptor)
            w.strings(heading.qualifiers)
            w.bytes.append(heading.isMajorTopic ? 1 : 0)
        }
        w.strings(record.keywords)
        w.strings(record.affiliations)
        w.strings(record.urls)
        w.optional(record.publisher)
        w.strings(record.notes)
        if let trial = record.trial {
            w.string(trial.registrationID)
            w.optional(trial.register)
            w.strings(trial.secondaryIDs)
            w.optional(trial.status)
            w.strings(trial.conditions)
            w.strings(trial.interventions)
            w.date(trial.startDate)
            w.date(trial.completionDate)
            w.optional(trial.sponsor)
            w.strings(trial.countries)
            w.optional(trial.studyType)
            w.optional(trial.phase)
        }
        return w.bytes
    }

    /// The record stored in `bytes`.
    /// - Throws: ``Damage`` when the bytes are truncated, of another version, or not a record.
    /// - Complexity: O(`bytes.count`).
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(Damage) -> Record {
        var r = Reader(bytes: bytes)
        let v = try r.byte()
        guard v == version || v == trialVersion else {
            throw Damage(offset: 0, reason: "layout version \(v), expected \(version) or \(trialVersion)")
        }
        var record = Record()
        let typeOffset = r.offset
        let type = try r.string()
        guard let referenceType = ReferenceType(rawValue: type) else {
            throw Damage(offset: typeOffset, reason: "unknown reference type '\(type)'")
        }
        record.type = referenceType
        record.title = try r.string()
        record.originalTitle = try r.optionalString()
        let sectionCount = try r.count()
        if sectionCount > 0 {
            var sections: [Abstract.Section] = []
            sections.reserveCapacity(sectionCount)
            for _ in 0..<sectionCount {
                let label = try r.optionalString()
                let category = try r.optionalString()
                sections.append(Abstract.Section(label: label, category: category, text: try r.string()))
            }
            record.abstract.sections = sections
        }
        record.authors = try r.authors()
        record.editors = try r.authors()
        record.date = try r.date()
        record.journal = try r.optionalString()
        record.journalAbbreviation = try r.optionalString()
        record.volume = try r.optionalString()
        record.issue = try r.optionalString()
        record.pages = try r.optionalString()
        record.doi = try r.optionalString()
        record.pmid = try r.optionalString()
        record.pmcid = try r.optionalString()
        let idCount = try r.count()
        if idCount > 0 {
            var ids: [Identifier] = []
            ids.reserveCapacity(idCount)
            for _ in 0..<idCount {
                let scheme = try r.string()
                ids.append(Identifier(scheme, try r.string()))
            }
            record.otherIDs = ids
        }
        record.languages = try r.strings()
        record.publicationTypes = try r.strings()
        let meshCount = try r.count()
        if meshCount > 0 {
            var mesh: [MeshHeading] = []
            mesh.reserveCapacity(meshCount)
            for _ in 0..<meshCount {
                let descriptor = try r.string()
                let qualifiers = try r.strings()
                mesh.append(MeshHeading(descriptor: descriptor, qualifiers: qualifiers, isMajorTopic: try r.flag()))
            }
            record.mesh = mesh
        }
        record.keywords = try r.strings()
        record.affiliations = try r.strings()
        record.urls = try r.strings()
        record.publisher = try r.optionalString()
        record.notes = try r.strings()
        if v == trialVersion {
            var trial = TrialRegistration(registrationID: try r.string())
            trial.register = try r.optionalString()
            trial.secondaryIDs = try r.strings()
            trial.status = try r.optionalString()
            trial.conditions = try r.strings()
            trial.interventions = try r.strings()
            trial.startDate = try r.date()
            trial.completionDate = try r.date()
            trial.sponsor = try r.optionalString()
            trial.countries = try r.strings()
            trial.studyType = try r.optionalString()
            trial.phase = try r.optionalString()
            record.trial = trial
        }
        guard r.offset == bytes.count else {
            throw Damage(offset: r.offset, reason: "\(bytes.count - r.offset) bytes left after the record")
        }
        return record
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func count(_ n: Int) { varint(UInt64(n)) }

        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { utf8 in
                varint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ s: String?) {
            guard var s else { return bytes.append(0) }
            s.withUTF8 { utf8 in
                varint(UInt64(utf8.count) + 1)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ n: Int?) {
            guard let n else { return bytes.append(0) }
            bytes.append(1)
            varint(UInt64(bitPattern: Int64((n << 1) ^ (n >> (Int.bitWidth - 1)))))
        }

        mutating func strings(_ items: [String]) {
            count(items.count)
            for item in items { string(item) }
        }

        mutating func date(_ date: PublicationDate?) {
            guard let date else { return bytes.append(0) }
            bytes.append(1)
            optional(date.year)
            optional(date.month)
            optional(date.day)
            optional(date.text)
        }

        mutating func authors(_ authors: [Author]) {
            count(authors.count)
            for a in authors {
                string(a.family)
                optional(a.given)
                optional(a.initials)
                optional(a.suffix)
                bytes.append(a.isGroup ? 1 : 0)
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func byte() throws(Damage) -> UInt8 {
            guard offset < bytes.count else { throw Damage(offset: offset, reason: "truncated") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() throws(Damage) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
                guard shift < 64 else { throw Damage(offset: offset, reason: "integer too long") }
            }
        }

        /// A count or length, checked against the bytes left (every element takes at least one).
        mutating func count() throws(Damage) -> Int {
            let start = offset
            let n = try varint()
            guard n <= UInt64(bytes.count - offset) else {
                throw Damage(offset: start, reason: "length \(n) beyond the \(bytes.count - offset) bytes left")
            }
            return Int(n)
        }

        mutating func flag() throws(Damage) -> Bool {
            let start = offset
            switch try byte() {
            case 0: return false
            case 1: return true
            case let b: throw Damage(offset: start, reason: "flag byte \(b)")
            }
        }

        mutating func text(_ n: Int) -> String {
            defer { offset += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
        }

        mutating func string() throws(Damage) -> String {
            text(try count())
        }

        mutating func optionalString() throws(Damage) -> String? {
            let start = offset
            let n = try varint()
            if n == 0 { return nil }
            guard n - 1 <= UInt64(bytes.count - offset) else {
                throw Damage(offset: start, reason: "length \(n - 1) beyond the \(bytes.count - offset) bytes left")
            }
            return text(Int(n - 1))
        }

        mutating func optionalInt() throws(Damage) -> Int? {
            guard try flag() else { return nil }
            let z = try varint()
            return Int(truncatingIfNeeded: Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
        }

        mutating func strings() throws(Damage) -> [String] {
            let n = try count()
            if n == 0 { return [] }
            var items: [String] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try string()) }
            return items
        }

        mutating func date() throws(Damage) -> PublicationDate? {
            guard try flag() else { return nil }
            var date = PublicationDate(year: nil)
            date.year = try optionalInt()
            date.month = try optionalInt()
            date.day = try optionalInt()
            date.text = try optionalString()
            return date
        }

        mutating func authors() throws(Damage) -> [Author] {
            let n = try count()
            if n == 0 { return [] }
            var authors: [Author] = []
            authors.reserveCapacity(n)
            for _ in 0..<n {
                var a = Author(family: try string())
                a.given = try optionalString()
                a.initials = try optionalString()
                a.suffix = try optionalString()
                a.isGroup = try flag()
                authors.append(a)
            }
            return authors
        }
    }
}
