import Dedup
import Foundation
import Testing

/// The labelled sets of `<package root>/../shared/datasets/dedup`, when present.
enum SharedDatasets {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `<package root>/../shared/datasets/dedup`, else `/work/shared/datasets/dedup`.
    static let dedupDirectory: URL = {
        let beside = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/dedup")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: "/work/shared/datasets/dedup")
    }()
    static var available: Bool { FileManager.default.fileExists(atPath: dedupDirectory.path) }

    static func bytes(_ url: URL) throws -> [UInt8] {
        if FileManager.default.fileExists(atPath: url.path) { return Array(try Data(contentsOf: url)) }
        let gz = url.appendingPathExtension("gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", gz.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static func load(_ name: String) throws -> LabelledSet {
        let dir = dedupDirectory.appendingPathComponent(name)
        return try LabelledSet(
            name: name, records: bytes(dir.appendingPathComponent("records_pre_merged.csv")),
            mergedIDs: bytes(dir.appendingPathComponent("merged_record_ids.csv"))
        )
    }
}

@Suite("Labelled sets (../shared/datasets/dedup)")
struct LabelledSetTests {
    /// bib-dedupe 0.11's published sensitivity on each set: the floor.
    static let floors: [(String, Double)] = [
        ("stroke", 0.994), ("haematology", 0.889), ("cytology_screening", 0.992), ("respiratory", 0.936),
    ]

    @Test(
        "zero false merges and at least bib-dedupe's sensitivity",
        .enabled(if: SharedDatasets.available, "../shared/datasets/dedup is absent: labelled sets not run"),
        arguments: floors
    )
    func labelledSet(name: String, floor: Double) throws {
        let set = try SharedDatasets.load(name)
        let result = Deduplicator().run(set.inputs)
        let score = BenchmarkScore(
            allIDs: set.inputs.map(\.id), clusters: result.clusters.map(\.members), groups: set.groups)
        let byID = Dictionary(uniqueKeysWithValues: set.inputs.map { ($0.id, $0) })
        if ProcessInfo.processInfo.environment["DEDUP_DEBUG"] != nil {
            for m in score.falseMerges {
                print("FP \(name): \(m.map { "\($0) \(byID[$0]!.record.title.prefix(60))" })")
            }
            for m in score.missed {
                let d = Deduplicator().explain(byID[m[0]]!, byID[m[1]]!)
                print(
                    "FN \(name): \(m) \(d.verdict.label) \(d.reasons) \(d.differences.map { "\($0.field): \($0.a.prefix(70)) | \($0.b.prefix(70))" })"
                )
            }
        }
        print(
            "\(name): TP \(score.tp) FP \(score.fp) FN \(score.fn) TN \(score.tn) sensitivity \(score.sensitivity) specificity \(score.specificity) uncertain \(result.uncertain.count)"
        )
        #expect(score.falseMerges.isEmpty)
        // The published figures are rounded to three decimals: compare likewise.
        #expect((score.sensitivity * 1000).rounded() / 1000 >= floor)
    }
}
