public import Bibliography
import Foundation

/// How far a charted value has come.
public enum ValueStatus: String, Hashable, Codable, Sendable, CaseIterable {
    /// Proposed by the tool (or left as proposed); not yet a person's value.
    case suggested
    /// Confirmed by a person: the charter's value, or a verifier agreeing with it.
    case confirmed
    /// Changed by a verifier: the verifier's value replaces the charter's.
    case corrected
}

/// Whether an entry charts a value or verifies one (JBI: one charts, another verifies).
public enum ChartingRole: String, Hashable, Codable, Sendable, CaseIterable {
    case chart
    case verify
}

/// One line of a charting log: a value for one field of one study, by one reviewer.
///
/// Written as one JSON object per line, keys sorted:
/// `{"at":"2026-10-01T09:00:00Z","field":"design","protocol":"…","reviewer":"anna","role":"chart","status":"confirmed","study":"pmid:990027050","v":1,"value":["cluster_rct"]}`.
/// A `null` value means "charted as not reported".
public struct ChartingEntry: Hashable, Sendable {
    /// The log format version.
    public static let formatVersion = 1

    public var study: RecordKey
    /// The codebook field id.
    public var field: String
    public var value: FieldValue?
    public var status: ValueStatus
    public var role: ChartingRole
    public var reviewer: String
    /// When, ISO 8601 (`2026-10-01T09:00:00Z`); the caller supplies it, this library reads no clock.
    public var time: String
    /// SHA-256 of the protocol the form was built from, if known.
    public var protocolHash: String?
    /// A free note (why a value was corrected), optional.
    public var note: String?

    public init(
        study: RecordKey, field: String, value: FieldValue?, status: ValueStatus, role: ChartingRole, reviewer: String,
        time: String, protocolHash: String? = nil, note: String? = nil
    ) {
        self.study = study
        self.field = field
        self.value = value
        self.status = status
        self.role = role
        self.reviewer = reviewer
        self.time = time
        self.protocolHash = protocolHash
        self.note = note
    }

    /// The entry as one JSON line, without the line break.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain values cannot fail.
        guard let data = try? encoder.encode(Wire(self)), let line = String(data: data, encoding: .utf8) else {
            return "{}"
        }
        return line
    }

    /// Parses one JSON line.
    ///
    /// - Throws: `DecodingError` when the line is not a charting entry.
    public init(jsonLine: some StringProtocol) throws {
        let wire = try JSONDecoder().decode(Wire.self, from: Data(jsonLine.utf8))
        self.init(
            study: RecordKey(rawValue: wire.study), field: wire.field, value: wire.value, status: wire.status,
            role: wire.role, reviewer: wire.reviewer, time: wire.at, protocolHash: wire.protocol, note: wire.note
        )
    }

    /// The JSON layout of a line.
    private struct Wire: Codable {
        var v: Int
        var study: String
        var field: String
        var value: FieldValue?
        var status: ValueStatus
        var role: ChartingRole
        var reviewer: String
        var at: String
        var `protocol`: String?
        var note: String?

        init(_ e: ChartingEntry) {
            v = ChartingEntry.formatVersion
            study = e.study.rawValue
            field = e.field
            value = e.value
            status = e.status
            role = e.role
            reviewer = e.reviewer
            at = e.time
            `protocol` = e.protocolHash
            note = e.note
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(v, forKey: .v)
            try c.encode(study, forKey: .study)
            try c.encode(field, forKey: .field)
            // An explicit null: "charted as not reported".
            try c.encode(value, forKey: .value)
            try c.encode(status, forKey: .status)
            try c.encode(role, forKey: .role)
            try c.encode(reviewer, forKey: .reviewer)
            try c.encode(at, forKey: .at)
            try c.encodeIfPresent(`protocol`, forKey: .protocol)
            try c.encodeIfPresent(note, forKey: .note)
        }
    }
}
