import Bibliography
import CLibXML2
// Not Foundation: libxml2's headers pull in ICU's, which clash with Foundation's own ICU
// module in the same file ("UErrorCode … not present in definition"). Keep files that
// import CLibXML2 free of Foundation.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives the events of a ``SAXParser``.
///
/// Element names arrive as libxml2's interned C strings: map them to small integers with a
/// ``SAXNameTable`` (one per parser) instead of building Swift strings on the hot path.
/// Text arrives in pieces of any size; a consumer accumulates them itself.
protocol SAXContentHandler: AnyObject {
    /// An element starts. `name` is the local name (no prefix): `mml:mi` arrives as `mi`.
    func startElement(_ name: UnsafePointer<UInt8>, attributes: SAXAttributes)
    /// An element ends.
    func endElement(_ name: UnsafePointer<UInt8>)
    /// Character data (text, CDATA, whitespace), already decoded to UTF-8: predefined and
    /// numeric entities (`&amp;`, `&#xe0;`) are expanded by libxml2.
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// An entity reference that is not expanded (`&foo;` in a document whose DTD is external
    /// and never loaded). The consumer decides what to keep; ``SAXParser`` also records a
    /// warning for it.
    func unresolvedEntity(_ name: String)
}

/// Attributes of a start tag, read without copying: libxml2's SAX2 `(localname, prefix, URI,
/// value, end)` quintuples.
struct SAXAttributes {
    let count: Int
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute with local name `name`, or nil when it is absent.
    ///
    /// `&amp;` in an attribute value arrives from libxml2 as `&#38;` (it keeps the reference
    /// when entities are not substituted); this decodes it back to `&`.
    func value(_ name: StaticString) -> String? {
        rawValue(name).map(SAXAttributes.decode)
    }

    /// The string of a raw value (``rawValue(_:)``), as ``value(_:)`` returns it.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        return s.utf8.contains(0x26) ? s.replacingAmpersandReferences() : s
    }

    /// True when the attribute `name` is present and its value is exactly `expected` (bytes).
    func value(_ name: StaticString, is expected: StaticString) -> Bool {
        guard let bytes = rawValue(name) else { return false }
        return SAXAttributes.bytes(bytes, are: expected)
    }

    /// True when a raw value (``rawValue(_:)``) is exactly `expected`.
    @inline(__always)
    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, are expected: StaticString) -> Bool {
        guard bytes.count == expected.utf8CodeUnitCount else { return false }
        guard let start = bytes.baseAddress else { return bytes.isEmpty }
        return memcmp(start, expected.utf8Start, bytes.count) == 0
    }

    /// The raw bytes of an attribute's value, valid only during the callback.
    func rawValue(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[5 * i], let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
            if strcmp(UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
        }
        return nil
    }
}

