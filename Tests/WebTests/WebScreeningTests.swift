import Foundation
import Hummingbird
import HummingbirdTesting
import Screening
import Testing
import Web
import Workspace

/// The dashboard and the screening page: decisions through the decision log, undo, later,
/// notes, a log held elsewhere, a record decided meanwhile in the terminal.
@Suite struct WebScreeningTests {
    static let page = "/screen/carla/title-abstract"

    @discardableResult
    static func post(
        _ client: any TestClientProtocol, _ fields: [(String, String)], partial: Bool = true
    ) async throws -> (status: HTTPResponse.Status, body: String) {
        var headers = WebFixture.formHeaders
        if partial { headers[HTTPFields.Element.Name("X-Requested-With")!] = "fetch" }
        let response = try await client.execute(
            uri: page, method: .post, headers: headers, body: WebFixture.form(fields))
        return (response.status, String(buffer: response.body))
    }

    static func shown(_ client: any TestClientProtocol) async throws -> (key: String, body: String) {
        let body = String(buffer: try await client.execute(uri: page, method: .get, headers: WebFixture.browser).body)
        return (try #require(body.shownRecord), body)
    }

    @Test func theDashboardShowsStatusAgreementPrismaAndOutputs() async throws {
        let fixture = try WebFixture()
        try FileManager.default.createDirectory(
            at: fixture.url.appending(path: "output"), withIntermediateDirectories: true)
        try Data("<p>map</p>".utf8).write(to: fixture.url.appending(path: "output/gap-map.html"))
        try await fixture.test { client in
            let (key, _) = try await Self.shown(client)
            try await Self.post(client, [("action", "include"), ("key", key)])
            let body = String(
                buffer: try await client.execute(uri: "/", method: .get, headers: WebFixture.browser).body)
            #expect(body.contains("<h1>"))
            #expect(body.contains("3 studies, 3 past the automatic criteria"))
            // carla: one screened of three; dora: none.
            #expect(body.contains("<td>carla</td><td>1 of 3</td><td>2</td>"))
            #expect(body.contains("<td>dora</td><td>0 of 3</td><td>3</td>"))
            #expect(body.contains("href=\"/screen/carla/title-abstract\""))
            #expect(body.contains("<img class=\"prisma\" src=\"/prisma.svg\""))
            #expect(body.contains("href=\"/output/gap-map.html\""))
            #expect(!body.contains("href=\"/output/report.html\""))
            let svg = try await client.execute(uri: "/prisma.svg", method: .get, headers: WebFixture.browser)
            #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(String(buffer: svg.body).hasPrefix("<svg") || String(buffer: svg.body).hasPrefix("<?xml"))
        }
    }

    @Test func decisionsGoThroughTheLogAndTheNextRecordComesAsAFragment() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let (first, page) = try await Self.shown(client)
            #expect(page.contains("<kbd>i</kbd> include"))
            #expect(page.contains("data-reason-index=\"1\""))
            #expect(page.contains("screened 0 / to screen 3"))
            let included = try await Self.post(client, [("action", "note"), ("key", first), ("note", "a pilot")])
            #expect(included.body.contains("note kept for the next decision"))
            let answer = try await Self.post(client, [("action", "include"), ("key", first)])
            #expect(answer.status == .ok)
            #expect(!answer.body.contains("<html"))
            #expect(answer.body.contains("saved: include \(first)"))
            #expect(answer.body.contains("screened 1 / to screen 2"))
            let second = try #require(answer.body.shownRecord)
            #expect(second != first)
            let excluded = try await Self.post(client, [("action", "exclude"), ("key", second), ("reason", "1")])
            let lines = fixture.logLines("carla")
            #expect(lines.count == 2)
            #expect(
                lines[0].contains("\"decision\":\"include\"") && lines[0].contains(first)
                    && lines[0].contains("\"note\":\"a pilot\""))
            #expect(lines[1].contains("\"decision\":\"exclude\"") && lines[1].contains(second))
            let reason = try #require(lines[1].range(of: "\"reason\":\"")).upperBound
            #expect(excluded.body.contains("saved: exclude (\(lines[1][reason...].prefix { $0 != "\"" })) \(second)"))
            // Undo withdraws the exclusion and shows that record again.
            let undone = try await Self.post(client, [("action", "undo")])
            #expect(undone.body.contains("undone: exclude \(second)"))
            #expect(undone.body.shownRecord == second)
            #expect(fixture.logLines("carla").count == 3)
            #expect(fixture.logLines("carla")[2].contains("\"decision\":\"retract\""))
            // The log reads as the terminal's: one include, the exclusion withdrawn.
            let contents = try DecisionLog.read(directory: fixture.folder.screening.path, reviewer: "carla")
            #expect(contents.current(at: .titleAbstract).count == 1)
            // Without the script: a whole page.
            let whole = try await Self.post(client, [("action", "later"), ("key", second)], partial: false)
            #expect(whole.body.contains("<html"))
            #expect(whole.body.contains("later: \(second)"))
        }
    }

    @Test func findShowsARecordByTitleWordsOrKey() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let found = try await Self.post(client, [("action", "find"), ("note", "nurse-led ASTHMA")])
            #expect(found.body.contains("found doi:10.5555/web.3"))
            #expect(found.body.shownRecord == "doi:10.5555/web.3")
            let byKey = try await Self.post(client, [("action", "find"), ("note", "doi:10.5555/web.2")])
            #expect(byKey.body.shownRecord == "doi:10.5555/web.2")
            let none = try await Self.post(client, [("action", "find"), ("note", "homeopathy")])
            #expect(
                none.body.contains("no record matches &#39;homeopathy&#39;") || none.body.contains("no record matches"))
            #expect(none.body.shownRecord == "doi:10.5555/web.2")
            // The found record is the one decided.
            let saved = try await Self.post(client, [("action", "include"), ("key", "doi:10.5555/web.2")])
            #expect(saved.body.contains("saved: include doi:10.5555/web.2"))
            #expect(fixture.logLines("carla").count == 1)
        }
    }

    @Test func aLogHeldByATerminalIsReportedAndNothingIsWritten() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let (key, _) = try await Self.shown(client)
            let terminal = try DecisionLog(
                directory: fixture.folder.screening.path, reviewer: "carla", displayDirectory: "screening",
                holder: LockHolder(reviewer: "carla", pid: 4711, host: "lab-3"), now: { Date() })
            let refused = try await Self.post(client, [("action", "include"), ("key", key)])
            #expect(refused.status == .conflict)
            #expect(
                refused.body.contains("screening/carla.jsonl is held by reviewer carla, process 4711 on host lab-3"))
            #expect(refused.body.contains("nothing was written"))
            #expect(refused.body.shownRecord == key)
            #expect(fixture.logLines("carla").isEmpty)
            // The terminal decides on that record meanwhile, then quits.
            try terminal.record(
                .init(rawValue: key), stage: .titleAbstract, decision: .exclude, reason: "E4", protocolHash: "x")
            terminal.close()
            // The page's stale form does not write the record twice.
            let stale = try await Self.post(client, [("action", "include"), ("key", key)])
            #expect(stale.body.contains("was already decided (exclude), in another tab or the terminal"))
            #expect(stale.body.shownRecord != key)
            #expect(fixture.logLines("carla").count == 1)
            // The page reflects the terminal's decision.
            #expect(try await Self.shown(client).body.contains("screened 1 / to screen 2"))
        }
    }

    @Test func blindingAReviewersPageIsBuiltFromTheirOwnLogOnly() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let (key, _) = try await Self.shown(client)
            try await Self.post(client, [("action", "include"), ("key", key)])
            let dora = String(
                buffer: try await client.execute(
                    uri: "/screen/dora/title-abstract", method: .get, headers: WebFixture.browser
                ).body)
            #expect(dora.contains("screened 0 / to screen 3"))
            #expect(!dora.contains("your decision"))
            #expect(!dora.contains("carla"))
        }
    }

    @Test func unknownReviewersAndStagesAreNotFound() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/screen/zoe/title-abstract", method: .get, headers: WebFixture.browser) {
                response in
                #expect(response.status == .notFound)
                #expect(
                    String(buffer: response.body).contains("&#39;zoe&#39; is not a reviewer")
                        || String(buffer: response.body).contains("zoe"))
            }
            try await client.execute(uri: "/screen/carla/abstract-only", method: .get, headers: WebFixture.browser) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/screen/Carla%3Cb%3E/ta", method: .get, headers: WebFixture.browser) {
                #expect($0.status == .notFound)
            }
            #expect(!FileManager.default.fileExists(atPath: fixture.url.appending(path: "screening/zoe.jsonl").path))
        }
    }

    @Test func aReviewWithNothingIngestedSaysSoNotThatTheReviewerIsUnknown() async throws {
        let fixture = try WebFixture(imported: false)
        try await fixture.test { client in
            try await client.execute(uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser) {
                response in
                let page = String(buffer: response.body)
                #expect(response.status == .conflict)
                #expect(page.contains("Nothing to screen yet") && page.contains("no records yet"), "\(page)")
                #expect(!page.contains("Not a reviewer"))
            }
        }
    }
}

