import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One command per exit code path, its status and everything it printed on stderr, asserted
/// whole against `Snapshots/exit-codes.txt` (re-record with `SCOPING_RECORD=1 swift test`).
/// Paths of the temporary review print as `<review>`.
@Suite struct ExitCodeGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "Snapshots/exit-codes.txt")

    @Test func everyExitCodePathSaysWhatAndWhere() throws {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        try dir.write(
            "corpus/broken.ris",
            "TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nER  - \n\nTY  - JOUR\nTI  - Thr")
        let empty = try CLI.TempDir()
        let cases: [(title: String, args: [String], in: URL)] = [
            ("64 usage: a required option is missing", ["screen"], dir.url),
            ("64 usage: an option's value is checked", ["ingest", "--searched", "2026-02-30"], dir.url),
            ("64 usage: a reviewer the protocol does not name", ["screen", "--reviewer", "zoe", "--plain"], dir.url),
            ("66 no input: a file that is not there", ["ingest", "nope.ris"], dir.url),
            ("65 data error: an export cut off", ["ingest", "corpus/broken.ris"], dir.url),
            ("1 problems: not a review folder", ["status"], empty.url),
            ("73 cannot write: an output file that cannot be replaced", ["matrix"], dir.url),
        ]
        // An output file that cannot be written: a folder stands where matrix.csv goes.
        try FileManager.default.createDirectory(
            at: dir.url.appending(path: "output/matrix.csv"), withIntermediateDirectories: true)
        var text = ""
        func run(_ c: (title: String, args: [String], in: URL)) throws {
            let result = try CLI.run(c.args, in: c.in)
            let stderr = result.stderr
                .replacingOccurrences(of: dir.url.path, with: "<review>")
                .replacingOccurrences(of: empty.url.path, with: "<empty>")
            text += "## \(c.title)\n$ scoping \(c.args.joined(separator: " "))\nexit \(result.status)\n\(stderr)\n"
        }
        for c in cases { try run(c) }
        // 75 busy: another writer holds the review's lock (this test process, on its behalf).
        try FileManager.default.createDirectory(
            at: dir.url.appending(path: ".scoping"), withIntermediateDirectories: true)
        let lockPath = dir.url.appending(path: ".scoping/write.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let holder = "scoping run, process 4242 on host lab-3, started 2026-12-05T10:00:00Z\n"
        _ = holder.withCString { pwrite(fd, $0, strlen($0), 0) }
        try run(("75 busy: another writer holds the review", ["criteria"], dir.url))

        if ProcessInfo.processInfo.environment["SCOPING_RECORD"] == "1" {
            try Data(text.utf8).write(to: Self.golden)
            return
        }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(text == golden, "exit-code messages changed; review, then re-record with SCOPING_RECORD=1")
    }
}
