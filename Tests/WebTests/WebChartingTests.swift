import Foundation
import Hummingbird
import HummingbirdTesting
import Screening
import Testing
import Web
import Workspace

/// The charting page: the next included study with the codebook form, a field confirmed into
/// `charting/<reviewer>.jsonl` with the validation of `scoping chart`, never twice.
@Suite struct WebChartingTests {
    /// carla and dora include the first study at both stages: one included study to chart.
    static func included(_ fixture: WebFixture) throws -> String {
        let key = try #require(try fixture.folder.openIndex().studies().first).key
        for reviewer in ["carla", "dora"] {
            let log = try DecisionLog(directory: fixture.folder.screening.path, reviewer: reviewer, now: { Date() })
            try log.record(key, stage: .titleAbstract, decision: .include, protocolHash: "x")
            try log.record(key, stage: .fullText, decision: .include, protocolHash: "x")
            log.close()
        }
        return key.rawValue
    }

    static func post(_ client: any TestClientProtocol, _ fields: [(String, String)]) async throws -> (
        HTTPResponse.Status, String
    ) {
        let response = try await client.execute(
            uri: "/chart/carla", method: .post, headers: WebFixture.formHeaders, body: WebFixture.form(fields))
        return (response.status, String(buffer: response.body))
    }

    static func chartingLines(_ fixture: WebFixture) -> [String] {
        let path = fixture.url.appending(path: "charting/carla.jsonl").path
        return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aFieldIsConfirmedIntoTheChartingLog() async throws {
        let fixture = try WebFixture()
        let key = try Self.included(fixture)
        try await fixture.test { client in
            let dashboard = String(
                buffer: try await client.execute(uri: "/", method: .get, headers: WebFixture.browser).body)
            #expect(dashboard.contains("href=\"/chart/carla\""))
            let page = String(
                buffer: try await client.execute(uri: "/chart/carla", method: .get, headers: WebFixture.browser).body)
            #expect(page.contains("study 1 of 1 · \(key)"))
            #expect(page.contains("data-field=\"design\""))
            #expect(page.contains("data-field=\"duration_months\""))

            // The messages of scoping chart; nothing written.
            let notANumber = try await Self.post(
                client, [("key", key), ("field", "duration_months"), ("value", "twelve")])
            #expect(
                notANumber.1.contains("&#39;twelve&#39; is not a number; nothing written")
                    || notANumber.1.contains("'twelve' is not a number"))
            let unknown = try await Self.post(client, [("key", key), ("field", "design"), ("value", "astrology")])
            #expect(unknown.1.contains("unknown choice"))
            #expect(Self.chartingLines(fixture).isEmpty)

            let saved = try await Self.post(client, [("key", key), ("field", "duration_months"), ("value", "12")])
            #expect(saved.0 == .ok)
            #expect(saved.1.contains("saved: duration_months = 12 for \(key)"))
            #expect(!saved.1.contains("data-field=\"duration_months\""))
            let lines = Self.chartingLines(fixture)
            #expect(lines.count == 1)
            #expect(lines[0].contains("\"field\":\"duration_months\"") && lines[0].contains("\"reviewer\":\"carla\""))
            #expect(lines[0].contains("\"status\":\"confirmed\""))

            // The same form again: nothing written twice.
            let again = try await Self.post(client, [("key", key), ("field", "duration_months"), ("value", "13")])
            #expect(again.1.contains("was charted meanwhile: nothing written"))
            #expect(Self.chartingLines(fixture).count == 1)
        }
    }

