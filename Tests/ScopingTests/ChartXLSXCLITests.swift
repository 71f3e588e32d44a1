import Foundation
import Testing

/// `scoping chart export --xlsx` and `scoping chart import FILE.xlsx` on a copy of the demo
/// review whose charting has not started: the workbook route logs the same entries as CSV.
@Suite struct ChartXLSXCLITests {
    /// The log's lines without their timestamps.
    static func entries(_ dir: CLI.TempDir, _ reviewer: String) throws -> [String] {
        let text = try String(contentsOf: dir.url.appending(path: "charting/\(reviewer).jsonl"), encoding: .utf8)
        return text.split(separator: "\n").map {
            $0.replacingOccurrences(of: #""at":"[^"]*","#, with: "", options: .regularExpression)
        }
    }

    @Test func workbookExportAndImportMatchTheCSVRoute() throws {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(["protocol", "corpus", "screening"])
        let run = try CLI.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")

        let xlsx = try CLI.run(["chart", "export", "--xlsx", "--output", "sheet.xlsx"], in: dir.url)
        #expect(xlsx.status == 0, "\(xlsx.stderr)")
        #expect(xlsx.stderr.contains("wrote sheet.xlsx: "))
        let csv = try CLI.run(["chart", "export", "--csv", "--delimiter", ";", "--output", "sheet.csv"], in: dir.url)
        #expect(csv.status == 0, "\(csv.stderr)")
        let workbook = try Data(contentsOf: dir.url.appending(path: "sheet.xlsx"))
        #expect(workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // Without a flag, an .xlsx output name gives a workbook; on a pipe, --xlsx writes to stdout.
        #expect(try CLI.run(["chart", "export", "-o", "named.xlsx"], in: dir.url).status == 0)
        #expect(try Data(contentsOf: dir.url.appending(path: "named.xlsx")) == workbook)
        let piped = try CLI.run(["chart", "export", "--xlsx"], in: dir.url)
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("PK\u{3}\u{4}"))

        // The same entries and the same (no) problems: an untouched sheet imports as it is.
        let fromWorkbook = try CLI.run(["chart", "import", "sheet.xlsx", "--reviewer", "anna"], in: dir.url)
        let workbookEntries = try Self.entries(dir, "anna")
        try FileManager.default.removeItem(at: dir.url.appending(path: "charting/anna.jsonl"))
        let fromCSV = try CLI.run(["chart", "import", "sheet.csv", "--reviewer", "anna"], in: dir.url)
        let csvEntries = try Self.entries(dir, "anna")
        #expect(fromWorkbook.status == fromCSV.status)
        #expect(!workbookEntries.isEmpty)
        #expect(workbookEntries == csvEntries)
        #expect(fromWorkbook.stderr.replacingOccurrences(of: "sheet.xlsx", with: "sheet.csv") == fromCSV.stderr)

        // Told by content: a workbook named .csv is read as a workbook.
        try FileManager.default.copyItem(
            at: dir.url.appending(path: "sheet.xlsx"), to: dir.url.appending(path: "renamed.csv"))
        let renamed = try CLI.run(["chart", "import", "renamed.csv", "--reviewer", "bram"], in: dir.url)
        func problems(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { $0.contains(": error: (") }
        }
        #expect(problems(fromCSV.stderr).isEmpty, "\(fromCSV.stderr)")
        #expect(
            problems(renamed.stderr.replacingOccurrences(of: "renamed.csv", with: "sheet.csv"))
                == problems(fromCSV.stderr))
    }

    @Test func badWorkbooksAndOptions() throws {
        let dir = try CLI.TempDir()
        try dir.copyFromRepository(["protocol", "corpus"])
        let both = try CLI.run(["chart", "export", "--xlsx", "--csv", "-o", "x.xlsx"], in: dir.url)
        #expect(both.status == 64)
        let delimiter = try CLI.run(["chart", "export", "--xlsx", "--delimiter", ";", "-o", "x.xlsx"], in: dir.url)
        #expect(delimiter.status == 64)
        #expect(delimiter.stderr.contains("--delimiter is for CSV"))

        // A damaged workbook: zip magic, then garbage. One error naming the file, exit 65.
        try dir.write("broken.xlsx", "PK\u{3}\u{4}not really a zip archive")
        let broken = try CLI.run(["chart", "import", "broken.xlsx", "--reviewer", "anna"], in: dir.url)
        #expect(broken.status == 65, "\(broken.stderr)")
        #expect(broken.stderr.contains("error: broken.xlsx: not a readable .xlsx file"), "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appending(path: "charting/anna.jsonl").path))
    }
}
