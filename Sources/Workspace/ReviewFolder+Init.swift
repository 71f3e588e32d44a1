public import Foundation

extension ReviewFolder {
    /// Makes a new review folder at `root`: `protocol/protocol.yaml` from the template,
    /// `corpus/`, `screening/`, `charting/`, `output/` and a `.gitignore` for derived data.
    ///
    /// Existing files are never overwritten.
    /// - Returns: the paths created, relative to the folder.
    /// - Throws: ``WorkspaceError/alreadyAReview(_:)`` when the folder has a protocol already.
    @discardableResult
    public static func create(at root: URL, protocolTemplate: String) throws -> [String] {
        let folder = ReviewFolder(root: root)
        let fm = FileManager.default
        if fm.fileExists(atPath: folder.protocolFile.path) { throw WorkspaceError.alreadyAReview(root.path) }
        var created: [String] = []
        for dir in [
            folder.root, folder.protocolFile.deletingLastPathComponent(), folder.corpus, folder.screening,
            folder.charting, folder.output,
        ] {
            if !fm.fileExists(atPath: dir.path) {
                try fm.createDirectory(at: dir, withIntermediateDirectories: true)
                if dir != folder.root { created.append(folder.relativePath(dir) + "/") }
            }
        }
        let files: [(URL, String)] = [
            (folder.protocolFile, protocolTemplate),
            (
                folder.root.appending(path: ".gitignore"),
                "# Derived data: rebuilt by `scoping` from the files beside it.\n.scoping/\n"
            ),
            (
                folder.corpus.appending(path: "README.md"),
                """
                # Search exports

                Put each database's export here as the database wrote it (PubMed XML, EndNote XML,
                RIS, MEDLINE .nbib, CSV; `.gz` is fine), and name it under `sources:` in
                `protocol/protocol.yaml` with the database and the date of the search.
                `scoping ingest` reads them all.

                """
            ),
        ]
        for (url, text) in files where !fm.fileExists(atPath: url.path) {
            try Data(text.utf8).write(to: url)
            created.append(folder.relativePath(url))
        }
        return created
    }
}
