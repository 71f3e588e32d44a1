import Bibliography
import Foundation
import Testing

@testable import Formats

/// The PubMed reader's two stages: the tape, the bounded queue, and the two-thread path
/// against the one-thread one.
@Suite("PubMed XML tape and two-thread reading")
struct PubMedTapeTests {
    typealias S = PubMedTestSupport

    /// `count` minimal PubMed records, PMIDs 1…count, titles `Title n.`.
    static func articles(_ count: Int, broken: Int? = nil) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"
        for n in 1...count {
            xml += "<PubmedArticle><MedlineCitation><PMID>\(n)</PMID><Article><ArticleTitle>Title \(n).</ArticleTitle>"
            if n == broken { xml += "<Abstract></Article>" }
            xml += "<AuthorList><Author><LastName>Doe\(n)</LastName><ForeName>Jo</ForeName></Author></AuthorList>"
            xml += "</Article></MedlineCitation></PubmedArticle>\n"
        }
        return xml + "</PubmedArticleSet>\n"
    }

    /// Writes `text` to a temporary file and returns its path.
    static func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pubmed-tape-\(UUID().uuidString).xml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Reads `path` with the two-thread reader (small tapes and queue unless told).
    static func threaded(_ path: String, tapeSize: Int = 0, queueLength: Int = 1, stopAfter: Int? = nil) throws
        -> S.Result
    {
        var result = S.Result()
        try PubMedXMLReader.read(InputFile(path: path), file: "test.xml", tapeSize: tapeSize, queueLength: queueLength)
        { event in
            switch event {
            case .record(let r, let line):
                result.records.append(r)
                result.lines.append(line)
                if let stopAfter, result.records.count == stopAfter { throw StopReading() }
            case .delete(let pmids): result.deletions.append(pmids)
            case .warning(let w): result.warnings.append(w)
            }
        }
        return result
    }

    struct StopReading: Error {}

    @Test("a tape gives back its steps, texts and numbers in order")
    func tapeRoundTrip() {
        var tape = PubMedTape(capacity: 8)  // small: it has to grow
        tape.op(.beginRecord)
        tape.byte(1)
        tape.int(-42)
        let long = Array(repeating: UInt8(ascii: "x"), count: 5000)
        long.withUnsafeBufferPointer { tape.text($0) }
        tape.optionalText(nil)
        tape.text("é &#38; ü")
        let bytes = tape.bytes
        var cursor = PubMedTapeCursor(bytes)
        #expect(cursor.byte() == PubMedTapeOp.beginRecord.rawValue)
        #expect(cursor.byte() == 1)
        #expect(cursor.int() == -42)
        #expect(Array(cursor.text()) == long)
        #expect(cursor.optionalText() == nil)
        #expect(String(decoding: cursor.text(), as: UTF8.self) == "é &#38; ü")
        #expect(cursor.atEnd)
        tape.clear()
        let emptied = tape.isEmpty
        #expect(emptied)
    }

    @Test(
        "the two-thread path gives the same events as the one-thread path",
        arguments: [
            "pubmed-quirks.xml", "pubmed-book.xml",
        ])
    func sameAsPush(fixture: String) throws {
        let path = S.fixture(fixture)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let push = try S.feed(bytes, format: .pubmedXML, chunk: 4096)
        for (tapeSize, queueLength) in [(0, 1), (1 << 16, 4)] {
            let threaded = try PubMedTapeTests.threaded(path, tapeSize: tapeSize, queueLength: queueLength)
            #expect(threaded.records == push.records)
            #expect(threaded.lines == push.lines)
            #expect(threaded.deletions == push.deletions)
            #expect(threaded.warnings == push.warnings)
        }
    }

    @Test("the shared baseline file reads the same on two threads")
    func baselineSameAsPush() throws {
        let path = S.corpusFile("pubmed-xml/pp_medline16n0902.xml.gz")
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: ../shared/corpus/pubmed-xml is not there")
            return
        }
        var push = S.Result()
        let reader = PubMedXMLReader(file: "test.xml") { event in
            switch event {
            case .record(let r, let line):
                push.records.append(r)
                push.lines.append(line)
            case .delete(let pmids): push.deletions.append(pmids)
            case .warning(let w): push.warnings.append(w)
            }
        }
        try InputFile(path: path).forEachChunk { chunk in try chunk.withUnsafeBufferPointer { try reader.feed($0) } }
        try reader.finish()
        let threaded = try PubMedTapeTests.threaded(path, tapeSize: 1 << 12, queueLength: 2)
        #expect(threaded.records.count == 604)
        #expect(threaded.records == push.records)
        #expect(threaded.lines == push.lines)
        #expect(threaded.deletions == push.deletions)
    }

    @Test("records arrive in file order, through a queue of one tape")
    func order() throws {
        let path = try PubMedTapeTests.temporaryFile(PubMedTapeTests.articles(300))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try PubMedTapeTests.threaded(path)
        #expect(result.records.map(\.pmid) == (1...300).map { String($0) })
        #expect(result.records.map(\.title) == (1...300).map { "Title \($0)." })
        #expect(result.records.last?.authors.first?.family == "Doe300")
    }

    @Test("malformed XML: the records before it, then the same error as on one thread")
    func malformedMidway() throws {
        let xml = PubMedTapeTests.articles(50, broken: 31)
        let path = try PubMedTapeTests.temporaryFile(xml)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var pushRecords: [Record] = []
        let reader = PubMedXMLReader(file: "test.xml") { event in
            if case .record(let r, _) = event { pushRecords.append(r) }
        }
        let pushError = try #require(throws: FormatError.self) {
            try Array(xml.utf8).withUnsafeBufferPointer { try reader.feed($0) }
            try reader.finish()
        }
        var threadedRecords: [Record] = []
        let threadedError = try #require(throws: FormatError.self) {
            try PubMedXMLReader.read(InputFile(path: path), file: "test.xml", tapeSize: 0, queueLength: 1) { event in
                if case .record(let r, _) = event { threadedRecords.append(r) }
            }
        }
        #expect(pushRecords.count == 30)
        #expect(threadedRecords == pushRecords)
        #expect(threadedError.line == pushError.line && threadedError.column == pushError.column)
        #expect(threadedError.record == 31)
        #expect(threadedError.message == pushError.message)
        #expect(threadedError.message.hasPrefix("malformed XML: "))
    }

    @Test(
        "the fixtures' errors are the same through Exports.read (two threads)",
        arguments: [
            "pubmed-malformed.xml", "pubmed-truncated.xml",
        ])
    func fixtureErrors(fixture: String) throws {
        let path = S.fixture(fixture)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let pushError = try #require(throws: FormatError.self) {
            try S.feed(bytes, format: .pubmedXML, chunk: 1 << 16, file: path)
        }
        let readError = try #require(throws: FormatError.self) { try S.read(path, format: .pubmedXML) }
        #expect(readError == pushError)
    }

    /// The first `prefix` bytes of `text` as gzip made of stored deflate blocks, followed by a
    /// block of the reserved type: zlib reports the data corrupt there.
    static func corruptGzip(_ text: String, prefix: Int) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        let bytes = Array(text.utf8.prefix(prefix))
        var offset = 0
        while offset < bytes.count {
            let n = min(60_000, bytes.count - offset)
            out += [0x00, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += bytes[offset..<offset + n]
            offset += n
        }
        return out + [0x07, 0, 0, 0]
    }

    @Test("corrupt gzip: the records completed before it, then the error, as on one thread")
    func corruptGzipMidway() throws {
        let gz = PubMedTapeTests.corruptGzip(PubMedTapeTests.articles(3000), prefix: 400_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pubmed-tape-\(UUID().uuidString).xml.gz")
        try Data(gz).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var pushRecords: [Record] = []
        let reader = PubMedXMLReader(file: "test.xml") { event in
            if case .record(let r, _) = event { pushRecords.append(r) }
        }
        let pushError = try #require(throws: FormatError.self) {
            try InputFile(path: url.path).forEachChunk { chunk in
                try chunk.withUnsafeBufferPointer { try reader.feed($0) }
            }
        }
        var threadedRecords: [Record] = []
        // Tapes bigger than what is read before the error: nothing is handed on before it.
        let threadedError = try #require(throws: FormatError.self) {
            try PubMedXMLReader.read(InputFile(path: url.path), file: "test.xml", tapeSize: 1 << 22, queueLength: 1) {
                event in
                if case .record(let r, _) = event { threadedRecords.append(r) }
            }
        }
        #expect(pushError.message.contains("gzip"))
        #expect(threadedError == pushError)
        #expect(pushRecords.count > 100)
        #expect(threadedRecords == pushRecords)
    }

    @Test("a handler that throws stops the parser thread; its error comes back", arguments: [1, 7, 299])
    func consumerStops(after: Int) throws {
        let path = try PubMedTapeTests.temporaryFile(PubMedTapeTests.articles(300))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen = 0
        #expect(throws: StopReading.self) {
            try PubMedXMLReader.read(InputFile(path: path), file: "test.xml", tapeSize: 0, queueLength: 1) { event in
                if case .record = event {
                    seen += 1
                    if seen == after { throw StopReading() }
                }
            }
        }
        #expect(seen == after)
    }

    @Test("the queue holds at most its capacity, in order, and a cancelled push returns false")
    func boundedQueue() throws {
        let queue = PubMedTapeQueue(capacity: 2)
        let producer = Thread {
            for n in 0..<200 {
                var bytes = [UInt8(n & 0xFF), UInt8(n >> 8)]
                let pushed = bytes.withUnsafeMutableBytes { queue.push(UnsafeRawBufferPointer($0)) }
                if !pushed { return }
            }
            queue.close(nil)
        }
        producer.start()
        var received: [Int] = []
        loop: while true {
            switch queue.pop() {
            case .tape(let tape):
                received.append(Int(tape[0]) | Int(tape[1]) << 8)
                queue.recycle(tape)
                if received.count % 50 == 0 { usleep(2000) }  // a slow consumer: the producer waits
            case .end:
                break loop
            case .failure(let error):
                Issue.record("unexpected failure \(error)")
                break loop
            }
        }
        #expect(received == Array(0..<200))
        #expect(queue.peakWaiting <= 2)
        #expect(queue.peakWaiting >= 1)

        let cancelled = PubMedTapeQueue(capacity: 1)
        #expect([UInt8(1)].withUnsafeBytes { cancelled.push($0) })
        cancelled.cancel()
        #expect(![UInt8(2)].withUnsafeBytes { cancelled.push($0) })  // full and cancelled: no wait
    }
}
