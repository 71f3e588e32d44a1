public import Bibliography
public import Foundation
public import Protocol

/// The decisions of one reviewer, as read from `screening/<reviewer>.jsonl`.
///
/// Holds exactly one reviewer's entries (checked when read), which is what makes blinding
/// hold by construction: a reviewer's queue is built from one `DecisionLogContents`.
public struct DecisionLogContents: Hashable, Sendable {
    /// The file named in messages (`screening/anna.jsonl`).
    public let file: String
    public let reviewer: String
    /// Every entry in file order, retractions included.
    public private(set) var entries: [DecisionEntry]
    /// Problems that did not stop reading (a torn last line).
    public var warnings: [DecisionLogWarning]
    /// For each entry, whether it is still live (not retracted, not a retraction).
    private var live: [Bool]
    /// Live entry indices per slot (stage, reconciled stage, key), oldest first.
    private var stacks: [Slot: [Int]]
    /// Live entry indices in order, newest last (for undo).
    private var order: [Int]

    struct Slot: Hashable, Sendable {
        var stage: DecisionStage
        var reconciles: ScreeningStage?
        var key: RecordKey
    }

    /// An empty log for `reviewer`.
    public init(file: String, reviewer: String) {
        self.file = file
        self.reviewer = reviewer
        entries = []
        warnings = []
        live = []
        stacks = [:]
        order = []
    }

    /// Reads a log's bytes.
    ///
    /// A last line that is cut off (no newline and not valid JSON, or not valid JSON, or NUL
    /// bytes) becomes a ``DecisionLogWarning/tornLastLine(file:line:savedTo:)`` and is left
    /// out; ``tornTailOffset`` tells where it starts. Blank lines are skipped.
    ///
    /// - Throws: ``ScreeningError/invalidLogLine(file:line:message:)`` for an invalid line
    ///   before the last one, an entry by another reviewer, or a retraction with nothing to retract.
    /// - Complexity: O(n) in the size of the log.
    public init(data: Data, file: String, reviewer: String) throws(ScreeningError) {
        self.init(file: file, reviewer: reviewer)
        let bytes = [UInt8](data)
        var lines: [(start: Int, end: Int, terminated: Bool)] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            lines.append((start, i, true))
            start = i + 1
        }
        if start < bytes.count { lines.append((start, bytes.count, false)) }
        // The last line that has anything but whitespace in it.
        let lastContent = lines.lastIndex { l in bytes[l.start..<l.end].contains { !Self.isBlank($0) } }
        let decoder = JSONDecoder()
        for (index, l) in lines.enumerated() {
            let slice = bytes[l.start..<l.end]
            if slice.allSatisfy(Self.isBlank) { continue }
            let isLast = index == lastContent
            let entry: DecisionEntry
            do {
                entry = try decoder.decode(DecisionEntry.self, from: Data(slice))
            } catch {
                if isLast {
                    warnings.append(.tornLastLine(file: file, line: index + 1, savedTo: nil))
                    tornTailOffset = l.start
                    break
                }
                throw .invalidLogLine(
                    file: file, line: index + 1, message: "not a valid decision: \(Self.describe(error))")
            }
            if isLast, !l.terminated { missingFinalNewline = true }
            guard entry.reviewer == reviewer else {
                throw .invalidLogLine(
                    file: file, line: index + 1,
                    message: "a decision by '\(entry.reviewer)' in the log of '\(reviewer)'")
            }
            if let problem = apply(entry) {
                throw .invalidLogLine(file: file, line: index + 1, message: problem)
            }
        }
    }

    /// Where a torn last line starts (byte offset), if the log has one.
    public private(set) var tornTailOffset: Int?
    /// True when the last (valid) line lacks its newline.
    public private(set) var missingFinalNewline = false

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x00 }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "the key '\(key.stringValue)' is missing"
        case DecodingError.dataCorrupted(let c):
            c.codingPath.isEmpty
                ? "not JSON" : "bad value for '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "bad value for '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: "not JSON"
        }
    }

    /// Adds `entry` in memory; returns a problem instead when it cannot go into this log.
    mutating func apply(_ entry: DecisionEntry) -> String? {
        if entry.reviewer != reviewer { return "a decision by '\(entry.reviewer)' in the log of '\(reviewer)'" }
        if entry.decision == .notRetrieved, entry.screeningStage != .fullText {
            return "'not-retrieved' is a full-text decision"
        }
        let slot = Slot(stage: entry.stage, reconciles: entry.reconciles, key: entry.key)
        let index = entries.count
        if entry.decision == .retract {
            guard let target = stacks[slot]?.popLast() else {
                return "a retraction of \(entry.key) at \(entry.stage.rawValue) with no decision to retract"
            }
            live[target] = false
            if let at = order.lastIndex(of: target) { order.remove(at: at) }
            entries.append(entry)
            live.append(false)
            return nil
        }
        entries.append(entry)
        live.append(true)
        stacks[slot, default: []].append(index)
        order.append(index)
        return nil
    }

    /// Decisions still in force (not retracted), oldest first; retractions are not listed.
    public var liveEntries: [DecisionEntry] { order.map { entries[$0] } }

    /// The latest live decision, the one ``DecisionLog/undo()`` retracts.
    public var lastLiveEntry: DecisionEntry? { order.last.map { entries[$0] } }

    /// The reviewer's current decision per record at `stage` (the last live one).
    ///
    /// - Complexity: O(n) in the number of entries.
    public func current(at stage: ScreeningStage) -> [RecordKey: DecisionEntry] {
        current(in: DecisionStage(stage), reconciling: nil)
    }

    /// The reviewer's current reconciliation per record for conflicts at `stage`.
    public func reconciliations(at stage: ScreeningStage) -> [RecordKey: DecisionEntry] {
        current(in: .reconcile, reconciling: stage)
    }

    private func current(in stage: DecisionStage, reconciling: ScreeningStage?) -> [RecordKey: DecisionEntry] {
        var out: [RecordKey: DecisionEntry] = [:]
        for (slot, indices) in stacks where slot.stage == stage && slot.reconciles == reconciling {
            if let last = indices.last { out[slot.key] = entries[last] }
        }
        return out
    }

    /// Live decisions at `stage` in the order they were made (a record decided twice counts
    /// at its latest decision).
    public func screenedInOrder(at stage: ScreeningStage) -> [DecisionEntry] {
        let target = DecisionStage(stage)
        var seen: Set<RecordKey> = []
        var out: [DecisionEntry] = []
        for index in order.reversed() where entries[index].stage == target {
            if seen.insert(entries[index].key).inserted { out.append(entries[index]) }
        }
        return out.reversed()
    }
}
