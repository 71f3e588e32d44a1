import Foundation
import Hummingbird
import HummingbirdTesting
import Web
import Workspace

/// A review folder for the web tests: the demo protocol with reviewers carla and dora, and a
/// corpus of three records in its index, one of them titled `<script>alert(1)</script>`.
final class WebFixture: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let host = "127.0.0.1:8765"
    static let hostField = HTTPFields.Element.Name("Host")!
    static let secrets = WebSecrets(token: String(repeating: "ab", count: 32), csrf: String(repeating: "cd", count: 32))

    let url: URL
    let folder: ReviewFolder
    let web: WebApp

    static let ris = """
        TY  - JOUR
        T1  - <script>alert(1)</script>
        A1  - Doe, Jane
        Y1  - 2020
        JF  - Journal of <b>Tests</b>
        LA  - English
        AB  - Chronic care in general practice: a "trial" & more.
        DO  - 10.5555/web.1
        ER  - 

        TY  - JOUR
        T1  - Diabetes care in general practice: a cohort study
        A1  - Roe, Rick
        Y1  - 2021
        JF  - Journal of Tests
        LA  - English
        AB  - Chronic care for diabetes in Dutch general practice.
        DO  - 10.5555/web.2
        ER  - 

        TY  - JOUR
        T1  - Nurse-led asthma clinics in primary care
        A1  - Poe, Pat
        Y1  - 2022
        JF  - Journal of Tests
        LA  - English
        AB  - A study of nurse-led care for asthma.
        DO  - 10.5555/web.3
        ER  - 

        """

    /// - Parameters:
    ///   - team: team mode's tokens (nil: the one token of ``secrets``).
    ///   - retrain: when the ranking learns from a decision.
    ///   - imported: false leaves the index empty (a review before its first `scoping run`).
    init(team: TeamTokens? = nil, retrain: ScreeningRetrain = .inline, imported: Bool = true) throws {
        url = FileManager.default.temporaryDirectory.appending(path: "scoping-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // The demo corpus is there (the protocol names its files) but only web.ris is imported.
        for dir in ["protocol", "corpus"] {
            try FileManager.default.copyItem(at: Self.root.appending(path: dir), to: url.appending(path: dir))
        }
        let text = try String(contentsOf: Self.root.appending(path: "protocol/protocol.yaml"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "reviewers: [anna, bram]", with: "reviewers: [carla, dora]").utf8)
            .write(to: url.appending(path: "protocol/protocol.yaml"))
        try Data(Self.ris.utf8).write(to: url.appending(path: "corpus/web.ris"))
        folder = ReviewFolder(root: url)
        let index = try folder.openIndex()
        if imported {
            _ = try index.importFile(path: url.appending(path: "corpus/web.ris").path, name: "corpus/web.ris")
        }
        web = WebApp(folder: folder, secrets: Self.secrets, allowedHosts: [Self.host], team: team, retrain: retrain)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Headers of a request from the browser after the first visit: Host and the cookie.
    static var browser: HTTPFields {
        [WebFixture.hostField: host, .cookie: "\(WebApp.cookieName)=\(secrets.token)"]
    }

    /// Headers of a reviewer's browser in team mode: Host and that reviewer's token as the cookie.
    static func browser(token: String) -> HTTPFields {
        [WebFixture.hostField: host, .cookie: "\(WebApp.cookieName)=\(token)"]
    }

    static func formHeaders(token: String) -> HTTPFields {
        var headers = browser(token: token)
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }

    /// A form body with the CSRF token.
    static func form(_ fields: [(String, String)], csrf: String? = secrets.csrf) -> ByteBuffer {
        var all = fields
        if let csrf { all.insert(("csrf", csrf), at: 0) }
        let text = all.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static var formHeaders: HTTPFields {
        var headers = browser
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }

    /// The lines of a reviewer's log.
    func logLines(_ reviewer: String) -> [String] {
        let path = url.appending(path: "screening/\(reviewer).jsonl").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// carla's first `count` title/abstract pages, each record answered with `action`
    /// (`include`, `later` …) before the next page is asked for.
    static func screeningPages(_ client: any TestClientProtocol, action: String, count: Int = 3) async throws
        -> [String]
    {
        var pages: [String] = []
        for _ in 0..<count {
            let page = String(
                buffer: try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .get, headers: browser
                ).body)
            pages.append(page)
            guard let key = page.shownRecord else { break }
            try await client.execute(
                uri: "/screen/carla/title-abstract", method: .post, headers: formHeaders,
                body: form([("action", action), ("key", key)]))
        }
        return pages
    }

    /// Runs `body` with a router-level test client.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: web.router())
        try await app.test(.router, body)
    }
}

extension String {
    /// The record key shown on a screening page (`data-record="…"`).
    var shownRecord: String? {
        guard let start = range(of: "data-record=\"") else { return nil }
        let rest = self[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
