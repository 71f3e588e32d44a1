import Bibliography
// Not Foundation, as in every file near libxml2 (see XMLSupport/SAXParser.swift).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reusable byte buffer for one field's text, with a size cap.
///
/// Text arrives from SAX in pieces; append them here and make one `String` per field with
/// ``take()``. Past `limit` bytes the rest is dropped and ``truncated`` is set, so a hostile
/// 1 GB text node costs at most `limit` bytes of memory.
struct SAXTextBuffer: ~Copyable {
    /// The storage: `capacity` bytes, the first `count` in use. Owned (freed in `deinit`);
    /// the type is not copyable, so no reference counting or uniqueness checks per append.
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// The most bytes kept per field.
    let limit: Int
    /// True when text was dropped since the last ``take()``.
    private(set) var truncated = false

    init(limit: Int = 1 << 20) {
        self.limit = limit
        capacity = 4096
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes held, valid until the buffer next changes.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    @inline(__always)
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        let n = text.count
        guard n > 0, let source = text.baseAddress else { return }
        if count + n <= capacity {
            (storage + count).update(from: source, count: n)
            count += n
        } else {
            appendSlow(text)
        }
    }

    /// The text from byte `offset` on (an offset this buffer's ``count`` had earlier).
    func string(from offset: Int) -> String {
        guard offset < count else { return "" }
        return String(decoding: UnsafeBufferPointer(start: storage + offset, count: count - offset), as: UTF8.self)
    }

    /// Drops the text from byte `offset` on.
    mutating func truncate(to offset: Int) {
        if offset < count { count = max(0, offset) }
    }

