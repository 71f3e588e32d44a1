#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One append-only log file of human work, open for writing: the screening logs
/// (`screening/<reviewer>.jsonl`), the charting logs (`charting/<reviewer>.jsonl`) and the
/// dedup decision log (`dedup/decisions.tsv`) all write through it, so all three keep the
/// same promises.
///
/// - **One writer.** Opening takes an exclusive `flock` on `<log>.lock` for as long as the log
///   is open (released by ``close()``, on deinit, or by the system when the process dies). The
///   lock file names its holder; a second opener gets ``AppendLogError/locked(path:holder:)``
///   naming it, or waits for it when opened with `wait: true` (for short appends).
/// - **Durable appends.** Every ``append(_:)`` is whole lines in one `write`, then `fsync`; when
///   it returns, the lines are on disk. A new log's folder entry is synced too.
/// - **The torn-line policy.** The last line that holds more than blanks is either complete
///   (the caller's `isComplete` accepts it) or torn (a write cut off by a crash or a full disk,
///   with or without a line break after it). A complete one that lacks its line break (a
///   hand-edited file) is ended with one. A torn one is appended, byte for byte, to
///   `<log>.torn`, cut off the log and reported in ``tornLine``, so a new line never merges with
///   it, nothing of it is lost, and it never becomes a bad line in the middle of the log. Readers
///   (``read(path:isComplete:)``) never change the file: they leave a torn last line out and
///   report it. Any other bad line is the format's business (an error or a warning).
public final class AppendOnlyLog {
    /// The log file's path.
    public let path: String
    /// The log's bytes when it was opened (after a torn last line was moved aside).
    public let initialBytes: [UInt8]
    /// The torn last line found on opening, moved to `<log>.torn`; nil when there was none.
    public let tornLine: TornLine?

    private var fd: Int32
    private var lockFD: Int32

    /// A torn last line: where it was and where it went.
    public struct TornLine: Hashable, Sendable {
        /// Its 1-based line number in the log.
        public var line: Int
        /// The file it was moved to (`<log>.torn`).
        public var savedTo: String

        public init(line: Int, savedTo: String) {
            self.line = line
            self.savedTo = savedTo
        }
    }

    /// The lock file that belongs to a log: `charting/anna.jsonl` → `charting/anna.jsonl.lock`.
    public static func lockPath(forLog path: String) -> String { path + ".lock" }

    /// Opens (creating if needed) the log at `path` and locks it.
    ///
    /// - Parameters:
    ///   - holder: who is writing, written into the lock file and shown to a second writer.
    ///   - wait: wait for the lock instead of failing when another writer holds it.
    ///   - header: the first line of a new (empty) log, if the format has one.
    ///   - isComplete: whether a last line without its line break is a complete line.
    /// - Throws: ``AppendLogError``.
    public init(
        path: String, holder: String, wait: Bool = false, header: String? = nil,
        isComplete: (ArraySlice<UInt8>) -> Bool
    ) throws(AppendLogError) {
        self.path = path
        let folder = Self.folder(of: path)
        try Self.makeFolder(folder)
        // The lock first: nothing is read or repaired without it.
        let lockPath = Self.lockPath(forLog: path)
        let lockFD = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw .io(path: lockPath, message: "cannot open the lock file: \(Self.errnoText())") }
        if flock(lockFD, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let text =
                String(decoding: Self.readAll(fd: lockFD), as: UTF8.self)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            _ = Glibc_close(lockFD)
            throw .locked(path: path, holder: text.isEmpty ? "another process" : text)
        }
        _ = ftruncate(lockFD, 0)
        _ = Self.writeAll(fd: lockFD, Array((holder + "\n").utf8), offset: 0)
        _ = fsync(lockFD)

