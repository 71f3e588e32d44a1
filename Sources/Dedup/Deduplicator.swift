import Bibliography

/// Duplicate detection and clustering: records in, clusters of the same study out.
///
/// A pure stage: no I/O, no clock, deterministic for the same input. Exact identity (PMID,
/// DOI, other identifiers) first, then candidate pairs by blocking, then a decision per pair
/// with vetoes, then clusters by union-find that never join two clusters when any member of
/// one vetoes any member of the other.
public struct Deduplicator: Sendable {
    public var options: DedupOptions

    public init(options: DedupOptions = DedupOptions()) {
        self.options = options
    }

    /// Deduplicates `inputs`.
    ///
    /// - Parameters:
    ///   - inputs: the records; ids must be unique (a repeated id is ignored after its first use).
    ///   - humanDecisions: a person's `same` / `different` verdicts by id pair; they win over the
    ///     algorithm (`same` merges even across a veto, `different` keeps the two records in
    ///     different clusters whatever links them).
    ///   - previousCanonicalKeys: the canonical keys of the previous run; a cluster that holds
    ///     one keeps it.
    /// - Complexity: O(n log n) for blocking plus the candidate pairs, each compared once.
    public func run(
        _ inputs: [DedupInput],
        humanDecisions: [HumanPairDecision] = [],
        previousCanonicalKeys: Set<String> = []
    ) -> DedupResult {
        var seen = Set<String>()
        let inputs = inputs.filter { seen.insert($0.id).inserted }
        var profiles = inputs.map { MatchProfile($0.record) }
        let issuesIgnored = BibliographicFacts.issuesLookLikeRecordNumbers(profiles)
        if issuesIgnored {
            for i in profiles.indices { profiles[i].issueNumber = nil }
        }
        BibliographicFacts.markRecurring(&profiles)
        var index: [String: Int] = [:]
        for (i, input) in inputs.enumerated() { index[input.id] = i }

        var stats = DedupResult.Statistics()
        stats.records = inputs.count
        stats.issueFieldIgnored = issuesIgnored
        let pairs = Blocking.candidatePairs(profiles, maxBucket: options.maxBucket)
        stats.candidatePairs = pairs.count

        // Human decisions by index pair.
        var humanSame: [(Int, Int)] = []
        var cannotLink = Set<UInt64>()
        var humanDifferent = Set<UInt64>()
        var decidedByHuman = Set<UInt64>()
        // Registrations a person joined to a paper: see ``MergeGuard/joinedRegistrations``.
        var joinedRegistrations = Set<Int>()
        for d in humanDecisions {
            guard let i = index[d.a], let j = index[d.b], i != j else { continue }
            let code = Self.code(i, j)
            decidedByHuman.insert(code)
            switch d.verdict {
            case .same:
                humanSame.append((min(i, j), max(i, j)))
                let (ri, rj) = (inputs[i].record.trial != nil, inputs[j].record.trial != nil)
                if ri != rj { joinedRegistrations.insert(ri ? i : j) }
            case .different:
                cannotLink.insert(code)
                humanDifferent.insert(code)
            }
        }

        var duplicates: [(score: Double, i: Int, j: Int)] = []
        var uncertain: [(Comparison, Int, Int)] = []
        var related: [(Int, Int, RelationKind)] = []
        var audit: [(Comparison, Int, Int)] = []
        for code in pairs {
            let i = Int(code >> 32)
            let j = Int(code & 0xFFFF_FFFF)
            if decidedByHuman.contains(code) { continue }
            let c = profiles[i].compare(with: profiles[j], options: options)
            switch c.verdict {
            case .duplicate:
                duplicates.append((c.score, i, j))
                stats.duplicatePairs += 1
                if options.keepDecisions { audit.append((c, i, j)) }
            case .uncertain:
                uncertain.append((c, i, j))
                if options.keepDecisions { audit.append((c, i, j)) }
            case .related(let kind):
                related.append((i, j, kind))
                // A conference paper and perhaps its later version: a person decides.
                if kind == .conferenceAndLaterVersion { uncertain.append((c, i, j)) }
                if options.keepDecisions { audit.append((c, i, j)) }
            case .distinct:
                if c.facts.hasVeto, c.title >= options.uncertainTitle {
                    stats.vetoedPairs += 1
                    if options.keepDecisions { audit.append((c, i, j)) }
                }
            }
        }

        // A registration and each paper that cites its number: linked, and handed to a person.
        let queued = Set(uncertain.map { Self.code($0.1, $0.2) })
        for (r, p, id) in Self.registrationLinks(inputs) {
            let code = Self.code(r, p)
            if decidedByHuman.contains(code) { continue }
            cannotLink.insert(code)
            related.append((r, p, .registrationAndPublication))
            var c = profiles[r].compare(with: profiles[p], options: options)
            c.verdict = .related(.registrationAndPublication)
            c.guard = "a trial registration and a paper that cites its number (\(id))"
            if !queued.contains(code) { uncertain.append((c, r, p)) }
            if options.keepDecisions { audit.append((c, r, p)) }
        }

        // Clusters: human `same` first, then duplicates best first; a merge is refused when a
        // member of one side vetoes (or a person separated) a member of the other, and when the
        // guard finds two members that cannot be one publication: such a pair goes to a person.
        var uf = UnionFind(count: inputs.count)
        let guardSets = MergeGuard(
            cannotLink: cannotLink, humanSame: Set(humanSame.map { Self.code($0.0, $0.1) }),
            humanDifferent: humanDifferent, joinedRegistrations: joinedRegistrations,
            isRegistration: inputs.map { $0.record.trial != nil })
        for (i, j) in humanSame { uf.union(i, j) }
        duplicates.sort { $0.score != $1.score ? $0.score > $1.score : ($0.i, $0.j) < ($1.i, $1.j) }
        for (_, i, j) in duplicates {
            let ri = uf.find(i)
            let rj = uf.find(j)
            if ri == rj { continue }
            let check = mergeCheck(uf.members[ri], uf.members[rj], profiles: profiles, guard: guardSets)
            switch check {
            case .allowed:
                uf.union(ri, rj)
            case .vetoed:
                stats.refusedClusterMerges += 1
            case .doubtful(let why):
                stats.refusedClusterMerges += 1
                stats.doubtfulMerges += 1
                var c = profiles[i].compare(with: profiles[j], options: options)
                c.verdict = .uncertain
                c.guard = why
                uncertain.append((c, i, j))
            }
        }

        // Clusters in order of first member.
        var clusterOfRoot: [Int: Int] = [:]
        var memberLists: [[Int]] = []
        for i in inputs.indices {
            let r = uf.find(i)
            if let c = clusterOfRoot[r] {
                memberLists[c].append(i)
            } else {
                clusterOfRoot[r] = memberLists.count
                memberLists.append([i])
            }
        }
        var result = DedupResult(clusters: [], uncertain: [], relations: [], decisions: [], statistics: stats)
        result.clusters.reserveCapacity(memberLists.count)
        for members in memberLists {
            let cluster = CanonicalRecord.cluster(
                members.map { inputs[$0] }, previousCanonicalKeys: previousCanonicalKeys)
            for m in members { result.clusterIndex[inputs[m].id] = result.clusters.count }
            result.clusters.append(cluster)
        }
        result.statistics.clusters = result.clusters.count

        // Uncertain pairs still apart, best first.
        uncertain.sort { $0.0.score != $1.0.score ? $0.0.score > $1.0.score : ($0.1, $0.2) < ($1.1, $1.2) }
        for (c, i, j) in uncertain where uf.find(i) != uf.find(j) {
            result.uncertain.append(Explanation.decision(c, inputs[i], inputs[j]))
        }
        result.statistics.uncertainPairs = result.uncertain.count
        var relationSeen = Set<String>()
        for (i, j, kind) in related where uf.find(i) != uf.find(j) {
            guard let a = result.canonicalKey(of: inputs[i].id), let b = result.canonicalKey(of: inputs[j].id) else {
                continue
            }
            let (x, y) = a < b ? (a, b) : (b, a)
            if relationSeen.insert(x + "\u{1}" + y).inserted {
                result.relations.append(ClusterRelation(a: x, b: y, kind: kind))
            }
        }
        if options.keepDecisions {
            result.decisions = audit.map { Explanation.decision($0.0, inputs[$0.1], inputs[$0.2]) }
        }
        return result
    }

