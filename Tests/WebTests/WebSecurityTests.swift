import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Web

/// The token, the Host check, the CSRF token, the headers, escaping and path traversal.
@Suite struct WebSecurityTests {
    @Test func everyRequestNeedsTheToken() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            for uri in ["/", "/static/app.js", "/screen/carla/title-abstract", "/prisma.svg", "/?token=wrong"] {
                try await client.execute(uri: uri, method: .get, headers: [WebFixture.hostField: WebFixture.host]) {
                    response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(String(buffer: response.body).contains("needs the token"))
                }
            }
            // The wrong cookie.
            try await client.execute(
                uri: "/", method: .get, headers: [WebFixture.hostField: WebFixture.host, .cookie: "scoping_token=abab"]
            ) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test func theTokenInTheURLBecomesAStrictHttpOnlyCookie() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let uri = "/?token=\(WebFixture.secrets.token)"
            try await client.execute(uri: uri, method: .get, headers: [WebFixture.hostField: WebFixture.host]) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("scoping_token=\(WebFixture.secrets.token)"))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
            }
            try await client.execute(uri: "/", method: .get, headers: WebFixture.browser) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>"))
            }
        }
    }

    @Test func theHostMustBeTheLoopbackAddressAndPort() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            for host in ["evil.example", "evil.example:8765", "127.0.0.1:9999", "localhost"] {
                var headers = WebFixture.browser
                headers[WebFixture.hostField] = host
                try await client.execute(uri: "/", method: .get, headers: headers) { response in
                    #expect(response.status == .misdirectedRequest, "\(host)")
                    #expect(String(buffer: response.body).contains("Wrong host"))
                }
            }
        }
    }

    @Test func postsNeedTheCSRFTokenAndWriteNothingWithout() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let page = try await client.execute(
                uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser)
            let key = try #require(String(buffer: page.body).shownRecord)
            for csrf in [nil, "cdcd", String(repeating: "ef", count: 32)] {
                try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .post, headers: WebFixture.formHeaders,
                    body: WebFixture.form([("action", "include"), ("key", key)], csrf: csrf)
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(fixture.logLines("carla").isEmpty)
            // GET never changes anything; other methods are refused.
            try await client.execute(
                uri: "/screen/carla/title-abstract?action=include&key=\(key)", method: .get, headers: WebFixture.browser
            ) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/screen/carla/title-abstract", method: .put, headers: WebFixture.browser) {
                #expect($0.status == .methodNotAllowed)
            }
            #expect(fixture.logLines("carla").isEmpty)
        }
    }

    @Test func pagesCarryAStrictContentSecurityPolicyAndNoInlineScript() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            for uri in ["/", "/screen/carla/title-abstract"] {
                try await client.execute(uri: uri, method: .get, headers: WebFixture.browser) { response in
                    let csp = try #require(response.headers[.contentSecurityPolicy])
                    #expect(csp.contains("script-src 'self'"))
                    #expect(csp.contains("default-src 'none'"))
                    #expect(!csp.contains("unsafe"))
                    #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
                    let body = String(buffer: response.body)
                    // The only script element is the one served from the binary.
                    #expect(body.components(separatedBy: "<script").count == 2)
                    #expect(body.contains("<script src=\"/static/app.js\" defer></script>"))
                    #expect(!body.contains(" onclick=") && !body.contains(" style=\""))
                }
            }
            try await client.execute(uri: "/static/app.js", method: .get, headers: WebFixture.browser) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body).contains("addEventListener('keydown'"))
            }
        }
    }

    @Test func recordTextIsEscaped() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let pages = try await WebFixture.screeningPages(client, action: "later")
            #expect(pages.count == 3 && pages.allSatisfy { $0.shownRecord != nil })
            let all = pages.joined()
            #expect(all.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!all.contains("<script>alert"))
            #expect(all.contains("Journal of &lt;b&gt;Tests&lt;/b&gt;"))
            #expect(all.contains("a &quot;trial&quot; &amp; more"))
            #expect(Set(pages.compactMap(\.shownRecord)).count == 3)
        }
    }

    @Test func noPathTraversal() async throws {
        let fixture = try WebFixture()
        let fulltext = fixture.url.appending(path: "fulltext")
        try FileManager.default.createDirectory(at: fulltext, withIntermediateDirectories: true)
        try Data("%PDF-1.4 known".utf8).write(to: fulltext.appending(path: "doi_10.5555_web.2.pdf"))
        try Data("%PDF-1.4 stray".utf8).write(to: fulltext.appending(path: "stray.pdf"))
        try FileManager.default.createDirectory(
            at: fixture.url.appending(path: "output"), withIntermediateDirectories: true)
        try Data("<p>report</p>".utf8).write(to: fixture.url.appending(path: "output/report.html"))
        try await fixture.test { client in
            for uri in [
                "/fulltext/..%2F..%2Fprotocol%2Fprotocol.yaml", "/fulltext/../protocol/protocol.yaml",
                "/fulltext/stray.pdf",
                "/fulltext/%2E%2E%2Fprotocol%2Fprotocol.yaml", "/output/..%2Fprotocol%2Fprotocol.yaml",
                "/output/report.md",
                "/static/..%2F..%2Fprotocol%2Fprotocol.yaml", "/output/%2Fetc%2Fpasswd",
            ] {
                try await client.execute(uri: uri, method: .get, headers: WebFixture.browser) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!String(buffer: response.body).contains("reviewers:"), "\(uri)")
                }
            }
            try await client.execute(uri: "/fulltext/doi_10.5555_web.2.pdf", method: .get, headers: WebFixture.browser)
            { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(String(buffer: response.body) == "%PDF-1.4 known")
                // Framed by this server's pages only.
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self'") == true)
                #expect(response.headers[HTTPFields.Element.Name("X-Frame-Options")!] == "SAMEORIGIN")
            }
            try await client.execute(uri: "/output/report.html", method: .get, headers: WebFixture.browser) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("sandbox allow-scripts") == true)
            }
        }
    }
}
