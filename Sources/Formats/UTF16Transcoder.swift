/// How an export's bytes encode its text, as its first bytes show.
///
/// Read once per file by ``InputFile`` (after gzip), before format detection: a UTF-16 file is
/// then handed to every text reader as UTF-8 (``UTF16Transcoder``), and a UTF-32 file is refused.
public enum ContentEncoding: Equatable, Sendable {
    /// UTF-8, with or without a BOM, or a single-byte encoding (the readers fall back on
    /// Windows-1252 when the bytes are not valid UTF-8).
    case utf8
    /// UTF-16; `byteOrderMark` is false when it was recognised from the pattern of ASCII text
    /// with a NUL byte every other byte.
    case utf16(bigEndian: Bool, byteOrderMark: Bool)
    /// UTF-32, recognised by its BOM only. Refused: no database writes it.
    case utf32(bigEndian: Bool)

    /// How many bytes ``sniff(_:)`` needs to recognise BOM-less UTF-16 (fewer at the end of a file).
    public static let sniffLength = 512

    /// The encoding the first bytes of a file show (at least ``sniffLength`` of them, or the
    /// whole file when it is shorter).
    ///
    /// A BOM decides (`FF FE`, `FE FF`; `FF FE 00 00` and `00 00 FE FF` are UTF-32). Without
    /// one, UTF-16 is recognised only when it is unambiguous: at least 8 code units, none of
    /// them U+0000, the first an ASCII character, and three in four ASCII characters with their
    /// NUL byte on the same side. No UTF-8 or Windows-1252 text holds NUL bytes, so a text file
    /// cannot look like that.
    public static func sniff(_ prefix: some Collection<UInt8>) -> ContentEncoding {
        let b = Array(prefix.prefix(sniffLength))
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .utf32(bigEndian: false) }
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32(bigEndian: true) }
        if b.starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false, byteOrderMark: true) }
        if b.starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true, byteOrderMark: true) }
        let units = b.count / 2
        guard units >= 8 else { return .utf8 }
        var little = 0
        var big = 0
        for i in 0..<units {
            let first = b[2 * i]
            let second = b[2 * i + 1]
            if first == 0 && second == 0 { return .utf8 }
            if second == 0 && isASCIIText(first) { little += 1 }
            if first == 0 && isASCIIText(second) { big += 1 }
        }
        if little * 4 >= units * 3, isASCIIText(b[0]), b[1] == 0 {
            return .utf16(bigEndian: false, byteOrderMark: false)
        }
        if big * 4 >= units * 3, b[0] == 0, isASCIIText(b[1]) {
            return .utf16(bigEndian: true, byteOrderMark: false)
        }
        return .utf8
    }

    private static func isASCIIText(_ b: UInt8) -> Bool {
        (b >= 0x20 && b < 0x7F) || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// "UTF-16 LE", "UTF-32 BE" … for messages.
    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16(let big, _): big ? "UTF-16 BE" : "UTF-16 LE"
        case .utf32(let big): big ? "UTF-32 BE" : "UTF-32 LE"
        }
    }
}

/// Turns a UTF-16 byte stream into UTF-8, in chunks split anywhere (inside a code unit or
/// between the two halves of a surrogate pair).
///
/// A BOM at the start is dropped. A surrogate without its other half becomes U+FFFD and is
/// counted (``replaced``, ``firstReplacedLine``), never a crash. Line breaks are the same
/// characters after transcoding, so the readers' line numbers are the file's. A stream that
/// ends inside a code unit or after the first half of a pair (a cut file) ends, after
/// ``finish()``, inside a UTF-8 character (the lead bytes of U+FFFD or of the cut character), so
/// every reader's check for a file cut inside a character applies to it.
public struct UTF16Transcoder: Sendable {
    /// True for big-endian input.
    public let bigEndian: Bool
    /// Surrogates without their other half, replaced by U+FFFD so far.
    public private(set) var replaced = 0
    /// The 1-based line of the first of them.
    public private(set) var firstReplacedLine: Int?
    /// True after ``finish()`` when the input ended inside a code unit or a surrogate pair.
    public private(set) var endedInsideCharacter = false
    /// The first byte of a code unit whose second byte is in the next chunk.
    private var oddByte: UInt8?
    /// A high surrogate waiting for its low half, or 0.
    private var high: UInt16 = 0
    private var atStart = true
    private var line = 1
    private var lastWasCR = false

