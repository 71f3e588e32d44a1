import ArgumentParser
import Foundation
import Formats
import Workspace

extension Scoping.Bench {
    /// `scoping bench ingest FILE`: ingest throughput and peak memory on one export.
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Measure reading (and indexing) one export: records/s, MB/s, peak RSS.",
            discussion: """
                Reads FILE with the reader its content calls for and, unless --parse-only, \
                imports it into a fresh index in a temporary folder through the same code path \
                as `scoping ingest` (one transaction, FTS5; parsing and SQLite on two threads). \
                Prints one line of key=value pairs; cpu_seconds counts every thread. \
                Benchmarks/ingest.sh runs it beside the C libxml2 reader of ../shared/bench.
                """
        )

        @Argument(help: "The export to read (.gz is fine).")
        var file: String

        @Flag(help: "Only parse; do not write an index.")
        var parseOnly = false

        func run() throws {
            let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let start = DispatchTime.now().uptimeNanoseconds
            var records = 0
            do {
                if parseOnly {
                    let summary = try Exports.read(path: file) { _ in }
                    records = summary.records
                } else {
                    let dir = FileManager.default.temporaryDirectory.appending(path: "scoping-bench-\(getpid())")
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    defer { try? FileManager.default.removeItem(at: dir) }
                    let index = try ReviewIndex(path: dir.appending(path: "index.sqlite").path)
                    records = try index.importFile(path: file, name: (file as NSString).lastPathComponent).records
                }
            } catch {
                throw report(error)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let rssMB = Double(usage.ru_maxrss) / 1024
            // CPU time of every thread (the import is pipelined): beside the wall-clock time, it
            // shows what the run cost when other processes share the cores.
            let cpu =
                Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
                    usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            Console.out(
                String(
                    format:
                        "mode=%@ records=%d seconds=%.3f cpu_seconds=%.3f records_per_s=%.0f mb_per_s=%.1f peak_rss_mb=%.1f",
                    parseOnly ? "parse" : "index", records, seconds, cpu, Double(records) / seconds,
                    Double(bytes) / 1_048_576 / seconds, rssMB
                ))
        }
    }
}
