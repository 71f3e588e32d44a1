import Foundation
import Testing
@testable import Formats

/// Every crash a fuzzer (Fuzz/run.sh) found stays here as a test, reduced to a record written by
/// us (the fuzzers' inputs mutate third-party files, which are not copied into the repository):
/// it must read or fail with a FormatError, never trap. Both crashes were given names whose first
/// letter upper-cases to two (`ß` → `SS`, `ﬃ` → `FFI`).
@Suite struct FuzzCrashTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

    @Test(arguments: [("fuzz-ris-crash-1.ris", ExportFormat.ris), ("fuzz-csv-crash-1.tsv", .csv)])
    func readsWithoutTrapping(name: String, format: ExportFormat) throws {
        let path = Self.fixtures.appending(path: name).path
        let records = try Exports.records(path: path, format: format)
        #expect(records.first?.authors.map(\.initials) == ["SS", "FFI"])
    }
}
