import AppendLog
public import Dedup
public import Foundation
import Screening

/// One line of the dedup decision log: a person's verdict on two records.
public struct DedupLogEntry: Sendable, Equatable {
    /// When it was decided, ISO 8601 in UTC (`2026-09-16T10:24:03Z`).
    public var time: String
    public var reviewer: String
    /// The two record keys, as the reviewer saw them.
    public var keyA: String
    public var keyB: String
    public var verdict: HumanPairDecision.Verdict
    /// The line of the log it was read from (0 for an entry not yet written).
    public var line: Int

    public init(
        time: String, reviewer: String, keyA: String, keyB: String, verdict: HumanPairDecision.Verdict, line: Int = 0
    ) {
        self.time = time
        self.reviewer = reviewer
        self.keyA = keyA
        self.keyB = keyB
        self.verdict = verdict
        self.line = line
    }

    /// The decision as the dedup stage takes it (record keys as ids).
    public var decision: HumanPairDecision { HumanPairDecision(keyA, keyB, verdict) }
}

/// A line of the decision log that was not used, and why.
public struct DedupLogProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    /// A line in the log that is not a decision (not a torn last line, nor a decision that
    /// applies to nothing): human work a person must mend, an error as in a screening log.
    public var malformed = false

    public var description: String { "\(DedupDecisionLog.relativePath):\(line): \(message)" }
}

/// The human side of deduplication: `dedup/decisions.tsv` in the review folder, a plain-text,
/// append-only log (human work, never derived).
///
/// ```
/// time<TAB>reviewer<TAB>keyA<TAB>keyB<TAB>decision
/// 2026-09-16T10:24:03Z<TAB>anna<TAB>pmid:990001234<TAB>hash:0f3c…<TAB>same
/// ```
///
/// `decision` is `same` or `different`. Every append is one `write` under an exclusive `flock`,
/// followed by `fsync`. When one pair is decided more than once, the last line wins. A last line
/// without its end of line (a torn write) is reported and ignored; so is any malformed line;
/// earlier lines are always kept.
public struct DedupDecisionLog: Sendable {
    /// Where the log lives inside a review folder.
    public static let relativePath = "dedup/decisions.tsv"
    /// The header line.
    public static let header = "time\treviewer\tkeyA\tkeyB\tdecision"

    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The log of `folder`.
    public init(folder: ReviewFolder) {
        self.url = folder.root.appending(path: Self.relativePath)
    }

    /// What reading the log found.
    public struct Contents: Sendable, Equatable {
        /// Every well-formed entry, in file order.
        public var entries: [DedupLogEntry] = []
        /// Lines left out, with the reason.
        public var problems: [DedupLogProblem] = []

        /// The decisions for the dedup stage: one per pair, the last line for that pair winning.
        public var decisions: [HumanPairDecision] {
            var order: [String] = []
            var latest: [String: HumanPairDecision] = [:]
            for e in entries {
                let (a, b) = e.keyA < e.keyB ? (e.keyA, e.keyB) : (e.keyB, e.keyA)
                let pair = a + "\t" + b
                if latest[pair] == nil { order.append(pair) }
                latest[pair] = HumanPairDecision(a, b, e.verdict)
            }
            return order.compactMap { latest[$0] }
        }
    }

    /// Reads the log; a missing file is an empty log.
    /// - Throws: an I/O error only when the file exists but cannot be read.
    public func read() throws -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else { return Contents() }
        let data = try Data(contentsOf: url)
        return Self.parse(data)
    }

    /// Parses the bytes of a log.
    public static func parse(_ data: Data) -> Contents {
        var contents = Contents()
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let torn = !(lines.last ?? "").isEmpty  // the last line has no end of line
        if !torn { lines.removeLast() }
        for (i, raw) in lines.enumerated() {
            let number = i + 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if number == lines.count, torn {
                contents.problems.append(
                    DedupLogProblem(
                        line: number,
                        message: "the last line has no end of line (a write interrupted?); ignored: \(line.prefix(80))")
                )
                continue
            }
            if number == 1, line == header { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else {
                contents.problems.append(
                    DedupLogProblem(
                        line: number,
                        message:
                            "expected 5 tab-separated fields (time, reviewer, keyA, keyB, same|different), found \(fields.count)",
                        malformed: true))
                continue
            }
            guard let verdict = HumanPairDecision.Verdict(rawValue: fields[4].trimmingCharacters(in: .whitespaces))
            else {
                contents.problems.append(
                    DedupLogProblem(
                        line: number, message: "decision '\(fields[4])' is neither 'same' nor 'different'",
                        malformed: true))
                continue
            }
            guard !fields[2].isEmpty, !fields[3].isEmpty, fields[2] != fields[3] else {
                contents.problems.append(
                    DedupLogProblem(line: number, message: "needs two different record keys", malformed: true))
                continue
            }
            contents.entries.append(
                DedupLogEntry(
                    time: fields[0], reviewer: fields[1], keyA: fields[2], keyB: fields[3], verdict: verdict,
                    line: number))
        }
        return contents
    }

    /// Appends one decision and `fsync`s it before returning: the header first when the file is
    /// new. The file is an `AppendOnlyLog` (the same lock, sync and torn-line policy as the
    /// screening and charting logs); a writer waits for another one's append to finish, and a
    /// torn last line is moved to `dedup/decisions.tsv.torn` before the new line is written.
    ///
    /// - Throws: ``DedupLogError`` when a field holds a tab or a line break, or the file cannot be written.
    public func append(_ entry: DedupLogEntry) throws {
        for field in [entry.time, entry.reviewer, entry.keyA, entry.keyB]
        where field.contains(where: { $0 == "\t" || $0.isNewline }) || field.isEmpty {
            throw DedupLogError(
                path: url.path,
                message: "'\(field)' cannot be written: fields must be non-empty, without tabs or line breaks")
        }
        let line = [entry.time, entry.reviewer, entry.keyA, entry.keyB, entry.verdict.rawValue].joined(separator: "\t")
        let holder = LockHolder.current(reviewer: entry.reviewer).lockFileText.trimmingCharacters(in: .newlines)
        do throws(AppendLogError) {
            let file = try AppendOnlyLog(
                path: url.path, holder: holder, wait: true, header: Self.header, isComplete: Self.isComplete)
            try file.append([line])
            file.close()
        } catch {
            switch error {
            case .io(let path, let message): throw DedupLogError(path: path, message: message)
            case .locked(let path, let holder): throw DedupLogError(path: path, message: "in use by \(holder)")
            case .invalidLine(let path): throw DedupLogError(path: path, message: "a field holds a line break")
            }
        }
    }

    /// Whether a last line without its line break is whole: the header or a well-formed decision.
    static func isComplete(_ line: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        return text == header || parse(Data((text + "\n").utf8)).problems.isEmpty
    }

    /// Now, as the log writes times: ISO 8601, UTC, whole seconds.
    public static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

/// The decision log could not be written.
public struct DedupLogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