/// The full-text stage and a queue that follows the index.
@Suite struct WebFullTextTests {
    @Test func fullTextPageLinksThePDFAndTakesNotRetrievable() async throws {
        let fixture = try WebFixture()
        let studies = try fixture.folder.openIndex().studies().map(\.key)
        for reviewer in ["carla", "dora"] {
            let log = try DecisionLog(directory: fixture.folder.screening.path, reviewer: reviewer, now: { Date() })
            for key in studies.prefix(2) {
                try log.record(key, stage: .titleAbstract, decision: .include, protocolHash: "x")
            }
            log.close()
        }
        let pdf = FullText.relativePath(studies[0])
        try FileManager.default.createDirectory(
            at: fixture.url.appending(path: "fulltext"), withIntermediateDirectories: true)
        try Data("%PDF-1.4".utf8).write(to: fixture.url.appending(path: pdf))
        try await fixture.test { client in
            let uri = "/screen/carla/full-text"
            let page = String(
                buffer: try await client.execute(uri: uri, method: .get, headers: WebFixture.browser).body)
            #expect(page.contains("screened 0 / to screen 2"))
            #expect(page.contains("<kbd>r</kbd> not retrievable"))
            let shown = try #require(page.shownRecord)
            if shown == studies[0].rawValue {
                #expect(page.contains("href=\"/\(pdf)\""))
                // Beside the record, in the browser's viewer.
                #expect(page.contains("<iframe src=\"/\(pdf)\" title=\"Full text \(pdf)\"></iframe>"))
            } else {
                #expect(page.contains("Full text: none in fulltext/"))
            }
            var headers = WebFixture.formHeaders
            headers[HTTPFields.Element.Name("X-Requested-With")!] = "fetch"
            let answer = String(
                buffer: try await client.execute(
                    uri: uri, method: .post, headers: headers,
                    body: WebFixture.form([("action", "not-retrieved"), ("key", shown)])
                ).body)
            #expect(answer.contains("saved: not-retrieved \(shown)"))
            let last = try #require(fixture.logLines("carla").last)
            #expect(last.contains("\"stage\":\"full-text\"") && last.contains("\"decision\":\"not-retrieved\""))
            // Not retrievable is refused at title/abstract.
            let ta = try #require(
                String(
                    buffer: try await client.execute(
                        uri: "/screen/carla/title-abstract", method: .get, headers: WebFixture.browser
                    ).body
                ).shownRecord)
            let refused = String(
                buffer: try await client.execute(
                    uri: "/screen/carla/title-abstract", method: .post, headers: headers,
                    body: WebFixture.form([("action", "not-retrieved"), ("key", ta)])
                ).body)
            #expect(
                refused.contains("&#39;not retrievable&#39; is for the full-text stage")
                    || refused.contains("is for the full-text stage"))
        }
    }

    @Test func theQueueFollowsANewImport() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let uri = "/screen/carla/title-abstract"
            let before = String(
                buffer: try await client.execute(uri: uri, method: .get, headers: WebFixture.browser).body)
            #expect(before.contains("screened 0 / to screen 3"))
            let more = WebFixture.ris.components(separatedBy: "\n\n")[1].replacingOccurrences(
                of: "web.2", with: "web.4"
            )
            .replacingOccurrences(of: "Diabetes care", with: "Heart failure care")
            try Data((more + "\n\n").utf8).write(to: fixture.url.appending(path: "corpus/more.ris"))
            _ = try fixture.folder.openIndex().importFile(
                path: fixture.url.appending(path: "corpus/more.ris").path, name: "corpus/more.ris")
            let after = String(
                buffer: try await client.execute(uri: uri, method: .get, headers: WebFixture.browser).body)
            #expect(after.contains("screened 0 / to screen 4"))
        }
    }
}
