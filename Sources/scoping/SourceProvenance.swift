import Protocol
import Workspace

/// Database name and search date per corpus file, from the protocol's `sources:`.
struct SourceProvenance {
    private var sources: [SearchSource] = []

    /// Reads the sources from the folder's protocol; without a (valid) protocol, none.
    init(folder: ReviewFolder) {
        if folder.hasProtocol, let loaded = try? folder.loadProtocol() {
            sources = loaded.reviewProtocol.sources
        }
    }

    init(sources: [SearchSource]) {
        self.sources = sources
    }

    /// The provenance the protocol gives for a corpus file (relative path), or an empty one.
    func provenance(for file: String) -> Provenance {
        guard let source = SearchSource.source(forFile: file, in: sources) else { return Provenance() }
        return Provenance(database: source.name, searchedOn: source.dateSearched)
    }
}
