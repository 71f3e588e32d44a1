public import CLibXML2
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
public protocol SAXContentHandler: AnyObject {
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
public struct SAXAttributes {
    public let count: Int
    public let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    public init(count: Int, base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        self.count = count
        self.base = base
    }

    /// The value of the attribute with local name `name`, or nil when it is absent.
    ///
    /// `&amp;` in an attribute value arrives from libxml2 as `&#38;` (it keeps the reference
    /// when entities are not substituted); this decodes it back to `&`.
    public func value(_ name: StaticString) -> String? {
        rawValue(name).map(SAXAttributes.decode)
    }

    /// The string of a raw value (``rawValue(_:)``), as ``value(_:)`` returns it.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        return s.utf8.contains(0x26) ? s.replacingAmpersandReferences() : s
    }

    /// True when the attribute `name` is present and its value is exactly `expected` (bytes).
    public func value(_ name: StaticString, is expected: StaticString) -> Bool {
        guard let bytes = rawValue(name) else { return false }
        return SAXAttributes.bytes(bytes, are: expected)
    }

    /// True when a raw value (``rawValue(_:)``) is exactly `expected`.
    @inlinable
    public static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, are expected: StaticString) -> Bool {
        guard bytes.count == expected.utf8CodeUnitCount else { return false }
        guard let start = bytes.baseAddress else { return bytes.isEmpty }
        return sameBytes(start, expected.utf8Start, bytes.count)
    }

    @usableFromInline
    static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// The raw bytes of an attribute's value, valid only during the callback.
    public func rawValue(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[5 * i], let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
            if strcmp(
                UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self),
                UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
            {
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
public struct SAXNameTable {
    @usableFromInline let names: [[UInt8]]
    @usableFromInline var keys: [UnsafePointer<UInt8>?]
    @usableFromInline var values: [UInt16]
    @usableFromInline var used = 0
    @usableFromInline let mask: Int

    /// - Parameter names: the element names of interest; `names[i]` gets id `i + 1`.
    public init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) + [0] }
        let capacity = 1024
        keys = Array(repeating: nil, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The id of `name`: its 1-based position in the table, or 0.
    @inlinable
    public mutating func id(_ name: UnsafePointer<UInt8>) -> Int {
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

    @usableFromInline
    func lookUp(_ name: UnsafePointer<UInt8>) -> Int {
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
public struct SAXEvents {
    public var handler: UnsafeMutableRawPointer?
    public var startElement: startElementNsSAX2Func
    public var endElement: endElementNsSAX2Func
    public var characters: charactersSAXFunc
    public var reference: referenceSAXFunc

    public init(
        handler: UnsafeMutableRawPointer?, startElement: startElementNsSAX2Func, endElement: endElementNsSAX2Func,
        characters: charactersSAXFunc, reference: referenceSAXFunc
    ) {
        self.handler = handler
        self.startElement = startElement
        self.endElement = endElement
        self.characters = characters
        self.reference = reference
    }
}

/// A problem libxml2 reported: where and what.
public struct SAXDiagnostic: Equatable, Sendable {
    public var line: Int?
    public var column: Int?
    public var message: String
    /// libxml2's error code (`xmlParserErrors`).
    public var code: Int32

    public init(line: Int?, column: Int?, message: String, code: Int32) {
        self.line = line
        self.column = column
        self.message = message
        self.code = code
    }
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
public final class SAXParser {
    /// Why a parse ended early.
    public enum Failure: Error {
        /// libxml2 found the XML malformed (or refused it: entity declarations).
        case malformed(SAXDiagnostic)
        /// The consumer stopped the parse with this error.
        case stopped(any Error)
    }

    /// What libxml2 hands every callback as its context: the handler's pointer first (read by
    /// ``handler(_:)`` with one load), then the parser.
    @usableFromInline
    struct Context {
        @usableFromInline var handler: UnsafeMutableRawPointer?
        var parser: Unmanaged<SAXParser>?
    }

    private unowned(unsafe) let contentHandler: (any SAXContentHandler)?
    private let callbackContext: UnsafeMutablePointer<Context>
    private var context: xmlParserCtxtPtr?
    private var fatal: SAXDiagnostic?
    private var stopError: (any Error)?
    /// Non-fatal problems libxml2 reported (undeclared entities, namespace errors), in order.
    /// At most 100 are kept.
    public private(set) var warnings: [SAXDiagnostic] = []
    private var finished = false

    /// Creates a parser that reports to `handler`. The handler is not retained: keep it alive
    /// for as long as the parser.
    /// - Parameter fileName: used by libxml2 for base URIs only; messages carry no file name.
    public convenience init(handler: any SAXContentHandler, fileName: String) {
        let events = SAXEvents(
            handler: nil,
            startElement: { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
                guard let ctx, let localname else { return }
                SAXParser.parser(ctx).contentHandler?.startElement(
                    localname, attributes: SAXAttributes(count: Int(nbAttributes), base: attributes))
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
    public convenience init(events: SAXEvents, fileName: String) {
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
            SAXParser.parser(ctx).refuse(
                "the document declares an entity (<!ENTITY \(entity) …>); entity declarations are refused, as they serve external-entity and expansion attacks"
            )
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
    @inlinable
    public static func handler(_ ctx: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
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
    public var line: Int {
        guard let context else { return 0 }
        return Int(xmlSAX2GetLineNumber(context))
    }

    /// The column libxml2 is at (1-based).
    public var column: Int {
        guard let context else { return 0 }
        return Int(xmlSAX2GetColumnNumber(context))
    }

    /// Stops the parse from inside a handler callback; `error` is thrown from the current
    /// ``feed(_:)`` or ``finish()``.
    public func stop(_ error: any Error) {
        if stopError == nil && fatal == nil { stopError = error }
        if let context { xmlStopParser(context) }
    }

    /// Parses the next chunk (any split, even inside a multi-byte character).
    /// - Throws: ``Failure`` when the XML is malformed or the handler stopped the parse.
    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
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
    public func finish() throws(Failure) {
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
            throw .malformed(
                SAXDiagnostic(line: nil, column: nil, message: "libxml2 could not create a parser", code: 0))
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
        let diagnostic = SAXDiagnostic(
            line: line > 0 ? line : nil, column: column > 0 ? column : nil, message: text, code: code)
        if level == XML_ERR_FATAL {
            if fatal == nil && stopError == nil { fatal = diagnostic }
            if let context { xmlStopParser(context) }
        } else if warnings.count < 100 {
            warnings.append(diagnostic)
        }
    }
}
