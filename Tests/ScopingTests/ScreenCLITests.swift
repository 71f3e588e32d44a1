import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `scoping screen`: the line mode, the full-screen UI through a pseudo-terminal, a session
/// killed with SIGKILL, and two sessions for one reviewer.
///
/// The demo review is copied with its reviewers renamed to carla and dora, so the demo logs of
/// anna and bram play no part.
@Suite struct ScreenCLITests {
    // MARK: Fixture

    /// A copy of the demo review with reviewers carla and dora, ingested.
    static func review() throws -> CLI.TempDir {
        let dir = try CLI.TempDir()
        try dir.copyDemoReview()
        let protocolFile = dir.url.appending(path: "protocol/protocol.yaml")
        let text = try String(contentsOf: protocolFile, encoding: .utf8)
        #expect(text.contains("reviewers: [anna, bram]"))
        try Data(text.replacingOccurrences(of: "reviewers: [anna, bram]", with: "reviewers: [carla, dora]").utf8).write(
            to: protocolFile)
        let ingested = try CLI.run(["ingest"], in: dir.url)
        try #require(ingested.status == 0, "\(ingested.stderr)")
        return dir
    }

    static func logLines(_ dir: CLI.TempDir, _ reviewer: String) throws -> [[String: Any]] {
        let url = dir.url.appending(path: "screening/\(reviewer).jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// The key in a plain-mode record header: `── 3/154 · pmid:123 …`.
    static func headerKey(_ line: Substring) -> String? {
        guard line.hasPrefix("── ") else { return nil }
        let parts = line.components(separatedBy: " · ")
        return parts.count >= 2 ? parts[1] : nil
    }

    /// The records in the order `--order file` shows them: key and title, from a plain session that
    /// only looks (reviewer dora) and puts records off with `s`.
    static func firstRecords(_ dir: CLI.TempDir, count: Int) throws -> [(key: String, title: String)] {
        let run = try CLI.run(
            ["screen", "--reviewer", "dora", "--plain", "--order", "file"], in: dir.url,
            stdin: String(repeating: "s\n", count: count - 1) + "q\n")
        try #require(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [(String, String)] = []
        for (i, line) in lines.enumerated() {
            if let key = headerKey(line.hasPrefix("> ") ? line.dropFirst(2) : line), i + 1 < lines.count {
                out.append((key, String(lines[i + 1])))
            }
        }
        return out
    }

    // MARK: Line mode

    @Test func plainSessionDecidesUndoesAndResumes() throws {
        let dir = try Self.review()
        let first = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--order", "file"], in: dir.url, stdin: "?\ni\ne 1\nu\nq\n")
        #expect(first.status == 0, "\(first.stderr)")
        let out = first.stdout
        let headers = out.split(separator: "\n").compactMap {
            Self.headerKey($0.hasPrefix("> ") ? $0.dropFirst(2) : $0)
        }
        try #require(headers.count >= 4, "\(out)")
        let (key1, key2) = (headers[0], headers[1])
        #expect(out.hasPrefix("── 1/"))
        #expect(out.contains("i  include"))
        #expect(out.contains("saved: include \(key1)"))
        #expect(out.contains("saved: exclude (E4) \(key2)"))
        #expect(out.contains("undone: exclude \(key2)"))
        #expect(out.contains("screened 1 / to screen "))
        #expect(out.contains("every decision is saved in screening/carla.jsonl"))
        // The abstract's terms are marked, without colour.
        #expect(out.contains("[+") || out.contains("[-"))
        #expect(!out.contains("\u{1B}["))

        let log = try Self.logLines(dir, "carla")
        try #require(log.count == 3)
        #expect(log[0]["key"] as? String == key1 && log[0]["decision"] as? String == "include")
        #expect(log[0]["stage"] as? String == "title-abstract" && log[0]["reviewer"] as? String == "carla")
        #expect((log[0]["protocol"] as? String)?.count == 64)
        #expect(
            log[1]["key"] as? String == key2 && log[1]["decision"] as? String == "exclude"
                && log[1]["reason"] as? String == "E4")
        #expect(log[2]["key"] as? String == key2 && log[2]["decision"] as? String == "retract")
        // Every decision says the order it was shown in; the retraction none.
        #expect(log.map { $0["order"] as? String } == ["file", "file", nil])

        // Resume: the undone record comes back first, as record 2.
        let second = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--order", "file"], in: dir.url, stdin: "n seen twice\nm\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("── 2/"))
        #expect(Self.headerKey(second.stdout.split(separator: "\n")[0]) == key2)
        #expect(second.stdout.contains("saved: maybe \(key2)"))
        let resumed = try Self.logLines(dir, "carla")
        #expect(resumed.count == 4)
        #expect(resumed.last?["decision"] as? String == "maybe" && resumed.last?["note"] as? String == "seen twice")
    }

