import Foundation
import Protocol
import Testing

/// Whole error messages, with line and column, for broken protocol files.
///
/// Each `Fixtures/<name>.yaml` has a `Fixtures/<name>.expected` with the rendered diagnostics;
/// re-record them with `SCOPING_RECORD=1` and review the diff.
@Suite struct GoldenDiagnosticsTests {
    static let broken = [
        "bad-indentation", "unknown-key", "duplicate-id", "undefined-matrix-field", "rule-parse-error",
        "rule-unclosed-list", "empty-term-list", "wrong-version", "missing-required", "duplicate-key",
        "misplaced-wildcard", "tab-indentation",
    ]

    @Test(arguments: broken)
    func brokenProtocol(_ name: String) throws {
        let yaml = try Support.fixture("\(name).yaml")
        let result = ReviewProtocol.load(yaml: yaml, file: "protocol/protocol.yaml")
        #expect(result.reviewProtocol == nil)
        let rendered = result.diagnostics.rendered + "\n"
        let expectedURL = Support.fixtures.appendingPathComponent("\(name).expected")
        if Support.recording {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(rendered == expected)
    }

    @Test func minimalFixtureHasNoDiagnostics() throws {
        let result = ReviewProtocol.load(yaml: try Support.fixture("minimal.yaml"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        #expect(result.reviewProtocol?.criteria.map(\.id) == ["E1", "E2"])
    }

    @Test func missingSourceFileIsReported() throws {
        let yaml = try Support.fixture("minimal.yaml")
        let diagnostics = ReviewProtocol.check(yaml: yaml, fileExists: { _ in false })
        #expect(
            diagnostics.rendered
                == "protocol/protocol.yaml:15:13: error: the file 'corpus/pubmed.xml' does not exist; paths are relative to the review folder"
        )
        #expect(ReviewProtocol.check(yaml: yaml, fileExists: { $0 == "corpus/pubmed.xml" }).isEmpty)
    }

    @Test func throwingInitialiserCarriesEveryDiagnostic() throws {
        let yaml = try Support.fixture("unknown-key.yaml")
        #expect(throws: ProtocolLoadError.self) { try ReviewProtocol(yaml: yaml) }
        do {
            _ = try ReviewProtocol(yaml: yaml)
        } catch {
            #expect(error.description.hasPrefix("protocol/protocol.yaml:"))
        }
    }

    @Test func emptyFile() {
        #expect(
            ReviewProtocol.check(yaml: "").rendered
                == "protocol/protocol.yaml:1:1: error: the protocol file is empty; start with 'version: 1'; see docs/protocol.md"
        )
    }
}
