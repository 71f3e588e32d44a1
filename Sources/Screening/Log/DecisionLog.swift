public import Bibliography
public import Foundation
public import Protocol
import AppendLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds a reviewer's log: written into `screening/<reviewer>.jsonl.lock`.
public struct LockHolder: Hashable, Sendable, CustomStringConvertible {
    public var reviewer: String
    public var pid: Int32
    public var host: String

    public init(reviewer: String, pid: Int32, host: String) {
        self.reviewer = reviewer
        self.pid = pid
        self.host = host
    }

    /// This process, on this host, for `reviewer`.
    public static func current(reviewer: String) -> LockHolder {
        var name = [CChar](repeating: 0, count: 256)
        let host =
            gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown host"
        return LockHolder(reviewer: reviewer, pid: getpid(), host: host)
    }

    /// `reviewer=anna pid=4711 host=lab-3`
    public var lockFileText: String { "reviewer=\(reviewer) pid=\(pid) host=\(host)\n" }

    public var description: String { "reviewer \(reviewer), process \(pid) on host \(host)" }

    /// Parses ``lockFileText``; nil when the text is not in that form.
    public init?(lockFileText text: String) {
        var fields: [String: String] = [:]
        for part in text.split(whereSeparator: \.isWhitespace) {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        guard let reviewer = fields["reviewer"], let pid = fields["pid"].flatMap({ Int32($0) }),
            let host = fields["host"]
        else { return nil }
        self.init(reviewer: reviewer, pid: pid, host: host)
    }
}

/// A reviewer's append-only decision log, open for writing: `screening/<reviewer>.jsonl`.
///
/// The file is an `AppendOnlyLog`, which keeps the promises every log of human work keeps:
/// an exclusive lock on `screening/<reviewer>.jsonl.lock` for as long as the log is open (a
/// second opener, in this process or another, gets ``ScreeningError/logLocked(file:holder:)``
/// naming the holder); every append `fsync`ed before it returns; a torn last line found on
/// opening moved, byte for byte, to `<reviewer>.jsonl.torn` and reported in ``openWarnings``,
/// so new decisions never merge with it.
public final class DecisionLog {
    /// `screening/<reviewer>.jsonl` under `directory`.
    public static func path(directory: String, reviewer: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + reviewer + ".jsonl"
    }

    /// True when `id` can name a log file: lower-case letters, digits, `-`, `_`, not empty.
    public static func isValidReviewer(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
    }

    /// The log file's path.
    public let path: String
    /// The path named in messages.
    public let displayPath: String
    public let reviewer: String
    /// The entries read so far plus those appended.
    public private(set) var contents: DecisionLogContents
    /// What opening found (a torn last line, moved aside).
    public let openWarnings: [DecisionLogWarning]

    private let file: AppendOnlyLog
    private let now: @Sendable () -> Date

    /// Opens (creating if needed) the log of `reviewer` in `directory` and locks it.
    ///
    /// - Parameters:
    ///   - directory: the `screening/` folder (created if missing).
    ///   - displayDirectory: how messages name the folder (default `directory`).
    ///   - holder: written into the lock file (default: this process).
    ///   - now: the clock for entries made with ``record(_:stage:reconciles:decision:reason:note:order:protocolHash:)``.
    /// - Throws: ``ScreeningError/logLocked(file:holder:)``, ``ScreeningError/invalidLogLine(file:line:message:)``,
    ///   ``ScreeningError/invalidReviewer(_:)``, ``ScreeningError/io(file:message:)``.
    public init(
        directory: String, reviewer: String, displayDirectory: String? = nil, holder: LockHolder? = nil,
        now: @escaping @Sendable () -> Date
    ) throws(ScreeningError) {
        guard Self.isValidReviewer(reviewer) else { throw .invalidReviewer(reviewer) }
        let path = Self.path(directory: directory, reviewer: reviewer)
        let display = Self.path(directory: displayDirectory ?? directory, reviewer: reviewer)
        let me = holder ?? LockHolder.current(reviewer: reviewer)
        let file: AppendOnlyLog
        do {
            file = try AppendOnlyLog(path: path, holder: me.lockFileText.trimmingCharacters(in: .newlines)) { line in
                (try? JSONDecoder().decode(DecisionEntry.self, from: Data(line))) != nil
            }
        } catch {
            throw Self.screeningError(error, display: display)
        }
        var warnings: [DecisionLogWarning] = []
        var parsed: DecisionLogContents
        do throws(ScreeningError) {
            parsed = try DecisionLogContents(data: Data(file.initialBytes), file: display, reviewer: reviewer)
        } catch {
            file.close()
            throw error
        }
        if let torn = file.tornLine {
            let warning = DecisionLogWarning.tornLastLine(file: display, line: torn.line, savedTo: display + ".torn")
            warnings.append(warning)
            parsed.warnings = [warning]
        }
        self.reviewer = reviewer
        self.now = now
        self.path = path
        self.displayPath = display
        self.file = file
        self.contents = parsed
        self.openWarnings = warnings
    }

