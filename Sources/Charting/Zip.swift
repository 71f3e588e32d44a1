import CZlib

/// A problem reading a zip archive: what is wrong, in which member, and what to do.
public struct ZipError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The member the problem is in, or nil for the archive as a whole.
    public var member: String?
    public var message: String

    public init(member: String? = nil, _ message: String) {
        self.member = member
        self.message = message
    }

    public var description: String {
        (member.map { "\($0): " } ?? "") + message
    }
}

/// Zip archives (PKWARE APPNOTE 6.3): enough to write and read an Office Open XML package.
///
/// Written archives are deterministic: members in the order given, raw deflate (zlib,
/// `windowBits` −15) or stored, every timestamp 1980-01-01 00:00, no extra fields, so the
/// same sheet gives the same bytes. No Zip64, encryption or multi-disk archives: a member or
/// an archive past 4 GiB is refused.
public enum Zip {
    /// The four bytes every zip archive (and so every .xlsx file) starts with: `PK\3\4`.
    public static let magic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// True when `bytes` starts with a local file header: a zip archive (xlsx, docx, …).
    public static func isArchive(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: magic)
    }

    /// One member of an archive: its path inside the archive and its (uncompressed) content.
    public struct Member: Hashable, Sendable {
        public var path: String
        public var data: [UInt8]

        public init(path: String, data: [UInt8]) {
            self.path = path
            self.data = data
        }
    }

    /// How a member is stored.
    public enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    /// CRC-32 (the zip and gzip polynomial) of `bytes`, from zlib.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc = CZlib.crc32(0, nil, 0)
        bytes.withUnsafeBufferPointer { buffer in
            var base = buffer.baseAddress
            var left = buffer.count
            // zlib takes a 32-bit length: feed very large buffers in slices.
            while left > 0, let b = base {
                let n = min(left, Int(UInt32.max >> 1))
                crc = CZlib.crc32(crc, b, uInt(n))
                base = b + n
                left -= n
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    // MARK: Writing

    /// The archive holding `members`, in order.
    ///
    /// - Parameter method: `.deflated` (the default) or `.stored`; a member that deflate
    ///   would make larger is stored.
    /// - Throws: ``ZipError`` for a member or archive too large for a zip without Zip64.
    public static func archive(_ members: [Member], method: Method = .deflated) throws(ZipError) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for member in members {
            let name = Array(member.path.utf8)
            guard name.count <= Int(UInt16.max) else {
                throw ZipError(member: member.path, "the path is too long for a zip archive")
            }
            guard member.data.count < Int(UInt32.max) else {
                throw ZipError(
                    member: member.path, "the member is 4 GiB or more; zip archives without Zip64 cannot hold it")
            }
            var stored = member.data
            var memberMethod = Method.stored
            if method == .deflated {
                let deflated = try deflate(member.data, member: member.path)
                if deflated.count < member.data.count {
                    stored = deflated
                    memberMethod = .deflated
                }
            }
            let crc = crc32(member.data)
            let offset = out.count
            guard offset < Int(UInt32.max) else {
                throw ZipError("the archive is 4 GiB or more; zip archives without Zip64 cannot hold it")
            }
            // Bit 11: the name is UTF-8.
            let flags: UInt16 = name.contains { $0 >= 0x80 } ? 0x0800 : 0
            // From "version needed" to "extra field length", the local header and the central
            // directory entry say the same.
            func entryFields(_ bytes: inout [UInt8]) {
                bytes.append16(20)  // version needed: 2.0 (deflate)
                bytes.append16(flags)
                bytes.append16(memberMethod.rawValue)
                bytes.append16(dosTime)
                bytes.append16(dosDate)
                bytes.append32(crc)
                bytes.append32(UInt32(stored.count))
                bytes.append32(UInt32(member.data.count))
                bytes.append16(UInt16(name.count))
                bytes.append16(0)  // extra field length
            }
            // Local file header.
            out.append32(0x0403_4B50)
            entryFields(&out)
            out += name
            out += stored
            // Its central directory entry.
            central.append32(0x0201_4B50)
            central.append16(20)  // version made by: MS-DOS, 2.0
            entryFields(&central)
            central.append16(0)  // comment length
            central.append16(0)  // disk number
            central.append16(0)  // internal attributes
            central.append32(0)  // external attributes
            central.append32(UInt32(offset))
            central += name
        }
        guard members.count < Int(UInt16.max), out.count < Int(UInt32.max), central.count < Int(UInt32.max) else {
            throw ZipError("too many members or too large for a zip archive without Zip64")
        }
        let centralOffset = out.count
        out += central
        // End of central directory record.
        out.append32(0x0605_4B50)
        out.append16(0)
        out.append16(0)
        out.append16(UInt16(members.count))
        out.append16(UInt16(members.count))
        out.append32(UInt32(central.count))
        out.append32(UInt32(centralOffset))
        out.append16(0)  // comment length
        return out
    }

    /// 1980-01-01 00:00:00 in MS-DOS format, the earliest a zip can say: reproducible output.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// Raw deflate (no zlib header), as zip method 8 expects.
    static func deflate(_ input: [UInt8], member: String) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        let started = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw ZipError(member: member, "cannot start deflate (zlib error \(started))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let (rc, produced) = finish(&stream, input, into: &output, with: CZlib.deflate)
        guard rc == Z_STREAM_END else { throw ZipError(member: member, "deflate failed (zlib error \(rc))") }
        output.removeSubrange(produced...)
        return output
    }

    // MARK: Reading

    /// An archive read into memory: its members by path, decompressed and CRC-checked on demand.
    public struct Archive: Sendable {
        /// One central directory entry.
        public struct Entry: Hashable, Sendable {
            public var path: String
            public var method: UInt16
            public var flags: UInt16
            public var crc32: UInt32
            public var compressedSize: Int
            public var size: Int
            /// Where the member's local file header starts.
            public var headerOffset: Int
        }

        /// The central directory, in archive order.
        public let entries: [Entry]
        private let bytes: [UInt8]

        /// Reads the central directory of `bytes`.
        ///
        /// - Throws: ``ZipError`` when there is no end-of-central-directory record, the
        ///   directory runs past the end of the data, or the archive uses Zip64 or spans disks.
        public init(_ bytes: [UInt8]) throws(ZipError) {
            self.bytes = bytes
            // The end record is 22 bytes plus a comment of at most 65,535 bytes.
            guard bytes.count >= 22 else {
                throw ZipError("not a zip archive: \(bytes.count) bytes is too short for one")
            }
            var end = -1
            var i = bytes.count - 22
            let lowest = max(0, bytes.count - 22 - 65_535)
            while i >= lowest {
                if bytes.u32(i) == 0x0605_4B50, i + 22 + Int(bytes.u16(i + 20)) == bytes.count {
                    end = i
                    break
                }
                i -= 1
            }
            guard end >= 0 else {
                throw ZipError("no end-of-central-directory record: the file is not a zip archive or was cut short")
            }
            let count = Int(bytes.u16(end + 10))
            let size = Int(bytes.u32(end + 12))
            let offset = Int(bytes.u32(end + 16))
            guard bytes.u16(end + 4) == 0, bytes.u16(end + 6) == 0 else {
                throw ZipError("the archive spans several disks; save it again as one file")
            }
            guard count != 0xFFFF, offset != 0xFFFF_FFFF, size != 0xFFFF_FFFF else {
                throw ZipError("the archive uses Zip64 (over 65,535 members or 4 GiB); save a smaller sheet")
            }
            guard offset + size <= end else {
                throw ZipError("the central directory runs past its end record: the file is damaged")
            }
            var entries: [Entry] = []
            var p = offset
            for n in 0..<count {
                guard p + 46 <= offset + size, bytes.u32(p) == 0x0201_4B50 else {
                    throw ZipError("central directory entry \(n + 1) of \(count) is damaged")
                }
                let nameLength = Int(bytes.u16(p + 28))
                let extraLength = Int(bytes.u16(p + 30))
                let commentLength = Int(bytes.u16(p + 32))
                guard p + 46 + nameLength + extraLength + commentLength <= offset + size else {
                    throw ZipError(
                        "central directory entry \(n + 1) of \(count) runs past the directory: the file is damaged")
                }
                let path = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
                let entry = Entry(
                    path: path, method: bytes.u16(p + 10), flags: bytes.u16(p + 8), crc32: bytes.u32(p + 16),
                    compressedSize: Int(bytes.u32(p + 20)), size: Int(bytes.u32(p + 24)),
                    headerOffset: Int(bytes.u32(p + 42))
                )
                guard entry.size != 0xFFFF_FFFF, entry.compressedSize != 0xFFFF_FFFF, entry.headerOffset != 0xFFFF_FFFF
                else {
                    throw ZipError(member: path, "the member uses Zip64 (4 GiB or more)")
                }
                entries.append(entry)
                p += 46 + nameLength + extraLength + commentLength
            }
            self.entries = entries
        }

        /// The entry named `path`, if the archive has one.
        public func entry(_ path: String) -> Entry? {
            entries.first { $0.path == path }
        }

        /// The content of the member `path`, decompressed, its size and CRC-32 checked; nil
        /// when the archive has no such member.
        ///
        /// - Parameter limit: refuse a member larger than this (a zip bomb guard).
        /// - Throws: ``ZipError`` for an encrypted member, an unknown method, damaged data, a
        ///   size or CRC that does not match the directory, or a member over `limit`.
        public func read(_ path: String, limit: Int = 256 << 20) throws(ZipError) -> [UInt8]? {
            guard let entry = entry(path) else { return nil }
            return try read(entry, limit: limit)
        }

        /// The content of `entry`, decompressed and checked (see ``read(_:limit:)``).
        public func read(_ entry: Entry, limit: Int = 256 << 20) throws(ZipError) -> [UInt8] {
            let path = entry.path
            guard entry.flags & 1 == 0 else {
                throw ZipError(member: path, "the member is encrypted; save the sheet without a password")
            }
            guard entry.size <= limit else {
                throw ZipError(member: path, "the member is \(entry.size) bytes unpacked, over the limit of \(limit)")
            }
            let h = entry.headerOffset
            guard h + 30 <= bytes.count, bytes.u32(h) == 0x0403_4B50 else {
                throw ZipError(member: path, "no local file header where the directory says: the file is damaged")
            }
            let start = h + 30 + Int(bytes.u16(h + 26)) + Int(bytes.u16(h + 28))
            guard start + entry.compressedSize <= bytes.count else {
                throw ZipError(member: path, "the member's data runs past the end of the file: it was cut short")
            }
            let raw = Array(bytes[start..<(start + entry.compressedSize)])
            let data: [UInt8]
            switch entry.method {
            case Method.stored.rawValue: data = raw
            case Method.deflated.rawValue: data = try Zip.inflate(raw, expected: entry.size, member: path)
            default:
                throw ZipError(
                    member: path,
                    "compression method \(entry.method) is not supported (only stored and deflate); save the sheet again as .xlsx"
                )
            }
            guard data.count == entry.size else {
                throw ZipError(
                    member: path, "\(data.count) bytes unpacked, the directory says \(entry.size): the file is damaged")
            }
            let crc = Zip.crc32(data)
            guard crc == entry.crc32 else {
                throw ZipError(
                    member: path,
                    "CRC-32 \(hex(crc)) does not match the directory's \(hex(entry.crc32)): the file is damaged")
            }
            return data
        }

        private func hex(_ n: UInt32) -> String {
            let s = String(n, radix: 16)
            return String(repeating: "0", count: max(0, 8 - s.count)) + s
        }
    }

    /// Raw inflate of `input` into at most `expected` bytes (more is an error).
    static func inflate(_ input: [UInt8], expected: Int, member: String) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        let started = inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw ZipError(member: member, "cannot start inflate (zlib error \(started))") }
        defer { inflateEnd(&stream) }
        // One spare byte: output that fills it means the data is longer than the directory says.
        var output = [UInt8](repeating: 0, count: expected + 1)
        let (rc, produced) = finish(&stream, input, into: &output, with: CZlib.inflate)
        guard rc == Z_STREAM_END else {
            if produced > expected {
                throw ZipError(
                    member: member,
                    "the data unpacks to more than the \(expected) bytes the directory says: the file is damaged")
            }
            throw ZipError(member: member, "the compressed data is damaged (zlib error \(rc))")
        }
        output.removeSubrange(produced...)
        return output
    }
}

extension Zip {
    /// Runs one zlib `step` (deflate or inflate) with `Z_FINISH` over all of `input` into
    /// `output`; returns zlib's result and how many bytes of `output` it filled.
    fileprivate static func finish(
        _ stream: inout z_stream, _ input: [UInt8], into output: inout [UInt8],
        with step: (UnsafeMutablePointer<z_stream>?, Int32) -> Int32
    ) -> (Int32, Int) {
        var produced = 0
        let rc = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                let rc = step(&stream, Z_FINISH)
                produced = outBuffer.count - Int(stream.avail_out)
                return rc
            }
        }
        return (rc, produced)
    }
}

extension [UInt8] {
    fileprivate mutating func append16(_ v: UInt16) {
        append(UInt8(truncatingIfNeeded: v))
        append(UInt8(truncatingIfNeeded: v >> 8))
    }

    fileprivate mutating func append32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    fileprivate func u16(_ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= count else { return 0 }
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    fileprivate func u32(_ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= count else { return 0 }
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
