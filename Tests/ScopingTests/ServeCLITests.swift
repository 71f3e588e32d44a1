import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `scoping serve`: another host only with `--team`; team mode prints a URL per reviewer and
/// keeps only the tokens' hashes; the framework's own log lines stay quiet.
@Suite struct ServeCLITests {
    @Test func anotherHostIsRefusedWithoutTeam() throws {
        let dir = try ScreenCLITests.review()
        let refused = try CLI.run(["serve", "--host", "0.0.0.0", "--port", "0"], in: dir.url)
        #expect(refused.status == 64)
        #expect(
            refused.stderr.hasPrefix(
                "Error: --host 0.0.0.0: without --team, scoping serve listens on 127.0.0.1 only. Add --team to give "
                    + "each reviewer their own token (the server has no TLS: use an SSH tunnel or a reverse proxy), "
                    + "or reach 127.0.0.1 from elsewhere through an SSH tunnel.\n"))
        let tokens = try CLI.run(["serve", "--new-tokens", "--port", "0"], in: dir.url)
        #expect(tokens.status == 64)
        #expect(tokens.stderr.hasPrefix("Error: --new-tokens and --public-host go with --team\n"))
    }

    @Test func teamModePrintsAURLPerReviewerAndKeepsOnlyHashes() throws {
        let dir = try ScreenCLITests.review()
        let server = try Child.spawn(["serve", "--team", "--port", "0"], in: dir.url, pty: nil)
        defer { server.kill(SIGKILL) }
        try server.waitFor("in team mode")
        try server.waitFor("dora http://127.0.0.1:")
        let lines = server.output.split(separator: "\n").map(String.init)
        let urls = lines.filter { $0.hasPrefix("carla http://") || $0.hasPrefix("dora http://") }
        #expect(urls.count == 2)
        let stored = try String(
            contentsOf: dir.url.appending(path: ".scoping/serve-tokens.json"), encoding: .utf8)
        for line in urls {
            let token = try #require(line.components(separatedBy: "?token=").last)
            #expect(token.count == 64)
            #expect(!stored.contains(token))
        }
        #expect(server.output.contains("This server has no TLS"))
        #expect(!server.output.contains("Server started"))
        server.kill(SIGTERM)
        _ = try server.waitForExit()

        // A restart keeps the tokens and prints none.
        let again = try Child.spawn(["serve", "--team", "--port", "0"], in: dir.url, pty: nil)
        defer { again.kill(SIGKILL) }
        try again.waitFor("tokens issued earlier still hold for carla, dora (--new-tokens issues new ones)")
        #expect(!again.output.contains("?token="))
    }
}