    public init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    /// The UTF-8 for the next chunk of UTF-16 bytes.
    /// - Complexity: O(`bytes.count`).
    public mutating func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return [] }
        // Each 2 bytes give at most 3 (a BMP character); a pair's 4 give 4; plus a pending
        // surrogate's U+FFFD and the odd byte's unit.
        return [UInt8](unsafeUninitializedCapacity: n / 2 * 3 + 9) { out, count in
            var o = 0
            var i = 0
            if let first = oddByte {
                oddByte = nil
                let unit = bigEndian ? UInt16(first) << 8 | UInt16(base[0]) : UInt16(base[0]) << 8 | UInt16(first)
                take(unit, out, &o)
                i = 1
            }
            let (hi, lo) = bigEndian ? (0, 1) : (1, 0)
            while i + 1 < n {
                let unit = UInt16(base[i + hi]) << 8 | UInt16(base[i + lo])
                if unit < 0x80, unit != 0x0A, unit != 0x0D, high == 0, !atStart {
                    // The common case: ASCII text other than a line break.
                    out[o] = UInt8(truncatingIfNeeded: unit)
                    o += 1
                    lastWasCR = false
                } else {
                    take(unit, out, &o)
                }
                i += 2
            }
            if i < n { oddByte = base[i] }
            count = o
        }
    }

    /// Ends the input: the UTF-8 for what was left (a surrogate without its low half), cut
    /// inside a character when the input was (see ``endedInsideCharacter``).
    public mutating func finish() -> [UInt8] {
        var tail: [UInt8] = []
        if high != 0 {
            // The first two bytes of the 4-byte UTF-8 of the cut character (its high half decides them).
            let top = (UInt32(high) - 0xD800) << 10 + 0x10000
            tail = [UInt8(0xF0 | (top >> 18)), UInt8(0x80 | ((top >> 12) & 0x3F))]
            high = 0
            endedInsideCharacter = true
        }
        if oddByte != nil {
            oddByte = nil
            if !endedInsideCharacter { tail = [0xEF, 0xBF] }  // U+FFFD's first two bytes
            endedInsideCharacter = true
        }
        return tail
    }

    @inline(__always)
    private mutating func take(_ unit: UInt16, _ out: UnsafeMutableBufferPointer<UInt8>, _ o: inout Int) {
        if high != 0 {
            if unit & 0xFC00 == 0xDC00 {
                let scalar = 0x10000 + (UInt32(high) - 0xD800) << 10 + (UInt32(unit) - 0xDC00)
                high = 0
                out[o] = UInt8(0xF0 | (scalar >> 18))
                out[o + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                out[o + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                out[o + 3] = UInt8(0x80 | (scalar & 0x3F))
                o += 4
                return
            }
            high = 0
            replacement(out, &o)
        }
        if atStart {
            atStart = false
            if unit == 0xFEFF { return }
        }
        switch unit {
        case 0x0A:
            if !lastWasCR { line += 1 }
            lastWasCR = false
            out[o] = 0x0A
            o += 1
            return
        case 0x0D:
            line += 1
            lastWasCR = true
            out[o] = 0x0D
            o += 1
            return
        default:
            lastWasCR = false
        }
        if unit < 0x80 {
            out[o] = UInt8(unit)
            o += 1
        } else if unit < 0x800 {
            out[o] = UInt8(0xC0 | (unit >> 6))
            out[o + 1] = UInt8(0x80 | (unit & 0x3F))
            o += 2
        } else if unit & 0xFC00 == 0xD800 {
            high = unit
        } else if unit & 0xFC00 == 0xDC00 {
            replacement(out, &o)
        } else {
            out[o] = UInt8(0xE0 | (unit >> 12))
            out[o + 1] = UInt8(0x80 | ((unit >> 6) & 0x3F))
            out[o + 2] = UInt8(0x80 | (unit & 0x3F))
            o += 3
        }
    }

    private mutating func replacement(_ out: UnsafeMutableBufferPointer<UInt8>, _ o: inout Int) {
        replaced += 1
        if firstReplacedLine == nil { firstReplacedLine = line }
        out[o] = 0xEF
        out[o + 1] = 0xBF
        out[o + 2] = 0xBD
        o += 3
    }
}

extension FormatError {
    /// The error for a file in UTF-32, which scoping does not read.
    static func utf32(file: String, encoding: ContentEncoding) -> FormatError {
        FormatError(
            file: file,
            message:
                "the file is \(encoding.name) text (it starts with a UTF-32 byte order mark), which scoping does not read",
            hint: "save it again as UTF-8 (or UTF-16): in a text editor, Save As with the encoding UTF-8")
    }
}

extension FormatWarning {
    /// The warning for surrogates without their other half in a UTF-16 file.
    static func unpairedSurrogates(file: String, _ transcoder: UTF16Transcoder) -> FormatWarning? {
        guard transcoder.replaced > 0 else { return nil }
        let what =
            transcoder.replaced == 1
            ? "a UTF-16 surrogate without its other half (a broken character) read as U+FFFD (\u{FFFD}) on this line"
            : "\(transcoder.replaced) UTF-16 surrogates without their other half (broken characters) read as U+FFFD (\u{FFFD}), the first on this line"
        return FormatWarning(file: file, line: transcoder.firstReplacedLine, message: what + "; check the text there")
    }
}
