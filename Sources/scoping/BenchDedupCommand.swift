import ArgumentParser
import Bibliography
import Dedup
import Foundation

extension Scoping {
    /// `scoping bench …`: measurements of the pipeline's stages on labelled data.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure pipeline stages on labelled data.",
            subcommands: [Dedup.self, Ingest.self, Rank.self, Stopping.self]
        )
    }
}

extension Scoping.Bench {
    /// `scoping bench dedup DIR`: deduplicates labelled sets and scores them per record.
    struct Dedup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dedup",
            abstract: "Score deduplication on labelled sets (bib-dedupe benchmark layout).",
            discussion: """
                DIR is one set (records_pre_merged.csv or .csv.gz and merged_record_ids.csv) or a \
                folder of such sets. Scored per record as the bib-dedupe benchmark does: TP = a \
                duplicate removed, FP = a record wrongly removed (a false merge), FN = a duplicate \
                kept. With --synthetic N, the records of DIR are perturbed into a set of about N \
                records with known duplicates, to measure speed and memory.
                """
        )

        @Argument(help: "A labelled set, or a folder of labelled sets.")
        var directory: String

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @Option(help: "Generate about N records by perturbing the records of DIR and run on those.")
        var synthetic: Int?

        @Flag(help: "List the false merges and missed duplicates on stderr.")
        var verbose = false

        func validate() throws {
            if let n = synthetic, n < 1 { throw ValidationError("--synthetic needs a positive number of records") }
        }

        func run() throws {
            let sets = try Self.loadSets(directory)
            guard !sets.isEmpty else {
                throw BenchDedupError(
                    "\(directory): no labelled set here or in its subfolders; expected records_pre_merged.csv[.gz] and merged_record_ids.csv"
                )
            }
            var rows: [BenchmarkRow] = []
            if let n = synthetic {
                var seen = Set<String>()
                let base = sets.flatMap(\.inputs).map(\.record).filter {
                    !$0.title.isEmpty && seen.insert($0.title).inserted
                }
                let set = SyntheticSet.generate(from: base, count: n)
                rows.append(measure(set))
            } else {
                for set in sets { rows.append(measure(set)) }
                if rows.count > 1 { rows.append(.pooled(rows)) }
            }
            Console.out(json ? BenchmarkReport.json(rows) : BenchmarkReport.table(rows), terminator: json ? "\n" : "")
            if let peak = Self.peakMemoryMB() { Console.err("peak memory: \(peak) MB") }
        }

        func measure(_ set: LabelledSet) -> BenchmarkRow {
            var options = DedupOptions()
            options.keepDecisions = false
            let clock = ContinuousClock()
            let start = clock.now
            let result = Deduplicator(options: options).run(set.inputs)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let score = BenchmarkScore(
                allIDs: set.inputs.map(\.id), clusters: result.clusters.map(\.members), groups: set.groups)
            if verbose {
                for m in score.falseMerges { Console.err("\(set.name): false merge \(m.joined(separator: " + "))") }
                for m in score.missed { Console.err("\(set.name): missed \(m.joined(separator: " = "))") }
            }
            return BenchmarkRow(set: set.name, score: score, seconds: seconds, uncertain: result.uncertain.count)
        }

        /// The set in `path`, or the sets in its subfolders, sorted by name.
        static func loadSets(_ path: String) throws -> [LabelledSet] {
            let fm = FileManager.default
            if let set = try loadSet(path) { return [set] }
            let children = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            return try children.sorted().compactMap { try loadSet((path as NSString).appendingPathComponent($0)) }
        }

        static func loadSet(_ dir: String) throws -> LabelledSet? {
            let fm = FileManager.default
            let records = (dir as NSString).appendingPathComponent("records_pre_merged.csv")
            let groups = (dir as NSString).appendingPathComponent("merged_record_ids.csv")
            guard fm.fileExists(atPath: groups) else { return nil }
            let recordBytes: [UInt8]
            if fm.fileExists(atPath: records) {
                recordBytes = try read(records)
            } else if fm.fileExists(atPath: records + ".gz") {
                recordBytes = try gunzip(records + ".gz")
            } else {
                return nil
            }
            let groupBytes = try read(groups)
            do {
                return try LabelledSet(
                    name: (dir as NSString).lastPathComponent, records: recordBytes, mergedIDs: groupBytes)
            } catch {
                throw BenchDedupError("\(dir)/\(error.description)")
            }
        }

        static func read(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BenchDedupError("\(path): cannot read the file; check its permissions")
            }
            return Array(data)
        }

        /// Decompresses with the system's `gzip -dc`.
        static func gunzip(_ path: String) throws -> [UInt8] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchDedupError(
                    "\(path): gzip could not decompress it (exit \(process.terminationStatus)); check the file")
            }
            return Array(data)
        }

        /// Peak resident memory of this process (Linux `VmHWM`), in MB.
        static func peakMemoryMB() -> Int? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let kb = line.split(separator: " ").compactMap { Int($0) }.first
                return kb.map { $0 / 1024 }
            }
            return nil
        }
    }
}

/// A labelled set that cannot be found or read; the message names the file.
struct BenchDedupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
