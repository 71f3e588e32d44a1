import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Web

/// A stopping method that asks for random checks: the page says so above the record, as the
/// terminal does, and the decision is logged with `"order":"check"`.
@Suite struct WebRandomCheckTests {
    @Test func aRandomCheckIsLabelledAndLoggedAsACheck() async throws {
        let fixture = try WebFixture()
        let file = fixture.url.appending(path: "protocol/protocol.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let anchor = "screening:\n"
        #expect(text.contains(anchor) && text.contains("      pilot: 50\n"))
        try Data(
            text.replacingOccurrences(of: "      pilot: 50\n", with: "").replacingOccurrences(
                of: anchor, with: anchor + "  stopping:\n    method: qbcb\n    sample_share: 0.5\n"
            ).utf8
        )
        .write(to: file)
        try await fixture.test { client in
            var labelled: [String] = []
            for _ in 0..<6 {
                let page = String(
                    buffer: try await client.execute(
                        uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser
                    ).body)
                guard let key = page.shownRecord else { break }
                if page.contains("<p class=\"random-check\" role=\"note\">RANDOM CHECK: ") { labelled.append(key) }
                try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .post, headers: WebFixture.formHeaders,
                    body: WebFixture.form([("action", "exclude"), ("reason", "E4"), ("key", key)]))
            }
            #expect(!labelled.isEmpty, "no record was offered as a random check")
            let checks = fixture.logLines("carla").filter { $0.contains("\"order\":\"check\"") }
            for key in labelled {
                #expect(checks.contains { $0.contains("\"\(key)\"") }, "\(key) not logged as a check")
            }
        }
    }
}
