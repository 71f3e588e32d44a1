public import Foundation

/// What the last successful `scoping run` ran on and wrote, kept in `.scoping/run.stamp`
/// (derived, safe to delete; JSON).
///
/// - the build of the tool (the index keeps its own, see ``ReviewIndex/importedBy()``): with a
///   different build nothing is skipped;
/// - every input file (`protocol/protocol.yaml`, the exports in `corpus/`, `screening/*.jsonl`,
///   `charting/*.jsonl`, `dedup/decisions.tsv`) by size, modification time, inode and SHA-256,
///   and the names in `fulltext/`;
/// - a fingerprint of the index (imports, eligibility, dedup), for commands run by hand between runs;
/// - every file written to `output/`, the same way;
/// - the messages and the "what still needs people" summary it printed, and its exit status.
///
/// When the tool, every input and every output file match (a file whose size, time or inode
/// changed is compared by its SHA-256), the next run only prints that summary again.
public struct RunStamp: Codable, Equatable, Sendable {
    /// The stamp's layout; another value (or an older stamp in text) reads as "no stamp".
    public static let currentFormat = 2

    /// A message a run printed, printed again when the next run has nothing to do.
    public struct Message: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable { case warning, error, note }
        public var kind: Kind
        public var text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    public var format = RunStamp.currentFormat
    public var tool: String
    /// The imports' SHA-256s, the dedup decision log's and the protocol's: what dedup and the criteria last ran on.
    public var dedupInputs: String
    public var index: String
    public var inputs: [FileStamp]
    public var fulltext: [String]
    public var outputs: [FileStamp]
    public var messages: [Message]
    public var status: String
    public var exitCode: Int32

    public init(
        tool: String, dedupInputs: String, index: String, inputs: [FileStamp], fulltext: [String], outputs: [FileStamp],
        messages: [Message], status: String, exitCode: Int32
    ) {
        self.tool = tool
        self.dedupInputs = dedupInputs
        self.index = index
        self.inputs = inputs
        self.fulltext = fulltext
        self.outputs = outputs
        self.messages = messages
        self.status = status
        self.exitCode = exitCode
    }

    public static func url(_ folder: ReviewFolder) -> URL { folder.derived.appending(path: "run.stamp") }

    /// What dedup and the criteria depend on: the imports, the dedup decision log, the protocol,
    /// and whether a study should be renamed after the key people's logs use.
    public static func dedupInputs(folder: ReviewFolder, index: ReviewIndex, loaded: LoadedProtocol) throws -> String {
        var lines = try index.imports().map { "import \($0.path) \($0.sha256)" }
        let log = folder.root.appending(path: DedupDecisionLog.relativePath)
        let logHash = FileManager.default.contents(atPath: log.path).map { FileDigest.sha256($0) } ?? "none"
        lines.append("dedup-decisions \(logHash)")
        lines.append("protocol \(loaded.sha256)")
        // A study to be named by the key people's logs use: dedup again.
        if try !folder.studyNamesAreCurrent(index) { lines.append("study-names pending") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The last run's stamp; nil when there is none or it cannot be read.
    public static func read(_ folder: ReviewFolder) -> RunStamp? {
        guard let data = FileManager.default.contents(atPath: url(folder).path),
            let stamp = try? JSONDecoder().decode(RunStamp.self, from: data), stamp.format == currentFormat
        else { return nil }
        return stamp
    }

    /// Writes the stamp atomically (a temporary file renamed over the old one).
    public func write(_ folder: ReviewFolder) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return }
        try? data.write(to: Self.url(folder), options: .atomic)
    }

    /// The human work (decision and charting logs, the dedup decision log) the last run read
    /// that is gone from the folder now: a deleted `screening/` loses people's decisions, and
    /// nothing else would say so.
    public static func vanishedHumanWork(_ folder: ReviewFolder) -> [String] {
        guard let stamp = read(folder) else { return [] }
        return stamp.inputs.map(\.path).filter { path in
            (path.hasPrefix("screening/") || path.hasPrefix("charting/") || path == DedupDecisionLog.relativePath)
                && !FileManager.default.fileExists(atPath: folder.root.appending(path: path).path)
        }
    }

    /// Removes the stamp: the next run redoes every stage (incrementally).
    public static func remove(_ folder: ReviewFolder) {
        try? FileManager.default.removeItem(at: url(folder))
    }

    /// This stamp (with refreshed file times) when the folder is exactly as the last run left
    /// it; nil when anything changed: an input, the fulltext/ listing, an output, the index.
    /// - Parameter outputs: the names of the files of ours now in output/, sorted.
    public func stillCurrent(_ folder: ReviewFolder, outputs present: [String]) -> RunStamp? {
        var stamp = self
        // Inputs: the same files, each with the same bytes.
        let paths = InputScan.inputPaths(folder)
        guard paths == inputs.map(\.path) else { return nil }
        for (i, file) in inputs.enumerated() {
            guard let same = file.unchanged(folder) else { return nil }
            stamp.inputs[i] = same
        }
        guard InputScan.fulltextNames(folder) == fulltext else { return nil }
        // Outputs: the files of ours in output/ are the ones written, each with the bytes written.
        guard present.map({ "output/" + $0 }) == outputs.map(\.path).sorted() else { return nil }
        for (i, file) in outputs.enumerated() {
            guard let same = file.unchanged(folder) else { return nil }
            stamp.outputs[i] = same
        }
        // The index: nobody ingested, deduplicated or applied criteria by hand since.
        guard FileManager.default.fileExists(atPath: folder.indexFile.path),
            let index = try? folder.openIndex(), (try? index.contentFingerprint()) == self.index
        else { return nil }
        return stamp
    }
}