    @Test func sSkipsToTheNextStudyAndThePDFIsBesideTheForm() async throws {
        let fixture = try WebFixture()
        let keys = try fixture.folder.openIndex().studies().prefix(2).map(\.key)
        for reviewer in ["carla", "dora"] {
            let log = try DecisionLog(directory: fixture.folder.screening.path, reviewer: reviewer, now: { Date() })
            for key in keys {
                try log.record(key, stage: .titleAbstract, decision: .include, protocolHash: "x")
                try log.record(key, stage: .fullText, decision: .include, protocolHash: "x")
            }
            log.close()
        }
        let pdf = FullText.relativePath(keys[1])
        try FileManager.default.createDirectory(
            at: fixture.url.appending(path: "fulltext"), withIntermediateDirectories: true)
        try Data("%PDF-1.4".utf8).write(to: fixture.url.appending(path: pdf))
        try await fixture.test { client in
            let first = String(
                buffer: try await client.execute(uri: "/chart/carla", method: .get, headers: WebFixture.browser).body)
            #expect(first.contains("study 1 of 2 · \(keys[0])"))
            #expect(first.contains("<a id=\"skip-study\" href=\"/chart/carla?at=2\"><kbd>s</kbd> skip to study 2</a>"))
            #expect(!first.contains("<iframe"))
            let second = String(
                buffer: try await client.execute(uri: "/chart/carla?at=2", method: .get, headers: WebFixture.browser)
                    .body)
            #expect(second.contains("study 2 of 2 · \(keys[1])"))
            #expect(!second.contains("skip-study"))
            #expect(second.contains("<iframe src=\"/\(pdf)\""))
            #expect(second.contains("<input type=\"hidden\" name=\"at\" value=\"2\">"))
            // A field confirmed there: the page stays on study 2.
            let saved = try await Self.post(
                client, [("key", keys[1].rawValue), ("field", "duration_months"), ("value", "6"), ("at", "2")])
            #expect(saved.1.contains("saved: duration_months = 6 for \(keys[1])"))
            #expect(saved.1.contains("study 2 of 2 · \(keys[1])"))
            // Past the end: the last study.
            let past = String(
                buffer: try await client.execute(uri: "/chart/carla?at=9", method: .get, headers: WebFixture.browser)
                    .body)
            #expect(past.contains("study 2 of 2 · "))
        }
    }

    @Test func noIncludedStudyNothingToChart() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let page = String(
                buffer: try await client.execute(uri: "/chart/carla", method: .get, headers: WebFixture.browser).body)
            #expect(page.contains("No included study is left to chart."))
            let refused = try await Self.post(
                client, [("key", "doi:10.5555/web.1"), ("field", "design"), ("value", "1")])
            #expect(refused.1.contains("is not an included study to chart: nothing written"))
            #expect(Self.chartingLines(fixture).isEmpty)
        }
    }

    @Test func theSecondReviewerVerifiesAndCorrects() async throws {
        let fixture = try WebFixture()
        let key = try Self.included(fixture)
        // carla has charted every field as not reported (lines as scoping chart writes them).
        let fields = try fixture.folder.loadProtocol().reviewProtocol.codebook.fields.map(\.id)
        let lines = fields.enumerated().map { i, field in
            "{\"at\":\"2026-10-20T09:00:\(String(format: "%02d", i))Z\",\"field\":\"\(field)\",\"protocol\":\"x\","
                + "\"reviewer\":\"carla\",\"role\":\"chart\",\"status\":\"confirmed\",\"study\":\"\(key)\",\"v\":1,\"value\":null}"
        }
        try FileManager.default.createDirectory(
            at: fixture.url.appending(path: "charting"), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(
            to: fixture.url.appending(path: "charting/carla.jsonl"))
        try await fixture.test { client in
            let dashboard = String(
                buffer: try await client.execute(uri: "/", method: .get, headers: WebFixture.browser).body)
            #expect(dashboard.contains("href=\"/chart/dora/verify\""))
            // carla does not verify her own charting.
            let own = String(
                buffer: try await client.execute(uri: "/chart/carla/verify", method: .get, headers: WebFixture.browser)
                    .body)
            #expect(own.contains("No included study is left to verify."))
            let page = String(
                buffer: try await client.execute(uri: "/chart/dora/verify", method: .get, headers: WebFixture.browser)
                    .body)
            #expect(page.contains("Verifying the charting"))
            #expect(page.contains("action=\"/chart/dora/verify\""))
            #expect(page.contains("data-field=\"duration_months\""))
            let response = try await client.execute(
                uri: "/chart/dora/verify", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("key", key), ("field", "duration_months"), ("value", "12")]))
            let body = String(buffer: response.body)
            #expect(body.contains("saved: duration_months = 12 for \(key) (corrected)"))
            let path = fixture.url.appending(path: "charting/dora.jsonl").path
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(written.contains("\"role\":\"verify\"") && written.contains("\"status\":\"corrected\""))
            #expect(written.split(separator: "\n").count == 1)
        }
    }
}
