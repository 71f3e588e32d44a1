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
/// options, the studies' keys in order and the running binary (``build``: an upgraded or rebuilt
/// `scoping` builds the file again, so features never come from another version's code even
/// when a change forgot to bump ``formatVersion``); a file that does not match, or does not read,
/// is built again. Records are read from the index only when shown.
public enum ScreeningCorpusStore {
    /// Bumped whenever the features or the file's layout change.
    static let formatVersion: UInt32 = 2  // 2: abstracts without rights notices
    static let magic = Array("SCOPINGCORPUS\n".utf8)

    /// The file of `stage` in `folder`.
    static func file(_ folder: ReviewFolder, _ stage: ScreeningStage) -> URL {
        folder.derived.appending(path: "screening-\(stage.rawValue).corpus")
    }

    /// The running executable, as its size and modification time (cheap, unlike hashing it).
    static let build: String = {
        guard let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size) \(modified)"
    }()

    /// What a corpus is valid for (see the type's documentation).
    static func validity(
        fingerprint: String, stage: ScreeningStage, includeTerms: [String], options: FeatureMatrix.Options,
        studies: [RecordKey], build: String = Self.build
    ) -> [UInt8] {
        var text = "v\(formatVersion)\n\(build)\n\(stage.rawValue)\n\(fingerprint)\n"
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

    /// True when the file is valid for `validity` and holds features (its header only is read).
    static func holdsFeatures(_ url: URL, validity: [UInt8]) -> Bool {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let file = FileReader(fd: fd)
        guard file.bytes(magic.count) == magic, file.value(UInt32.self) == formatVersion,
            file.bytes(validity.count) == validity, file.value(Int64.self) != nil,
            let keyBytes = file.value(Int64.self).map(Int.init), file.skip(keyBytes)
        else { return false }
        return file.value(UInt32.self) == 1
    }

    /// Reads the file when it is valid for `validity` (and holds features when `needsFeatures`);
    /// nil otherwise. The arrays are read straight into their storage (the file is never held
    /// whole in memory beside them).
    static func read(_ url: URL, validity: [UInt8], needsFeatures: Bool) -> Stored? {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let file = FileReader(fd: fd)
        guard file.bytes(magic.count) == magic, file.value(UInt32.self) == formatVersion,
            file.bytes(validity.count) == validity, let n = file.value(Int64.self).map(Int.init), n >= 0,
            let keyBytes = file.value(Int64.self).map(Int.init), let packed = file.bytes(keyBytes)
        else { return nil }
        var keys: [RecordKey] = []
        keys.reserveCapacity(n)
        var offset = 0
        for _ in 0..<n {
            guard packed.count - offset >= 4 else { return nil }
            let length = packed[offset..<offset + 4].withUnsafeBytes { Int($0.loadUnaligned(as: UInt32.self)) }
            offset += 4
            guard packed.count - offset >= length else { return nil }
            keys.append(RecordKey(rawValue: String(decoding: packed[offset..<offset + length], as: UTF8.self)))
            offset += length
        }
        guard offset == packed.count, let hasFeatures = file.value(UInt32.self) else { return nil }
        if hasFeatures == 0 { return needsFeatures ? nil : Stored(keys: keys, features: nil) }
        guard let columnCount = file.value(Int64.self).map(Int.init),
            let nonZero = file.value(Int64.self).map(Int.init),
            let rowStart: [Int64] = file.array(n + 1), let columns: [Int32] = file.array(nonZero),
            let values: [Float] = file.array(nonZero), let privateNorms: [Double] = file.array(n),
            let lengths: [Int64] = file.array(n), let keywordScores: [Double] = file.array(n), file.atEnd,
            let matrix = FeatureMatrix(
                rowStart: rowStart.map(Int.init), columns: columns, values: values, columnCount: columnCount,
                privateNorms: privateNorms, lengths: lengths.map(Int.init))
        else { return nil }
        return Stored(keys: keys, features: RankingFeatures(matrix: matrix, keywordScores: keywordScores))
    }

    /// Writes the file (a new file renamed over the old one), array by array; a review folder
    /// that cannot be written keeps none, silently: the corpus is then built at every start.
    static func write(_ stored: Stored, to url: URL, validity: [UInt8]) {
        let temporary = url.deletingLastPathComponent().appending(path: "." + url.lastPathComponent + ".new")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        var ok = true
        func put<T>(_ values: [T]) {
            guard ok else { return }
            values.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    guard n > 0 else {
                        ok = false
                        return
                    }
                    done += n
                }
            }
        }
        put(magic)
        put([formatVersion])
        put(validity)
        put([Int64(stored.keys.count)])
        var packed: [UInt8] = []
        for key in stored.keys {
            let utf8 = key.rawValue.utf8
            withUnsafeBytes(of: UInt32(utf8.count)) { packed.append(contentsOf: $0) }
            packed.append(contentsOf: utf8)
        }
        put([Int64(packed.count)])
        put(packed)
        if let features = stored.features {
            let m = features.matrix
            put([UInt32(1)])
            put([Int64(m.columnCount), Int64(m.columns.count)])
            put(m.rowStart.map(Int64.init))
            put(m.columns)
            put(m.values)
            put(m.privateNorms)
            put(m.lengths.map(Int64.init))
            put(features.keywordScores)
        } else {
            put([UInt32(0)])
        }
        close(fd)
        // rename(2) replaces the old file at once: a reader sees the old file or the new one.
        if !ok || rename(temporary.path, url.path) != 0 { unlink(temporary.path) }
    }
}

/// Reads the store's fields in order from a file; nil past its end (a damaged count never
/// allocates more than the file holds).
private final class FileReader {
    let fd: Int32
    private var remaining: Int

    init(fd: Int32) {
        self.fd = fd
        var info = stat()
        remaining = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Fills `buffer` from the file; false when the file ends first.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var done = 0
        while done < buffer.count {
            let n = Foundation.read(fd, buffer.baseAddress! + done, buffer.count - done)
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    var atEnd: Bool { remaining == 0 }

    /// Skips `n` bytes; false past the end.
    func skip(_ n: Int) -> Bool {
        guard n >= 0, n <= remaining, lseek(fd, off_t(n), SEEK_CUR) >= 0 else { return false }
        remaining -= n
        return true
    }

    func bytes(_ n: Int) -> [UInt8]? {
        let values: [UInt8]? = array(n)
        return values
    }

    func value<T: BitwiseCopyable>(_: T.Type) -> T? {
        let values: [T]? = array(1)
        return values?.first
    }

    /// `count` values of `T`, read straight into the array's storage.
    func array<T: BitwiseCopyable>(_ count: Int) -> [T]? {
        guard count >= 0, count <= remaining / MemoryLayout<T>.stride else { return nil }
        var ok = true
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            ok = fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = ok ? count : 0
        }
        remaining -= count * MemoryLayout<T>.stride
        return ok ? values : nil
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
