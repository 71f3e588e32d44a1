import Bibliography
import Foundation
import Protocol
import Testing

/// The review's own protocol file, `protocol/protocol.yaml`.
@Suite struct RealProtocolTests {
    static func load() throws -> ProtocolLoadResult {
        let url = Support.packageRoot.appendingPathComponent("protocol/protocol.yaml")
        return ReviewProtocol.load(yaml: try String(contentsOf: url, encoding: .utf8))
    }

    @Test func loadsWithoutDiagnostics() throws {
        let result = try Self.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        let p = try #require(result.reviewProtocol)
        #expect(p.criteria.map(\.id) == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"])
        #expect(p.autoCriteria.map(\.id) == ["E1", "E2", "E3"])
        #expect(p.criteria(for: .titleAbstract).map(\.id) == ["E4", "E5", "E6"])
        #expect(p.criteria(for: .fullText).map(\.id) == ["E7"])
        #expect(p.review.reportLanguage == .nl)
        #expect(p.screening.reviewers == ["anna", "bram"])
        #expect(
            p.sources.map(\.files) == [
                ["corpus/pubmed-demo.xml", "corpus/pubmed-update-demo.xml"], ["corpus/embase-demo.ris"],
                ["corpus/cinahl-demo.xml"], ["corpus/clinicaltrials-demo.csv"], ["corpus/citation-searching-demo.ris"],
            ])
        #expect(
            p.sources.map(\.dateSearched) == ["2026-09-15", "2026-09-16", "2026-09-16", "2026-11-25", "2026-11-20"])
        #expect(p.sources.map(\.kind) == [.database, .database, .database, .register, .citationSearching])
        #expect(p.sources[0].searches.map(\.date) == ["2026-09-15", "2026-11-30"])
        #expect(p.sources[0].searches[1].query == p.sources[0].query)
        #expect(p.sources[0].searches[1].coversFrom == "2024-01-01")
        #expect(p.previousVersion == nil)
        #expect(
            p.matrix
                == MatrixSpec(
                    rows: "intervention_type", columns: "outcomes", cell: .studiesWithDirection, groupRows: true))
        #expect(p.codebook.field("outcomes")?.choices.count == 9)
        #expect(p.codebook.field("design")?.choices.map(\.id).contains("protocol") == true)
        #expect(p.hashInput.count > 1000)
    }

    @Test func autoCriteriaOnTypicalRecords() throws {
        let p = try #require(try Self.load().reviewProtocol)
        let eligible = Support.record(
            title: "Group consultations for type 2 diabetes in Dutch general practice", year: 2019, languages: ["eng"],
            types: ["Journal Article", "Randomized Controlled Trial"])
        #expect(p.evaluate(eligible) == .eligible)
        let old = Support.record(title: "Practice nurses", year: 2012, languages: ["German"], types: ["Editorial"])
        let result = p.evaluate(old)
        #expect(result.reason == "E1")
        #expect(result.firings.map(\.criterion) == ["E1", "E2", "E3"])
        #expect(result.firings[0].description == "E1: year < 2015 (year = 2012)")
        #expect(result.firings[1].description == "E2: language not in [\"en\", \"nl\"] (language = de)")
        let dutch = Support.record(title: "Ketenzorg", year: 2020, languages: ["dut"], types: ["Letter"])
        #expect(p.evaluate(dutch).reason == "E3")
        let letterWithData = Support.record(
            title: "x", year: 2020, languages: ["Dutch"], types: ["Letter", "Randomized Controlled Trial"])
        #expect(p.evaluate(letterWithData) == .eligible)
        let noLanguage = Support.record(title: "x", year: 2020)
        #expect(p.evaluate(noLanguage) == .eligible)
    }

    @Test func highlighterFindsDutchAndEnglishTerms() throws {
        let p = try #require(try Self.load().reviewProtocol)
        let highlighter = p.highlighter(for: .titleAbstract)
        let text = "Groepsconsulten door de POH-somatiek in de huisartsenpraktijk, niet in het ziekenhuis."
        let found = highlighter.highlights(in: text).map { (String(text[$0.range]), $0.lean) }
        #expect(found.map(\.0) == ["Groepsconsulten", "POH", "huisartsenpraktijk", "ziekenhuis"])
        #expect(found.map(\.1) == [.include, .include, .include, .exclude])
    }
}

@Suite struct CodebookSuggestionTests {
    @Test func suggestsInterventionTypesFromTerms() throws {
        let url = Support.packageRoot.appendingPathComponent("protocol/protocol.yaml")
        let p = try ReviewProtocol(yaml: try String(contentsOf: url, encoding: .utf8))
        let field = try #require(p.codebook.field("intervention_type"))
        let text = "Groepsconsulten en zelfmanagement bij diabetes: een groepsconsult per kwartaal met de POH."
        let suggestions = field.suggestions(in: text)
        #expect(suggestions.map(\.choice) == ["group_consultation", "self_management", "task_shifting"])
        #expect(suggestions.first?.occurrences == 2)
    }
}
