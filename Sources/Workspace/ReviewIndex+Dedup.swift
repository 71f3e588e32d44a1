public import Bibliography
public import Dedup
import Foundation
import Charting
import GRDB
import Screening

/// What a dedup run found, as `scoping dedup` prints it.
public struct DedupSummary: Sendable, Equatable {
    /// Per database: its records, how many of them were removed as duplicates, and how many
    /// studies it alone found.
    public struct DatabaseCount: Sendable, Equatable {
        public var database: String
        public var records: Int
        public var duplicatesRemoved: Int
        public var onlyHere: Int
    }

    /// Live records (import rows).
    public var records = 0
    /// Distinct record keys among them.
    public var keys = 0
    /// Studies: one per cluster.
    public var studies = 0
    /// Clusters of more than one record.
    public var duplicateClusters = 0
    /// `records - studies`.
    public var duplicatesRemoved: Int { records - studies }
    public var databases: [DatabaseCount] = []
    /// Links between related clusters: protocol ↔ results and conference paper ↔ later version.
    public var relatedPairs = 0
    /// Of ``relatedPairs``, the conference paper ↔ later version links (also awaiting review
    /// until a person decides them).
    public var conferenceRelatedPairs = 0
    /// Of ``relatedPairs``, the trial registration ↔ citing paper links (also awaiting review).
    public var registrationRelatedPairs = 0
    /// Merges the cluster guard refused (two members with conflicting DOIs, PMIDs, issues of one
    /// volume or first pages); their pairs await review.
    public var doubtfulMerges = 0
    /// Uncertain pairs no person has decided yet.
    public var awaitingReview = 0
    /// People's decisions that applied (both keys in the index).
    public var humanDecisions = 0
    /// People's decisions naming a key no longer in the index: kept in the log, applied to nothing.
    public var ignoredDecisions: [HumanPairDecision] = []
    /// Lines of the decision log that were not used, and decisions that apply to nothing.
    public var logProblems: [DedupLogProblem] = []
    /// Warnings about `hash:` keys that different publications share: a key split by this run
    /// (or one a log still names), and a key that journal, volume, issue and first page cannot
    /// split either (the index holds its records as one). One message per key.
    public var sharedKeyConflicts: [String] = []
    /// `hash:` keys that different publications shared, each split into keys of their own.
    public var splitKeys: [SplitKey] = []
    /// Candidate pairs compared, vetoed, and cluster merges refused because of a veto.
    public var candidatePairs = 0
    public var vetoedPairs = 0
    public var refusedMerges = 0
}

/// A `hash:` key (title, year, first author) that records of different publications shared,
/// and the keys they have instead (``RecordKey/distinguishing(_:)``).
public struct SplitKey: Sendable, Equatable {
    public var shared: RecordKey
    public var keys: [RecordKey]
    /// The veto that tells them apart (`different issues of one volume (1 / 2)`).
    public var reason: String
    /// True when this run split it (the index held them as one record before).
    public var isNew: Bool
}

/// One pair decision, by record key, as stored by the last dedup run.
public struct DedupPair: Sendable, Equatable {
    public enum DecidedBy: String, Sendable, Equatable {
        case algorithm, person
    }

    /// Record keys, `a < b`.
    public var a: RecordKey
    public var b: RecordKey
    /// `duplicate`, `uncertain`, `related(protocol-and-results)`, `distinct`; `same` or `different` when a person decided.
    public var verdict: String
    public var decidedBy: DecidedBy
    public var score: Double
    /// Why: the fields that agreed and the vetoes (for a person's decision, what the algorithm would have said).
    public var reasons: [String]
    public var differences: [FieldDifference]
    /// True while it waits for a person (`scoping dedup review`).
    public var awaitingReview: Bool
}

