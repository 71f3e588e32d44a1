public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one writer lock of a review: an exclusive `flock` on `.scoping/write.lock`, held by
/// the commands that change the index or `output/` (`run`, `ingest`, `dedup`, `criteria`,
/// `report`) for as long as they run. A second writer gets ``WorkspaceError/busy(_:)`` naming
/// the holder (written into the lock file: process id, command, start time, host); readers
/// take no lock and are never blocked. The kernel releases the lock when the process ends,
/// however it ends (`kill -9` too), so a stale lock file never blocks anybody.
public final class ReviewLock: Sendable {
    private let fd: Int32

    /// The lock file of `folder`.
    public static func url(_ folder: ReviewFolder) -> URL { folder.derived.appending(path: "write.lock") }

    /// Takes the review's writer lock, creating `.scoping/` when needed.
    /// - Parameters:
    ///   - command: what holds it, as another writer is told (`scoping run`).
    ///   - started: when it started (the caller's clock), as another writer is told.
    /// - Throws: ``WorkspaceError/busy(_:)`` when another process holds it;
    ///   ``WorkspaceError/readOnlyIndex(_:)`` when `.scoping/` cannot be written.
    public init(folder: ReviewFolder, command: String, started: String) throws {
        let path = Self.url(folder).path
        do {
            try FileManager.default.createDirectory(at: folder.derived, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.readOnlyIndex(folder.relativePath(folder.derived) + "/")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EACCES || errno == EROFS || errno == EPERM {
                throw WorkspaceError.readOnlyIndex(folder.relativePath(folder.derived) + "/")
            }
            throw WorkspaceError.cannotWrite(folder.relativePath(Self.url(folder)), String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var bytes = [UInt8](repeating: 0, count: 1024)
            let n = pread(fd, &bytes, bytes.count, 0)
            close(fd)
            let text = String(decoding: bytes.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw WorkspaceError.busy(text.isEmpty ? "a process that has not said who it is" : text)
        }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let text = "\(command), process \(getpid()) on host \(hostName), started \(started)\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
