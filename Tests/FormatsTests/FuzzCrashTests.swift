import Foundation
import Testing
@testable import Formats

/// Every input that crashed a fuzzer (Fuzz/run.sh) stays here as a test: it must read or fail
/// with a FormatError, never trap.
@Suite struct FuzzCrashTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

    @Test(arguments: [("fuzz-ris-crash-1.ris", ExportFormat.ris), ("fuzz-csv-crash-1.tsv", .csv)])
    func readsWithoutTrapping(name: String, format: ExportFormat) throws {
        let path = Self.fixtures.appending(path: name).path
        do {
            try Exports.read(path: path, format: format) { _ in }
        } catch is FormatError {
            // A clear error is a fine outcome for fuzzed input.
        }
    }
}
