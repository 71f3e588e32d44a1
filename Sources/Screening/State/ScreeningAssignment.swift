public import Bibliography
public import Protocol

/// Which reviewers screen which record at a stage, from the protocol's stage settings.
///
/// - One reviewer per record: records are split among the reviewers by a stable hash of the key.
/// - Two (or more) per record: with `second_reviewer: all` every assigned reviewer screens
///   every record; with a fraction, the first reviewer (of the record's rotation) screens
///   all and the others a sample drawn by a stable hash of key and seed, so everyone computes
///   the same sample without seeing anyone else's log.
public struct ScreeningAssignment: Hashable, Sendable {
    public let stage: ScreeningStage
    public let reviewers: [String]
    public let reviewersPerRecord: Int
    public let secondReviewer: SecondReviewerShare
    /// Per record, the reviewers who decided it at this stage: its assignment stays with them.
    public let decided: [RecordKey: [String]]

    /// The assignment for `stage`; a protocol without settings for it gets one reviewer per record.
    /// - Parameter decided: per record, the reviewers who decided it at this stage (see
    ///   ``reviewers(for:decidedBy:)``).
    public init(plan: ScreeningPlan, stage: ScreeningStage, decided: [RecordKey: [String]] = [:]) {
        let settings = plan.plan(for: stage)
        self.stage = stage
        reviewers = plan.reviewers
        reviewersPerRecord = max(1, min(settings?.reviewersPerRecord ?? 1, max(1, plan.reviewers.count)))
        secondReviewer = settings?.secondReviewer ?? .all
        self.decided = decided
    }

    /// The assignment for `stage` with the records people decided kept with them, as `state` holds them.
    /// - Complexity: O(decisions at the stage).
    public init(plan: ScreeningPlan, state: ScreeningState, stage: ScreeningStage) {
        var decided: [RecordKey: [String]] = [:]
        for (key, byReviewer) in state.decisions[stage] ?? [:] {
            let names = byReviewer.filter { $0.value.decision != .retract }.keys
            if !names.isEmpty { decided[key] = Array(names) }
        }
        self.init(plan: plan, stage: stage, decided: decided)
    }

    /// The reviewers who must decide on `key`, first reviewer first. A record people decided
    /// keeps the reviewers who decided it (screening fixed its assignment; a reviewer added to
    /// the protocol later gets new records only), topped up from the rotation when it needs more.
    public func reviewers(for key: RecordKey) -> [String] {
        reviewers(for: key, decidedBy: decided[key] ?? [])
    }

    /// ``reviewers(for:)`` for a record that `decidedBy` decided.
    public func reviewers(for key: RecordKey, decidedBy: some Collection<String>) -> [String] {
        let current = rotation(for: key)
        guard !decidedBy.isEmpty else { return current }
        let rank = Dictionary(reviewers.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let deciders = decidedBy.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        if deciders.count >= current.count { return deciders }
        return deciders + current.filter { !deciders.contains($0) }.prefix(current.count - deciders.count)
    }

    /// The reviewers the protocol's rotation gives `key`, first reviewer first.
    private func rotation(for key: RecordKey) -> [String] {
        guard !reviewers.isEmpty else { return [] }
        let n = reviewers.count
        let rotation: Int
        if reviewersPerRecord >= n {
            rotation = 0
        } else {
            rotation = Int(StableHash.hash(key.rawValue, seed: 0x5eed) % UInt64(n))
        }
        let chosen = (0..<reviewersPerRecord).map { reviewers[(rotation + $0) % n] }
        guard reviewersPerRecord > 1 else { return chosen }
        switch secondReviewer {
        case .all:
            return chosen
        case .fraction(let share, let seed):
            return StableHash.unit(key.rawValue, seed: seed) < share ? chosen : [chosen[0]]
        }
    }

    /// True when `reviewer` is to screen `key`.
    public func isAssigned(_ key: RecordKey, to reviewer: String) -> Bool {
        reviewers(for: key).contains(reviewer)
    }
}

/// FNV-1a (64 bit) with a seed, and a uniform number in [0, 1) from it: stable across runs,
/// platforms and Swift versions (unlike `Hasher`).
public enum StableHash {
    public static func hash(_ s: String, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        // Final avalanche (splitmix64) so that nearby keys spread.
        h ^= h >> 30
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 27
        h = h &* 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return h
    }

    /// A number in [0, 1) from `s` and `seed`.
    public static func unit(_ s: String, seed: UInt64) -> Double {
        Double(hash(s, seed: seed) >> 11) / Double(1 << 53)
    }
}