extension String {
    fileprivate func replacingAmpersandReferences() -> String {
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let reference: [UInt8] = Array("&#38;".utf8)
        while i < bytes.count {
            if bytes[i] == 0x26, i + 5 <= bytes.count, Array(bytes[i..<i + 5]) == reference {
                out.append(0x26)
                i += 5
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Maps element names to small integers (`1...names.count`, 0 for any other name).
///
/// libxml2 interns element names in the parser's dictionary, so a name always arrives as the
/// same pointer within one parser: a pointer-keyed cache answers in a few instructions, and
/// only the first sight of a name compares bytes. Use one table per ``SAXParser`` (pointers
/// of another parser's dictionary mean nothing here).
struct SAXNameTable {
    private let names: [[UInt8]]
    private var keys: [UnsafePointer<UInt8>?]
    private var values: [UInt16]
    private var used = 0
    private let mask: Int

    /// - Parameter names: the element names of interest; `names[i]` gets id `i + 1`.
    init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) + [0] }
        let capacity = 1024
        keys = Array(repeating: nil, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The id of `name`: its 1-based position in the table, or 0.
    @inline(__always)
    mutating func id(_ name: UnsafePointer<UInt8>) -> Int {
        var h = (Int(bitPattern: UInt(bitPattern: name)) >> 3) & mask
        while let key = keys[h] {
            if key == name { return Int(values[h]) }
            h = (h + 1) & mask
        }
        let id = lookUp(name)
        // Keep the cache at most half full; past that (a hostile file with thousands of
        // element names), fall back on comparing bytes.
        if used < (mask + 1) / 2 {
            keys[h] = name
            values[h] = UInt16(id)
            used += 1
        }
        return id
    }

    private func lookUp(_ name: UnsafePointer<UInt8>) -> Int {
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        for (i, candidate) in names.enumerated() where candidate.count == length + 1 {
            let equal = candidate.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { memcmp($0, name, length) == 0 } ?? false
            }
            if equal { return i + 1 }
        }
        return 0
    }
}

/// The element and text callbacks of a ``SAXParser`` as C functions (libxml2's own types),
/// for a handler that wants no dynamic dispatch or reference counting on its hot path.
///
/// Each function receives libxml2's context pointer; ``SAXParser/handler(_:)`` turns it back
/// into `handler`. Text (`characters`) also arrives for whitespace and CDATA; `reference` is
/// called for an entity reference that is not expanded (see
/// ``SAXContentHandler/unresolvedEntity(_:)``).
struct SAXEvents {
    var handler: UnsafeMutableRawPointer?
    var startElement: startElementNsSAX2Func
    var endElement: endElementNsSAX2Func
    var characters: charactersSAXFunc
    var reference: referenceSAXFunc
}

/// A problem libxml2 reported: where and what.
struct SAXDiagnostic: Equatable {
    var line: Int?
    var column: Int?
    var message: String
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int32
}

/// A libxml2 SAX2 push parser with safe options, fed bytes in chunks.
///
/// Safety: no entity substitution (`XML_PARSE_NOENT` off), no network (`XML_PARSE_NONET`),
/// no DTD loading or validation, libxml2's size limits on (no `XML_PARSE_HUGE`). A document
/// that declares entities (`<!ENTITY …>` in its internal subset) is refused: no bibliographic
/// export needs them, and they are how external-entity and expansion-bomb attacks work.
/// An undeclared entity in a document with an external DTD (`&foo;`) is not expanded:
/// the handler hears of it through ``SAXContentHandler/unresolvedEntity(_:)`` and a warning is
/// recorded.
///
/// Errors: the first fatal libxml2 error (malformed XML) stops the parse and is thrown from
/// ``feed(_:)`` or ``finish()`` as a ``SAXParser/Failure`` with line and column; a consumer may
/// also stop the parse with ``stop(_:)``, and that error is thrown instead.
final class SAXParser {
    /// Why a parse ended early.
    enum Failure: Error {
        /// libxml2 found the XML malformed (or refused it: entity declarations).
        case malformed(SAXDiagnostic)
        /// The consumer stopped the parse with this error.
        case stopped(any Error)
    }

    /// The error a reader throws for `failure`: the consumer's own error, or a ``FormatError``
    /// at libxml2's line and column saying the file is not well-formed `format`.
    static func error(
        for failure: Failure, file: String, record: Int?, format: String, hint: String
    ) -> any Error {
        switch failure {
        case .stopped(let error):
            return error
        case .malformed(let diagnostic):
            return FormatError(
                file: file, line: diagnostic.line, column: diagnostic.column, record: record,
                message: "malformed XML: " + diagnostic.message,
                hint: "the file is not well-formed \(format); " + hint
            )
        }
    }

    /// What libxml2 hands every callback as its context: the handler's pointer first (read by
    /// ``handler(_:)`` with one load), then the parser.
    struct Context {
        var handler: UnsafeMutableRawPointer?
        var parser: Unmanaged<SAXParser>?
    }

    private unowned(unsafe) let contentHandler: (any SAXContentHandler)?
    private let callbackContext: UnsafeMutablePointer<Context>
    private var context: xmlParserCtxtPtr?
    private var fatal: SAXDiagnostic?
    private var stopError: (any Error)?
    /// Non-fatal problems libxml2 reported (undeclared entities, namespace errors), in order.
    /// At most 100 are kept.
    private(set) var warnings: [SAXDiagnostic] = []
    private var finished = false

    /// Creates a parser that reports to `handler`. The handler is not retained: keep it alive
    /// for as long as the parser.
    /// - Parameter fileName: used by libxml2 for base URIs only; messages carry no file name.
    convenience init(handler: any SAXContentHandler, fileName: String) {
        let events = SAXEvents(
            handler: nil,
            startElement: { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
                guard let ctx, let localname else { return }
                SAXParser.parser(ctx).contentHandler?.startElement(localname, attributes: SAXAttributes(count: Int(nbAttributes), base: attributes))
            },
            endElement: { ctx, localname, _, _ in
                guard let ctx, let localname else { return }
                SAXParser.parser(ctx).contentHandler?.endElement(localname)
            },
            characters: { ctx, ch, len in
                guard let ctx, let ch, len > 0 else { return }
                SAXParser.parser(ctx).contentHandler?.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
            },
            reference: { ctx, name in
                guard let ctx, let name else { return }
                SAXParser.parser(ctx).contentHandler?.unresolvedEntity(String(cString: name))
            }
        )
        self.init(events: events, contentHandler: handler, fileName: fileName)
    }

    /// Creates a parser that calls `events`' C functions directly: no dynamic dispatch and no
    /// reference counting per event. Each function gets back `events.handler` through
    /// ``handler(_:)``; the handler must outlive the parser.
    /// - Parameter fileName: used by libxml2 for base URIs only; messages carry no file name.
    convenience init(events: SAXEvents, fileName: String) {
        self.init(events: events, contentHandler: nil, fileName: fileName)
    }

    private init(events: SAXEvents, contentHandler: (any SAXContentHandler)?, fileName: String) {
        self.contentHandler = contentHandler
        callbackContext = .allocate(capacity: 1)
        callbackContext.initialize(to: Context(handler: events.handler, parser: nil))
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = events.startElement
        sax.endElementNs = events.endElement
        sax.characters = events.characters
        sax.ignorableWhitespace = events.characters
        sax.cdataBlock = events.characters
        sax.reference = events.reference
        sax.entityDecl = { ctx, name, _, _, _, _ in
            guard let ctx else { return }
            let entity = name.map { String(cString: $0) } ?? "?"
            SAXParser.parser(ctx).refuse("the document declares an entity (<!ENTITY \(entity) …>); entity declarations are refused, as they serve external-entity and expansion attacks")
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            SAXParser.parser(ctx).record(
                level: error.pointee.level, code: error.pointee.code,
                line: Int(error.pointee.line), column: Int(error.pointee.int2),
                message: error.pointee.message.map { String(cString: $0) } ?? "malformed XML")
        }
        callbackContext.pointee.parser = Unmanaged.passUnretained(self)
        context = xmlCreatePushParserCtxt(&sax, callbackContext, nil, 0, fileName)
        if let context {
            // NONET: never fetch anything. Not NOENT (no substitution), not DTDLOAD, not HUGE.
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        }
    }

    /// The `handler` pointer of the ``SAXEvents`` the parser was made with, from the context
    /// libxml2 passes to a callback.
    @inline(__always)
    static func handler(_ ctx: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        ctx.assumingMemoryBound(to: Context.self).pointee.handler.unsafelyUnwrapped
    }

    /// The parser, from the context libxml2 passes to a callback.
    private static func parser(_ ctx: UnsafeMutableRawPointer) -> SAXParser {
        ctx.assumingMemoryBound(to: Context.self).pointee.parser.unsafelyUnwrapped.takeUnretainedValue()
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        callbackContext.deinitialize(count: 1)
        callbackContext.deallocate()
    }

    /// The line libxml2 is at (1-based), for record positions.
    var line: Int {
        guard let context else { return 0 }
        return Int(xmlSAX2GetLineNumber(context))
    }

    /// The column libxml2 is at (1-based).
    var column: Int {
        guard let context else { return 0 }
        return Int(xmlSAX2GetColumnNumber(context))
    }

    /// Stops the parse from inside a handler callback; `error` is thrown from the current
    /// ``feed(_:)`` or ``finish()``.
    func stop(_ error: any Error) {
        if stopError == nil && fatal == nil { stopError = error }
        if let context { xmlStopParser(context) }
    }

    /// Parses the next chunk (any split, even inside a multi-byte character).
    /// - Throws: ``Failure`` when the XML is malformed or the handler stopped the parse.
    func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        try checkFailure()
        guard let context, !finished else { return }
        var offset = 0
        // xmlParseChunk takes an Int32 size: feed at most 1 GiB at a time.
        repeat {
            let n = min(bytes.count - offset, 1 << 30)
            let start = bytes.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) }
            xmlParseChunk(context, start, Int32(n), 0)
            try checkFailure()
            offset += n
        } while offset < bytes.count
    }

    /// Ends the input and reports a truncated document.
    /// - Throws: ``Failure`` when the XML is malformed or incomplete.
    func finish() throws(Failure) {
        try checkFailure()
        guard let context, !finished else { return }
        finished = true
        xmlParseChunk(context, nil, 0, 1)
        try checkFailure()
        if context.pointee.wellFormed == 0 {
            throw .malformed(SAXDiagnostic(line: line, column: column, message: "the XML is not well-formed", code: 0))
        }
    }

    private func checkFailure() throws(Failure) {
        if let stopError { throw .stopped(stopError) }
        if let fatal { throw .malformed(fatal) }
        if context == nil {
            throw .malformed(SAXDiagnostic(line: nil, column: nil, message: "libxml2 could not create a parser", code: 0))
        }
    }

    private func refuse(_ message: String) {
        if fatal == nil && stopError == nil {
            fatal = SAXDiagnostic(line: line, column: column, message: message, code: -1)
        }
        if let context { xmlStopParser(context) }
    }

    private func record(level: xmlErrorLevel, code: Int32, line: Int, column: Int, message: String) {
        var text = message
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        let diagnostic = SAXDiagnostic(line: line > 0 ? line : nil, column: column > 0 ? column : nil, message: text, code: code)
        if level == XML_ERR_FATAL {
            if fatal == nil && stopError == nil { fatal = diagnostic }
            if let context { xmlStopParser(context) }
        } else if warnings.count < 100 {
            warnings.append(diagnostic)
        }
    }
}

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
        return SAXTextBuffer.isNormal(buffer) ? String(decoding: buffer, as: UTF8.self) : SAXTextBuffer.normalized(buffer)
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
                        if pending { target[o] = 0x20; o += 1; pending = false }
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
                        if pending { target[o] = 0x20; o += 1; pending = false }
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
                    if pending { target[o] = 0x20; o += 1 }
                    while i < n { target[o] = source[i]; o += 1; i += 1 }
                    break
                }
                switch special(buffer, at: i, length: length) {
                case .space:
                    pending = o > 0
                case .dropped:
                    break
                case .none:
                    if pending { target[o] = 0x20; o += 1; pending = false }
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
                    if b1 == 0x80 && ((0x80...0x8B).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) { return false }
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
            let b0 = b[i], b1 = b[i + 1], b2 = b[i + 2]
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
