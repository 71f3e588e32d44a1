import Foundation
import Testing

extension CLI.TempDir {
    /// Copies these folders of the repository's demo review (those that exist) into the temp dir.
    func copyFromRepository(_ dirs: [String]) throws {
        for dir in dirs {
            let source = CLI.packageRoot.appending(path: dir)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try FileManager.default.copyItem(at: source, to: url.appending(path: dir))
        }
    }

    /// Every regular file under `dir`, by path relative to it, with its bytes.
    func files(under dir: String) throws -> [String: Data] {
        try CLI.files(under: url.appending(path: dir))
    }
}

extension CLI {
    static func files(under root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let names = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        for name in names {
            var isDirectory: ObjCBool = false
            let path = root.appending(path: name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            out[name] = FileManager.default.contents(atPath: path)
        }
        return out
    }

    /// The inputs of the demo review: everything but output/.
    static let demoInputs = ["protocol", "corpus", "screening", "charting", "dedup"]
}

/// `scoping run`, `report`, `matrix` and `status` on a copy of the demo review.
@Suite struct ReportCLITests {
    /// DESIGN.md: the demo review's output/ is committed and `scoping run` reproduces it byte for byte.
    @Test func runReproducesTheCommittedOutputByteForByte() throws {
        let committed = try CLI.files(under: CLI.packageRoot.appending(path: "output"))
        try #require(!committed.isEmpty, "output/ of the demo review is committed")
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(CLI.demoInputs + ["output"])

        let first = try CLI.run(["run"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("error:"), "\(first.stderr)")
        let regenerated = try dir.files(under: "output")
        #expect(regenerated.keys.sorted() == committed.keys.sorted())
        for (name, data) in committed {
            #expect(
                regenerated[name] == data,
                "output/\(name) differs from the committed one: run `swift run scoping run` and commit output/")
        }
        #expect(first.stderr.contains("output/: \(committed.count) files, all unchanged"), "\(first.stderr)")
        // What still needs people ends the run.
        #expect(first.stdout.contains("title/abstract:"))
        #expect(first.stdout.contains("charting:"))

        // A second run: nothing to redo, nothing changes.
        let second = try CLI.run(["run"], in: dir.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("nothing changed since the last run"), "\(second.stderr)")
        #expect(second.stdout == first.stdout)
        #expect(try dir.files(under: "output") == committed)

        // From an empty output/ and no index: the same bytes again.
        try FileManager.default.removeItem(at: dir.url.appending(path: "output"))
        try FileManager.default.removeItem(at: dir.url.appending(path: ".scoping"))
        let fresh = try CLI.run(["run"], in: dir.url)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try dir.files(under: "output") == committed)
    }

    @Test func demoOutputsAreComplete() throws {
        let output = CLI.packageRoot.appending(path: "output")
        let names = Set(try CLI.files(under: output).keys)
        for name in [
            "report.md", "matrix.csv", "matrix.md", "gap-map.csv", "gap-map.md", "gap-map.svg", "prisma.svg",
            "prisma.csv",
            "included.ris", "screening.csv", "asreview.csv", "gap-map.html", "report.html",
        ] {
            #expect(names.contains(name), "output/\(name)")
        }
        // Every included study once in the matrix, as many as included.ris holds.
        let ris = try String(contentsOf: output.appending(path: "included.ris"), encoding: .utf8)
        let included = ris.components(separatedBy: "\nER  -").count - 1
        let matrix = try String(contentsOf: output.appending(path: "matrix.md"), encoding: .utf8)
        #expect(included > 0)
        let report = try String(contentsOf: output.appending(path: "report.md"), encoding: .utf8)
        #expect(report.contains("Nieuwe vormen van chronische zorg"), "report.md in the protocol's language (nl)")
        #expect(matrix.split(separator: "\n").filter { $0.hasPrefix("| ") }.count >= included)
    }

    @Test func reportInEnglishStatusAndDocx() throws {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(CLI.demoInputs)
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let dutch = try String(contentsOf: dir.url.appending(path: "output/report.md"), encoding: .utf8)

        let english = try CLI.run(["report", "--lang", "en"], in: dir.url)
        #expect(english.status == 0, "\(english.stderr)")
        let report = try String(contentsOf: dir.url.appending(path: "output/report.en.md"), encoding: .utf8)
        #expect(report.contains("New forms of chronic care in Dutch general practice"))
        #expect(try String(contentsOf: dir.url.appending(path: "output/report.md"), encoding: .utf8) == dutch)

        // matrix alone with ';' rewrites only the matrix and the gap map.
        let matrix = try CLI.run(["matrix", "--delimiter", ";"], in: dir.url)
        #expect(matrix.status == 0, "\(matrix.stderr)")
        #expect(matrix.stderr.contains("matrix.csv"))
        #expect(!matrix.stderr.contains("report."))
        let csv = try String(contentsOf: dir.url.appending(path: "output/matrix.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").first?.contains(";") == true)

        let status = try CLI.run(["status", "--json"], in: dir.url)
        #expect(status.status == 0, "\(status.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect((object["included"] as? Int ?? 0) > 0)
        #expect(object["toChart"] as? [String] == [])
        #expect(object["done"] as? Bool == true)

        // --docx without pandoc on the PATH: how to install it, exit 69 (EX_UNAVAILABLE).
        let empty = try CLI.TempDir()
        let docx = try CLI.run(["report", "--docx"], in: dir.url, environment: ["PATH": empty.url.path])
        #expect(docx.status == 69)
        #expect(docx.stderr.contains("pandoc is not installed"))
        #expect(docx.stderr.contains("apt-get install pandoc"))
    }

    @Test func statusShowsWhatNeedsPeopleWithoutLogs() throws {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(["protocol", "corpus"])
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: "), "screening not done is a note")
        let status = try CLI.run(["status"], in: dir.url)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("anna "))
        // Without the dedup log, the register's registration of the DEMO-GC trial is a pair for a person.
        #expect(status.stdout.contains("next: scoping dedup review --reviewer NAME; screen the records left"))
    }
}