    /// Releases the lock and closes the file. Appending after this fails.
    public func close() { file.close() }

    /// Appends `entry` and returns once it is on disk (`fsync`).
    ///
    /// - Throws: ``ScreeningError/wrongReviewer(file:expected:found:)`` for another reviewer's
    ///   entry, ``ScreeningError/invalidLogLine(file:line:message:)`` for an entry the log
    ///   cannot take (a retraction with nothing to retract), ``ScreeningError/io(file:message:)``.
    public func append(_ entry: DecisionEntry) throws(ScreeningError) {
        guard entry.reviewer == reviewer else {
            throw .wrongReviewer(file: displayPath, expected: reviewer, found: entry.reviewer)
        }
        var next = contents
        if let problem = next.apply(entry) {
            throw .invalidLogLine(file: displayPath, line: contents.entries.count + 1, message: problem)
        }
        do {
            try file.append([entry.jsonLine])
        } catch {
            throw Self.screeningError(error, display: displayPath)
        }
        contents = next
    }

    /// Records a decision made now (by the log's clock) and returns the entry written.
    ///
    /// - Parameter order: the order the record was shown in (screening sessions pass it;
    ///   reconciliation does not).
    @discardableResult
    public func record(
        _ key: RecordKey, stage: DecisionStage, reconciles: ScreeningStage? = nil, decision: Decision,
        reason: String? = nil, note: String? = nil, order: QueueOrder? = nil, protocolHash: String
    ) throws(ScreeningError) -> DecisionEntry {
        let entry = DecisionEntry(
            time: Timestamp.string(from: now()), reviewer: reviewer, stage: stage, reconciles: reconciles, key: key,
            decision: decision, reason: reason, note: note, order: order, protocolHash: protocolHash)
        try append(entry)
        return entry
    }

    /// Undo: appends a `retract` entry for the latest live decision and returns the decision
    /// withdrawn, or nil when there is nothing to undo. A retraction carries no `order`: it
    /// withdraws a decision rather than deciding on a record shown in some order.
    @discardableResult
    public func undo(protocolHash: String? = nil) throws(ScreeningError) -> DecisionEntry? {
        guard let last = contents.lastLiveEntry else { return nil }
        let entry = DecisionEntry(
            time: Timestamp.string(from: now()), reviewer: reviewer, stage: last.stage, reconciles: last.reconciles,
            key: last.key, decision: .retract, protocolHash: protocolHash ?? last.protocolHash)
        try append(entry)
        return last
    }

    /// Appends the entries not already in the log (same time, stage, key, decision, reason and
    /// note), in order; returns how many were added and how many skipped as duplicates.
    ///
    /// Entries are appended one by one, each synced; an error stops the import where it occurred.
    public func importEntries(_ entries: [DecisionEntry]) throws(ScreeningError) -> (added: Int, skipped: Int) {
        var seen = Set(contents.entries.map(ImportIdentity.init))
        var added = 0
        var skipped = 0
        for entry in entries {
            guard seen.insert(ImportIdentity(entry)).inserted else {
                skipped += 1
                continue
            }
            try append(entry)
            added += 1
        }
        return (added, skipped)
    }

    struct ImportIdentity: Hashable {
        var time: String, stage: DecisionStage, reconciles: ScreeningStage?, key: RecordKey
        var decision: Decision, reason: String?, note: String?
        init(_ e: DecisionEntry) {
            time = e.time
            stage = e.stage
            reconciles = e.reconciles
            key = e.key
            decision = e.decision
            reason = e.reason
            note = e.note
        }
    }

    /// Reads a reviewer's log without locking it (for state, agreement and reports).
    ///
    /// A missing file reads as an empty log. A torn last line is reported in
    /// ``DecisionLogContents/warnings`` and left out.
    public static func read(directory: String, reviewer: String, displayDirectory: String? = nil) throws(ScreeningError)
        -> DecisionLogContents
    {
        let path = Self.path(directory: directory, reviewer: reviewer)
        let display = Self.path(directory: displayDirectory ?? directory, reviewer: reviewer)
        guard FileManager.default.fileExists(atPath: path) else {
            return DecisionLogContents(file: display, reviewer: reviewer)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(file: display, message: "cannot read the log")
        }
        return try DecisionLogContents(data: data, file: display, reviewer: reviewer)
    }

    /// The log file's error in the screening stage's terms, naming the file as messages do.
    static func screeningError(_ error: AppendLogError, display: String) -> ScreeningError {
        switch error {
        case .locked(_, let holderText):
            .logLocked(file: display, holder: LockHolder(lockFileText: holderText)?.description ?? holderText)
        case .invalidLine: .io(file: display, message: "a decision cannot hold a line break")
        case .io(let path, let message): .io(file: path.hasSuffix(".jsonl") ? display : path, message: message)
        }
    }
}
