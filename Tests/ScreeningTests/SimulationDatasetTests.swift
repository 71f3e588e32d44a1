import Foundation
import Screening
import Testing

/// Runs the simulation on every labelled set in `../shared/datasets/screening` (skipped when
/// that folder is absent). In a debug build only the smallest set runs; build with
/// `-c release` for all of them and the table in docs/benchmarks.md.
@Suite struct SimulationDatasetTests {
    static var datasetFolder: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/datasets/screening")
    }

    static func readText(_ url: URL) throws -> String {
        if url.pathExtension == "gz" {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-dc", url.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test func simulateSharedDatasets() throws {
        let folder = Self.datasetFolder
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("skipped: \(folder.path) is absent (the shared datasets live beside the repository)")
            return
        }
        var files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz")
        }.sorted()
        #if DEBUG
            files = files.filter { $0.contains("Donners") }
        #endif
        let seeds: [UInt64] =
            ProcessInfo.processInfo.environment["SCOPING_SIM_SEEDS"].map { Array(1...UInt64(Int($0) ?? 1)) } ?? [1]
        var table =
            "| set | records | relevant | WSS@95 | WSS@100 | for 95% | for 100% | stop at (recall) | median retrain ms |\n"
        for file in files {
            let records = try ASReviewCSV.parse(try Self.readText(folder.appendingPathComponent(file)), file: file)
            let c =
                ProcessInfo.processInfo.environment["SCOPING_SIM_C"].flatMap(Double.init) ?? Ranker.Configuration().c
            let results = seeds.map {
                Simulation.run(
                    records: records, seed: $0, configuration: Ranker.Configuration(c: c), stoppingEvery: 1,
                    clock: ContinuousClock())
            }
            func mean(_ f: (SimulationResult) -> Double) -> Double {
                results.map(f).reduce(0, +) / Double(results.count)
            }
            let r = results[0]
            table +=
                "| \(file) | \(r.total) | \(r.relevant) | \(String(format: "%.3f", mean(\.wss95))) | \(String(format: "%.3f", mean(\.wss100))) | \(String(format: "%.0f", mean { Double($0.recordsFor95) })) | \(String(format: "%.0f", mean { Double($0.recordsFor100) })) | "
            table += results.map {
                "\($0.stoppedAt.map(String.init) ?? "–") (\($0.recallAtStop.map { String(format: "%.2f", $0) } ?? "–"))"
            }.joined(separator: ", ")
            table += " | \(String(format: "%.1f", mean { $0.medianRetrainMilliseconds ?? 0 })) |\n"
            #expect(r.wss95 > 0.2, "WSS@95 on \(file)")
            #expect(r.recordsFor100 <= r.total)
        }
        print(table)
    }
}
