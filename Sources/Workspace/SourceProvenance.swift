public import Protocol

/// Database name and the date of the search that gave each corpus file, from the protocol's `sources:`.
public struct SourceProvenance: Sendable {
    private var sources: [SearchSource] = []

    /// Reads the sources from the folder's protocol; without a (valid) protocol, none.
    public init(folder: ReviewFolder) {
        if folder.hasProtocol, let loaded = try? folder.loadProtocol() {
            sources = loaded.reviewProtocol.sources
        }
    }

    public init(sources: [SearchSource]) {
        self.sources = sources
    }

    /// True when the protocol names `file` (relative path) in a source.
    public func hasSource(for file: String) -> Bool {
        SearchSource.source(forFile: file, in: sources) != nil
    }

    /// The provenance the protocol gives for a corpus file (relative path), or an empty one.
    public func provenance(for file: String) -> Provenance {
        guard let source = SearchSource.source(forFile: file, in: sources) else { return Provenance() }
        return Provenance(database: source.name, searchedOn: source.search(forFile: file)?.search.date)
    }

    /// The protocol's provenance for `file`, overridden by what a person `given` on the command line.
    public func provenance(for file: String, given: Provenance) -> Provenance {
        var provenance = provenance(for: file)
        if let database = given.database { provenance.database = database }
        if let searched = given.searchedOn { provenance.searchedOn = searched }
        return provenance
    }
}
