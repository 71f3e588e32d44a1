import Foundation
import Hummingbird
import HummingbirdTesting
import Screening
import Testing
import Web
import Workspace

/// The conflicts page: the same conflicts as `scoping conflicts`, a final decision in the
/// reconciling reviewer's own log (stage `reconcile`), never twice, not while the log is held.
@Suite struct WebReconcileTests {
    /// carla includes the first study, dora excludes it (E4): one conflict at title/abstract.
    static func conflict(_ fixture: WebFixture) throws -> String {
        let key = try #require(try fixture.folder.openIndex().studies().first).key
        for (reviewer, decision) in [("carla", Decision.include), ("dora", Decision.exclude)] {
            let log = try DecisionLog(directory: fixture.folder.screening.path, reviewer: reviewer, now: { Date() })
            try log.record(
                key, stage: .titleAbstract, decision: decision, reason: decision == .exclude ? "E4" : nil,
                note: reviewer == "dora" ? "a <b>hospital</b>" : nil, protocolHash: "x")
            log.close()
        }
        return key.rawValue
    }

    static func post(_ client: any TestClientProtocol, _ fields: [(String, String)]) async throws -> (
        HTTPResponse.Status, String
    ) {
        let response = try await client.execute(
            uri: "/reconcile/carla", method: .post, headers: WebFixture.formHeaders, body: WebFixture.form(fields))
        return (response.status, String(buffer: response.body))
    }

    @Test func aConflictShowsBothDecisionsAndTakesAFinalDecision() async throws {
        let fixture = try WebFixture()
        let key = try Self.conflict(fixture)
        try await fixture.test { client in
            let dashboard = String(
                buffer: try await client.execute(uri: "/", method: .get, headers: WebFixture.browser).body)
            #expect(dashboard.contains("href=\"/reconcile/carla\""))
            let page = String(
                buffer: try await client.execute(uri: "/reconcile/carla", method: .get, headers: WebFixture.browser)
                    .body)
            #expect(page.contains("conflict 1 of 1 · title/abstract · \(key)"))
            #expect(page.contains("<th scope=\"row\">carla</th><td>include</td>"))
            #expect(page.contains("<th scope=\"row\">dora</th><td>exclude</td><td>E4 "))
            #expect(page.contains("a &lt;b&gt;hospital&lt;/b&gt;"))
            #expect(page.contains("<option value=\"exclude:E4\" data-reason-index=\"1\">exclude (e 1): E4 "))
            // The keys act on the first conflict.
            #expect(page.contains("<section class=\"conflict current\" data-record=\"\(key)\""))
            #expect(page.contains("<kbd>e</kbd> then the reason's number exclude"))

            // A reason of another stage, or none, is refused.
            let wrong = try await Self.post(
                client, [("key", key), ("stage", "title-abstract"), ("decision", "exclude:E7")])
            #expect(wrong.1.contains("is not a decision at this stage"))
            #expect(fixture.logLines("carla").count == 1)

            let done = try await Self.post(
                client,
                [
                    ("key", key), ("stage", "title-abstract"), ("decision", "exclude:E4"),
                    ("note", "setting is a hospital"),
                ])
            #expect(done.0 == .ok)
            #expect(done.1.contains("recorded: exclude E4 \(key) in screening/carla.jsonl"))
            #expect(done.1.contains("No unresolved conflicts."))
            let lines = fixture.logLines("carla")
            #expect(lines.count == 2)
            #expect(
                lines[1].contains("\"stage\":\"reconcile\"") && lines[1].contains("\"reconciles\":\"title-abstract\""))
            #expect(lines[1].contains("\"reason\":\"E4\"") && lines[1].contains("\"note\":\"setting is a hospital\""))

            // The same form again (another tab): nothing written twice.
            let again = try await Self.post(
                client, [("key", key), ("stage", "title-abstract"), ("decision", "include")])
            #expect(again.1.contains("has no unresolved conflict at title/abstract"))
            #expect(fixture.logLines("carla").count == 2)
        }
    }

    @Test func aHeldLogIsReportedAndNothingIsWritten() async throws {
        let fixture = try WebFixture()
        let key = try Self.conflict(fixture)
        let terminal = try DecisionLog(
            directory: fixture.folder.screening.path, reviewer: "carla", displayDirectory: "screening",
            holder: LockHolder(reviewer: "carla", pid: 4711, host: "lab-3"), now: { Date() })
        defer { terminal.close() }
        try await fixture.test { client in
            let held = try await Self.post(
                client, [("key", key), ("stage", "title-abstract"), ("decision", "include")])
            #expect(held.0 == .conflict)
            #expect(held.1.contains("screening/carla.jsonl is held by reviewer carla, process 4711 on host lab-3"))
            #expect(fixture.logLines("carla").count == 1)
            let noCSRF = try await client.execute(
                uri: "/reconcile/carla", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("key", key), ("stage", "title-abstract"), ("decision", "include")], csrf: nil))
            #expect(noCSRF.status == .forbidden)
        }
    }
}
