import Foundation
import Testing

/// `scoping --help` and every command's `--help`, asserted whole against golden files in
/// `Tests/ScopingTests/Snapshots/help/` (one per command path: `screen.txt`, `dedup-review.txt`).
/// A change to a command's options shows in the diff; re-record with `SCOPING_RECORD=1 swift test`.
@Suite struct HelpGoldenTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Snapshots/help")
    static var recording: Bool { ProcessInfo.processInfo.environment["SCOPING_RECORD"] == "1" }

    /// The subcommand names listed under `SUBCOMMANDS:` in a help text.
    static func subcommands(of help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        // The list ends at the first blank line (a "See 'scoping help …'" note follows it).
        let list = help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix {
            !$0.isEmpty
        }
        return list.compactMap { line in
            // A subcommand line is indented by two spaces; continuation lines by more.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.dropFirst(2).prefix { $0 != " " }
            return name.isEmpty ? nil : String(name.replacingOccurrences(of: " (default)", with: ""))
        }
    }

    @Test func everyCommandsHelpMatchesItsGoldenFile() throws {
        let dir = try CLI.TempDir()
        var pending: [[String]] = [[]]
        var seen: [String] = []
        while let path = pending.popLast() {
            let result = try CLI.run(path + ["--help"], in: dir.url, environment: ["COLUMNS": "100"])
            #expect(result.status == 0, "scoping \(path.joined(separator: " ")) --help: \(result.stderr)")
            #expect(result.stderr.isEmpty)
            let name = path.isEmpty ? "scoping" : path.joined(separator: " ")
            seen.append(path.isEmpty ? "scoping" : path.joined(separator: "-"))
            let file = Self.snapshots.appending(path: (path.isEmpty ? "scoping" : path.joined(separator: "-")) + ".txt")
            if Self.recording {
                try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
                try Data(result.stdout.utf8).write(to: file)
            } else {
                let golden = try? String(contentsOf: file, encoding: .utf8)
                #expect(golden != nil, "no golden help for '\(name)'; record it with SCOPING_RECORD=1 swift test")
                if let golden {
                    #expect(
                        result.stdout == golden,
                        "the help of '\(name)' changed; review, then re-record with SCOPING_RECORD=1")
                }
            }
            guard path.count < 3 else { continue }
            for sub in Self.subcommands(of: result.stdout) where sub != "help" { pending.append(path + [sub]) }
        }
        #expect(seen.count > 20)
        // No golden file is left over from a command that is gone.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.snapshots.path).filter {
            $0.hasSuffix(".txt")
        }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(seen))
    }
}
