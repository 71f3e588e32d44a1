import Foundation
import Protocol
import Testing

/// `hide_authors` in a screening stage: authors and journal hidden at title/abstract.
@Suite struct HideAuthorsTests {
    @Test func hideAuthorsIsReadAtTitleAbstract() throws {
        let minimal = try Support.fixture("minimal.yaml")
        let plain = try #require(ReviewProtocol.load(yaml: minimal).reviewProtocol)
        #expect(plain.screening.plan(for: .titleAbstract)?.hideAuthors == false)
        let yaml = minimal.replacingOccurrences(
            of: "    - stage: title_abstract\n", with: "    - stage: title_abstract\n      hide_authors: true\n")
        let result = ReviewProtocol.load(yaml: yaml)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.rendered)")
        #expect(result.reviewProtocol?.screening.plan(for: .titleAbstract)?.hideAuthors == true)
    }

    @Test func hideAuthorsAtFullTextOrNotABooleanIsAnError() throws {
        let minimal = try Support.fixture("minimal.yaml")
        let fullText = minimal.replacingOccurrences(
            of: "    - stage: title_abstract\n",
            with: "    - stage: title_abstract\n    - stage: full_text\n      hide_authors: true\n")
        #expect(
            ReviewProtocol.check(yaml: fullText).rendered
                == "protocol/protocol.yaml:23:21: error: hide_authors is for the title_abstract stage only; "
                + "a full text names its authors anyway; move hide_authors to the title_abstract stage")
        let notBool = minimal.replacingOccurrences(
            of: "    - stage: title_abstract\n", with: "    - stage: title_abstract\n      hide_authors: maybe\n")
        #expect(
            ReviewProtocol.check(yaml: notBool).rendered
                == "protocol/protocol.yaml:22:21: error: expected true or false for 'hide_authors' in a screening stage, "
                + "found 'maybe'")
    }
}
