public import Bibliography
public import Protocol

/// What a reviewer decided about a record.
public enum Decision: String, Hashable, Codable, Sendable, CaseIterable {
    case include
    case exclude
    case maybe
    /// Full text only: the report could not be retrieved (PRISMA "reports not retrieved").
    case notRetrieved = "not-retrieved"
    /// Withdraws the reviewer's latest live decision on the same record and stage (undo).
    case retract

    /// True for decisions that move a record on (include, and maybe, as is usual).
    public var movesOn: Bool { self == .include || self == .maybe }
}

/// The stage a log entry belongs to, as written in the log: `title-abstract`, `full-text`,
/// `reconcile`.
public enum DecisionStage: String, Hashable, Codable, Sendable, CaseIterable {
    case titleAbstract = "title-abstract"
    case fullText = "full-text"
    /// A final decision that resolves a conflict; the entry's ``DecisionEntry/reconciles``
    /// says which screening stage.
    case reconcile

    /// The log stage of a screening stage.
    public init(_ stage: ScreeningStage) {
        switch stage {
        case .titleAbstract: self = .titleAbstract
        case .fullText: self = .fullText
        }
    }

    /// The screening stage, or nil for `reconcile`.
    public var screeningStage: ScreeningStage? {
        switch self {
        case .titleAbstract: .titleAbstract
        case .fullText: .fullText
        case .reconcile: nil
        }
    }
}

extension ScreeningStage {
    /// The stage's name in decision logs and CSV files (`title-abstract`, `full-text`).
    public var logName: String { DecisionStage(self).rawValue }
}

/// One line of a decision log: who decided what about which record, when, under which
/// protocol version.
///
/// Written as one JSON object per line with the keys, in this order: `time`, `reviewer`,
/// `stage`, `reconciles` (reconcile entries only), `key`, `decision`, `reason`, `note`,
/// `order`, `protocol`. `reason`, `note`, `order` and `reconciles` are left out when absent.
///
/// `order` is the order the record was shown in: written by `scoping screen` on every decision
/// (see ``ScreeningQueue/order(of:)``); absent on retractions, reconciliations, imported
/// decisions and every line of a log written before the field existed, which all still read.
public struct DecisionEntry: Hashable, Codable, Sendable {
    /// ISO 8601 UTC time, to the second: `2026-05-01T10:22:03Z` (see ``Timestamp``).
    public var time: String
    public var reviewer: String
    public var stage: DecisionStage
    /// For `reconcile` entries: the screening stage whose conflict this resolves.
    public var reconciles: ScreeningStage?
    public var key: RecordKey
    public var decision: Decision
    /// A criterion id (`E4`): the exclusion reason.
    public var reason: String?
    public var note: String?
    /// The order the record was shown in when it was decided (`ranked`, `random`, `file`);
    /// nil when the log does not record it (see the type's documentation).
    public var order: QueueOrder?
    /// The protocol file's SHA-256 (hex) when the decision was made.
    public var protocolHash: String

    public init(
        time: String, reviewer: String, stage: DecisionStage, reconciles: ScreeningStage? = nil, key: RecordKey,
        decision: Decision, reason: String? = nil, note: String? = nil, order: QueueOrder? = nil, protocolHash: String
    ) {
        self.time = time
        self.reviewer = reviewer
        self.stage = stage
        self.reconciles = stage == .reconcile ? (reconciles ?? .titleAbstract) : nil
        self.key = key
        self.decision = decision
        self.reason = reason
        self.note = note
        self.order = order
        self.protocolHash = protocolHash
    }

    /// The screening stage this entry is about (for reconcile entries, the stage reconciled).
    public var screeningStage: ScreeningStage { stage.screeningStage ?? reconciles ?? .titleAbstract }

    enum CodingKeys: String, CodingKey {
        case time, reviewer, stage, reconciles, key, decision, reason, note, order
        case protocolHash = "protocol"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        time = try c.decode(String.self, forKey: .time)
        reviewer = try c.decode(String.self, forKey: .reviewer)
        stage = try c.decode(DecisionStage.self, forKey: .stage)
        if let raw = try c.decodeIfPresent(String.self, forKey: .reconciles) {
            guard let s = DecisionStage(rawValue: raw)?.screeningStage else {
                throw DecodingError.dataCorruptedError(
                    forKey: .reconciles, in: c, debugDescription: "'reconciles' must be title-abstract or full-text")
            }
            reconciles = s
        } else {
            reconciles = stage == .reconcile ? .titleAbstract : nil
        }
        key = RecordKey(rawValue: try c.decode(String.self, forKey: .key))
        decision = try c.decode(Decision.self, forKey: .decision)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        if let raw = try c.decodeIfPresent(String.self, forKey: .order) {
            guard let o = QueueOrder(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .order, in: c, debugDescription: "'order' must be ranked, random, file or check")
            }
            order = o
        } else {
            order = nil
        }
        protocolHash = try c.decode(String.self, forKey: .protocolHash)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(reviewer, forKey: .reviewer)
        try c.encode(stage, forKey: .stage)
        if let reconciles { try c.encode(reconciles.logName, forKey: .reconciles) }
        try c.encode(key.rawValue, forKey: .key)
        try c.encode(decision, forKey: .decision)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(order?.rawValue, forKey: .order)
        try c.encode(protocolHash, forKey: .protocolHash)
    }

    /// The entry as one JSON line (without the newline), keys in the documented order.
    public var jsonLine: String {
        var s = "{\"time\":" + JSONText.quote(time) + ",\"reviewer\":" + JSONText.quote(reviewer)
        s += ",\"stage\":" + JSONText.quote(stage.rawValue)
        if let reconciles { s += ",\"reconciles\":" + JSONText.quote(reconciles.logName) }
        s += ",\"key\":" + JSONText.quote(key.rawValue) + ",\"decision\":" + JSONText.quote(decision.rawValue)
        if let reason { s += ",\"reason\":" + JSONText.quote(reason) }
        if let note { s += ",\"note\":" + JSONText.quote(note) }
        if let order { s += ",\"order\":" + JSONText.quote(order.rawValue) }
        s += ",\"protocol\":" + JSONText.quote(protocolHash) + "}"
        return s
    }
}
