import Bibliography
import Formats
import Foundation

/// Reads and parses an export on its own thread while the importing thread writes SQLite:
/// parsing and writing (FTS5 above all) each take a second or more per 30,000 PubMed records,
/// and with a free second core they overlap.
///
/// The reader thread turns every record into the row the index stores (``PreparedRecord``:
/// the binary encoding, the full-text columns) and hands them over in batches through a bounded
/// queue, so memory stays bounded whatever the file size: at most ``capacity`` batches of
/// about ``batchBytes`` each wait at any time. Items arrive in file order.
///
/// Use: ``next()`` until nil, then ``result()``; ``stop()`` (always, e.g. in a `defer`) ends the
/// reader thread early when the importing side gave up, and waits for it.
final class ImportPipeline: @unchecked Sendable {
    /// One record as the index stores it, computed on the reader thread.
    struct PreparedRecord: Sendable {
        var line: Int
        var key: String
        var pmid: String?
        var doi: String?
        var year: Int?
        var title: String
        var firstAuthor: String?
        var journal: String?
        /// ``RecordBinary`` bytes.
        var data: Data

        init(_ record: Bibliography.Record, line: Int) {
            self.line = line
            key = record.key.rawValue
            pmid = record.pmid
            doi = record.doi
            year = record.year
            title = record.title
            firstAuthor = record.authors.first?.family
            journal = record.journal
            data = Data(RecordBinary.encode(record))
        }

        /// Roughly the memory it holds.
        var size: Int { 128 + data.count + title.utf8.count }
    }

    enum Item: Sendable {
        case record(PreparedRecord)
        /// PubMed `DeleteCitation` PMIDs.
        case delete([String])
    }

    /// Batches waiting at most; with ``batchBytes`` this bounds the queue's memory.
    static let capacity = 4
    /// A batch is handed over once it holds this many bytes (or 256 items).
    static let batchBytes = 256 * 1024

    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var outcome: Result<(Exports.Summary, String?), any Error>?
    private var cancelled = false
    private var finished = false

    /// Starts reading `path` on a new thread.
    init(path: String, name: String, format: ExportFormat?, acceptTruncated: Bool = false) {
        let thread = Thread { [self] in
            let result = Result {
                try self.read(path: path, name: name, format: format, acceptTruncated: acceptTruncated)
            }
            condition.lock()
            outcome = result
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "scoping import reader"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in file order; nil when the file is read to the end.
    /// - Throws: the reader's error (a ``FormatError``), once every batch before it was taken.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && outcome == nil { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if case .failure(let error) = outcome { throw error }
        return nil
    }

    /// What reading found, and the database the first record names (see `DatabaseGuess`);
    /// call after ``next()`` returned nil.
    func result() throws -> (Exports.Summary, String?) {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }

    /// Ends the reader early (when it is still running) and waits for its thread to finish.
    func stop() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Thrown inside the reader to stop parsing once the importing side has gone.
    private struct Cancelled: Error {}

    /// The reader thread's work.
    private func read(path: String, name: String, format: ExportFormat?, acceptTruncated: Bool) throws -> (
        Exports.Summary, String?
    ) {
        var batch: [Item] = []
        var bytes = 0
        var guessedDatabase: String?
        var first = true
        let summary = try Exports.read(path: path, name: name, format: format, acceptTruncated: acceptTruncated) {
            event in
            switch event {
            case .record(let record, let line):
                if first {
                    guessedDatabase = DatabaseGuess.from(record)
                    first = false
                }
                let prepared = PreparedRecord(record, line: line)
                bytes += prepared.size
                batch.append(.record(prepared))
            case .delete(let pmids):
                bytes += 64 + 16 * pmids.count
                batch.append(.delete(pmids))
            case .warning:
                return
            }
            if bytes >= Self.batchBytes || batch.count >= 256 {
                try put(batch)
                batch = []
                bytes = 0
            }
        }
        if !batch.isEmpty { try put(batch) }
        return (summary, guessedDatabase)
    }

    /// Queues a batch, waiting while the queue is full.
    private func put(_ batch: [Item]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        queue.append(batch)
        condition.broadcast()
    }
}

/// A value computed on a thread of its own; ``join()`` waits for it.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<Value, any Error>?

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// A value already known.
    init(value: Value) {
        outcome = .success(value)
    }

    /// The value, once computed; rethrows the work's error.
    func join() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }
}