    @Test func unknownReviewerAndFullTextStage() throws {
        let dir = try Self.review()
        let stranger = try CLI.run(["screen", "--reviewer", "erik", "--plain"], in: dir.url, stdin: "q\n")
        #expect(stranger.status == 64)
        #expect(stranger.stderr.contains("'erik' is not a reviewer of this review"))

        // Nothing is included at title/abstract yet: full text has nothing to show. (Every
        // command reads a stage the same way: full-text, full_text, ft.)
        let empty = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--stage", "ft"], in: dir.url, stdin: "q\n")
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("Nothing left to screen at full-text"))

        // Both include the first record, carla excludes the second: only the first goes on.
        for reviewer in ["carla", "dora"] {
            let r = try CLI.run(
                ["screen", "--reviewer", reviewer, "--plain", "--order", "file"], in: dir.url,
                stdin: reviewer == "carla" ? "i\ne 1\nq\n" : "i\ni\nq\n")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let included = try #require(try Self.logLines(dir, "carla").first?["key"] as? String)
        try FileManager.default.createDirectory(
            at: dir.url.appending(path: "fulltext"), withIntermediateDirectories: true)
        let pdf =
            "fulltext/" + included.replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "/", with: "_")
            + ".pdf"
        try dir.write(pdf, "%PDF-1.4 demo")
        let marker = dir.url.appending(path: "opened.txt").path
        let full = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--stage", "full_text"], in: dir.url, stdin: "c\no\ne 1\nq\n",
            environment: ["OPENER": "/bin/sh -c 'echo \"$0\" > \(marker)'"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.hasPrefix("── 1/1 · \(included)"))
        #expect(full.stdout.contains("Full text: \(pdf) (o to open)"))
        #expect(full.stdout.contains("1  E7"))  // only full-text criteria
        #expect(!full.stdout.contains("E4  "))
        #expect(full.stdout.contains("saved: exclude (E7) \(included)"))
        var opened = ""
        for _ in 0..<100 where opened.isEmpty {
            opened = (try? String(contentsOfFile: marker, encoding: .utf8)) ?? ""
            usleep(20_000)
        }
        #expect(opened.hasSuffix(pdf + "\n"))
        let log = try Self.logLines(dir, "carla")
        #expect(log.last?["stage"] as? String == "full-text" && log.last?["reason"] as? String == "E7")
    }

    @Test func decisionsRecordTheOrderAndTheReportSaysIt() throws {
        let dir = try Self.review()
        // A pilot of two records at title/abstract instead of 50.
        let protocolFile = dir.url.appending(path: "protocol/protocol.yaml")
        let text = try String(contentsOf: protocolFile, encoding: .utf8)
        try #require(text.components(separatedBy: "pilot: 50").count == 2)
        try Data(text.replacingOccurrences(of: "pilot: 50", with: "pilot: 2").utf8).write(to: protocolFile)

        let random = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--order", "random", "--seed", "7"], in: dir.url,
            stdin: "i\ne 1\ni\nu\nm\nq\n")
        #expect(random.status == 0, "\(random.stderr)")
        let ranked = try CLI.run(["screen", "--reviewer", "carla", "--plain"], in: dir.url, stdin: "i\nq\n")
        #expect(ranked.status == 0, "\(ranked.stderr)")
        let log = try Self.logLines(dir, "carla")
        #expect(
            log.map { $0["decision"] as? String } == ["include", "exclude", "include", "retract", "maybe", "include"])
        // The pilot records come first in file order, whatever the order chosen.
        #expect(log.map { $0["order"] as? String } == ["file", "file", "random", nil, "random", "ranked"])

        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOf: dir.url.appending(path: "output/report.md"), encoding: .utf8)
        #expect(
            report.contains(
                "Beoordelingsvolgorde per reviewer, volgens de beslissingslogs. Titels en abstracts: carla 1 record in gerangschikte volgorde, "
                    + "1 in willekeurige volgorde en 2 in bestandsvolgorde. Gerangschikte volgorde: BM25 "), "\(report)"
        )
    }

    // MARK: Full screen through a pseudo-terminal

    @Test func fullScreenThroughPseudoTerminal() throws {
        let dir = try Self.review()
        let records = try Self.firstRecords(dir, count: 2)
        try #require(records.count == 2)
        let ui = try Child.spawn(["screen", "--reviewer", "carla", "--order", "file"], in: dir.url, pty: (80, 24))
        defer { ui.kill(SIGKILL) }
        try ui.waitFor("record 1 of ")
        let screen = ui.output
        #expect(screen.contains("\u{1B}[?1049h"))  // the alternate screen
        #expect(screen.contains(" carla · title/abstract · record 1 of "))
        #expect(screen.contains(records[0].key))
        #expect(screen.contains(String(records[0].title.prefix(24))))
        #expect(screen.contains("screened 0 / to screen ") || screen.contains("0 screened / "))
        #expect(screen.contains("i incl e excl m maybe"))

        ui.send("i")
        try ui.waitFor("saved: include \(records[0].key)")
        try ui.waitFor("record 2 of ")
        var log = try Self.logLines(dir, "carla")
        #expect(log.count == 1)
        #expect(log.first?["key"] as? String == records[0].key && log.first?["decision"] as? String == "include")
        #expect(log.first?["order"] as? String == "file")
        #expect(ui.output.contains(String(records[1].title.prefix(24))))

        // c shows the criteria one key away; any key goes back.
        ui.send("c")
        try ui.waitFor("Criteria for title/abstract")
        ui.send("x")
        // e then a digit: exclude with that reason.
        ui.send("e")
        try ui.waitFor("Press the reason's number")
        ui.send("2")
        try ui.waitFor("saved: exclude (E5) \(records[1].key)")
        log = try Self.logLines(dir, "carla")
        #expect(log.count == 2 && log.last?["reason"] as? String == "E5")

        // A note typed on the message line goes with the next decision.
        ui.send("nfrom the pty\r")
        try ui.waitFor("note kept")
        ui.send("m")
        try ui.waitFor("saved: maybe")
        log = try Self.logLines(dir, "carla")
        #expect(log.last?["note"] as? String == "from the pty")

        // Resize: the screen is drawn again for the new width.
        ui.resize(columns: 120, rows: 30)
        try ui.waitFor("i include  e exclude")

        ui.send("q")
        let status = try ui.waitForExit()
        #expect(status == 0)
        let all = ui.output
        let leave = try #require(all.range(of: "\u{1B}[?1049l", options: .backwards))
        #expect(all[leave.upperBound...].contains("screened 3, "))
    }

    @Test func sigkillKeepsEveryConfirmedDecision() throws {
        let dir = try Self.review()
        let ui = try Child.spawn(["screen", "--reviewer", "carla", "--order", "file"], in: dir.url, pty: (80, 24))
        defer { ui.kill(SIGKILL) }
        try ui.waitFor("record 1 of ")
        for (n, key) in ["i", "m", "i"].enumerated() {
            ui.send(key)
            try ui.waitFor("record \(n + 2) of ")  // confirmed: the next record is on screen
        }
        ui.kill(SIGKILL)
        _ = try ui.waitForExit()
        let log = try Self.logLines(dir, "carla")
        #expect(log.map { $0["decision"] as? String } == ["include", "maybe", "include"])
        // The lock died with the process; the log reads and the session resumes at record 4.
        let resumed = try CLI.run(
            ["screen", "--reviewer", "carla", "--plain", "--order", "file"], in: dir.url, stdin: "q\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("── 4/"))
        #expect(!resumed.stdout.contains("warning"))
    }

    @Test func ctrlCAndSigtermRestoreTheTerminal() throws {
        let dir = try Self.review()
        // Ctrl-C (a key in raw mode): quits like q, exit status 130.
        let first = try Child.spawn(["screen", "--reviewer", "carla", "--order", "file"], in: dir.url, pty: (80, 24))
        defer { first.kill(SIGKILL) }
        try first.waitFor("record 1 of ")
        first.send("i")
        try first.waitFor("record 2 of ")
        first.send("\u{03}")
        #expect(try first.waitForExit() == 130)
        #expect(first.output.contains("\u{1B}[?1049l"))
        #expect(first.output.contains("every decision is saved in screening/carla.jsonl"))

        // SIGTERM: the handler restores the terminal, then the signal ends the process.
        let second = try Child.spawn(["screen", "--reviewer", "carla", "--order", "file"], in: dir.url, pty: (80, 24))
        defer { second.kill(SIGKILL) }
        try second.waitFor("record 2 of ")
        second.kill(SIGTERM)
        #expect(try second.waitForExit() == SIGTERM)
        #expect(second.process.terminationReason == .uncaughtSignal)
        #expect(second.output.contains("\u{1B}[?1049l"))
        #expect(try Self.logLines(dir, "carla").count == 1)
    }

    // MARK: Lock

    @Test func secondSessionForOneReviewerExits75() throws {
        let dir = try Self.review()
        let first = try Child.spawn(["screen", "--reviewer", "carla", "--plain"], in: dir.url, pty: nil)
        defer { first.kill(SIGKILL) }
        try first.waitFor("> ")
        let second = try CLI.run(["screen", "--reviewer", "carla", "--plain"], in: dir.url, stdin: "i\nq\n")
        #expect(second.status == 75)
        #expect(
            second.stderr.contains("screening/carla.jsonl: in use by reviewer carla, process \(first.pid) on host "))
        #expect(try Self.logLines(dir, "carla").isEmpty)
        // Another reviewer is not held up.
        let other = try CLI.run(["screen", "--reviewer", "dora", "--plain"], in: dir.url, stdin: "q\n")
        #expect(other.status == 0)
        first.send("q\n")
        #expect(try first.waitForExit() == 0)
    }
}

