import AppendLog
import Foundation

/// A reviewer's charting log, `charting/<reviewer>.jsonl`: append-only JSON lines.
///
/// Written through an `AppendOnlyLog`, as the screening logs are: one writer at a time (an
/// exclusive `flock` on `charting/<reviewer>.jsonl.lock`, which names the holder); every append
/// whole lines in one `write`, then `fsync`; a torn last line (a write cut off) is left out
/// and reported when read, and moved byte for byte to `charting/<reviewer>.jsonl.torn` when the
/// log is next opened for writing, so it is never dropped and never merges with a new line.
public enum ChartingLog {
    /// Parses a log's text.
    ///
    /// - Parameter file: the name used in messages (`charting/anna.jsonl`).
    /// - Returns: the entries, and the line number of a torn last line (left out), if any.
    /// - Throws: ``ChartingError/malformedLine(file:line:message:)`` for a line before the last
    ///   one that does not decode.
    /// - Complexity: O(n) in the text.
    public static func parse(_ text: String, file: String) throws(ChartingError) -> ChartingLogContents {
        var contents = ChartingLogContents(file: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastContent = lines.lastIndex { !isBlank($0) }
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if isBlank(line) { continue }
            do {
                contents.entries.append(try ChartingEntry(jsonLine: line))
            } catch {
                if index == lastContent {
                    contents.tornLine = index + 1
                    break
                }
                throw .malformedLine(file: file, line: index + 1, message: describe(error))
            }
        }
        return contents
    }

    /// Reads and parses the log at `path`; a missing file is an empty log.
    ///
    /// - Throws: ``ChartingError``.
    public static func read(path: String, displayName: String? = nil) throws(ChartingError) -> ChartingLogContents {
        let name = displayName ?? path
        guard FileManager.default.fileExists(atPath: path) else { return ChartingLogContents(file: name) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(file: name, message: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: name)
    }

    /// The lock file that belongs to a log: `charting/anna.jsonl` → `charting/anna.jsonl.lock`.
    public static func lockPath(forLog path: String) -> String {
        AppendOnlyLog.lockPath(forLog: path)
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\0" }
    }

    /// Whether `line` (a last line without its line break) is a whole entry.
    static func isComplete(_ line: ArraySlice<UInt8>) -> Bool {
        (try? ChartingEntry(jsonLine: Substring(decoding: line, as: UTF8.self))) != nil
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "the key '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "not valid JSON"
                : "bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: String(describing: error)
        }
    }
}

/// What a charting log holds: its entries, and a torn last line left out.
public struct ChartingLogContents: Hashable, Sendable {
    /// The file named in messages (`charting/anna.jsonl`).
    public var file: String
    /// Every entry, in file order.
    public var entries: [ChartingEntry] = []
    /// The line number of a torn last line (a write cut off), left out; nil when there is none.
    public var tornLine: Int?

    public init(file: String, entries: [ChartingEntry] = [], tornLine: Int? = nil) {
        self.file = file
        self.entries = entries
        self.tornLine = tornLine
    }

    /// The warning to show for a torn last line, if there is one.
    public var warning: String? {
        tornLine.map {
            "\(file):\($0): warning: the last line is incomplete (cut off while writing); the entries before it are kept"
        }
    }
}

/// Appends entries to one charting log, holding its lock for as long as it lives.
public final class ChartingLogWriter {
    public let path: String
    /// What opening found: a torn last line moved to `<log>.torn` (a warning to show).
    public let openWarning: String?
    private let displayName: String
    private let file: AppendOnlyLog

    /// Opens (creating if needed) the log at `path` and takes its lock.
    ///
    /// - Parameters:
    ///   - holder: who is writing, stored in the lock file and shown to a second writer
    ///     (`anna, pid 4242 on laptop`).
    /// - Throws: ``ChartingError/locked(file:holder:)`` when another process writes the log;
    ///   ``ChartingError/io(file:message:)``.
    public init(path: String, holder: String, displayName: String? = nil) throws(ChartingError) {
        self.path = path
        let name = displayName ?? path
        self.displayName = name
        do {
            file = try AppendOnlyLog(path: path, holder: holder, isComplete: ChartingLog.isComplete)
        } catch {
            throw Self.chartingError(error, name: name)
        }
        openWarning = file.tornLine.map {
            "\(name):\($0.line): warning: the last line was incomplete (cut off while writing); moved to \(name).torn"
        }
    }

    /// Appends `entries` as whole lines in one write, then `fsync`s: when this returns, they
    /// are on disk.
    ///
    /// - Throws: ``ChartingError/io(file:message:)``.
    public func append(_ entries: [ChartingEntry]) throws(ChartingError) {
        do {
            try file.append(entries.map { $0.jsonLine() })
        } catch {
            throw Self.chartingError(error, name: displayName)
        }
    }

    static func chartingError(_ error: AppendLogError, name: String) -> ChartingError {
        switch error {
        case .locked(_, let holder): .locked(file: name, holder: holder)
        case .invalidLine: .io(file: name, message: "an entry cannot hold a line break")
        case .io(let path, let message): .io(file: path.hasSuffix(".jsonl") ? name : path, message: message)
        }
    }
}
