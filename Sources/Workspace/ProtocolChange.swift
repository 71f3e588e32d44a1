public import Bibliography
import Protocol

/// What changed in the protocol since the automatic criteria last ran, and which studies'
/// status changes with it.
public struct ProtocolChange: Sendable {
    /// The differences, one line each.
    public var changes: [String]
    /// Studies whose automatic verdict changes: key, old criterion (nil: eligible), new.
    public var statusChanges: [(key: RecordKey, old: String?, new: String?)]

    /// Compares the protocol the stored verdicts were computed under with `current`, and
    /// re-evaluates every study under `current`. Nil when there are no stored verdicts or
    /// the protocol is unchanged.
    public static func compute(index: ReviewIndex, current: LoadedProtocol, studies: [Study]) throws -> ProtocolChange?
    {
        guard let stored = try index.criteriaProtocol(), stored.sha256 != current.sha256 else { return nil }
        var changes: [String] = []
        if let old = try? ReviewProtocol(yaml: stored.text) {
            changes = ProtocolDiff(from: old, to: current.reviewProtocol).changes.map { "\($0)" }
        } else {
            changes = ["the stored protocol no longer reads; every verdict is recomputed"]
        }
        let old = Dictionary(try index.eligibility().map { ($0.key, $0.criterion) }, uniquingKeysWith: { a, _ in a })
        var statusChanges: [(RecordKey, String?, String?)] = []
        for study in studies {
            let new = current.reviewProtocol.evaluate(study.record).reason
            let before = old[study.key] ?? nil
            if before != new { statusChanges.append((study.key, before, new)) }
        }
        return ProtocolChange(changes: changes, statusChanges: statusChanges.sorted { $0.0 < $1.0 })
    }
}
