import Protocol
import Testing

/// `screening: stopping:`: absent in older protocols (the defaults), read when given, and an
/// unknown method or an impossible setting reported at its line and column.
@Suite struct StoppingPlanTests {
    static func withStopping(_ block: String) throws -> String {
        try Support.fixture("minimal.yaml").replacingOccurrences(
            of: "screening:\n  reviewers: [anna, bram]\n", with: "screening:\n  reviewers: [anna, bram]\n" + block)
    }

    @Test func absentMeansTheDefaults() throws {
        let p = try ReviewProtocol(yaml: try Support.fixture("minimal.yaml"))
        #expect(p.screening.stopping == StoppingPlan())
        #expect(p.screening.stopping.method == "hypergeometric")
    }

    @Test func readWhenGiven() throws {
        let yaml = try Self.withStopping(
            "  stopping:\n    method: irrelevant-run\n    irrelevant_run: 100\n    target_recall: 0.9\n")
        let p = try ReviewProtocol(yaml: yaml)
        #expect(p.screening.stopping == StoppingPlan(method: "irrelevant-run", targetRecall: 0.9, irrelevantRun: 100))
    }

    @Test func biasReadAndChecked() throws {
        let yaml = try Self.withStopping("  stopping:\n    method: hypergeometric-biased\n    bias: 3\n")
        let p = try ReviewProtocol(yaml: yaml)
        #expect(p.screening.stopping == StoppingPlan(method: "hypergeometric-biased", bias: 3))
        let bad = ReviewProtocol.check(yaml: try Self.withStopping("  stopping:\n    bias: 0.5\n")).rendered
        #expect(
            bad.contains(
                "protocol/protocol.yaml:21:11: error: bias must be a number from 1 to 1000, found '0.5'; write 2: the ranking twice as likely to show a relevant record as an irrelevant one"
            ),
            "\(bad)")
    }

    @Test func unknownMethodAndBadSettings() throws {
        let yaml = try Self.withStopping("  stopping:\n    method: kne\n    confidence: 1.5\n")
        let rendered = ReviewProtocol.check(yaml: yaml).rendered
        #expect(rendered.contains("protocol/protocol.yaml:21:13: error: unknown stopping method 'kne'"), "\(rendered)")
        #expect(
            rendered.contains(
                "protocol/protocol.yaml:22:17: error: confidence must be a number between 0 and 1, found '1.5'; write 0.95"
            ),
            "\(rendered)")
    }
}