    /// Explains the decision on one pair: verdict, score, reasons, differing fields.
    public func explain(_ a: DedupInput, _ b: DedupInput) -> PairDecision {
        let c = MatchProfile(a.record).compare(with: MatchProfile(b.record), options: options)
        return Explanation.decision(c, a, b)
    }

    enum MergeCheck: Equatable {
        case allowed, vetoed
        /// Two members would conflict (``ClusterGuard``): the pair goes to a person.
        case doubtful(String)
    }

    /// What a merge of two clusters is checked against, besides the records themselves.
    struct MergeGuard {
        /// Pairs never to be joined by the algorithm: a person's `different`, a registration and
        /// a paper citing its number.
        var cannotLink: Set<UInt64>
        var humanSame: Set<UInt64>
        var humanDifferent: Set<UInt64>
        /// Registrations a person said are one study with a paper. A registration is a register's
        /// entry, not a copy of the paper: its year, title and journal differ from the paper's by
        /// nature, and every copy of the paper that cites its number is linked to it. Once a person
        /// has joined it to one copy, neither its fields nor those links keep the paper's other
        /// copies (duplicates by the algorithm) out of the study; a person's `different` still does.
        var joinedRegistrations: Set<Int>
        /// Per input: a trial registration.
        var isRegistration: [Bool]

