/// What the SAX side of a ``PubMedXMLReader`` hands to the record side: a compact log of
/// record-building steps (a record starts, a field's raw text, an author ends, a warning …)
/// in one reused byte buffer.
///
/// The SAX callbacks only keep the element stack and append to the tape, as the C baseline
/// appends to its buffers; ``PubMedRecordBuilder`` replays the tape into the draft and the
/// ``Record``s, on the same thread (``PubMedXMLReader/feed(_:)``) or on another one
/// (``PubMedXMLReader/read(_:file:handler:)``). Layout: one ``PubMedTapeOp`` byte, then its
/// operands: bytes, 8-byte integers, text as a 4-byte length and the bytes.
struct PubMedTape: ~Copyable {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        storage = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit {
        storage.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The steps written since the last ``clear()``, valid until the tape next changes.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    /// Forgets the steps (keeping the storage).
    mutating func clear() {
        count = 0
    }

    @inline(__always)
    mutating func op(_ op: PubMedTapeOp) {
        byte(op.rawValue)
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        reserve(1)
        storage.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    mutating func int(_ value: Int) {
        reserve(8)
        storage.storeBytes(of: Int64(value).littleEndian, toByteOffset: count, as: Int64.self)
        count += 8
    }

    /// Text: its length (4 bytes), then its bytes.
    @inline(__always)
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        reserve(4 + n)
        storage.storeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian, toByteOffset: count, as: UInt32.self)
        count += 4
        if n > 0, let source = bytes.baseAddress {
            (storage + count).copyMemory(from: source, byteCount: n)
            count += n
        }
    }

    /// Optional text: a presence byte, then the text.
    mutating func optionalText(_ bytes: UnsafeBufferPointer<UInt8>?) {
        if let bytes {
            byte(1)
            text(bytes)
        } else {
            byte(0)
        }
    }

    /// A string's UTF-8 as text.
    mutating func text(_ string: String) {
        var copy = string
        copy.withUTF8 { text($0) }
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        bigger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }
}

/// One step of a ``PubMedTape``, with its operands.
enum PubMedTapeOp: UInt8 {
    /// A record starts: is-book byte, line (integer).
    case beginRecord
    /// The record ends: build it and hand it out.
    case endRecord
    /// A captured field: ``PubMedField`` byte, raw text (whitespace not yet normalised).
    case field
    /// An `AbstractText`'s `Label` and `NlmCategory` attributes: two optional raw texts.
    case sectionAttributes
    /// An `Author` of an `AuthorList` starts.
    case authorBegin
    /// That author ends (and was not `ValidYN="N"`): ``PubMedAuthorRole`` byte.
    case authorEnd
    /// A `MeshHeading` starts.
    case meshReset
    /// A `MajorTopicYN="Y"` in the current heading.
    case meshMajor
    /// The `MeshHeading` ends.
    case meshEnd
    /// A `DeleteCitation` starts.
    case deletionsReset
    /// The `DeleteCitation` ends: hand out its PMIDs.
    case deleteEnd
    /// A warning: line (integer, -1 when unknown), message text.
    case warning
    /// A `DataBank` of the article's `DataBankList` starts (its name comes next, if any).
    case dataBankBegin
}

/// Reads a tape's steps in order.
struct PubMedTapeCursor {
    private let base: UnsafeRawPointer?
    private let end: Int
    private var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress
        end = bytes.count
    }

    var atEnd: Bool { offset >= end }

    @inline(__always)
    mutating func byte() -> UInt8 {
        precondition(offset < end, "PubMed tape read past its end")
        let value = base.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
        offset += 1
        return value
    }

    @inline(__always)
    mutating func int() -> Int {
        precondition(offset + 8 <= end, "PubMed tape read past its end")
        let value = Int64(littleEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        offset += 8
        return Int(value)
    }

    /// Text written by ``PubMedTape/text(_:)-(UnsafeBufferPointer<UInt8>)``, valid as long as the tape.
    @inline(__always)
    mutating func text() -> UnsafeBufferPointer<UInt8> {
        precondition(offset + 4 <= end, "PubMed tape read past its end")
        let n = Int(UInt32(littleEndian: base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        offset += 4
        precondition(offset + n <= end, "PubMed tape read past its end")
        let start = (base.unsafelyUnwrapped + offset).assumingMemoryBound(to: UInt8.self)
        offset += n
        return UnsafeBufferPointer(start: start, count: n)
    }

    mutating func optionalText() -> UnsafeBufferPointer<UInt8>? {
        byte() == 0 ? nil : text()
    }
}
