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
        guard let bytes = rawValue(name) else { return nil }
        let s = String(decoding: bytes, as: UTF8.self)
        return s.utf8.contains(0x26) ? s.replacingAmpersandReferences() : s
    }

    /// True when the attribute `name` is present and its value is exactly `expected` (bytes).
    func value(_ name: StaticString, is expected: StaticString) -> Bool {
        guard let bytes = rawValue(name), bytes.count == expected.utf8CodeUnitCount else { return false }
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

    private unowned(unsafe) let handler: any SAXContentHandler
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
    init(handler: any SAXContentHandler, fileName: String) {
        self.handler = handler
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
            guard let ctx, let localname else { return }
            let parser = Unmanaged<SAXParser>.fromOpaque(ctx).takeUnretainedValue()
            parser.handler.startElement(localname, attributes: SAXAttributes(count: Int(nbAttributes), base: attributes))
        }
        sax.endElementNs = { ctx, localname, _, _ in
            guard let ctx, let localname else { return }
            Unmanaged<SAXParser>.fromOpaque(ctx).takeUnretainedValue().handler.endElement(localname)
        }
        let characters: charactersSAXFunc = { ctx, ch, len in
            guard let ctx, let ch, len > 0 else { return }
            Unmanaged<SAXParser>.fromOpaque(ctx).takeUnretainedValue().handler.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.reference = { ctx, name in
            guard let ctx, let name else { return }
            let parser = Unmanaged<SAXParser>.fromOpaque(ctx).takeUnretainedValue()
            parser.handler.unresolvedEntity(String(cString: name))
        }
        sax.entityDecl = { ctx, name, _, _, _, _ in
            guard let ctx else { return }
            let parser = Unmanaged<SAXParser>.fromOpaque(ctx).takeUnretainedValue()
            let entity = name.map { String(cString: $0) } ?? "?"
            parser.refuse("the document declares an entity (<!ENTITY \(entity) …>); entity declarations are refused, as they serve external-entity and expansion attacks")
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<SAXParser>.fromOpaque(ctx).takeUnretainedValue().record(
                level: error.pointee.level, code: error.pointee.code,
                line: Int(error.pointee.line), column: Int(error.pointee.int2),
                message: error.pointee.message.map { String(cString: $0) } ?? "malformed XML")
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        context = xmlCreatePushParserCtxt(&sax, me, nil, 0, fileName)
        if let context {
            // NONET: never fetch anything. Not NOENT (no substitution), not DTDLOAD, not HUGE.
            xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        }
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
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
struct SAXTextBuffer {
    private(set) var bytes: [UInt8] = []
    /// The most bytes kept per field.
    let limit: Int
    /// True when text was dropped since the last ``take()``.
    private(set) var truncated = false

    init(limit: Int = 1 << 20) {
        self.limit = limit
        bytes.reserveCapacity(4096)
    }

    var isEmpty: Bool { bytes.isEmpty }

    @inline(__always)
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        if bytes.count + text.count <= limit {
            bytes.append(contentsOf: text)
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
        let room = max(0, limit - bytes.count)
        var keep = min(room, text.count)
        // Do not cut a UTF-8 sequence in half.
        while keep > 0, keep < text.count, text[keep] & 0xC0 == 0x80 { keep -= 1 }
        if keep > 0 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[0..<keep])) }
        if keep < text.count { truncated = true }
    }

    /// The text with whitespace normalised (``Text/normalizeWhitespace(_:)``), and empties
    /// the buffer (keeping its storage) and the truncation flag.
    mutating func take() -> String {
        defer {
            bytes.removeAll(keepingCapacity: true)
            truncated = false
        }
        return SAXTextBuffer.normalized(bytes)
    }

    /// Discards the content.
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        truncated = false
    }

    /// Whitespace-normalised text of UTF-8 bytes: the same result as
    /// `Text.normalizeWhitespace(String(decoding: bytes, as: UTF8.self))`, computed on the
    /// bytes (every space, control, zero-width and soft-hyphen scalar that
    /// ``Text/normalizeWhitespace(_:)`` knows, recognised by its UTF-8 encoding).
    ///
    /// - Complexity: O(n), one pass, no Unicode scalar decoding.
    static func normalized(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            if n == 0 { return "" }
            // One allocation: the string's own storage (the result is never longer).
            return String(unsafeUninitializedCapacity: n) { out -> Int in
                var o = 0
                var pending = false
                var i = 0
                while i < n {
                    let b = buffer[i]
                    if b < 0x80 {
                        if b <= 0x20 {
                            pending = o > 0
                        } else {
                            if pending { out[o] = 0x20; o += 1; pending = false }
                            out[o] = b
                            o += 1
                        }
                        i += 1
                        continue
                    }
                    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                    guard i + length <= n else {
                        // A cut sequence (cannot come from libxml2): keep the bytes as they are.
                        while i < n { out[o] = buffer[i]; o += 1; i += 1 }
                        break
                    }
                    switch special(buffer, at: i, length: length) {
                    case .space:
                        pending = o > 0
                    case .dropped:
                        break
                    case .none:
                        if pending { out[o] = 0x20; o += 1; pending = false }
                        for k in 0..<length { out[o + k] = buffer[i + k] }
                        o += length
                    }
                    i += length
                }
                return o
            }
        }
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
