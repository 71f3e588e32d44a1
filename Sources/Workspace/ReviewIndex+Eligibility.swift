public import Bibliography
import Foundation
import GRDB
import Protocol

/// The automatic criteria's verdict on one study.
public struct EligibilityResult: Sendable, Equatable {
    public var key: RecordKey
    /// The first criterion that excludes the study, or nil when it is eligible.
    public var criterion: String?
    /// Every firing rule, as `E1: year < 2015 (year = 2012)`.
    public var explanation: [String]
    /// SHA-256 of the protocol it was computed under.
    public var protocolSha256: String
}

extension ReviewIndex {
    /// Applies the protocol's automatic criteria to every study and stores the verdicts with
    /// the protocol's SHA-256, replacing the previous run's.
    ///
    /// - Returns: the verdicts in key order.
    /// - Complexity: O(studies × rules).
    @discardableResult
    public func applyCriteria(_ loaded: LoadedProtocol, to studies: [Study]) throws -> [EligibilityResult] {
        let results = studies.map { study -> EligibilityResult in
            let verdict = loaded.reviewProtocol.evaluate(study.record)
            return EligibilityResult(
                key: study.key, criterion: verdict.reason,
                explanation: verdict.firings.map(\.description), protocolSha256: loaded.sha256
            )
        }.sorted { $0.key < $1.key }
        try writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO protocol_version (sha256, text) VALUES (?, ?)",
                arguments: [loaded.sha256, loaded.reviewProtocol.sourceText])
            try db.execute(sql: "DELETE FROM eligibility")
            let insert = try db.cachedStatement(
                sql: "INSERT INTO eligibility (key, criterion, explanation, protocolSha256) VALUES (?, ?, ?, ?)")
            for r in results {
                try insert.execute(arguments: [
                    r.key.rawValue, r.criterion, r.explanation.joined(separator: "\n"), r.protocolSha256,
                ])
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('criteria_protocol', ?)",
                arguments: [loaded.sha256])
        }
        return results
    }

    /// The stored verdicts, in key order.
    ///
    /// - Parameter explanations: false leaves every ``EligibilityResult/explanation`` empty
    ///   (not read: what the snapshot needs, on 200,000 studies a few tens of megabytes less).
    public func eligibility(explanations: Bool = true) throws -> [EligibilityResult] {
        try writer.read { db in
            let columns = explanations ? "*" : "key, criterion, protocolSha256"
            return try Row.fetchAll(db, sql: "SELECT \(columns) FROM eligibility ORDER BY key").map { row in
                EligibilityResult(
                    key: RecordKey(rawValue: row["key"]), criterion: row["criterion"],
                    explanation: explanations
                        ? (row["explanation"] as String).split(separator: "\n").map(String.init) : [],
                    protocolSha256: row["protocolSha256"]
                )
            }
        }
    }

    /// The protocol text the stored verdicts were computed under, when any were.
    public func criteriaProtocol() throws -> (sha256: String, text: String)? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT p.sha256, p.text FROM meta m JOIN protocol_version p ON p.sha256 = m.value
                        WHERE m.key = 'criteria_protocol'
                        """)
            else { return nil }
            return (row["sha256"], row["text"])
        }
    }
}
