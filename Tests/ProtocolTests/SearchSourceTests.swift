import Foundation
import Protocol
import Testing

/// `sources:` with kinds and searches over time, `previous_version:`, and the old form (one
/// search: `files`, `searched`, `query` at the source) still read.
@Suite struct SearchSourceTests {
    /// The minimal fixture with its `sources:` block replaced by `sources` (and `extra` appended).
    static func protocolText(sources: String, extra: String = "") throws -> String {
        let yaml = try Support.fixture("minimal.yaml")
        let start = try #require(yaml.range(of: "sources:\n"))
        let end = try #require(yaml.range(of: "screening:\n"))
        return String(yaml[..<start.lowerBound]) + sources + String(yaml[end.lowerBound...]) + extra
    }

    static func rendered(_ yaml: String) -> String {
        ReviewProtocol.load(yaml: yaml, file: "protocol/protocol.yaml").diagnostics.rendered
    }

    @Test func anOldProtocolReadsAsOneSearchOfADatabase() throws {
        let p = try ReviewProtocol(yaml: try Support.fixture("minimal.yaml"))
        let source = try #require(p.sources.first)
        #expect(source.kind == .database)
        #expect(
            source.searches == [
                SourceSearch(date: "2026-01-31", query: "primary care[tiab]", files: ["corpus/pubmed.xml"])
            ])
        #expect(source.files == ["corpus/pubmed.xml"])
        #expect(source.dateSearched == "2026-01-31")
        #expect(source.updates.isEmpty)
        #expect(p.previousVersion == nil)
        #expect(p.version == 1)
    }

    @Test func searchesOverTimeAndOtherKinds() throws {
        let yaml = try Self.protocolText(
            sources: """
                sources:
                  - id: pubmed
                    name: PubMed
                    interface: PubMed
                    query: primary care[tiab]
                    searches:
                      - searched: 2026-01-31
                        files: [corpus/pubmed.xml]
                      - searched: 2026-06-30
                        covers_from: 2026-01-01
                        files: [corpus/pubmed-update.xml]
                      - searched: 2026-09-30
                        query: (primary care[tiab]) AND 2026[dp]
                        files: [corpus/pubmed-update-2.xml]
                  - id: ctgov
                    name: ClinicalTrials.gov
                    kind: register
                    interface: ClinicalTrials.gov
                    files: [corpus/ctgov.csv]
                    searched: 2026-02-01
                    query: primary care
                  - id: refs
                    name: Reference lists
                    kind: citation searching
                    files: [corpus/refs.txt]
                    searched: 2026-03-01
                  - id: nivel
                    name: Nivel
                    kind: organizations
                    files: [corpus/nivel.ris]
                    searched: 2026-03-02

                """, extra: "previous_version:\n  date: 2025-12-31\n  citation: https://doi.org/10.5555/demo\n")
        let result = ReviewProtocol.load(yaml: yaml)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        let p = try #require(result.reviewProtocol)
        #expect(p.sources.map(\.kind) == [.database, .register, .citationSearching, .organisations])
        #expect(p.sources.map { $0.kind.isOtherMethod } == [false, false, true, true])
        let pubmed = p.sources[0]
        #expect(pubmed.searches.map(\.date) == ["2026-01-31", "2026-06-30", "2026-09-30"])
        #expect(
            pubmed.searches.map(\.query) == [
                "primary care[tiab]", "primary care[tiab]", "(primary care[tiab]) AND 2026[dp]",
            ])
        #expect(pubmed.searches[1].coversFrom == "2026-01-01")
        #expect(pubmed.files == ["corpus/pubmed.xml", "corpus/pubmed-update.xml", "corpus/pubmed-update-2.xml"])
        #expect(pubmed.search(forFile: "corpus/pubmed-update.xml")?.round == 1)
        #expect(pubmed.search(forFile: "corpus/pubmed-update.xml")?.search.date == "2026-06-30")
        #expect(pubmed.search(forFile: "corpus/other.xml") == nil)
        #expect(p.sources[2].interface == "")
        #expect(p.sources[2].query == "")
        #expect(p.previousVersion == PreviousVersion(date: "2025-12-31", citation: "https://doi.org/10.5555/demo"))
        #expect(SearchSource.source(forFile: "corpus/pubmed-update-2.xml", in: p.sources)?.id == "pubmed")
    }

    @Test func kindSpellings() {
        #expect(SourceKind(spelling: "citation-searching") == .citationSearching)
        #expect(SourceKind(spelling: "Citation Searching") == .citationSearching)
        #expect(SourceKind(spelling: "organizations") == .organisations)
        #expect(SourceKind(spelling: "registry") == .register)
        #expect(SourceKind(spelling: "register") == .register)
        #expect(SourceKind(spelling: "library") == nil)
    }

    @Test func problemsWithSearchesAreReportedWhole() throws {
        let yaml = try Self.protocolText(
            sources: """
                sources:
                  - id: pubmed
                    name: PubMed
                    kind: bibliography
                    interface: PubMed
                    files: [corpus/a.xml]
                    searches:
                      - searched: 2026-06-30
                        query: a
                        files: [corpus/b.xml]
                      - searched: 2026-01-31
                        files: [corpus/c.xml]
                  - id: embase
                    name: Embase
                    interface: Embase.com
                    searches:
                      - searched: 2026-13-01
                        files: [corpus/d.ris]

                """, extra: "previous_version: soon\n")
        #expect(
            Self.rendered(yaml) == """
                protocol/protocol.yaml:14:11: error: unknown source kind 'bibliography'; use one of database, register, citation_searching, websites, organisations, experts
                protocol/protocol.yaml:16:5: error: 'files' is given beside 'searches' in a source; move it into one of the searches
                protocol/protocol.yaml:21:19: error: the search of 2026-01-31 is listed after the search of 2026-06-30; list a source's searches oldest first: the first is the original search
                protocol/protocol.yaml:27:9: error: missing required key 'query' in a search of 'embase'
                protocol/protocol.yaml:27:19: error: the search date '2026-13-01' is not a date; write it as YYYY-MM-DD
                protocol/protocol.yaml:61:19: error: the previous version's date 'soon' is not a date; write it as YYYY-MM-DD
                """)
    }

    /// The earlier version's included studies as a file or a git revision: read, and checked.
    @Test func previousVersionListsItsIncludedStudies() throws {
        let sources =
            "sources:\n  - id: pubmed\n    name: PubMed\n    interface: PubMed\n"
            + "    files: [corpus/pubmed.xml]\n    searched: 2026-01-31\n    query: primary care[tiab]\n"
        let file = try Self.protocolText(
            sources: sources, extra: "previous_version:\n  date: 2025-12-31\n  included: protocol/previous.ris\n")
        let p = try #require(ReviewProtocol.load(yaml: file).reviewProtocol)
        #expect(p.previousVersion == PreviousVersion(date: "2025-12-31", includedFile: "protocol/previous.ris"))
        #expect(p.previousVersion?.includedList == .file("protocol/previous.ris"))
        let revision = try Self.protocolText(
            sources: sources, extra: "previous_version:\n  date: 2025-12-31\n  revision: v1.0\n")
        #expect(ReviewProtocol.load(yaml: revision).reviewProtocol?.previousVersion?.includedList == .revision("v1.0"))
        // The date alone, as before: no list.
        let date = try Self.protocolText(sources: sources, extra: "previous_version: 2025-12-31\n")
        #expect(ReviewProtocol.load(yaml: date).reviewProtocol?.previousVersion?.includedList == nil)

        let bad = try Self.protocolText(
            sources: sources,
            extra: "previous_version:\n  date: 2025-12-31\n  included: ../elsewhere.ris\n  revision: v1 -p\n")
        #expect(
            Self.rendered(bad) == """
                protocol/protocol.yaml:52:13: error: the file '../elsewhere.ris' is outside the review folder; give a path relative to the review folder, such as protocol/previous-included.ris
                protocol/protocol.yaml:53:13: error: 'v1 -p' is not a git revision; give a tag or a commit of this review, such as v1.0
                """)
        let both = try Self.protocolText(
            sources: sources,
            extra: "previous_version:\n  date: 2025-12-31\n  included: protocol/previous.ris\n  revision: v1.0\n")
        #expect(
            Self.rendered(both) == """
                protocol/protocol.yaml:53:13: error: the previous version's included studies are given twice (included and revision); keep one: a file of the studies, or the git revision whose output/included.ris lists them
                """)
    }
}
