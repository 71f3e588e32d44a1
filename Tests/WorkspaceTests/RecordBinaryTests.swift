import Bibliography
import Foundation
import Formats
import Testing
@testable import Workspace

/// The index's binary record encoding: it must give back exactly the record stored.
@Suite struct RecordBinaryTests {
    static func roundTrip(_ record: Bibliography.Record) throws -> Bibliography.Record {
        let bytes = RecordBinary.encode(record)
        return try bytes.withUnsafeBytes { try RecordBinary.decode($0) }
    }

    /// Every field set, with values the public initialisers would normalise away.
    static var everyField: Bibliography.Record {
        var author = Author(family: "van der Berg", given: "Anna Maria", suffix: "Jr")
        author.initials = ""  // the initialiser derives "AM"; stored as given, it must stay empty
        var group = Author(group: "Dutch COPD Study Group")
        group.given = "not usually set"
        var date = PublicationDate(year: 2019)
        date.month = 13  // out of range: the initialiser would drop it
        date.day = 0
        date.text = "2019 Winter"
        var abstract = Abstract()
        abstract.sections = [
            Abstract.Section(
                label: "BACKGROUND", category: "BACKGROUND", text: "Group consultations (GC) — \"quoted\", tab\there."),
            Abstract.Section(label: "", category: nil, text: ""),  // the initialiser would filter this one out
            Abstract.Section(text: String(repeating: "long text ", count: 500) + "ünïcödé 中文 🙂"),
        ]
        return Bibliography.Record(
            type: .conferenceAbstract, title: "Ärzte\nund \u{0} Patienten", originalTitle: "",
            abstract: abstract, authors: [author, group], editors: [Author(family: "Editor")], date: date,
            journal: "J", journalAbbreviation: "", volume: "12", issue: "3", pages: "e0123", doi: "10.5555/x(1)",
            pmid: "123456789", pmcid: "PMC1", otherIDs: [Identifier("isbn", "978"), Identifier("", "")],
            languages: ["eng", "dut"], publicationTypes: ["Journal Article"],
            mesh: [
                MeshHeading(descriptor: "COPD", qualifiers: ["therapy", "epidemiology"], isMajorTopic: true),
                MeshHeading(descriptor: "Humans"),
            ],
            keywords: ["a", ""], affiliations: ["Utrecht"], urls: ["https://example.org/a?b=c"], publisher: "P",
            notes: ["note 1", "note 2"]
        )
    }

    @Test func everyFieldRoundTripsExactly() throws {
        let record = Self.everyField
        #expect(try Self.roundTrip(record) == record)
        #expect(try Self.roundTrip(record).authors[0].initials == "")
        #expect(try Self.roundTrip(record).date?.month == 13)
        #expect(try Self.roundTrip(record).abstract.sections.count == 3)
    }

    @Test func emptyRecordAndExtremeNumbersRoundTrip() throws {
        #expect(try Self.roundTrip(Bibliography.Record()) == Bibliography.Record())
        for year in [Int.min, -1, 0, 1, 63, 64, 127, 128, 2026, Int.max] {
            var record = Bibliography.Record(title: "t")
            var date = PublicationDate(year: year)
            date.day = year
            record.date = date
            #expect(try Self.roundTrip(record) == record, "year \(year)")
        }
        var noYear = Bibliography.Record()
        noYear.date = PublicationDate(year: nil, text: "undated")
        #expect(try Self.roundTrip(noYear) == noYear)
    }

    @Test func aRegistryRecordKeepsItsTrialAndOthersTheirBytes() throws {
        var record = Self.everyField
        let before = RecordBinary.encode(record)
        #expect(before[0] == RecordBinary.version)
        record.trial = TrialRegistration(
            registrationID: "NCT09000001", register: "ClinicalTrials.gov", secondaryIDs: ["MU-1"],
            status: "recruiting", conditions: ["Type 2 Diabetes"], interventions: ["Behavioral: Group care"],
            startDate: PublicationDate(year: 2024, month: 3), completionDate: nil, sponsor: "Made-up University",
            countries: ["Netherlands", ""], studyType: "Interventional", phase: nil)
        #expect(try Self.roundTrip(record) == record)
        let bytes = RecordBinary.encode(record)
        #expect(bytes[0] == RecordBinary.trialVersion)
        #expect(Array(bytes[1..<before.count]) == Array(before[1...]))
        // Cut anywhere, even right after the notes, a registry row is an error, not a record without its trial.
        for length in before.count..<bytes.count {
            #expect(throws: RecordBinary.Damage.self) {
                try Array(bytes[..<length]).withUnsafeBytes { try RecordBinary.decode($0) }
            }
        }
    }

    @Test func everyReferenceTypeRoundTrips() throws {
        for type in ReferenceType.allCases {
            let record = Bibliography.Record(type: type, title: type.rawValue)
            #expect(try Self.roundTrip(record) == record)
        }
    }

    @Test func damagedBytesAreRejectedNotMisread() throws {
        let bytes = RecordBinary.encode(Self.everyField)
        // Every truncation is an error, never a different record.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(throws: RecordBinary.Damage.self) {
                try Array(bytes[..<length]).withUnsafeBytes { try RecordBinary.decode($0) }
            }
        }
        var otherVersion = bytes
        otherVersion[0] = RecordBinary.version &+ 1
        #expect(throws: RecordBinary.Damage.self) { try otherVersion.withUnsafeBytes { try RecordBinary.decode($0) } }
        let trailing = bytes + [0]
        #expect(throws: RecordBinary.Damage.self) { try trailing.withUnsafeBytes { try RecordBinary.decode($0) } }
        // A length beyond the end.
        let huge: [UInt8] = [RecordBinary.version, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect(throws: RecordBinary.Damage.self) { try huge.withUnsafeBytes { try RecordBinary.decode($0) } }
    }

    /// Every record of every export in `../shared/corpus` (when present) survives the round trip.
    @Test(.enabled(if: SharedCorpus.available, "../shared/corpus is absent: the corpus round trip was not run"))
    func sharedCorpusRoundTrips() throws {
        var checked = 0
        for file in try SharedCorpus.files() {
            guard let records = try? Exports.records(path: file.path) else { continue }  // malformed on purpose
            for record in records {
                #expect(try Self.roundTrip(record) == record, "\(file.lastPathComponent): \(record.key)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }
}

/// `<package root>/../shared/corpus`, else `/work/shared/corpus`.
enum SharedCorpus {
    static let url: URL = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let beside = packageRoot.deletingLastPathComponent().appending(path: "shared/corpus")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: "/work/shared/corpus")
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The export files, in path order (READMEs and manifests left out).
    static func files() throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var files: [URL] = []
        for case let file as URL in walker {
            let name = file.lastPathComponent
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                !name.hasPrefix("."), !name.hasPrefix("README"), !name.hasSuffix(".tsv"), !name.hasSuffix(".md")
            else { continue }
            files.append(file)
        }
        return files.sorted { $0.path < $1.path }
    }
}
