import Workspace

/// Database name and search date per corpus file, from the protocol's `sources:`.
struct SourceProvenance {
    private var byFile: [String: Provenance] = [:]

    init(folder: ReviewFolder) {
    }

    /// The provenance the protocol gives for a corpus file (relative path), or an empty one.
    func provenance(for file: String) -> Provenance {
        byFile[file] ?? Provenance()
    }
}
