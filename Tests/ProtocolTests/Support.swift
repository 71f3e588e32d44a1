import Bibliography
import Foundation
import Protocol

/// Paths and builders shared by the protocol tests.
enum Support {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ProtocolTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Tests/ProtocolTests/Fixtures")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// Whether golden files are re-recorded (`SCOPING_RECORD=1 swift test`).
    static var recording: Bool { ProcessInfo.processInfo.environment["SCOPING_RECORD"] == "1" }

    static func record(
        title: String = "",
        abstract: String = "",
        year: Int? = nil,
        languages: [String] = [],
        types: [String] = [],
        keywords: [String] = [],
        affiliations: [String] = [],
        journal: String? = nil
    ) -> Record {
        Record(
            title: title, abstract: Abstract(abstract), date: year.map { PublicationDate(year: $0) },
            journal: journal, languages: languages, publicationTypes: types, keywords: keywords,
            affiliations: affiliations
        )
    }
}
