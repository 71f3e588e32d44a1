import CZlib
import Foundation

/// A file read in chunks, gunzipped transparently when it starts with the gzip magic bytes,
/// and handed out as UTF-8 when its content is UTF-16.
///
/// Memory stays bounded by the chunk size whatever the file size. The extension does not
/// matter: a `.gz` file that is not gzip is read as is, and gzip content without `.gz` is
/// decompressed. The encoding is read from the first bytes of the (decompressed) content
/// (``ContentEncoding/sniff(_:)``): UTF-16 is transcoded to UTF-8 here, once, so format
/// detection and every text reader see UTF-8 (or the single-byte text they fall back on); a
/// UTF-32 file is refused.
public final class InputFile {
    /// The path as given, for messages.
    public let path: String
    /// True when the content is gzip-compressed.
    public let isCompressed: Bool
    /// The encoding of the content, known after the first ``peek(_:)`` or ``next()``.
    public private(set) var encoding = ContentEncoding.utf8
    /// Whether ``peek(_:)`` and ``next()`` hand out UTF-16 content as UTF-8 (the default).
    /// Turned off, before the first ``next()``, for XML with a BOM or a declaration, which
    /// libxml2 decodes itself.
    public var transcodesUTF16 = true
    /// The transcoder of UTF-16 content once ``next()`` has used it: what it replaced, whether
    /// the content ended inside a character.
    public private(set) var transcoder: UTF16Transcoder?
    private var sniffed = false
    private var transcoderFinished = false

    private let fd: Int32
    private var stream = z_stream()
    /// Stable buffers: zlib keeps pointers into them between calls.
    private let inBuffer: UnsafeMutablePointer<UInt8>
    private let outBuffer: UnsafeMutablePointer<UInt8>
    private var inputEnd = false
    private var finished = false
    private let chunkSize: Int
    /// Content read ahead by ``peek(_:)``, handed out first by ``next()``.
    private var pushedBack: [UInt8] = []

