import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Web

/// The protocol's `hide_authors`: the title/abstract page shows neither authors nor journal
/// (they are not in the HTML at all), the full-text page does.
@Suite struct WebHideAuthorsTests {
    @Test func titleAbstractPagesLeaveOutAuthorsAndJournal() async throws {
        let fixture = try WebFixture()
        let file = fixture.url.appending(path: "protocol/protocol.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("      pilot: 50\n"))
        try Data(
            text.replacingOccurrences(of: "      pilot: 50\n", with: "      pilot: 50\n      hide_authors: true\n").utf8
        )
        .write(to: file)
        try await fixture.test { client in
            let pages = try await WebFixture.screeningPages(client, action: "include")
            #expect(pages.count == 3 && pages.allSatisfy { $0.shownRecord != nil })
            let all = pages.joined()
            #expect(Set(pages.compactMap(\.shownRecord)).count == 3)
            for name in ["Doe", "Roe", "Poe", "Journal of"] { #expect(!all.contains(name), "\(name)") }
            #expect(all.components(separatedBy: "authors and journal hidden (protocol: hide_authors)").count == 4)
            #expect(all.contains("<p class=\"byline\">(2021)</p>"))
        }
        // Without the option, they are there.
        let plain = try WebFixture()
        try await plain.test { client in
            let page = String(
                buffer: try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser
                ).body)
            #expect(page.contains("Journal of") && !page.contains("hide_authors"))
        }
    }
}
