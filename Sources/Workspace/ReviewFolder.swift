public import Foundation

/// A review folder: the protocol, the search exports, the human logs, the generated output, and
/// the derived index.
///
/// ```
/// protocol/protocol.yaml      input   question, sources, criteria, codebook, matrix
/// corpus/                     input   search exports
/// screening/<reviewer>.jsonl  input   decision logs (human work)
/// charting/<reviewer>.jsonl   input   charting logs (human work)
/// output/                     output  report, matrix, gap map, flow diagram
/// .scoping/index.sqlite       derived safe to delete
/// ```
public struct ReviewFolder: Sendable, Equatable {
    /// The folder's absolute path.
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var protocolFile: URL { root.appending(path: "protocol/protocol.yaml") }
    public var corpus: URL { root.appending(path: "corpus", directoryHint: .isDirectory) }
    public var screening: URL { root.appending(path: "screening", directoryHint: .isDirectory) }
    public var charting: URL { root.appending(path: "charting", directoryHint: .isDirectory) }
    public var output: URL { root.appending(path: "output", directoryHint: .isDirectory) }
    public var derived: URL { root.appending(path: ".scoping", directoryHint: .isDirectory) }
    public var indexFile: URL { derived.appending(path: "index.sqlite") }

    /// Finds the review folder containing `directory`: the nearest folder, from `directory`
    /// upwards, that has `protocol/protocol.yaml` or a `corpus/` folder.
    /// - Throws: ``WorkspaceError/notAReview(_:)`` when there is none.
    public static func find(from directory: URL) throws -> ReviewFolder {
        let fm = FileManager.default
        var dir = directory.standardizedFileURL
        while true {
            if fm.fileExists(atPath: dir.appending(path: "protocol/protocol.yaml").path)
                || fm.fileExists(atPath: dir.appending(path: "corpus").path)
            {
                return ReviewFolder(root: dir)
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        throw WorkspaceError.notAReview(directory.path)
    }

    /// Opens the index, creating `.scoping/` when needed. An index the user may read but not
    /// write (a read-only review, another user's folder) opens for reading: commands that only
    /// read work, writes throw ``WorkspaceError/readOnlyIndex(_:)``; without an index and with
    /// `.scoping/` not creatable, an empty in-memory index stands for it.
    public func openIndex() throws -> ReviewIndex {
        let fm = FileManager.default
        let shown = relativePath(indexFile)
        if fm.fileExists(atPath: indexFile.path) {
            // SQLite in WAL mode writes beside the file (-wal, -shm) even to read.
            if !fm.isWritableFile(atPath: indexFile.path) || !fm.isWritableFile(atPath: derived.path) {
                do {
                    return try ReviewIndex(readOnlyPath: indexFile.path)
                } catch let error as WorkspaceError {
                    if case .index(_, let detail) = error { throw WorkspaceError.index(shown, detail) }
                    throw error == .readOnlyIndex(indexFile.path) ? WorkspaceError.readOnlyIndex(shown) : error
                }
            }
        } else {
            do {
                try fm.createDirectory(at: derived, withIntermediateDirectories: true)
            } catch {
                guard fm.isWritableFile(atPath: root.path) == false || fm.fileExists(atPath: derived.path) else {
                    throw WorkspaceError.writing(relativePath(derived), error)
                }
                return try ReviewIndex()
            }
            if !fm.isWritableFile(atPath: derived.path) { return try ReviewIndex() }
        }
        do {
            return try ReviewIndex(path: indexFile.path)
        } catch WorkspaceError.readOnlyIndex {
            throw WorkspaceError.readOnlyIndex(shown)
        }
    }

    /// The export files in `corpus/`, in name order: every regular file except READMEs and
    /// hidden files, in subfolders too.
    public func corpusFiles() throws -> [URL] {
        let fm = FileManager.default
        guard
            let walker = fm.enumerator(
                at: corpus, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let name = url.lastPathComponent.lowercased()
            if name.hasPrefix("readme") || name.hasSuffix(".md") { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `url` relative to the review folder when it is inside it, else its absolute path.
    public func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