/// The `scoping` binary running in the background, on a pseudo-terminal or on pipes, with its
/// output collected as it comes.
final class Child: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var collected = Data()
    private var inputFD: Int32 = -1
    private var masterFD: Int32 = -1
    private let done = DispatchSemaphore(value: 0)

    var pid: Int32 { process.processIdentifier }

    /// All output so far.
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Starts `scoping args…`; with `pty` (columns, rows) its standard streams are a new
    /// pseudo-terminal of that size, otherwise pipes.
    static func spawn(_ args: [String], in directory: URL, pty: (Int, Int)?) throws -> Child {
        let child = Child()
        let p = child.process
        p.executableURL = CLI.executable
        p.arguments = args
        p.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["TERM"] = "xterm"
        env.removeValue(forKey: "COLUMNS")
        env.removeValue(forKey: "LINES")
        p.environment = env
        let readFD: Int32
        if let (columns, rows) = pty {
            let master = PTY.posixOpenpt(O_RDWR | O_NOCTTY)
            guard master >= 0, PTY.grantpt(master) == 0, PTY.unlockpt(master) == 0, let name = PTY.ptsname(master)
            else {
                throw CocoaError(.fileReadUnknown)
            }
            let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
            guard slave >= 0 else { throw CocoaError(.fileReadUnknown) }
            child.masterFD = master
            child.resize(columns: columns, rows: rows, signal: false)
            let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
            p.standardInput = handle
            p.standardOutput = handle
            p.standardError = handle
            try p.run()
            try handle.close()
            child.inputFD = master
            readFD = master
        } else {
            let input = Pipe()
            let output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            p.standardError = output
            try p.run()
            child.inputFD = dup(input.fileHandleForWriting.fileDescriptor)
            try input.fileHandleForWriting.close()
            readFD = dup(output.fileHandleForReading.fileDescriptor)
        }
        let thread = Thread { [child] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                child.lock.lock()
                child.collected.append(contentsOf: buffer[0..<n])
                child.lock.unlock()
            }
            if readFD != child.masterFD { close(readFD) }
            child.done.signal()
        }
        thread.start()
        return child
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(inputFD, $0.baseAddress, $0.count) }
    }

    /// Sets the pseudo-terminal's size and tells the child (SIGWINCH).
    func resize(columns: Int, rows: Int, signal: Bool = true) {
        var ws = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = withUnsafeMutablePointer(to: &ws) { ioctl(masterFD, UInt(TIOCSWINSZ), $0) }
        if signal, process.isRunning { Glibc.kill(pid, SIGWINCH) }
    }

    func kill(_ signal: Int32) {
        if process.isRunning { Glibc.kill(pid, signal) }
    }

    /// Waits until the output contains `text` (10 s at most).
    func waitFor(_ text: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if output.contains(text) { return }
            usleep(20_000)
        }
        Issue.record(
            "timed out waiting for \(text.debugDescription); output so far:\n\(output.suffix(3000).debugDescription)",
            sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Waits for the process to end (10 s at most) and returns its status.
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            Glibc.kill(pid, SIGKILL)
            Issue.record("the process did not end")
        }
        process.waitUntilExit()
        _ = done.wait(timeout: .now() + 2)
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { Glibc.kill(pid, SIGKILL) }
        if masterFD >= 0 { close(masterFD) } else if inputFD >= 0 { close(inputFD) }
    }
}

/// The C library's pseudo-terminal calls, looked up at run time (Glibc's Swift module leaves
/// them out: they sit behind `_XOPEN_SOURCE`).
enum PTY {
    typealias OpenFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("no \(name) in the C library")
        }
        return unsafeBitCast(pointer, to: type)
    }

    static let posixOpenpt = symbol("posix_openpt", as: OpenFunction.self)
    static let grantpt = symbol("grantpt", as: OpenFunction.self)
    static let unlockpt = symbol("unlockpt", as: OpenFunction.self)
    static let ptsname = symbol("ptsname", as: NameFunction.self)
}