        let existed = access(path, F_OK) == 0
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let message = Self.errnoText()
            _ = Glibc_close(lockFD)
            throw .io(path: path, message: "cannot open the log: \(message)")
        }
        if !existed { Self.syncFolder(folder) }
        do throws(AppendLogError) {
            var bytes = Self.readAll(fd: fd)
            var torn: TornLine?
            if let last = Self.lastLine(bytes) {
                let tail = bytes[last.start..<last.end]
                if isComplete(tail) {
                    if !last.terminated {
                        try Self.append(fd: fd, [0x0A], path: path, what: "cannot end the last line")
                        bytes.append(0x0A)
                    }
                } else {
                    let start = last.start
                    let tornPath = path + ".torn"
                    let tornFD = open(tornPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
                    guard tornFD >= 0 else {
                        throw .io(path: tornPath, message: "cannot save the torn last line: \(Self.errnoText())")
                    }
                    defer { _ = Glibc_close(tornFD) }
                    let saved = Array(bytes[start...]) + (bytes.last == 0x0A ? [] : [0x0A])
                    try Self.append(fd: tornFD, saved, path: tornPath, what: "cannot save the torn last line")
                    guard ftruncate(fd, off_t(start)) == 0, fsync(fd) == 0 else {
                        throw .io(path: path, message: "cannot cut off the torn last line: \(Self.errnoText())")
                    }
                    torn = TornLine(line: Self.lineNumber(of: start, in: bytes), savedTo: tornPath)
                    bytes.removeSubrange(start...)
                }
            }
            if bytes.isEmpty, let header {
                let line = Array((header + "\n").utf8)
                try Self.append(fd: fd, line, path: path, what: "cannot write")
                bytes = line
            }
            self.initialBytes = bytes
            self.tornLine = torn
        } catch {
            _ = Glibc_close(fd)
            _ = Glibc_close(lockFD)
            throw error
        }
        self.fd = fd
        self.lockFD = lockFD
    }

    deinit { close() }

    /// Releases the lock and closes the file. Appending after this fails.
    public func close() {
        if fd >= 0 { _ = Glibc_close(fd) }
        if lockFD >= 0 {
            _ = flock(lockFD, LOCK_UN)
            _ = Glibc_close(lockFD)
        }
        fd = -1
        lockFD = -1
    }

    /// Appends `lines` (each without its line break) in one `write` and returns once they are
    /// on disk (`fsync`).
    ///
    /// - Throws: ``AppendLogError/invalidLine(path:)`` when a line holds a line break (it
    ///   would become two lines), ``AppendLogError/io(path:message:)``.
    public func append(_ lines: [String]) throws(AppendLogError) {
        guard !lines.isEmpty else { return }
        var bytes: [UInt8] = []
        for line in lines {
            guard !line.utf8.contains(0x0A) else { throw .invalidLine(path: path) }
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
        }
        guard fd >= 0 else { throw .io(path: path, message: "the log is closed") }
        try Self.append(fd: fd, bytes, path: path, what: "cannot write")
    }

    /// What a reader finds in a log without opening it for writing (no lock, no repair).
    public struct Contents: Sendable {
        /// The complete lines' bytes (a torn last line left out).
        public var bytes: [UInt8]
        /// The 1-based line number of a torn last line, left out; nil when there is none.
        public var tornLine: Int?
    }

    /// Reads the log at `path`; a missing file reads as empty.
    ///
    /// - Parameter isComplete: whether a last line without its line break is complete (kept).
    /// - Throws: ``AppendLogError/io(path:message:)`` when the file exists but cannot be read.
    public static func read(path: String, isComplete: (ArraySlice<UInt8>) -> Bool) throws(AppendLogError) -> Contents {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return Contents(bytes: [], tornLine: nil) }
            throw .io(path: path, message: "cannot read the log: \(errnoText())")
        }
        defer { _ = Glibc_close(fd) }
        var bytes = readAll(fd: fd)
        guard let last = lastLine(bytes), !isComplete(bytes[last.start..<last.end]) else {
            return Contents(bytes: bytes, tornLine: nil)
        }
        let line = lineNumber(of: last.start, in: bytes)
        bytes.removeSubrange(last.start...)
        return Contents(bytes: bytes, tornLine: line)
    }

    // MARK: Helpers

    /// The last line that holds more than blanks (without its line break), and whether a line
    /// break ends it; nil for a log of blanks.
    static func lastLine(_ bytes: [UInt8]) -> (start: Int, end: Int, terminated: Bool)? {
        guard let lastContent = bytes.lastIndex(where: { !isBlank($0) && $0 != 0x0A }) else { return nil }
        let start = bytes[..<lastContent].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let newline = bytes[lastContent...].firstIndex(of: 0x0A)
        return (start, newline ?? bytes.count, newline != nil)
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x00 }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func makeFolder(_ folder: String) throws(AppendLogError) {
        var info = stat()
        if stat(folder, &info) == 0 { return }
        let parent = Self.folder(of: folder)
        if parent != folder { try makeFolder(parent) }
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            throw .io(path: folder, message: "cannot create the folder: \(errnoText())")
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    static func readAll(fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
            offset += off_t(n)
        }
        return out
    }

    static func writeAll(fd: Int32, _ bytes: [UInt8], offset: off_t?) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let start = raw.baseAddress else { return 0 }
                let base = start + done
                if let offset { return pwrite(fd, base, bytes.count - done, offset + off_t(done)) }
                return write(fd, base, bytes.count - done)
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Writes all of `bytes` at the end and syncs them.
    static func append(fd: Int32, _ bytes: [UInt8], path: String, what: String) throws(AppendLogError) {
        guard writeAll(fd: fd, bytes, offset: nil) else { throw .io(path: path, message: "\(what): \(errnoText())") }
        guard fsync(fd) == 0 else { throw .io(path: path, message: "cannot sync to disk: \(errnoText())") }
    }

    static func syncFolder(_ folder: String) {
        let dfd = open(folder, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            _ = Glibc_close(dfd)
        }
    }
}

/// Why a log could not be opened, read or written.
public enum AppendLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another writer holds the log's lock; `holder` is what its lock file says.
    case locked(path: String, holder: String)
    /// A line to append holds a line break.
    case invalidLine(path: String)
    /// The file system refused (permissions, a full disk …).
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .locked(let path, let holder):
            "\(path) is being written by \(holder); wait for it to finish, or close that session"
        case .invalidLine(let path): "\(path): a line to append holds a line break"
        case .io(let path, let message): "\(path): \(message)"
        }
    }
}

@inline(__always) private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