    /// Opens `path` for reading.
    /// - Throws: ``FormatError`` when the file cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 16) throws {
        self.path = path
        self.chunkSize = chunkSize
        let fd = open(path, O_RDONLY)
        self.fd = fd
        guard fd >= 0 else {
            throw FormatError(
                file: path, message: "cannot open the file: \(String(cString: strerror(errno)))",
                hint: "check the path and its permissions")
        }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FormatError(file: path, message: "is a directory, not an export file", hint: nil)
        }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { read(fd, $0.baseAddress, 2) }
        isCompressed = n == 2 && magic.0 == 0x1f && magic.1 == 0x8b
        lseek(fd, 0, SEEK_SET)
        inBuffer = .allocate(capacity: chunkSize)
        outBuffer = .allocate(capacity: chunkSize * 4)
        if isCompressed {
            // windowBits 15 + 32: accept a gzip or zlib header.
            let rc = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else {
                close(fd)
                throw FormatError(file: path, message: "cannot start gzip decompression (zlib error \(rc))", hint: nil)
            }
        }
    }

    deinit {
        if isCompressed { inflateEnd(&stream) }
        inBuffer.deallocate()
        outBuffer.deallocate()
        close(fd)
    }

    /// The first `count` bytes of the content (decompressed, and as UTF-8 when it is UTF-16
    /// and ``transcodesUTF16`` is on), without consuming them.
    /// - Throws: ``FormatError`` on a read error, corrupt gzip data or UTF-32 content.
    public func peek(_ count: Int) throws -> [UInt8] {
        try sniff()
        guard transcodesUTF16, case .utf16(let bigEndian, _) = encoding else {
            while pushedBack.count < count, let chunk = try readRaw() {
                pushedBack.append(contentsOf: chunk)
            }
            return Array(pushedBack.prefix(count))
        }
        while pushedBack.count < 2 * count, let chunk = try readRaw() {
            pushedBack.append(contentsOf: chunk)
        }
        var copy = UTF16Transcoder(bigEndian: bigEndian)
        return Array(pushedBack.withUnsafeBufferPointer { copy.transcode($0) }.prefix(count))
    }

    /// The next chunk of content, or nil at the end.
    /// - Throws: ``FormatError`` on a read error, corrupt gzip data or UTF-32 content.
    public func next() throws -> [UInt8]? {
        try sniff()
        let raw: [UInt8]?
        if !pushedBack.isEmpty {
            raw = pushedBack
            pushedBack = []
        } else {
            raw = try readRaw()
        }
        guard transcodesUTF16, case .utf16(let bigEndian, _) = encoding else { return raw }
        var transcoder = self.transcoder ?? UTF16Transcoder(bigEndian: bigEndian)
        defer { self.transcoder = transcoder }
        if let raw { return raw.withUnsafeBufferPointer { transcoder.transcode($0) } }
        guard !transcoderFinished else { return nil }
        transcoderFinished = true
        let tail = transcoder.finish()
        return tail.isEmpty ? nil : tail
    }

    /// Reads the encoding from the first bytes, once.
    private func sniff() throws {
        if !sniffed {
            sniffed = true
            while pushedBack.count < ContentEncoding.sniffLength, let chunk = try readRaw() {
                pushedBack.append(contentsOf: chunk)
            }
            encoding = ContentEncoding.sniff(pushedBack)
        }
        if case .utf32 = encoding { throw FormatError.utf32(file: path, encoding: encoding) }
    }

    /// Calls `body` with each chunk of the content in order.
    public func forEachChunk(_ body: ([UInt8]) throws -> Void) throws {
        while let chunk = try next() { try body(chunk) }
    }

    private func readRaw() throws -> [UInt8]? {
        if finished { return nil }
        if !isCompressed {
            let n = read(fd, inBuffer, chunkSize)
            if n < 0 {
                throw FormatError(file: path, message: "read error: \(String(cString: strerror(errno)))", hint: nil)
            }
            if n == 0 {
                finished = true
                return nil
            }
            return Array(UnsafeBufferPointer(start: inBuffer, count: n))
        }
        while true {
            if stream.avail_in == 0 && !inputEnd {
                let n = read(fd, inBuffer, chunkSize)
                if n < 0 {
                    throw FormatError(file: path, message: "read error: \(String(cString: strerror(errno)))", hint: nil)
                }
                if n == 0 { inputEnd = true }
                stream.next_in = inBuffer
                stream.avail_in = UInt32(n)
            }
            let outCapacity = chunkSize * 4
            stream.next_out = outBuffer
            stream.avail_out = UInt32(outCapacity)
            let rc = inflate(&stream, Z_NO_FLUSH)
            let produced = outCapacity - Int(stream.avail_out)
            if rc == Z_STREAM_END {
                // Another gzip member may follow (concatenated .gz files are valid gzip).
                if stream.avail_in > 0 || !inputEnd {
                    let keepIn = stream.next_in
                    let keepAvail = stream.avail_in
                    inflateReset(&stream)
                    stream.next_in = keepIn
                    stream.avail_in = keepAvail
                    if keepAvail == 0 {
                        // Peek whether more input exists; if not, we are done.
                        let n = read(fd, inBuffer, chunkSize)
                        if n <= 0 {
                            inputEnd = true
                            finished = true
                        } else {
                            stream.next_in = inBuffer
                            stream.avail_in = UInt32(n)
                        }
                    }
                } else {
                    finished = true
                }
            } else if rc != Z_OK && rc != Z_BUF_ERROR {
                throw FormatError(
                    file: path, message: "the gzip data is corrupt (zlib error \(rc))",
                    hint: "check the download; `gzip -t` tests the file")
            } else if produced == 0 && inputEnd && stream.avail_in == 0 {
                throw FormatError(
                    file: path, message: "the gzip data ends early (truncated file)",
                    hint: "download or copy the file again")
            }
            if produced > 0 { return Array(UnsafeBufferPointer(start: outBuffer, count: produced)) }
            if finished { return nil }
        }
    }
}
