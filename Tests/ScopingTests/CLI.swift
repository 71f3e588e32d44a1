import Foundation

/// Runs the built `scoping` binary, as a user would, and captures what it prints.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `scoping` executable built beside the test bundle.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appending(path: "scoping")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appending(path: ".build/debug/scoping")
    }

    /// Runs `scoping args…` in `directory` with `stdin` as input; NO_COLOR set unless `environment` says otherwise.
    static func run(
        _ args: [String], in directory: URL, stdin: String = "", environment: [String: String] = [:],
        asNobody: Bool = false
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = args
        if asNobody && getuid() == 0 {
            // As an ordinary user would (root reads and writes whatever the permissions say).
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", executable.path] + args
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "100"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try inPipe.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        group.enter()
        DispatchQueue.global().async {
            out = outPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        err = errPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// `setpriv` (util-linux), which runs a command as another user.
    static let setpriv = "/usr/bin/setpriv"
    /// The user and group id of `nobody`.
    static let nobody = 65534

    /// True when commands can run as an ordinary user: not root, or root with setpriv.
    static var canRunAsOrdinaryUser: Bool { getuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv) }

    /// Gives `url` and everything under it to `nobody` (when root: the user `asNobody` runs as).
    static func giveToNobody(_ url: URL) throws {
        guard getuid() == 0 else { return }
        for path in [url.path]
            + (try FileManager.default.subpathsOfDirectory(atPath: url.path)).map({ url.appending(path: $0).path })
        {
            chown(path, uid_t(nobody), gid_t(nobody))
        }
    }

    /// A new temporary directory, removed when the value is released.
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "scoping-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        @discardableResult
        func write(_ name: String, _ text: String) throws -> URL {
            let file = url.appending(path: name)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return file
        }

        /// A copy of the demo review (protocol and corpus) from the repository.
        func copyDemoReview() throws {
            for dir in ["protocol", "corpus"] {
                try FileManager.default.copyItem(at: CLI.packageRoot.appending(path: dir), to: url.appending(path: dir))
            }
        }
    }
}
