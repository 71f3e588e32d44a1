import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Web

/// Team mode (`scoping serve --team`): a token per reviewer, kept only as a hash; a reviewer
/// acts only as themselves; the notice that the server has no TLS.
@Suite struct WebTeamTests {
    static let carla = String(repeating: "c1", count: 32)
    static let dora = String(repeating: "d2", count: 32)

    /// Tokens for carla and dora, issued from fixed values.
    static func tokens() -> TeamTokens {
        var tokens = TeamTokens()
        var fixed = [carla, dora]
        _ = tokens.issue(for: ["carla", "dora"], renew: false, random: { fixed.removeFirst() })
        return tokens
    }

    @Test func tokensAreKeptOnlyAsSHA256Hashes() throws {
        // The FIPS 180-2 example.
        #expect(TeamTokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let directory = FileManager.default.temporaryDirectory.appending(path: "scoping-team-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var tokens = TeamTokens()
        let issued = tokens.issue(for: ["carla", "dora"], renew: false)
        #expect(issued.map(\.reviewer) == ["carla", "dora"])
        #expect(issued.allSatisfy { $0.token.count == 64 })
        try tokens.save(directory: directory)
        let file = try String(contentsOf: directory.appending(path: TeamTokens.fileName), encoding: .utf8)
        for (reviewer, token) in issued {
            #expect(!file.contains(token))
            #expect(file.contains(TeamTokens.hash(token)))
            #expect(tokens.reviewer(for: token) == reviewer)
        }
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appending(path: TeamTokens.fileName).path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // Read again: the same reviewers, no new token; a reviewer gone from the protocol is dropped.
        var loaded = try TeamTokens.load(directory: directory)
        #expect(loaded == tokens)
        #expect(loaded.issue(for: ["carla", "dora"], renew: false).isEmpty)
        let renewed = loaded.issue(for: ["carla"], renew: true)
        #expect(renewed.map(\.reviewer) == ["carla"])
        #expect(loaded.reviewer(for: issued[0].token) == nil)
        #expect(loaded.reviewer(for: issued[1].token) == nil)
        #expect(loaded.reviewer(for: renewed[0].token) == "carla")
        #expect(loaded.reviewer(for: "") == nil && loaded.reviewer(for: nil) == nil)
    }

