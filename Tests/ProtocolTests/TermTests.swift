import Protocol
import Testing

/// Term matching: word boundaries, wildcards, accents, case and separators.
@Suite struct TermTests {
    func matches(_ term: String, _ text: String) throws -> [String] {
        let t = try Term(term)
        return t.ranges(in: FoldedText(text)).map { String(text[$0]) }
    }

    @Test func wordBoundaries() throws {
        #expect(try matches("GLI", "De GLI werkt") == ["GLI"])
        #expect(try matches("GLI", "glia cells") == [])
        #expect(try matches("care", "carer and healthcare and care.") == ["care"])
    }

    @Test func wildcardAtWordEnd() throws {
        #expect(
            try matches("groepsconsult*", "Groepsconsulten en groepsconsult, groepsconsultatie") == [
                "Groepsconsulten", "groepsconsult", "groepsconsultatie",
            ])
        #expect(try matches("huisarts*", "de huisartsenpraktijk") == ["huisartsenpraktijk"])
        #expect(try matches("general practi* care", "general practitioner care") == ["general practitioner care"])
        #expect(try matches("POH*", "de POH-GGZ") == ["POH"])
    }

    @Test func misplacedWildcardIsRejected() {
        #expect(throws: Term.Problem.misplacedWildcard(offset: 6)) { try Term("groeps*consult") }
        #expect(throws: Term.Problem.misplacedWildcard(offset: 0)) { try Term("*arts") }
        #expect(throws: Term.Problem.empty) { try Term(" - ") }
    }

    @Test func accentsAndCase() throws {
        #expect(try matches("patient", "De PATIËNT") == ["PATIËNT"])
        #expect(try matches("patiënt", "de patient") == ["patient"])
        #expect(
            try matches("meer tijd voor de patient", "Meer Tijd voor de Patiënt (MTVP)") == [
                "Meer Tijd voor de Patiënt"
            ])
    }

    /// Decision: separators inside words are ignored on both sides, so spelling variants with
    /// and without a hyphen or space match each other; boundaries of the match still count.
    @Test func hyphensAndSpacesAreIgnored() throws {
        #expect(
            try matches("zelfmanagement", "Zelf-management en zelf management en zelfmanagement") == [
                "Zelf-management", "zelf management", "zelfmanagement",
            ])
        #expect(
            try matches("self-management", "selfmanagement, self management") == ["selfmanagement", "self management"])
        #expect(try matches("management", "zelfmanagement") == [])
        #expect(try matches("management", "zelf-management") == ["management"])
        #expect(try matches("eerste lijn*", "eerstelijnszorg") == ["eerstelijnszorg"])
    }

    @Test func termSetPrefersLongestMatch() throws {
        let set = TermSet([(try Term("care"), "a"), (try Term("primary care"), "b"), (try Term("primary"), "c")])
        let text = "primary care and care"
        #expect(set.matches(in: text).map { "\(text[$0.range])=\($0.tag)" } == ["primary care=b", "care=a"])
    }

    @Test func highlighterIsFastEnough() throws {
        let criteria = [
            EligibilityCriterion(
                id: "E4", label: LocalizedText(en: "x", nl: "x"), stage: .titleAbstract,
                highlight: HighlightTerms(
                    include: (0..<200).map { "term\($0)*" } + ["huisarts*"], exclude: ["hospital"])
            )
        ]
        let highlighter = Highlighter(criteria: criteria)
        let abstract = String(
            repeating: "Patients with diabetes in the huisartsenpraktijk and the hospital were followed. ", count: 30)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            for _ in 0..<20 { count += highlighter.highlights(in: abstract).count }
        }
        #expect(count == 20 * 60)
        #expect(elapsed < .seconds(2))
    }
}
