import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The protocol's `hide_authors` (title/abstract): `scoping screen`, line mode and full screen,
/// shows neither authors nor journal, and says so.
@Suite struct HideAuthorsCLITests {
    /// A copy of the demo review (reviewers carla and dora), with `hide_authors: true` when asked.
    static func review(hideAuthors: Bool) throws -> CLI.TempDir {
        let dir = try ScreenCLITests.review()
        guard hideAuthors else { return dir }
        let file = dir.url.appending(path: "protocol/protocol.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("      pilot: 50\n"))
        try Data(
            text.replacingOccurrences(of: "      pilot: 50\n", with: "      pilot: 50\n      hide_authors: true\n").utf8
        )
        .write(to: file)
        return dir
    }

    /// The first record of a line-mode session in file order: the lines from its header to the status line.
    static func firstRecord(_ dir: CLI.TempDir) throws -> [String] {
        let run = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--order", "file"], in: dir.url, stdin: "q\n")
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("── ") })
        let end = try #require(lines[start...].firstIndex { $0.hasPrefix("screened ") })
        return Array(lines[start..<end])
    }

    @Test func lineModeHidesAuthorsAndJournal() throws {
        let shown = try Self.firstRecord(Self.review(hideAuthors: false))
        let hidden = try Self.firstRecord(Self.review(hideAuthors: true))
        // Header, title, byline (authors and year), journal, then the rest.
        #expect(shown[0] == hidden[0] && shown[1] == hidden[1])
        let byline = shown[2]
        let year = try #require(byline.range(of: #"\(\d{4}\)$"#, options: .regularExpression))
        #expect(byline.count > 6, "authors before the year: \(byline)")
        #expect(hidden[2] == String(byline[year]))
        #expect(hidden[3] == "authors and journal hidden (protocol: hide_authors)")
        let journal = shown[3]
        #expect(!hidden.contains(journal) && !hidden.contains(byline))
        #expect(Array(shown[4...]) == Array(hidden[4...]))
    }

    @Test func theFullScreenUIHidesThemToo() throws {
        let dir = try Self.review(hideAuthors: true)
        let shown = try Self.firstRecord(Self.review(hideAuthors: false))
        let ui = try Child.spawn(["screen", "--reviewer", "carla", "--order", "file"], in: dir.url, pty: (100, 30))
        defer { ui.kill(SIGKILL) }
        try ui.waitFor("authors and journal hidden (protocol: hide_authors)")
        #expect(!ui.output.contains(shown[3]))
        #expect(!ui.output.contains(String(shown[2].prefix(12))))
        ui.send("q")
        #expect(try ui.waitForExit() == 0)
    }
}
