import Bibliography
import Foundation
import Protocol
import Screening

/// The screening corpus of a stage (``ScreeningCorpus``: the records' keys, the databases, the
/// ranking's features), built once per index, protocol terms and set of records, and kept:
///
/// - in `.scoping/screening-<stage>.corpus`, so the next `scoping screen` reads the features
///   instead of reading every record's text again (the first start after an import, a dedup or
///   a criteria change builds it);
/// - in memory by `scoping serve` (one ``ScreeningCorpusCache``), so every reviewer's queue at
///   a stage shares one corpus.
///
/// What the file is valid for is one SHA-256 (``validity``) over the file format's version,
/// the index's ``ReviewIndex/contentFingerprint()``, the stage, the include terms, the feature
/// options and the studies' keys in order; a file that does not match, or does not read, is
/// built again. Records are read from the index only when shown.
public enum ScreeningCorpusStore {
    /// Bumped whenever the features or the file's layout change.
    static let formatVersion: UInt32 = 1
    static let magic = Array("SCOPINGCORPUS\n".utf8)

    /// The file of `stage` in `folder`.
    static func file(_ folder: ReviewFolder, _ stage: ScreeningStage) -> URL {
        folder.derived.appending(path: "screening-\(stage.rawValue).corpus")
    }

    /// What a corpus is valid for (see the type's documentation).
    static func validity(
        fingerprint: String, stage: ScreeningStage, includeTerms: [String], options: FeatureMatrix.Options,
        studies: [RecordKey]
    ) -> [UInt8] {
        var text = "v\(formatVersion)\n\(stage.rawValue)\n\(fingerprint)\n"
        text += "terms \(includeTerms.joined(separator: "\u{1F}"))\n"
        text += "options \(options.stopWords) \(options.minDocumentFrequency) \(options.maxDocumentShare) "
        text += "\(options.titleWeight)\n"
        var bytes = Array(text.utf8)
        for key in studies {
            bytes.append(contentsOf: key.rawValue.utf8)
            bytes.append(10)
        }
        return Array(FileDigest.sha256(bytes).utf8)
    }

    /// What the file holds: the records' keys and, when ranked, their features.
    struct Stored {
        var keys: [RecordKey]
        var features: RankingFeatures?
    }

    /// Reads the file when it is valid for `validity` (and holds features when `needsFeatures`); nil otherwise.
    static func read(_ url: URL, validity: [UInt8], needsFeatures: Bool) -> Stored? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> Stored? in
            var reader = ByteReader(raw)
            guard reader.bytes(magic.count) == magic, reader.u32() == formatVersion,
                reader.bytes(validity.count) == validity, let n = reader.int(), n >= 0
            else { return nil }
            var keys: [RecordKey] = []
            keys.reserveCapacity(n)
            for _ in 0..<n {
                guard let key = reader.string() else { return nil }
                keys.append(RecordKey(rawValue: key))
            }
            guard let hasFeatures = reader.u32() else { return nil }
            if hasFeatures == 0 { return needsFeatures ? nil : Stored(keys: keys, features: nil) }
            guard let columnCount = reader.int(), let nonZero = reader.int(),
                let rowStart: [Int] = reader.array(n + 1), let columns: [Int32] = reader.array(nonZero),
                let values: [Float] = reader.array(nonZero), let privateNorms: [Double] = reader.array(n),
                let lengths: [Int] = reader.array(n), let keywordScores: [Double] = reader.array(n), reader.atEnd,
                let matrix = FeatureMatrix(
                    rowStart: rowStart, columns: columns, values: values, columnCount: columnCount,
                    privateNorms: privateNorms, lengths: lengths)
            else { return nil }
            return Stored(keys: keys, features: RankingFeatures(matrix: matrix, keywordScores: keywordScores))
        }
    }

    /// Writes the file (a new file renamed over the old one); a review folder that cannot be
    /// written keeps none, silently: the corpus is then built at every start.
    static func write(_ stored: Stored, to url: URL, validity: [UInt8]) {
        var out: [UInt8] = magic
        func append<T>(_ values: [T]) { values.withUnsafeBytes { out.append(contentsOf: $0) } }
        append([formatVersion])
        out.append(contentsOf: validity)
        append([Int64(stored.keys.count)])
        for key in stored.keys {
            let utf8 = Array(key.rawValue.utf8)
            append([UInt32(utf8.count)])
            out.append(contentsOf: utf8)
        }
        if let features = stored.features {
            let m = features.matrix
            append([UInt32(1)])
            append([Int64(m.columnCount), Int64(m.columns.count)])
            append(m.rowStart.map(Int64.init))
            append(m.columns)
            append(m.values)
            append(m.privateNorms)
            append(m.lengths.map(Int64.init))
            append(features.keywordScores)
        } else {
            append([UInt32(0)])
        }
        let temporary = url.deletingLastPathComponent().appending(path: "." + url.lastPathComponent + ".new")
        do {
            try Data(out).write(to: temporary)
            // rename(2) replaces the old file at once: a reader sees the old file or the new one.
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

/// Reads the store's fields in order; every read checks the bounds (nil past the end).
private struct ByteReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var atEnd: Bool { offset == raw.count }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, raw.count - offset >= n else { return nil }
        defer { offset += n }
        return Array(raw[offset..<offset + n])
    }

    mutating func u32() -> UInt32? {
        guard raw.count - offset >= 4 else { return nil }
        defer { offset += 4 }
        return raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    }

    mutating func int() -> Int? {
        guard raw.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return Int(raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    mutating func string() -> String? {
        guard let n = u32(), raw.count - offset >= Int(n) else { return nil }
        defer { offset += Int(n) }
        return String(decoding: raw[offset..<offset + Int(n)], as: UTF8.self)
    }

    /// `count` values of `T` (Int is stored as 64 bits).
    mutating func array<T>(_ count: Int) -> [T]? {
        if T.self == Int.self {
            let wide: [Int64]? = array(count)
            return wide?.map { Int($0) } as? [T]
        }
        let size = MemoryLayout<T>.stride
        guard count >= 0, (raw.count - offset) / size >= count else { return nil }
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + count * size]))
            initialized = count
        }
        offset += count * size
        return values
    }
}

/// The corpora of the stages, shared by every queue one process builds (`scoping serve`): a
/// queue built for a stage whose corpus is still valid takes it instead of building its own.
public final class ScreeningCorpusCache: @unchecked Sendable {
    private let lock = NSLock()
    private var corpora: [ScreeningStage: (validity: [UInt8], corpus: ScreeningCorpus)] = [:]

    public init() {}

    func corpus(_ stage: ScreeningStage, validity: [UInt8]) -> ScreeningCorpus? {
        lock.withLock { corpora[stage].flatMap { $0.validity == validity ? $0.corpus : nil } }
    }

    func keep(_ corpus: ScreeningCorpus, _ stage: ScreeningStage, validity: [UInt8]) {
        lock.withLock { corpora[stage] = (validity, corpus) }
    }
}
