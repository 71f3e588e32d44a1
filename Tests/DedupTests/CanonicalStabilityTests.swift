import Bibliography
import Dedup
import Testing

/// The canonical record depends on the members, never on the previous run.
@Suite struct CanonicalStabilityTests {
    @Test func previousKeysNameTheClusterButDoNotChangeItsRecord() throws {
        var pubmed = article(
            "Cost-effectiveness of stepped self-management support in primary care.", pmid: "990021341")
        pubmed.abstract = Abstract("A short abstract.")
        var embase = article(
            "Cost-effectiveness of stepped self-management support in primary care", doi: "10.5555/demo.1")
        embase.abstract = Abstract("A longer abstract, with more of the findings in it.")
        let inputs = [
            DedupInput(id: "doi:10.5555/demo.1", record: embase, database: "Embase"),
            DedupInput(id: "pmid:990021341", record: pubmed, database: "PubMed"),
        ]
        let first = try #require(Deduplicator().run(inputs).clusters.first)
        #expect(first.members.count == 2)
        for previous in [[first.canonicalKey], ["doi:10.5555/demo.1"], ["pmid:990021341"]] {
            let again = try #require(Deduplicator().run(inputs, previousCanonicalKeys: Set(previous)).clusters.first)
            #expect(again.canonical == first.canonical)
            #expect(again.canonicalKey == previous[0])
        }
    }
}
