import Protocol
import Testing

@Suite struct ProtocolDiffTests {
    func load(_ yaml: String) throws -> ReviewProtocol { try ReviewProtocol(yaml: yaml) }

    @Test func sameProtocolHasNoChanges() throws {
        let yaml = try Support.fixture("minimal.yaml")
        let diff = ProtocolDiff(from: try load(yaml), to: try load("# a comment\n" + yaml))
        #expect(diff.isEmpty)
    }

    @Test func criteriaAndCodebookChanges() throws {
        let yaml = try Support.fixture("minimal.yaml")
        let changed =
            yaml
            .replacingOccurrences(of: "rule: year < 2015", with: "rule: year < 2016")
            .replacingOccurrences(
                of: "label: {en: Wrong setting, nl: Verkeerde setting}",
                with: "label: {en: Not primary care, nl: Geen eerste lijn}"
            )
            .replacingOccurrences(
                of: "      - id: rct\n        label: {en: RCT, nl: RCT}\n",
                with: "      - id: cohort\n        label: {en: Cohort, nl: Cohort}\n        terms: [cohort]\n"
            )
            .replacingOccurrences(
                of: "codebook:\n",
                with: "  - id: E3\n    stage: full_text\n    label: {en: No data, nl: Geen data}\ncodebook:\n"
            )
            .replacingOccurrences(of: "cell: studies_with_direction", with: "cell: count")
        let diff = ProtocolDiff(from: try load(yaml), to: try load(changed))
        #expect(
            diff.description == """
                rule of E1 changed: year < 2015 → year < 2016
                label of E2 changed: 'Wrong setting' → 'Not primary care'
                criterion E3 added
                choice design.rct removed
                choice design.cohort added
                matrix changed
                """)
        #expect(diff.affectsDecisions)
        #expect(diff.affectsCharting)
    }
}
