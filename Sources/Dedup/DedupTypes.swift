public import Bibliography

/// One record handed to deduplication: an id the caller chooses, the record, and the
/// database that found it.
public struct DedupInput: Hashable, Sendable {
    /// The caller's id: an import-row id or a ``RecordKey`` raw value. Must be unique.
    public var id: String
    public var record: Record
    /// The database the record came from (`PubMed`, `Embase` …), if known.
    public var database: String?

    public init(id: String, record: Record, database: String? = nil) {
        self.id = id
        self.record = record
        self.database = database
    }
}

/// A person's verdict on a pair of records, which wins over the algorithm.
public struct HumanPairDecision: Hashable, Codable, Sendable {
    public enum Verdict: String, Hashable, Codable, Sendable {
        /// The two records report the same study: merge them.
        case same
        /// The two records are different studies: never merge them, not even through others.
        case different
    }

    public var a: String
    public var b: String
    public var verdict: Verdict

    public init(_ a: String, _ b: String, _ verdict: Verdict) {
        self.a = a
        self.b = b
        self.verdict = verdict
    }
}

/// How two records that are not duplicates are nevertheless related.
public enum RelationKind: String, Hashable, Codable, Sendable {
    /// A study protocol and a results paper of what looks like the same study.
    case protocolAndResults = "protocol-and-results"
    /// A conference paper or abstract and an article with its title and authors: perhaps its
    /// later version. Also left for a person to decide (`scoping dedup review`), never merged
    /// by the algorithm.
    case conferenceAndLaterVersion = "conference-and-later-version"
    /// A trial registration and a paper that cites its registration number: two reports of one
    /// trial, perhaps. Left for a person to decide, never merged by the algorithm (the
    /// registration keeps its register's status apart).
    case registrationAndPublication = "registration-and-publication"
}

/// The algorithm's verdict on a pair.
public enum PairVerdict: Hashable, Codable, Sendable {
    /// The same study: merged.
    case duplicate
    /// Different studies.
    case distinct
    /// Maybe the same study: left apart and handed to a person.
    case uncertain
    /// Different records of one study that must stay apart (protocol and results).
    case related(RelationKind)

    public var label: String {
        switch self {
        case .duplicate: "duplicate"
        case .distinct: "distinct"
        case .uncertain: "uncertain"
        case .related(let kind): "related(\(kind.rawValue))"
        }
    }
}

/// A field compared between two records, as shown to a reviewer.
public struct FieldDifference: Hashable, Codable, Sendable {
    /// `title`, `authors`, `year`, `journal`, `volume`, `pages`, `doi`, `pmid`, `type`.
    public var field: String
    public var a: String
    public var b: String

    public init(field: String, a: String, b: String) {
        self.field = field
        self.a = a
        self.b = b
    }
}

/// The decision on one pair of records, with what it rests on.
public struct PairDecision: Hashable, Codable, Sendable {
    /// Ids of the two records (``DedupInput/id``), `a < b`.
    public var a: String
    public var b: String
    public var verdict: PairVerdict
    /// Similarity of the two records in 0…1 (title similarity weighted by corroborating fields).
    public var score: Double
    /// Why, in words: `same DOI`, `title 0.98`, `veto: conflicting pages 73-76 / 81-89` …
    public var reasons: [String]
    /// The fields whose values differ (both present and not equivalent).
    public var differences: [FieldDifference]

    public init(
        a: String, b: String, verdict: PairVerdict, score: Double, reasons: [String],
        differences: [FieldDifference] = []
    ) {
        self.a = a
        self.b = b
        self.verdict = verdict
        self.score = score
        self.reasons = reasons
        self.differences = differences
    }

    /// True when a veto kept the pair apart.
    public var isVetoed: Bool { reasons.contains { $0.hasPrefix("veto:") } }
}

/// One study: a cluster of records that are the same work, with one canonical record.
public struct DuplicateCluster: Hashable, Sendable {
    /// The id of the member whose key the cluster keeps (stable across runs when possible).
    public var canonicalKey: String
    /// Every member's id, canonical first, then in input order.
    public var members: [String]
    /// Every database that found a member, sorted, without repeats.
    public var databases: [String]
    /// The best fields of all members merged into one record.
    public var canonical: Record

    public var isDuplicateGroup: Bool { members.count > 1 }
}

/// A link between two clusters that are related but not the same (protocol and results).
public struct ClusterRelation: Hashable, Sendable {
    public var a: String
    public var b: String
    public var kind: RelationKind
}

/// What deduplication produces.
public struct DedupResult: Sendable {
    /// Every cluster, singletons included, in order of their first member in the input.
    public var clusters: [DuplicateCluster]
    /// Pairs left for a person to decide, best score first (none of them merged).
    public var uncertain: [PairDecision]
    /// Related clusters, by canonical key.
    public var relations: [ClusterRelation]
    /// Every pair decision taken (duplicates, uncertain, related and vetoed candidates),
    /// for an audit trail; distinct pairs without any veto are left out.
    public var decisions: [PairDecision]
    /// Counts: records, candidate pairs compared, …
    public var statistics: Statistics

    public struct Statistics: Hashable, Sendable {
        public var records = 0
        public var candidatePairs = 0
        public var duplicatePairs = 0
        public var uncertainPairs = 0
        public var vetoedPairs = 0
        /// Merges refused because a member of one cluster vetoed a member of the other, or
        /// because the guard found two members in conflict.
        public var refusedClusterMerges = 0
        /// Merges the guard refused (two members with conflicting DOIs, PMIDs, issues of one
        /// volume or first pages): their pairs are in ``DedupResult/uncertain``.
        public var doubtfulMerges = 0
        /// The issue field looked like a record counter (most values unique), so it was not
        /// compared (see ``DedupResult/Statistics``).
        public var issueFieldIgnored = false
        public var clusters = 0
    }

    /// The canonical key of the cluster holding `id`.
    public func canonicalKey(of id: String) -> String? {
        clusterIndex[id].map { clusters[$0].canonicalKey }
    }

    var clusterIndex: [String: Int] = [:]
}

/// Tuning of the decision; every option has a default that keeps false merges at zero on the
/// labelled sets.
public struct DedupOptions: Hashable, Sendable {
    /// Years may differ by this much for a duplicate (online-first vs print); more is a veto.
    public var yearMargin: Int = 1
    /// Title similarity at or above which the title counts as the same.
    public var sameTitle: Double = 0.95
    /// Title similarity below which a pair is never even uncertain (unless other fields agree).
    public var uncertainTitle: Double = 0.80
    /// Buckets of candidate blocking bigger than this are skipped (other keys still apply).
    public var maxBucket: Int = 200
    /// Keep every decision in ``DedupResult/decisions`` (an audit trail); off for speed.
    public var keepDecisions: Bool = true

    public init() {}
}
