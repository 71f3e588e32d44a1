public import Foundation

/// One file as a run saw it: enough to tell, without reading it, that it did not change.
public struct FileStamp: Codable, Equatable, Sendable {
    /// Relative to the review folder.
    public var path: String
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var mtime: Int64
    public var inode: UInt64
    public var sha256: String

    /// Size, modification time (ns) and inode of the file at `url`; nil when there is no regular file.
    public static func stat(_ url: URL) -> (size: Int64, mtime: Int64, inode: UInt64)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let mtime =
            (attributes[.modificationDate] as? Date).map { Int64(($0.timeIntervalSince1970 * 1e9).rounded()) } ?? -1
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return (size, mtime, inode)
    }

    /// This stamp (refreshed when only the file's time or inode changed) when the file still
    /// has the same bytes; nil when it changed or is gone. Reads the file only when its size,
    /// time or inode differ.
    public func unchanged(_ folder: ReviewFolder) -> FileStamp? {
        let url = folder.root.appending(path: path)
        guard let now = Self.stat(url), now.size == size else { return nil }
        if now.mtime == mtime && now.inode == inode { return self }
        guard (try? FileDigest.sha256(path: url.path)) == sha256 else { return nil }
        var refreshed = self
        (refreshed.mtime, refreshed.inode) = (now.mtime, now.inode)
        return refreshed
    }
}

extension FileStamp {
    /// The file's stamp now, with `sha256` as its content's hash; nil when it is not there.
    public init?(folder: ReviewFolder, path: String, sha256: String) {
        guard let stat = Self.stat(folder.root.appending(path: path)) else { return nil }
        self.init(path: path, size: stat.size, mtime: stat.mtime, inode: stat.inode, sha256: sha256)
    }
}

/// The input files of a run, stat'ed before any stage reads them.
public struct InputScan: Sendable {
    public let folder: ReviewFolder
    public let previous: RunStamp?
    /// Path → (size, mtime, inode) at the start of the run.
    let stats: [(path: String, stat: (size: Int64, mtime: Int64, inode: UInt64)?)]
    public let fulltext: [String]

    public init(folder: ReviewFolder, previous: RunStamp?) {
        self.folder = folder
        self.previous = previous
        stats = Self.inputPaths(folder).map { ($0, FileStamp.stat(folder.root.appending(path: $0))) }
        fulltext = Self.fulltextNames(folder)
    }

    /// Every file a run reads, relative to the folder, in a fixed order: the protocol, the
    /// exports, the decision and charting logs, the dedup decision log, and the file that lists
    /// the previous version's included studies (`previous_version.included`), if any.
    public static func inputPaths(_ folder: ReviewFolder) -> [String] {
        var paths = [ReviewFolder.protocolPath]
        paths += ((try? folder.corpusFiles()) ?? []).map { folder.relativePath($0) }
        for (dir, name) in [(folder.screening, "screening"), (folder.charting, "charting")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            paths += names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted().map { name + "/" + $0 }
        }
        if FileManager.default.fileExists(atPath: folder.root.appending(path: DedupDecisionLog.relativePath).path) {
            paths.append(DedupDecisionLog.relativePath)
        }
        if let file = (try? folder.loadProtocol())?.reviewProtocol.previousVersion?.includedFile,
            !paths.contains(file), FileManager.default.fileExists(atPath: folder.root.appending(path: file).path)
        {
            paths.append(file)
        }
        return paths
    }

    /// The names in `fulltext/` (a full text appearing changes what a reviewer can do next).
    public static func fulltextNames(_ folder: ReviewFolder) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.root.appending(path: "fulltext").path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The exports (path → SHA-256) whose size, time and inode are those the last run saw and
    /// whose import of that SHA-256 is still in the index: ingest would find them unchanged.
    public func unchangedExports(index: ReviewIndex) throws -> [String: String] {
        guard let previous else { return [:] }
        let old = Dictionary(previous.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let imported = Dictionary(try index.imports().map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var out: [String: String] = [:]
        for (path, stat) in stats where path.hasPrefix("corpus/") {
            guard let stat, let o = old[path], o.size == stat.size, o.mtime == stat.mtime, o.inode == stat.inode,
                imported[path] == o.sha256
            else { continue }
            out[path] = o.sha256
        }
        return out
    }

    /// The stamps of the inputs as they were at the start of the run. An export's hash is the
    /// one its import computed; another file's is the last run's when its stat is the same,
    /// else computed now. A file that vanished or changed during the run gets no stamp that
    /// could match, so the next run redoes it.
    public func stamps(corpusHashes: [String: String]) -> [FileStamp] {
        let old = Dictionary((previous?.inputs ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        return stats.map { path, stat in
            guard let stat else { return FileStamp(path: path, size: -1, mtime: -1, inode: 0, sha256: "missing") }
            var stamp = FileStamp(path: path, size: stat.size, mtime: stat.mtime, inode: stat.inode, sha256: "")
            if let hash = corpusHashes[path] {
                stamp.sha256 = hash
            } else if let o = old[path], o.size == stat.size, o.mtime == stat.mtime, o.inode == stat.inode {
                stamp.sha256 = o.sha256
            } else {
                stamp.sha256 = (try? FileDigest.sha256(path: folder.root.appending(path: path).path)) ?? "unreadable"
            }
            return stamp
        }
    }
}