    @Test func aTokenFileThatIsNotOneSaysWhatToDo() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "scoping-team-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("not json".utf8).write(to: directory.appending(path: TeamTokens.fileName))
        #expect(throws: TeamTokensError.self) { try TeamTokens.load(directory: directory) }
        do {
            _ = try TeamTokens.load(directory: directory)
        } catch {
            #expect(error.description.hasPrefix(".scoping/serve-tokens.json cannot be read ("))
            #expect(error.description.hasSuffix("); delete it and start again with --team to issue new tokens"))
        }
    }

    @Test func aReviewerActsOnlyAsThemselves() async throws {
        let fixture = try WebFixture(team: Self.tokens())
        try await fixture.test { client in
            // Their own pages: yes.
            let page = try await client.execute(
                uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser(token: Self.carla))
            #expect(page.status == .ok)
            let key = try #require(String(buffer: page.body).shownRecord)
            // Another reviewer's pages and forms: 403, whatever the spelling of the path.
            for uri in [
                "/screen/dora/title-abstract", "/screen/dora/full-text", "/reconcile/dora", "/chart/dora",
                "/chart/dora/verify", "/screen/%64ora/title-abstract", "//screen/dora/title-abstract",
            ] {
                try await client.execute(uri: uri, method: .get, headers: WebFixture.browser(token: Self.carla)) {
                    #expect($0.status == .forbidden, "\(uri)")
                    #expect(String(buffer: $0.body).contains("Your token is carla's"), "\(uri)")
                    // A way back to the dashboard, where carla's own pages are linked.
                    #expect(String(buffer: $0.body).contains("<a href=\"/\">Back to the dashboard"), "\(uri)")
                }
            }
            let posts: [(String, [(String, String)])] = [
                ("/screen/dora/title-abstract", [("action", "include"), ("key", key)]),
                ("/reconcile/dora", [("key", key), ("stage", "title-abstract"), ("decision", "include")]),
                ("/chart/dora", [("key", key), ("field", "design"), ("value", "-")]),
                ("/chart/dora/verify", [("key", key), ("field", "design"), ("value", "-")]),
            ]
            for (uri, fields) in posts {
                try await client.execute(
                    uri: uri, method: .post, headers: WebFixture.formHeaders(token: Self.carla),
                    body: WebFixture.form(fields)
                ) {
                    #expect($0.status == .forbidden, "\(uri)")
                }
            }
            #expect(fixture.logLines("dora").isEmpty)
            #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "charting/dora.jsonl").path))
            // Dora, with her own token, may.
            try await client.execute(
                uri: "/screen/dora/title-abstract", method: .post, headers: WebFixture.formHeaders(token: Self.dora),
                body: WebFixture.form([("action", "include"), ("key", key)])
            ) {
                #expect($0.status == .ok)
            }
            #expect(fixture.logLines("dora").count == 1)
            #expect(fixture.logLines("dora").first?.contains("\"reviewer\":\"dora\"") == true)
        }
    }

    @Test func theLoopbackTokenAndUnknownTokensOpenNothingInTeamMode() async throws {
        let fixture = try WebFixture(team: Self.tokens())
        try await fixture.test { client in
            for token in [WebFixture.secrets.token, TeamTokens.hash(Self.carla), "", String(Self.carla.dropLast())] {
                for uri in ["/", "/screen/carla/title-abstract", "/?token=\(token)"] {
                    try await client.execute(uri: uri, method: .get, headers: WebFixture.browser(token: token)) {
                        #expect($0.status == .forbidden, "\(uri) with \(token)")
                        #expect(String(buffer: $0.body).contains("each reviewer has their own"))
                    }
                }
            }
        }
    }

    @Test func theTokenInTheURLBecomesThatReviewersCookie() async throws {
        let fixture = try WebFixture(team: Self.tokens())
        try await fixture.test { client in
            try await client.execute(
                uri: "/screen/dora/title-abstract?token=\(Self.dora)", method: .get,
                headers: [WebFixture.hostField: WebFixture.host]
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/screen/dora/title-abstract")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("scoping_token=\(Self.dora)"))
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            }
            // With carla's cookie, dora's link is dora's (the URL's token comes first).
            try await client.execute(
                uri: "/?token=\(Self.dora)", method: .get, headers: WebFixture.browser(token: Self.carla)
            ) { response in
                #expect(response.headers[.setCookie]?.contains("scoping_token=\(Self.dora)") == true)
            }
        }
    }

    @Test func theDashboardSaysThereIsNoTLSAndLinksOnlyTheReviewersOwnPages() async throws {
        let fixture = try WebFixture(team: Self.tokens())
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/", method: .get, headers: WebFixture.browser(token: Self.carla))
            let page = String(buffer: response.body)
            #expect(page.contains("Team mode: you are <strong>carla</strong>"))
            #expect(page.contains("<strong>This server has no TLS</strong>"))
            #expect(page.contains("SSH tunnel") && page.contains("reverse proxy"))
            #expect(page.contains("href=\"/screen/carla/title-abstract\""))
            #expect(!page.contains("/screen/dora/"))
        }
        // Not in loopback mode.
        let single = try WebFixture()
        try await single.test { client in
            let page = String(
                buffer: try await client.execute(uri: "/", method: .get, headers: WebFixture.browser).body)
            #expect(!page.contains("team-notice"))
            #expect(page.contains("href=\"/screen/dora/title-abstract\""))
        }
    }

    @Test func theHostIsTheBoundAddressTheLoopbackOrAPublicNameGiven() async throws {
        let fixture = try WebFixture(team: Self.tokens())
        fixture.web.allow(port: 8765, address: "192.0.2.7", names: ["review.example.org"])
        try await fixture.test { client in
            for (host, ok) in [
                ("192.0.2.7:8765", true), ("127.0.0.1:8765", true), ("review.example.org", true),
                ("REVIEW.example.org:8765", true), ("192.0.2.7:9999", false), ("evil.example", false),
                ("192.0.2.8:8765", false),
            ] {
                var headers = WebFixture.browser(token: Self.carla)
                headers[WebFixture.hostField] = host
                try await client.execute(uri: "/", method: .get, headers: headers) {
                    #expect(($0.status == .ok) == ok, "\(host)")
                    if !ok { #expect($0.status == .misdirectedRequest, "\(host)") }
                }
            }
        }
    }
}
