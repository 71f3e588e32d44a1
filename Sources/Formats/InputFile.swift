import CZlib
import Foundation

/// A file read in chunks, gunzipped transparently when it starts with the gzip magic bytes.
///
/// Memory stays bounded by the chunk size whatever the file size. The extension does not
/// matter: a `.gz` file that is not gzip is read as is, and gzip content without `.gz` is
/// decompressed.
public final class InputFile {
    /// The path as given, for messages.
    public let path: String
    /// True when the content is gzip-compressed.
    public let isCompressed: Bool

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

    /// The first `count` bytes of the content (decompressed), without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        while pushedBack.count < count, let chunk = try readRaw() {
            pushedBack.append(contentsOf: chunk)
        }
        return Array(pushedBack.prefix(count))
    }

    /// The next chunk of content, or nil at the end.
    /// - Throws: ``FormatError`` on a read error or corrupt gzip data.
    public func next() throws -> [UInt8]? {
        if !pushedBack.isEmpty {
            defer { pushedBack = [] }
            return pushedBack
        }
        return try readRaw()
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
