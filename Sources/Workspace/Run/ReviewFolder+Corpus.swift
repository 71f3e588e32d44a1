public import Foundation

extension ReviewFolder {
    /// Removes the imports of exports that were in `corpus/` and are gone from it: their
    /// records leave the index (and so the next dedup, criteria and report), as the folder now
    /// says. Files imported from elsewhere (`scoping ingest ~/Downloads/x.ris`) are left alone.
    /// - Returns: the imports removed.
    @discardableResult
    public func dropVanishedExports(index: ReviewIndex) throws -> [ImportInfo] {
        var removed: [ImportInfo] = []
        for imported in try index.imports() where isInCorpus(imported.path) {
            guard !FileManager.default.fileExists(atPath: fileURL(forImport: imported.path).path) else { continue }
            try index.removeImport(name: imported.path)
            removed.append(imported)
        }
        return removed
    }

    /// Copies `file` (outside `corpus/`) into `corpus/` under its own name, so that it stays
    /// with the review (a rebuild, a clone, a deleted `.scoping/` all read it again). A file of
    /// that name with the same bytes is already the copy.
    /// - Returns: the copy.
    /// - Throws: ``WorkspaceError/copyConflict(source:destination:)`` when `corpus/` has another
    ///   file of that name; ``WorkspaceError/cannotWrite(_:_:)`` when the copy cannot be made.
    public func copyIntoCorpus(_ file: URL) throws -> URL {
        let destination = corpus.appending(path: file.lastPathComponent)
        let fm = FileManager.default
        let shown = relativePath(destination)
        if fm.fileExists(atPath: destination.path) {
            if try FileDigest.sha256(path: destination.path) == FileDigest.sha256(path: file.path) {
                return destination
            }
            throw WorkspaceError.copyConflict(source: file.path, destination: shown)
        }
        do {
            try fm.createDirectory(at: corpus, withIntermediateDirectories: true)
            let partial = corpus.appending(path: ".\(file.lastPathComponent).partial")
            try? fm.removeItem(at: partial)
            try fm.copyItem(at: file, to: partial)
            try fm.moveItem(at: partial, to: destination)
        } catch {
            throw WorkspaceError.writing(shown, error)
        }
        return destination
    }
}