/// Why a record is, or is not, in its cluster.
public struct DedupExplanation: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var key: RecordKey
        public var databases: [String]
    }

    public var key: RecordKey
    /// The canonical key of the cluster holding `key`.
    public var clusterKey: RecordKey
    /// The cluster's records (canonical first).
    public var members: [Member]
    /// Every stored pair decision involving `key` or another member of its cluster.
    public var pairs: [DedupPair]
    /// Clusters related to this one (protocol ↔ results, conference paper ↔ later version), by canonical key.
    public var related: [RecordKey]
    /// The kind of each relation in ``related`` (`protocol-and-results`, `conference-and-later-version`).
    public var relatedKinds: [RecordKey: String] = [:]
}

extension ReviewIndex {
    /// Separates a record key from the copy number in a dedup input id (see ``deduplicate(humanDecisions:)``).
    static let copySeparator: Character = "\u{1F}"

    /// Runs deduplication over every live record and stores the result in one transaction.
    ///
    /// Ids given to the dedup stage: the first copy of a record key in file order has the key
    /// itself as id; further copies of that key (the same PMID or DOI in another export) get
    /// `key␟2`, `key␟3` … and are tied to the first by a `same` decision, so every copy of a key
    /// lands in one cluster and the canonical record takes the best field of every copy. Only
    /// record keys leave this function: canonical keys, member keys, pairs, relations. People's
    /// decisions name record keys and apply to the first copies (and so to whole clusters).
    ///
    /// The previous run's canonical keys are passed on, so a cluster keeps its key after a new
    /// import, unless `keysInHumanWork` is given: then a cluster is named by a member key that
    /// people's logs name (the smallest, if several), whatever the previous run was, so an index
    /// rebuilt from scratch names every study people worked on as the index it replaces did.
    /// From now until the imports change, ``studies()`` returns one study per cluster.
    ///
    /// - Parameters:
    ///   - humanDecisions: people's verdicts by record key; they win over the algorithm.
    ///   - keysInHumanWork: the record keys the screening and charting logs name, if known.
    /// - Complexity: the dedup stage's, O(n log n + candidate pairs).
    @discardableResult
    public func deduplicate(
        humanDecisions: [HumanPairDecision] = [], options: DedupOptions = DedupOptions(),
        keysInHumanWork: Set<String>? = nil
    ) throws -> DedupSummary {
        struct Row {
            var recordId: Int64
            var key: String
            var database: String
        }
        // One read: the records and the imports they came from (the staleness stamp).
        let (stored, stamp, previous) = try writer.read { db -> ([StoredKeyRecord], String, Set<String>) in
            let stamp = try Self.importStamp(db)
            let previous = Set(try String.fetchAll(db, sql: "SELECT key FROM dedup_cluster"))
            let cursor = try GRDB.Row.fetchCursor(
                db,
                sql: """
                    SELECT r.id, r.key, r.data, i.database
                    FROM record r JOIN import i ON i.id = r.importId
                    WHERE (r.pmid IS NULL OR r.pmid NOT IN (SELECT pmid FROM deletion))
                    ORDER BY i.path, r.position
                    """)
            var stored: [StoredKeyRecord] = []
            while let row = try cursor.next() {
                stored.append(
                    StoredKeyRecord(
                        recordId: row["id"], key: row["key"], record: try storedRecord(row), database: row["database"]))
            }
            return (stored, stamp, previous)
        }
        // A `hash:` key that different publications share is split before anything else.
        let keying = Self.recordKeys(stored, options: options)
        var rows: [Row] = []
        var inputs: [DedupInput] = []
        var copies: [String: Int] = [:]
        for (record, key) in zip(stored, keying.keys) {
            let n = (copies[key] ?? 0) + 1
            copies[key] = n
            let id = n == 1 ? key : key + String(Self.copySeparator) + String(n)
            rows.append(Row(recordId: record.recordId, key: key, database: record.database))
            inputs.append(DedupInput(id: id, record: record.record, database: record.database))
        }
        let rekeyed = zip(stored, keying.keys).filter { $0.key != $1 }.map { ($0.recordId, $1) }

        // People's decisions on known keys; copies tied to their first copy.
        let firstIndex = Dictionary(
            inputs.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var applied: [HumanPairDecision] = []
        var ignored: [HumanPairDecision] = []
        for d in humanDecisions {
            if firstIndex[d.a] != nil, firstIndex[d.b] != nil, d.a != d.b {
                applied.append(d)
            } else {
                ignored.append(d)
            }
        }
        var decisions = applied
        for input in inputs where input.id.contains(Self.copySeparator) {
            decisions.append(HumanPairDecision(Self.keyOf(input.id), input.id, .same))
        }
        let result = Deduplicator(options: options).run(
            inputs, humanDecisions: decisions, previousCanonicalKeys: keysInHumanWork ?? previous)

        // Everything by record key.
        var clusterOfKey: [String: String] = [:]
        for cluster in result.clusters {
            let canonical = Self.keyOf(cluster.canonicalKey)
            for m in cluster.members { clusterOfKey[Self.keyOf(m)] = canonical }
        }
        var humanPairs = Set<String>()
        var pairs: [DedupPair] = []
        for d in applied {
            let (a, b) = d.a < d.b ? (d.a, d.b) : (d.b, d.a)
            guard humanPairs.insert(a + "\t" + b).inserted, let ia = firstIndex[a], let ib = firstIndex[b] else {
                continue
            }
            let algorithm = Deduplicator(options: options).explain(inputs[ia], inputs[ib])
            pairs.append(
                DedupPair(
                    a: RecordKey(rawValue: a), b: RecordKey(rawValue: b), verdict: d.verdict.rawValue,
                    decidedBy: .person,
                    score: algorithm.score,
                    reasons: [
                        "decided by a person: \(d.verdict.rawValue)", "the algorithm alone: \(algorithm.verdict.label)",
                    ] + algorithm.reasons,
                    differences: algorithm.differences, awaitingReview: false
                ))
        }
        var seenPairs = humanPairs
        func add(_ decision: PairDecision, awaiting: Bool) {
            var (a, b) = (Self.keyOf(decision.a), Self.keyOf(decision.b))
            var differences = decision.differences
            if a == b { return }
            if a > b {
                swap(&a, &b)
                differences = differences.map { FieldDifference(field: $0.field, a: $0.b, b: $0.a) }
            }
            if awaiting, clusterOfKey[a] == clusterOfKey[b] { return }
            guard seenPairs.insert(a + "\t" + b).inserted else { return }
            pairs.append(
                DedupPair(
                    a: RecordKey(rawValue: a), b: RecordKey(rawValue: b), verdict: decision.verdict.label,
                    decidedBy: .algorithm,
                    score: decision.score, reasons: decision.reasons, differences: differences, awaitingReview: awaiting
                ))
        }
        for d in result.uncertain { add(d, awaiting: true) }
        for d in result.decisions { add(d, awaiting: false) }

        var relations: [(String, String, String)] = []
        var relationSeen = Set<String>()
        for r in result.relations {
            let (x, y) = (Self.keyOf(r.a), Self.keyOf(r.b))
            let (a, b) = x < y ? (x, y) : (y, x)
            if a != b, relationSeen.insert(a + "\t" + b).inserted { relations.append((a, b, r.kind.rawValue)) }
        }

        do {
            try store(
                result: result, inputs: inputs, rows: rows.map(\.recordId), rowKeys: rows.map(\.key), rekeyed: rekeyed,
                pairs: pairs, relations: relations,
                humanDecisions: humanPairs.count, ignored: ignored.count, stamp: stamp)
        } catch let error as DatabaseError {
            throw WorkspaceError.index("dedup", error.description)
        }
        var summary = try dedupSummary() ?? DedupSummary()
        summary.ignoredDecisions = ignored
        summary.sharedKeyConflicts = keying.unsplit
        summary.splitKeys = keying.splits
        return summary
    }

    /// A record as the index holds it, for dedup.
    struct StoredKeyRecord {
        var recordId: Int64
        var key: String
        var record: Bibliography.Record
        var database: String
    }

    /// The key each record goes by: its own (``RecordKey/init(for:)``), except where records
    /// sharing a `hash:` key (title, year, first author) include a pair that dedup keeps apart by
    /// a veto (an editor's column in two issues): then every record of that key gets its
    /// ``RecordKey/distinguishing(_:)`` key, so copies of one record still share a key and the
    /// different publications do not. Decided from the records alone, never from the order
    /// they were imported in.
    ///
    /// - Complexity: O(n) plus the pairs within each shared `hash:` key.
    static func recordKeys(_ stored: [StoredKeyRecord], options: DedupOptions)
        -> (keys: [String], splits: [SplitKey], unsplit: [String])
    {
        // The usual key of each record. A `hash:` key already split by an earlier run is taken
        // back to the usual one; a stored key that is neither (an index written otherwise) stays.
        var keys = stored.map(\.key)
        var groups: [String: [Int]] = [:]
        for (i, s) in stored.enumerated() where s.key.hasPrefix("hash:") {
            let usual = s.record.key.rawValue
            if usual != s.key, RecordKey.distinguishing(s.record).rawValue != s.key { continue }
            keys[i] = usual
            groups[usual, default: []].append(i)
        }
        var splits: [SplitKey] = []
        var unsplit: [String] = []
        let deduplicator = Deduplicator(options: options)
        func veto(_ a: Int, _ b: Int) -> Substring? {
            let d = deduplicator.explain(
                DedupInput(id: "a", record: stored[a].record, database: stored[a].database),
                DedupInput(id: "b", record: stored[b].record, database: stored[b].database))
            guard d.verdict == .distinct else { return nil }
            return d.reasons.first { $0.hasPrefix("veto:") }?.dropFirst(6)
        }
        for (shared, members) in groups.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            // Records that agree on journal, volume, issue and first page (mostly copies of one
            // record) form a class; the classes are compared with each other by their first.
            var classes: [String: [Int]] = [:]
            var order: [String] = []
            for i in members {
                let key = RecordKey.distinguishing(stored[i].record).rawValue
                if classes[key] == nil { order.append(key) }
                classes[key, default: []].append(i)
            }
            var reason: Substring?
            search: for (n, a) in order.enumerated() {
                for b in order[(n + 1)...] {
                    if let found = veto(classes[a]![0], classes[b]![0]) {
                        reason = found
                        break search
                    }
                }
            }
            if let reason {
                for (key, classMembers) in classes { for i in classMembers { keys[i] = key } }
                splits.append(
                    SplitKey(
                        shared: RecordKey(rawValue: shared), keys: order.sorted().map { RecordKey(rawValue: $0) },
                        reason: String(reason), isNew: members.contains { stored[$0].key != keys[$0] }))
            }
            // Records a veto calls different that still share a key: one record to the index.
            for group in reason == nil ? [members] : order.map({ classes[$0]! }) {
                guard let found = group.dropFirst().lazy.compactMap({ veto(group[0], $0) }).first else { continue }
                unsplit.append(
                    "\(keys[group[0]]) is the key of records that are different publications (\(found)); a key made of "
                        + "title, year, first author, journal, volume, issue and first page cannot tell them apart, "
                        + "so the index holds them as one record: export them with their DOI or PMID to keep them apart"
                )
            }
        }
        return (keys, splits, unsplit)
    }

