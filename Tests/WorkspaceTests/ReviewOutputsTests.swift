import Foundation
import Protocol
import Testing
import Workspace

/// Writing output/: only changed bytes are written, files no longer produced go, and a file
/// that cannot be written is named.
@Suite struct ReviewOutputsTests {
    func folder() throws -> ReviewFolder {
        let url = FileManager.default.temporaryDirectory.appending(path: "scoping-outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return ReviewFolder(root: url)
    }

    @Test func writesChangedFilesOnlyAndRemovesWhatIsNoLongerProduced() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder.root) }
        let files = ["report.md": "# Rapport\n", "gap-map.svg": "<svg/>", "report.en.md": "# Report\n"]
        let first = try ReviewOutputs.write(files, folder: folder, primary: .nl, languages: [.en])
        #expect(first.map(\.name) == ["gap-map.svg", "report.en.md", "report.md"])
        #expect(first.allSatisfy { $0.written })
        #expect(ReviewOutputs.summary(first) == "output/: wrote gap-map.svg, report.en.md, report.md")
        #expect(ReviewOutputs.languages(in: folder.output) == [.en])

        // The same bytes again: nothing written. No gap map any more, no English set asked for:
        // gap-map.svg goes, report.en.md stays (its language was not rendered this time).
        let second = try ReviewOutputs.write(["report.md": "# Rapport\n"], folder: folder, primary: .nl, languages: [])
        #expect(second == [ReviewOutputs.Written(name: "report.md", written: false, sha256: first[2].sha256)])
        #expect(ReviewOutputs.summary(second) == "output/: 1 files, all unchanged")
        #expect(ReviewOutputs.present(in: folder.output) == ["report.en.md", "report.md"])

        // A file of someone else's in output/ is never touched.
        try Data("mine".utf8).write(to: folder.output.appending(path: "notes.txt"))
        _ = try ReviewOutputs.write(["report.md": "# Rapport 2\n"], folder: folder, primary: .nl, languages: [.en])
        #expect(FileManager.default.fileExists(atPath: folder.output.appending(path: "notes.txt").path))
        #expect(!FileManager.default.fileExists(atPath: folder.output.appending(path: "report.en.md").path))
    }

    @Test func aFileThatCannotBeWrittenIsNamed() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder.root) }
        // A folder where the file should go: writing it fails whoever runs the test.
        try FileManager.default.createDirectory(
            at: folder.output.appending(path: "report.md"), withIntermediateDirectories: true)
        do {
            _ = try ReviewOutputs.write(["report.md": "x"], folder: folder, primary: .nl, languages: [])
            Issue.record("writing over a folder succeeded")
        } catch {
            guard case .cannotWrite(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == "output/report.md")
        }
    }
}
