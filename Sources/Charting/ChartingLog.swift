import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A reviewer's charting log, `charting/<reviewer>.jsonl`: append-only JSON lines.
///
/// Durability as for screening logs: every append is one `write` of whole lines followed by
/// `fsync`; a writer holds an exclusive `flock` on `charting/<reviewer>.jsonl.lock` (which names the
/// holder), so two sessions never write one log; a torn last line is reported, never dropped.
public enum ChartingLog {
    /// Parses a log's text.
    ///
    /// - Parameter file: the name used in errors (`charting/anna.jsonl`).
    /// - Throws: ``ChartingError/tornLine(file:line:)`` when the text does not end in a line
    ///   break, ``ChartingError/malformedLine(file:line:message:)`` for a line that does not decode.
    /// - Complexity: O(n) in the text.
    public static func parse(_ text: String, file: String) throws(ChartingError) -> [ChartingEntry] {
        var entries: [ChartingEntry] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let isLast = index == lines.count - 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if isLast { throw .tornLine(file: file, line: index + 1) }
            do {
                entries.append(try ChartingEntry(jsonLine: line))
            } catch {
                throw .malformedLine(file: file, line: index + 1, message: describe(error))
            }
        }
        return entries
    }

    /// Reads and parses the log at `path`; a missing file is an empty log.
    ///
    /// - Throws: ``ChartingError``.
    public static func read(path: String, displayName: String? = nil) throws(ChartingError) -> [ChartingEntry] {
        let name = displayName ?? path
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(file: name, message: "cannot read the file") }
        return try parse(String(decoding: data, as: UTF8.self), file: name)
    }

    /// The lock file that belongs to a log: `charting/anna.jsonl` → `charting/anna.jsonl.lock`.
    public static func lockPath(forLog path: String) -> String {
        path + ".lock"
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "the key '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "bad value at '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: String(describing: error)
        }
    }
}

/// Appends entries to one charting log, holding its lock for as long as it lives.
public final class ChartingLogWriter {
    public let path: String
    private let displayName: String
    private var logFD: Int32
    private var lockFD: Int32

    /// Opens (creating if needed) the log at `path` and takes its lock.
    ///
    /// - Parameters:
    ///   - holder: who is writing, stored in the lock file and shown to a second writer
    ///     (`anna, pid 4242 on laptop`).
    /// - Throws: ``ChartingError/locked(file:holder:)`` when another process writes the log;
    ///   ``ChartingError/tornLine(file:line:)`` when its last line is incomplete (nothing is
    ///   appended to a damaged log); ``ChartingError/io(file:message:)``.
    public init(path: String, holder: String, displayName: String? = nil) throws(ChartingError) {
        self.path = path
        let name = displayName ?? path
        self.displayName = name
        let lockPath = ChartingLog.lockPath(forLog: path)
        let lfd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lfd >= 0 else { throw .io(file: name, message: "cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))") }
        if flock(lfd, LOCK_EX | LOCK_NB) != 0 {
            let current = (FileManager.default.contents(atPath: lockPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(lfd)
            throw .locked(file: name, holder: current.trimmingSpacesAndNewlines().isEmpty ? "another process" : current.trimmingSpacesAndNewlines())
        }
        _ = ftruncate(lfd, 0)
        let note = Array((holder + "\n").utf8)
        _ = note.withUnsafeBytes { pwrite(lfd, $0.baseAddress, $0.count, 0) }
        lockFD = lfd

        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            close(lfd)
            throw .io(file: name, message: "cannot open the log: \(String(cString: strerror(errno)))")
        }
        logFD = fd
        // Refuse to append after a torn line.
        if let data = FileManager.default.contents(atPath: path), let last = data.last, last != UInt8(ascii: "\n") {
            let lines = data.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            close(fd)
            close(lfd)
            throw .tornLine(file: name, line: lines)
        }
        if !existed { ChartingLogWriter.syncDirectory(of: path) }
    }

    deinit {
        close(logFD)
        _ = flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    /// Appends `entries` as whole lines in one write, then `fsync`s: when this returns, they
    /// are on disk.
    ///
    /// - Throws: ``ChartingError/io(file:message:)``.
    public func append(_ entries: [ChartingEntry]) throws(ChartingError) {
        guard !entries.isEmpty else { return }
        var bytes: [UInt8] = []
        for entry in entries {
            bytes.append(contentsOf: entry.jsonLine().utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(logFD, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(file: displayName, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(logFD) == 0 else { throw .io(file: displayName, message: "cannot sync to disk: \(String(cString: strerror(errno)))") }
    }

    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }
}