    /// Appends literal ASCII (e.g. `&foo;` for an unexpanded entity).
    mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { append($0) }
    }

    private mutating func appendSlow(_ text: UnsafeBufferPointer<UInt8>) {
        let room = max(0, limit - count)
        var keep = min(room, text.count)
        // Do not cut a UTF-8 sequence in half.
        while keep > 0, keep < text.count, text[keep] & 0xC0 == 0x80 { keep -= 1 }
        if keep > 0, let source = text.baseAddress {
            if count + keep > capacity { grow(to: count + keep) }
            (storage + count).update(from: source, count: keep)
            count += keep
        }
        if keep < text.count { truncated = true }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// The text with whitespace normalised (``Text/normalizeWhitespace(_:)``), and empties
    /// the buffer (keeping its storage) and the truncation flag.
    mutating func take() -> String {
        let buffer = bytes
        count = 0
        truncated = false
        // Most fields are already normal (one line, single spaces): then the String is a
        // copy, without the byte-by-byte pass. (`buffer` stays valid: nothing is written
        // before the String is made.)
        return SAXTextBuffer.isNormal(buffer)
            ? String(decoding: buffer, as: UTF8.self) : SAXTextBuffer.normalized(buffer)
    }

    /// Discards the content.
    mutating func clear() {
        count = 0
        truncated = false
    }

    /// Whitespace-normalised text of UTF-8 bytes: the same result as
    /// `Text.normalizeWhitespace(String(decoding: bytes, as: UTF8.self))`, computed on the
    /// bytes (every space, control, zero-width and soft-hyphen scalar that
    /// ``Text/normalizeWhitespace(_:)`` knows, recognised by its UTF-8 encoding).
    ///
    /// - Complexity: O(n), one pass, no Unicode scalar decoding; printable ASCII is copied
    ///   eight bytes at a time.
    static func normalized(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { normalized($0) }
    }

    /// ``normalized(_:)-swift.type.method`` on a buffer.
    static func normalized(_ buffer: UnsafeBufferPointer<UInt8>) -> String {
        let n = buffer.count
        guard n > 0, let source = buffer.baseAddress else { return "" }
        // One allocation: the string's own storage (the result is never longer).
        return String(unsafeUninitializedCapacity: n) { out -> Int in
            guard let target = out.baseAddress else { return 0 }
            var o = 0
            var pending = false
            var i = 0
            while i < n {
                // Eight bytes at a time while they are printable ASCII (0x21–0x7F). The first
                // byte that is not (space, control, or the lead of a multi-byte scalar) is
                // found exactly: the borrow of the subtraction only runs upward from it.
                if i + 8 <= n {
                    // Byte k of the text is byte k of `word` on any platform.
                    let word = UInt64(littleEndian: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self))
                    let stop = (word | ((word &- 0x2121_2121_2121_2121) & ~word)) & 0x8080_8080_8080_8080
                    let run = stop == 0 ? 8 : stop.trailingZeroBitCount >> 3
                    if run > 0 {
                        if pending {
                            target[o] = 0x20
                            o += 1
                            pending = false
                        }
                        // Writing all eight is safe: o + 8 <= i + 8 <= n; only `run` count.
                        UnsafeMutableRawPointer(target + o).storeBytes(of: word.littleEndian, as: UInt64.self)
                        o += run
                        i += run
                        continue
                    }
                }
                let b = source[i]
                if b < 0x80 {
                    if b <= 0x20 {
                        pending = o > 0
                    } else {
                        if pending {
                            target[o] = 0x20
                            o += 1
                            pending = false
                        }
                        target[o] = b
                        o += 1
                    }
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                guard i + length <= n else {
                    // A cut sequence (cannot come from libxml2): keep the bytes as they are
                    // (String repairs them), after the space before them.
                    if pending {
                        target[o] = 0x20
                        o += 1
                    }
                    while i < n {
                        target[o] = source[i]
                        o += 1
                        i += 1
                    }
                    break
                }
                switch special(buffer, at: i, length: length) {
                case .space:
                    pending = o > 0
                case .dropped:
                    break
                case .none:
                    if pending {
                        target[o] = 0x20
                        o += 1
                        pending = false
                    }
                    for k in 0..<length { target[o + k] = source[i + k] }
                    o += length
                }
                i += length
            }
            return o
        }
    }

    /// True when ``normalized(_:)-swift.type.method`` would return the bytes unchanged: no
    /// control characters, no space at either end, no two spaces in a row, and none of the
    /// multi-byte spaces or dropped scalars (looked for at every position, not only where a
    /// scalar starts, so a "true" is never wrong).
    ///
    /// - Complexity: O(n), eight bytes at a time, without branches on the bytes' values.
    static func isNormal(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buffer.count
        guard n > 0, let p = buffer.baseAddress else { return true }
        if p[0] == 0x20 || p[n - 1] == 0x20 { return false }
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var bad: UInt64 = 0  // bit 7 of a byte: a control character or a second space
        var nonASCII: UInt64 = 0
        var i = 0
        var spaceBefore: UInt64 = 0  // 0x80 when the byte before the current word is a space
        while i + 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            nonASCII |= word
            // Bytes below 0x20 (a borrow only runs upward from such a byte: no false alarm).
            bad |= (word &- spaces) & ~word
            // Spaces, exactly: 0x80 in each byte that is 0x20.
            let x = word ^ spaces
            let isSpace = ~(((x & low) &+ low) | x | low)
            bad |= isSpace & ((isSpace >> 8) | spaceBefore)
            spaceBefore = isSpace >> 56
            i += 8
            // Stop at the first sign (a pretty-printed abstract breaks its first line early).
            if bad & high != 0 { return false }
        }
        if bad & high != 0 { return false }
        var previous: UInt8 = i > 0 ? p[i - 1] : 0
        while i < n {
            let b = p[i]
            if b < 0x20 || (b == 0x20 && previous == 0x20) { return false }
            if b >= 0x80 { nonASCII |= 0x80 }
            previous = b
            i += 1
        }
        if nonASCII & high == 0 { return true }
        // Multi-byte spaces and dropped scalars (see special(_:at:length:)).
        var k = 0
        while k < n - 1 {
            // Skip ASCII eight bytes at a time: a sequence starts at a byte >= 0xC2.
            if k + 8 <= n, UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self) & high == 0 {
                k += 8
                continue
            }
            let b0 = p[k]
            if b0 >= 0xC2 {
                let b1 = p[k + 1]
                let b2: UInt8 = k + 2 < n ? p[k + 2] : 0
                switch b0 {
                case 0xC2:
                    if b1 == 0x85 || b1 == 0xA0 || b1 == 0xAD { return false }
                case 0xE2:
                    if b1 == 0x80 && ((0x80...0x8B).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) {
                        return false
                    }
                    if b1 == 0x81 && b2 == 0x9F { return false }
                case 0xE1:
                    if b1 == 0x9A && b2 == 0x80 { return false }
                case 0xE3:
                    if b1 == 0x80 && b2 == 0x80 { return false }
                case 0xEF:
                    if b1 == 0xBB && b2 == 0xBF { return false }
                default:
                    break
                }
            }
            k += 1
        }
        return true
    }

    private enum Special { case space, dropped, none }

    /// Classifies the multi-byte scalar at `i` as ``Text/normalizeWhitespace(_:)`` does.
    @inline(__always)
    private static func special(_ b: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Special {
        switch length {
        case 2:
            guard b[i] == 0xC2 else { return .none }
            switch b[i + 1] {
            case 0x85, 0xA0: return .space  // NEL, no-break space
            case 0xAD: return .dropped  // soft hyphen
            case 0x80..<0xA0: return .none  // other C1 controls are kept, as Text does
            default: return .none
            }
        case 3:
            let b0 = b[i]
            let b1 = b[i + 1]
            let b2 = b[i + 2]
            if b0 == 0xE2 && b1 == 0x80 {
                switch b2 {
                case 0x80...0x8A, 0xA8, 0xA9, 0xAF: return .space  // U+2000–200A, 2028, 2029, 202F
                case 0x8B: return .dropped  // zero-width space
                default: return .none
                }
            }
            if b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F { return .space }  // U+205F
            if b0 == 0xE1 && b1 == 0x9A && b2 == 0x80 { return .space }  // U+1680
            if b0 == 0xE3 && b1 == 0x80 && b2 == 0x80 { return .space }  // U+3000
            if b0 == 0xEF && b1 == 0xBB && b2 == 0xBF { return .dropped }  // BOM
            return .none
        default:
            return .none
        }
    }
}