    /// Replaces the stored dedup run, in one transaction.
    private func store(
        result: DedupResult, inputs: [DedupInput], rows: [Int64], rowKeys: [String], rekeyed: [(Int64, String)],
        pairs: [DedupPair], relations: [(String, String, String)], humanDecisions: Int, ignored: Int, stamp: String
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writer.write { db in
            let rekey = try db.cachedStatement(sql: "UPDATE record SET key = ? WHERE id = ?")
            for (id, key) in rekeyed { try rekey.execute(arguments: [key, id]) }
            try db.execute(
                sql:
                    "DELETE FROM dedup_member; DELETE FROM dedup_cluster; DELETE FROM dedup_pair; DELETE FROM dedup_relation; DELETE FROM dedup_stat"
            )
            let insertCluster = try db.cachedStatement(
                sql: "INSERT INTO dedup_cluster (key, position, data, databases) VALUES (?, ?, ?, ?)")
            let insertMember = try db.cachedStatement(
                sql: "INSERT INTO dedup_member (recordId, key, clusterKey, removed) VALUES (?, ?, ?, ?)")
            let rowOfId = Dictionary(
                inputs.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
            for (position, cluster) in result.clusters.enumerated() {
                let canonical = Self.keyOf(cluster.canonicalKey)
                try insertCluster.execute(arguments: [
                    canonical, position + 1, Data(RecordBinary.encode(cluster.canonical)),
                    cluster.databases.joined(separator: "\n"),
                ])
                for id in cluster.members {
                    guard let row = rowOfId[id] else { continue }
                    // The first copy of the canonical key stands for the cluster; every other row is a duplicate removed.
                    let stands = id == canonical
                    try insertMember.execute(arguments: [rows[row], rowKeys[row], canonical, stands ? 0 : 1])
                }
            }
            let insertPair = try db.cachedStatement(
                sql: """
                    INSERT INTO dedup_pair (a, b, verdict, decidedBy, score, reasons, differences, queue) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var queue = 0
            for p in pairs {
                let differences = String(decoding: try encoder.encode(p.differences), as: UTF8.self)
                var position: Int?
                if p.awaitingReview {
                    queue += 1
                    position = queue
                }
                try insertPair.execute(arguments: [
                    p.a.rawValue, p.b.rawValue, p.verdict, p.decidedBy.rawValue, p.score,
                    p.reasons.joined(separator: "\n"), differences, position,
                ])
            }
            for (a, b, kind) in relations {
                try db.execute(
                    sql: "INSERT INTO dedup_relation (a, b, kind) VALUES (?, ?, ?)", arguments: [a, b, kind])
            }
            let s = result.statistics
            let stats: [(String, Int)] = [
                ("candidatePairs", s.candidatePairs), ("vetoedPairs", s.vetoedPairs),
                ("refusedMerges", s.refusedClusterMerges),
                ("doubtfulMerges", s.doubtfulMerges),
                ("humanDecisions", humanDecisions), ("ignoredDecisions", ignored),
            ]
            for (name, value) in stats {
                try db.execute(sql: "INSERT INTO dedup_stat (name, value) VALUES (?, ?)", arguments: [name, value])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('dedup.imports', ?)", arguments: [stamp])
        }
    }

    /// The last dedup run's summary, or nil when dedup has not run since the imports last changed.
    public func dedupSummary() throws -> DedupSummary? {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return nil }
            var s = DedupSummary()
            s.records = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedup_member") ?? 0
            s.keys = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT key) FROM dedup_member") ?? 0
            s.studies = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedup_cluster") ?? 0
            s.duplicateClusters =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT COUNT(*) FROM (SELECT clusterKey FROM dedup_member GROUP BY clusterKey HAVING COUNT(*) > 1)"
                ) ?? 0
            var only: [String: Int] = [:]
            for row in try GRDB.Row.fetchAll(
                db,
                sql:
                    "SELECT databases, COUNT(*) AS n FROM dedup_cluster WHERE instr(databases, char(10)) = 0 GROUP BY databases"
            ) {
                only[row["databases"]] = row["n"]
            }
            s.databases = try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT i.database, COUNT(*) AS records, SUM(m.removed) AS removed
                    FROM dedup_member m JOIN record r ON r.id = m.recordId JOIN import i ON i.id = r.importId
                    GROUP BY i.database ORDER BY i.database
                    """
            ).map { row in
                DedupSummary.DatabaseCount(
                    database: row["database"], records: row["records"], duplicatesRemoved: row["removed"],
                    onlyHere: only[row["database"] as String] ?? 0)
            }
            s.relatedPairs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedup_relation") ?? 0
            s.conferenceRelatedPairs =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM dedup_relation WHERE kind = ?",
                    arguments: [RelationKind.conferenceAndLaterVersion.rawValue]
                ) ?? 0
            s.registrationRelatedPairs =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM dedup_relation WHERE kind = ?",
                    arguments: [RelationKind.registrationAndPublication.rawValue]
                ) ?? 0
            s.awaitingReview = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dedup_pair WHERE queue IS NOT NULL") ?? 0
            let stats = Dictionary(
                try GRDB.Row.fetchAll(db, sql: "SELECT name, value FROM dedup_stat").map {
                    ($0["name"] as String, $0["value"] as Int)
                }, uniquingKeysWith: { a, _ in a })
            s.humanDecisions = stats["humanDecisions"] ?? 0
            s.candidatePairs = stats["candidatePairs"] ?? 0
            s.vetoedPairs = stats["vetoedPairs"] ?? 0
            s.refusedMerges = stats["refusedMerges"] ?? 0
            s.doubtfulMerges = stats["doubtfulMerges"] ?? 0
            return s
        }
    }

    /// True when dedup has run since the imports last changed.
    public func dedupIsCurrent() throws -> Bool {
        try writer.read { db in try Self.dedupIsCurrent(db) }
    }

    /// The pairs awaiting a person's review, best score first (empty when dedup is not current).
    public func dedupReviewQueue() throws -> [DedupPair] {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return [] }
            return try GRDB.Row.fetchAll(db, sql: "SELECT * FROM dedup_pair WHERE queue IS NOT NULL ORDER BY queue")
                .map(Self.pair(from:))
        }
    }

    /// The canonical key of the cluster of every record key, from the last run (empty when it is not current).
    public func dedupClusterKeys() throws -> [RecordKey: RecordKey] {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return [:] }
            var out: [RecordKey: RecordKey] = [:]
            for row in try GRDB.Row.fetchAll(db, sql: "SELECT DISTINCT key, clusterKey FROM dedup_member") {
                out[RecordKey(rawValue: row["key"])] = RecordKey(rawValue: row["clusterKey"])
            }
            return out
        }
    }

    /// Why `key` is, or is not, in its cluster: the cluster's members and every pair decision
    /// involving any of them. Nil when dedup is not current.
    /// - Throws: ``WorkspaceError/unknownKey(_:)`` when no live record has `key`.
    public func dedupExplanation(for key: RecordKey) throws -> DedupExplanation? {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return nil }
            guard
                let clusterKey = try String.fetchOne(
                    db, sql: "SELECT clusterKey FROM dedup_member WHERE key = ? LIMIT 1", arguments: [key.rawValue])
            else {
                throw WorkspaceError.unknownKey(key.rawValue)
            }
            var members: [DedupExplanation.Member] = []
            for row in try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT m.key, i.database FROM dedup_member m JOIN record r ON r.id = m.recordId JOIN import i ON i.id = r.importId
                    WHERE m.clusterKey = ? ORDER BY m.key = m.clusterKey DESC, i.path, r.position
                    """, arguments: [clusterKey])
            {
                let k = RecordKey(rawValue: row["key"])
                let database: String = row["database"]
                if let i = members.firstIndex(where: { $0.key == k }) {
                    if !members[i].databases.contains(database) { members[i].databases.append(database) }
                } else {
                    members.append(.init(key: k, databases: [database]))
                }
            }
            let keys = Set(members.map(\.key.rawValue)).union([key.rawValue])
            let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ",")
            let args = StatementArguments(Array(keys).sorted() + Array(keys).sorted())
            let pairs = try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM dedup_pair WHERE a IN (\(placeholders)) OR b IN (\(placeholders))
                    ORDER BY decidedBy = 'person' DESC, score DESC, a, b
                    """, arguments: args
            ).map(Self.pair(from:))
            var relatedKinds: [RecordKey: String] = [:]
            for row in try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT b AS other, kind FROM dedup_relation WHERE a = ? UNION SELECT a AS other, kind FROM dedup_relation WHERE b = ?
                    """, arguments: [clusterKey, clusterKey])
            {
                relatedKinds[RecordKey(rawValue: row["other"])] = row["kind"]
            }
            let related = relatedKinds.keys.sorted { $0.rawValue < $1.rawValue }
            return DedupExplanation(
                key: key, clusterKey: RecordKey(rawValue: clusterKey), members: members, pairs: pairs, related: related,
                relatedKinds: relatedKinds
            )
        }
    }

    /// Related clusters (protocol ↔ results) by canonical key, from the last run.
    public func dedupRelations() throws -> [(a: RecordKey, b: RecordKey, kind: String)] {
        try writer.read { db in
            guard try Self.dedupIsCurrent(db) else { return [] }
            return try GRDB.Row.fetchAll(db, sql: "SELECT a, b, kind FROM dedup_relation ORDER BY a, b").map {
                (RecordKey(rawValue: $0["a"]), RecordKey(rawValue: $0["b"]), $0["kind"])
            }
        }
    }

    // MARK: - Helpers

    static func keyOf(_ id: String) -> String {
        guard let i = id.firstIndex(of: copySeparator) else { return id }
        return String(id[..<i])
    }

    /// Which imports (id and content) the index holds: what a dedup run saw.
    static func importStamp(_ db: Database) throws -> String {
        try GRDB.Row.fetchAll(db, sql: "SELECT id, sha256 FROM import ORDER BY id")
            .map { "\($0["id"] as Int64):\($0["sha256"] as String)" }.joined(separator: ",")
    }

    static func dedupIsCurrent(_ db: Database) throws -> Bool {
        guard let stamp = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'dedup.imports'") else {
            return false
        }
        return stamp == (try importStamp(db))
    }

    static func pair(from row: GRDB.Row) throws -> DedupPair {
        let differences: String = row["differences"]
        let queue: Int? = row["queue"]
        return DedupPair(
            a: RecordKey(rawValue: row["a"]), b: RecordKey(rawValue: row["b"]), verdict: row["verdict"],
            decidedBy: DedupPair.DecidedBy(rawValue: row["decidedBy"]) ?? .algorithm, score: row["score"],
            reasons: (row["reasons"] as String).split(separator: "\n").map(String.init),
            differences: try JSONDecoder().decode([FieldDifference].self, from: Data(differences.utf8)),
            awaitingReview: queue != nil
        )
    }
}

extension ReviewFolder {
    /// The review's dedup decision log, `dedup/decisions.tsv`.
    public var dedupDecisionLog: DedupDecisionLog { DedupDecisionLog(folder: self) }

    /// Reads the decision log and deduplicates the index with it: the call `scoping dedup` and
    /// `scoping run` make. Unused log lines and decisions on keys no longer in the index are in
    /// ``DedupSummary/logProblems`` (they stay in the log).
    ///
    /// A study keeps the key people's screening and charting logs know it by, however the
    /// index was built (``ReviewIndex/deduplicate(humanDecisions:options:keysInHumanWork:)``).
    public func deduplicate(_ index: ReviewIndex) throws -> DedupSummary {
        let log = try dedupDecisionLog.read()
        // A line that is not a decision is human work gone wrong: stop, as a screening log does.
        if let bad = log.problems.first(where: \.malformed) {
            throw WorkspaceError.malformedLogLine(DedupDecisionLog.relativePath, bad.line, bad.message)
        }
        var summary = try index.deduplicate(humanDecisions: log.decisions, keysInHumanWork: keysInHumanWork())
        var problems = log.problems
        if !summary.ignoredDecisions.isEmpty {
            let ignored = Set(summary.ignoredDecisions.map { $0.a + "\t" + $0.b })
            let known = try index.dedupClusterKeys()
            for e in log.entries {
                let (a, b) = e.keyA < e.keyB ? (e.keyA, e.keyB) : (e.keyB, e.keyA)
                guard ignored.contains(a + "\t" + b) else { continue }
                let missing = [e.keyA, e.keyB].filter { known[RecordKey(rawValue: $0)] == nil }
                problems.append(
                    DedupLogProblem(
                        line: e.line,
                        message:
                            "\(e.reviewer)'s '\(e.verdict.rawValue)' on \(e.keyA) / \(e.keyB) applies to nothing: no record with key \(missing.joined(separator: " or ")) any more (kept in the log)"
                    ))
            }
        }
        summary.logProblems = problems.sorted { $0.line < $1.line }
        if !summary.splitKeys.isEmpty {
            let logged = keysInHumanWork()
            for split in summary.splitKeys {
                let keys = split.keys.map(\.rawValue)
                let rescreened = keys.contains { logged.contains($0) }
                guard split.isNew || (logged.contains(split.shared.rawValue) && !rescreened) else { continue }
                var message =
                    "\(split.shared) was the key of records that are different publications (\(split.reason)): "
                    + "they now have keys of their own (\(keys.joined(separator: ", ")))"
                if logged.contains(split.shared.rawValue), !rescreened {
                    message +=
                        "; the decisions logged on \(split.shared) apply to none of them (kept in the logs): "
                        + "screen them again"
                }
                summary.sharedKeyConflicts.append(message)
            }
        }
        return summary
    }
}

extension ReviewFolder {
    /// Reads every screening and charting log, for `scoping check` on a folder without an index
    /// (a fresh clone): a damaged line is found before any command needs the log.
    ///
    /// - Throws: ``ScreeningError`` or ``ChartingError`` for the first damaged log.
    /// - Complexity: O(log entries).
    public func checkHumanLogs() throws {
        for read in humanLogReaders { _ = try read() }
    }

    /// The record keys the screening and charting logs name (a damaged log adds none: the
    /// snapshot that reads it reports it).
    ///
    /// - Complexity: O(log entries).
    func keysInHumanWork() -> Set<String> {
        Set(humanLogReaders.flatMap { (try? $0()) ?? [] })
    }

    /// One reader per screening and charting log, each giving the record keys its log names.
    private var humanLogReaders: [() throws -> [String]] {
        let decisions = Self.logNames(in: screening).filter(DecisionLog.isValidReviewer).map { name in
            {
                try DecisionLog.read(directory: screening.path, reviewer: name, displayDirectory: "screening")
                    .entries.map(\.key.rawValue)
            }
        }
        let charting = Self.logNames(in: charting).map { name in
            {
                try ChartingLog.read(
                    path: self.charting.appending(path: name + ".jsonl").path, displayName: "charting/\(name).jsonl"
                ).entries.map(\.study.rawValue)
            }
        }
        return decisions + charting
    }
}

extension ReviewFolder {
    /// False when a dedup run would rename a study: a cluster holds a key people's logs name
    /// and is named otherwise (a decision made on a duplicate's key, or an index built before
    /// the logs named it). `scoping run` reruns dedup then, so a study's key never depends on
    /// the order the exports and the decisions came in.
    ///
    /// - Complexity: O(log entries + records).
    public func studyNamesAreCurrent(_ index: ReviewIndex) throws -> Bool {
        let clusterOf = try index.dedupClusterKeys()
        guard !clusterOf.isEmpty else { return true }
        var wanted: [RecordKey: String] = [:]
        for key in keysInHumanWork() {
            guard let cluster = clusterOf[RecordKey(rawValue: key)] else { continue }
            if let named = wanted[cluster], named <= key { continue }
            wanted[cluster] = key
        }
        return wanted.allSatisfy { $0.key.rawValue == $0.value }
    }
}
