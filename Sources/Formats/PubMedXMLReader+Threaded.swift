import Foundation

extension PubMedXMLReader {
    /// Reads the rest of `input` as PubMed XML on two threads: a second thread reads the file
    /// and runs libxml2, writing each record's steps to a ``PubMedTape``; the calling thread
    /// replays the tapes into ``Record``s and calls `handler`, in file order.
    ///
    /// The same events as ``feed(_:)`` and ``finish()`` on one thread, and the same errors:
    /// what came before a malformed spot is handed to `handler` first, then the
    /// ``FormatError`` (line, column, record) is thrown. When `handler` throws, the parser
    /// thread is stopped and that error is rethrown. Memory: at most `queueLength` tapes of
    /// about `tapeSize` bytes wait between the threads.
    static func read(
        _ input: InputFile,
        file: String,
        tapeSize: Int = 1 << 16,
        queueLength: Int = 4,
        handler: (ReaderEvent) throws -> Void
    ) throws {
        let queue = PubMedTapeQueue(capacity: queueLength)
        let parse = PubMedParseJob(input: input, file: file, queue: queue, tapeSize: tapeSize)
        let thread = Thread { parse.run() }
        thread.name = "scoping.pubmed-xml"
        // libxml2 and the callbacks need little stack; the same as a main thread, to be safe.
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            // Stops the parser if it is still going (the handler threw), and waits for it: the
            // input file and the queue are not touched after this returns.
            queue.cancel()
            parse.waitUntilDone()
        }
        var builder = PubMedRecordBuilder(file: file)
        while true {
            switch queue.pop() {
            case .tape(let tape):
                try tape.withUnsafeBytes { try builder.replay($0, handler: handler) }
                queue.recycle(tape)
            case .end:
                return
            case .failure(let error):
                throw error
            }
        }
    }
}

/// The parser thread's work: feed the file to a queueing ``PubMedXMLReader``, then close the
/// queue with the end or the error.
final class PubMedParseJob: @unchecked Sendable {
    // Unchecked: `input` is used by the parser thread only, from start to `done`; the caller
    // waits for `done` before it touches anything again.
    private let input: InputFile
    private let file: String
    private let queue: PubMedTapeQueue
    private let tapeSize: Int
    private let done = NSCondition()
    private var finished = false

    init(input: InputFile, file: String, queue: PubMedTapeQueue, tapeSize: Int) {
        self.input = input
        self.file = file
        self.queue = queue
        self.tapeSize = tapeSize
    }

    func run() {
        let reader = PubMedXMLReader(file: file, queue: queue, flushThreshold: tapeSize)
        do {
            try input.forEachChunk { chunk in
                try chunk.withUnsafeBufferPointer { try reader.feed($0) }
            }
            try reader.finish()
            queue.close(nil)
        } catch {
            // A read error (corrupt gzip) comes from outside the reader: hand on the records
            // completed before it first, as feeding them one by one would have. (After a
            // reader error the tape is already empty.)
            try? reader.deliver()
            queue.close(error)
        }
        done.lock()
        finished = true
        done.broadcast()
        done.unlock()
    }

    func waitUntilDone() {
        done.lock()
        while !finished { done.wait() }
        done.unlock()
    }
}

/// A bounded first-in first-out queue of tapes between the parser thread and the record
/// thread. ``push(_:)`` blocks while `capacity` tapes wait; emptied tapes' storage is reused.
final class PubMedTapeQueue: @unchecked Sendable {
    // Unchecked: every stored property is read and written under `condition`'s lock.

    /// What the consumer gets.
    enum Item {
        /// A copy of a tape's steps.
        case tape([UInt8])
        /// The parse ended normally.
        case end
        /// The parse ended with this error.
        case failure(any Error)
    }

    /// Thrown on the parser thread when the consumer has stopped (its handler threw).
    struct Cancelled: Error {}

    let capacity: Int
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var waitingTapes = 0
    private var spare: [[UInt8]] = []
    private var cancelled = false
    /// The most tapes that ever waited at once (for tests of the bound).
    private(set) var peakWaiting = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a tape queue holds at least one tape")
        self.capacity = capacity
    }

    /// Queues a copy of `bytes`, waiting while the queue is full.
    /// - Returns: false when the consumer has stopped (nothing is queued).
    func push(_ bytes: UnsafeRawBufferPointer) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waitingTapes >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        var tape = spare.popLast() ?? []
        tape.append(contentsOf: bytes)
        append(.tape(tape))
        waitingTapes += 1
        peakWaiting = max(peakWaiting, waitingTapes)
        return true
    }

    /// Ends the queue: with `error`, or normally when nil. Never blocks.
    func close(_ error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        append(error.map { .failure($0) } ?? .end)
    }

    /// The next item, waiting for one.
    func pop() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count { condition.wait() }
        let item = items[head]
        items[head] = .end
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        if case .tape = item {
            waitingTapes -= 1
            condition.broadcast()
        }
        return item
    }

    /// Gives a replayed tape's storage back for reuse.
    func recycle(_ tape: consuming [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        guard spare.count < capacity else { return }
        tape.removeAll(keepingCapacity: true)
        spare.append(tape)
    }

    /// Stops the producer: a waiting or later ``push(_:)`` returns false.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }

    private func append(_ item: Item) {
        items.append(item)
        condition.broadcast()
    }
}