        /// True when `i` and `j` are a registration a person joined to a paper and another paper.
        func isJoinedRegistration(_ i: Int, _ j: Int) -> Bool {
            (joinedRegistrations.contains(i) && !isRegistration[j])
                || (joinedRegistrations.contains(j) && !isRegistration[i])
        }
    }

    /// Whether the clusters `x` and `y` may become one: every member of one against every
    /// member of the other, for a person's `different`, a veto, and the guard.
    func mergeCheck(_ x: [Int32], _ y: [Int32], profiles: [MatchProfile], guard g: MergeGuard) -> MergeCheck {
        var doubt: String?
        for a in x {
            for b in y {
                let (i, j) = (Int(a), Int(b))
                let code = Self.code(i, j)
                if g.humanDifferent.contains(code) { return .vetoed }
                if g.humanSame.contains(code) || g.isJoinedRegistration(i, j) { continue }
                if g.cannotLink.contains(code) { return .vetoed }
                let c = profiles[i].compare(with: profiles[j], options: options)
                if c.facts.hasVeto, c.verdict != .duplicate { return .vetoed }
                if doubt == nil, let why = ClusterGuard.conflict(c.facts) { doubt = why }
            }
        }
        return doubt.map(MergeCheck.doubtful) ?? .allowed
    }

    /// Pairs of a trial registration (a record with ``Record/trial``) and a record that cites its
    /// registration number (or a secondary number) in its identifiers (`trial:` scheme) or its
    /// abstract, with the number; each pair once, in input order.
    static func registrationLinks(_ inputs: [DedupInput]) -> [(registration: Int, paper: Int, id: String)] {
        var byID: [String: [Int]] = [:]
        for (i, input) in inputs.enumerated() {
            guard let trial = input.record.trial else { continue }
            for id in Set([trial.registrationID] + trial.secondaryIDs) { byID[id, default: []].append(i) }
        }
        guard !byID.isEmpty else { return [] }
        var links: [(Int, Int, String)] = []
        var seen = Set<UInt64>()
        for (p, input) in inputs.enumerated() where input.record.trial == nil {
            var cited = input.record.otherIDs.filter { $0.scheme == TrialRegistration.scheme }.map(\.value)
            cited += TrialRegistration.ids(inText: input.record.abstract.text)
            for id in cited {
                for r in byID[id] ?? [] where seen.insert(code(r, p)).inserted { links.append((r, p, id)) }
            }
        }
        return links
    }

    static func code(_ i: Int, _ j: Int) -> UInt64 {
        let (a, b) = i < j ? (i, j) : (j, i)
        return UInt64(a) << 32 | UInt64(b)
    }
}
