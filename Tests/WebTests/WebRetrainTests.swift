import Foundation
import Synchronization
import Hummingbird
import HummingbirdTesting
import Testing
import Web

/// The server retrains the ranking after the response (``ScreeningRetrain/background``): the
/// decisions and the pages are those of an inline retrain once it has settled.
@Suite struct WebRetrainTests {
    /// Includes the first record shown and excludes the second; returns the pages after each step.
    static func screen(_ fixture: WebFixture) async throws -> [String] {
        let pages = Mutex<[String]>([])
        try await fixture.test { client in
            for (action, reason) in [("include", ""), ("exclude", "1")] {
                let page = String(
                    buffer: try await client.execute(
                        uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser
                    ).body)
                let key = try #require(page.shownRecord)
                let answer = try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .post, headers: WebFixture.formHeaders,
                    body: WebFixture.form([("action", action), ("key", key), ("reason", reason)]))
                #expect(answer.status == .ok)
                fixture.web.settle()
                pages.withLock { $0.append(page) }
            }
            let last = String(
                buffer: try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser
                ).body)
            pages.withLock { $0.append(last) }
        }
        return pages.withLock { $0 }
    }

    @Test func aBackgroundRetrainGivesThePagesOfAnInlineOne() async throws {
        let inline = try WebFixture(retrain: .inline)
        let background = try WebFixture(retrain: .background)
        let a = try await Self.screen(inline)
        let b = try await Self.screen(background)
        #expect(a.map(\.shownRecord) == b.map(\.shownRecord))
        #expect(b.compactMap(\.shownRecord).count == 3)
        let lines = background.logLines("carla")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"decision\":\"include\"") && lines[1].contains("\"decision\":\"exclude\""))
    }
}
