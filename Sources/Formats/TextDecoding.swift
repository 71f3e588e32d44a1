/// Decoding of text exports: UTF-8 (with or without BOM), falling back to Windows-1252 when
/// the bytes are not valid UTF-8 (real exports from older EndNote and Embase often are).
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"

    /// Decodes a line (without its terminator).
    public func decode(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            var s = String()
            s.reserveCapacity(bytes.count)
            for b in bytes {
                if b < 0x80 || b >= 0xA0 {
                    s.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    s.unicodeScalars.append(TextEncoding.cp1252High[Int(b - 0x80)])
                }
            }
            return s
        }
    }

    /// True when `bytes` are valid UTF-8. An incomplete sequence at the very end counts as valid
    /// when `allowTruncatedEnd` is set (the rest is in the next chunk).
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let len: Int
            if b & 0xE0 == 0xC0 {
                len = 2
                if b < 0xC2 { return false }
            } else if b & 0xF0 == 0xE0 {
                len = 3
            } else if b & 0xF8 == 0xF0 {
                len = 4
                if b > 0xF4 { return false }
            } else {
                return false
            }
            if i + len > n { return allowTruncatedEnd }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += len
        }
        return true
    }

    static let cp1252High: [Unicode.Scalar] = [
        "\u{20AC}", "\u{81}", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", "\u{8D}", "\u{017D}", "\u{8F}",
        "\u{90}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", "\u{9D}", "\u{017E}", "\u{0178}",
    ]
}

/// Splits a byte stream into lines (LF, CRLF or a lone CR), decoding each as UTF-8 or, once
/// invalid UTF-8 is seen, as Windows-1252 for the rest of the file. A UTF-8 BOM is dropped.
///
/// The caller decides the encoding for the whole file up front when it can (see
/// ``LineSplitter/init(encoding:)``); otherwise the splitter starts in UTF-8 and switches at the
/// first invalid line, reporting it through `onFallback` once.
public struct LineSplitter {
    public private(set) var encoding: TextEncoding
    /// 1-based number of the last line handed out.
    public private(set) var lineNumber = 0
    /// Set by ``finish(line:)`` when the input ended without a line break after its last line.
    public private(set) var endedMidLine = false
    /// Set by ``finish(line:)`` when the input ended inside a multi-byte UTF-8 character.
    public private(set) var endedInsideCharacter = false
    private var pending: [UInt8] = []
    private var lastWasCR = false
    private var atStart = true
    private var onFallback: ((Int) -> Void)?

    public init(encoding: TextEncoding = .utf8, onFallback: ((Int) -> Void)? = nil) {
        self.encoding = encoding
        self.onFallback = onFallback
    }

    /// Feeds bytes; calls `line` with each complete line (without its terminator).
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, line: (String, Int) throws -> Void) rethrows {
        var start = 0
        var i = 0
        let n = bytes.count
        if atStart, n > 0 {
            // Drop a UTF-8 BOM (possibly split across chunks is not worth handling: first chunk is large).
            if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                start = 3
                i = 3
            }
            atStart = false
        }
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                if lastWasCR && i == start && pending.isEmpty {
                    // LF of a CRLF split across the CR we already ended the line on.
                    lastWasCR = false
                    i += 1
                    start = i
                    continue
                }
                try emit(UnsafeBufferPointer(rebasing: bytes[start..<i]), line)
                lastWasCR = false
                i += 1
                start = i
            } else if b == 0x0D {
                try emit(UnsafeBufferPointer(rebasing: bytes[start..<i]), line)
                i += 1
                if i < n, bytes[i] == 0x0A {
                    i += 1
                    lastWasCR = false
                } else {
                    lastWasCR = true
                }
                start = i
            } else {
                lastWasCR = false
                i += 1
            }
        }
        if start < n { pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
    }

    /// Hands out the last line when the input did not end with a line break.
    public mutating func finish(line: (String, Int) throws -> Void) rethrows {
        if !pending.isEmpty {
            endedMidLine = true
            // A Windows-1252 file may end with any byte; only a UTF-8 file can end inside a character.
            endedInsideCharacter = encoding == .utf8 && TextEncoding.endsWithIncompleteUTF8(pending)
            let rest = pending
            pending = []
            try rest.withUnsafeBufferPointer { try decodeAndHand($0, line) }
        }
    }

    private mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ line: (String, Int) throws -> Void) rethrows {
        if pending.isEmpty {
            try decodeAndHand(bytes, line)
        } else {
            pending.append(contentsOf: bytes)
            let whole = pending
            pending = []
            try whole.withUnsafeBufferPointer { try decodeAndHand($0, line) }
        }
    }

    private mutating func decodeAndHand(_ bytes: UnsafeBufferPointer<UInt8>, _ line: (String, Int) throws -> Void)
        rethrows
    {
        lineNumber += 1
        if encoding == .utf8, !TextEncoding.isValidUTF8(bytes) {
            encoding = .windows1252
            onFallback?(lineNumber)
        }
        try line(encoding.decode(bytes), lineNumber)
    }
}
