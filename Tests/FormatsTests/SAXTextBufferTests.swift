import Bibliography
import Testing

@testable import Formats

/// The byte-level whitespace normalisation of ``SAXTextBuffer`` (the fast copy when the text
/// is already normal, the byte-by-byte pass otherwise) against `Text.normalizeWhitespace`.
@Suite struct SAXTextBufferTests {
    /// Byte sequences the normalisation treats specially, and their neighbours.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("Zz9".utf8), Array("abcdefgh".utf8), [0x20], [0x20, 0x20], [0x0A], [0x09], [0x0D, 0x0A],
        [0x01], [0x1F], [0x7F], Array("é".utf8), Array("β-cell".utf8),
        [0xC2, 0xA0], [0xC2, 0x85], [0xC2, 0xAD], [0xC2, 0x9F],  // NBSP, NEL, soft hyphen, a kept C1 control
        // –, ’, thin space, ZWSP, ZWNJ
        [0xE2, 0x80, 0x93], [0xE2, 0x80, 0x99], [0xE2, 0x80, 0x89], [0xE2, 0x80, 0x8B], [0xE2, 0x80, 0x8C],
        [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xAF], [0xE2, 0x81, 0x9F], [0xE1, 0x9A, 0x80], [0xE3, 0x80, 0x80],
        [0xEF, 0xBB, 0xBF], [0xF0, 0x9F, 0x98, 0x80],  // BOM, an emoji
    ]
    /// Invalid UTF-8 (never from libxml2, but the normalisation must not break on it).
    static let invalid: [[UInt8]] = [[0x80], [0xC3], [0xE2, 0x80], [0xF8], [0xFF], [0xC3, 0x20], [0xE2, 0x20, 0x20]]

    /// Deterministic pseudo-random numbers (SplitMix64), so a failure can be replayed.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func take(_ bytes: [UInt8]) -> String {
        var buffer = SAXTextBuffer()
        bytes.withUnsafeBufferPointer { buffer.append($0) }
        return buffer.take()
    }

    @Test("valid UTF-8: the same text as Text.normalizeWhitespace", arguments: [1, 2, 3, 4])
    func matchesText(seed: UInt64) {
        var numbers = Numbers(state: seed)
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<numbers.next(24) { bytes += Self.pieces[numbers.next(Self.pieces.count)] }
            let expected = Text.normalizeWhitespace(String(decoding: bytes, as: UTF8.self))
            #expect(Self.take(bytes) == expected, "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { SAXTextBuffer.normalized($0) } == expected, "\(bytes)")
        }
    }

    @Test("invalid UTF-8: the fast copy agrees with the byte-by-byte pass", arguments: [5, 6])
    func fastPathAgrees(seed: UInt64) {
        var numbers = Numbers(state: seed)
        let all = Self.pieces + Self.invalid
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<numbers.next(16) { bytes += all[numbers.next(all.count)] }
            let slow = bytes.withUnsafeBufferPointer { SAXTextBuffer.normalized($0) }
            #expect(Self.take(bytes) == slow, "\(bytes)")
        }
    }

    @Test("what counts as already normal")
    func normalText() {
        func isNormal(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { SAXTextBuffer.isNormal($0) } }
        #expect(isNormal("Effects of β-blockers on 12345 patients – a trial’s results."))
        #expect(isNormal(""))
        #expect(!isNormal(" leading"))
        #expect(!isNormal("trailing "))
        #expect(!isNormal("two  spaces"))
        #expect(!isNormal("twelve chars  here"))  // across an eight-byte boundary
        #expect(!isNormal("1234567 \u{20}x"))
        #expect(!isNormal("line\nbreak"))
        #expect(!isNormal("no\u{A0}break"))
        #expect(!isNormal("soft\u{AD}hyphen and more text"))
        #expect(!isNormal("zero\u{200B}width"))
        #expect(!isNormal("\u{FEFF}bom"))
    }
}

@Suite struct PubMedTagTests {
    @Test("name-table ids map to their tags; anything else is .other")
    func idsMapToTags() {
        for tag in PubMedTag.allCases where tag != .other {
            #expect(PubMedTag(id: Int(tag.rawValue)) == tag)
            #expect(PubMedTag.names[Int(tag.rawValue) - 1] == String(describing: tag))
        }
        #expect(PubMedTag(id: 0) == .other)
        #expect(PubMedTag(id: PubMedTag.allCases.count) == .other)
        #expect(PubMedTag(id: 300) == .other)
        #expect(PubMedTag(id: -1) == .other)
    }

    @Test("the tag stack grows past its first allocation")
    func stackGrows() {
        var stack = PubMedTagStack()
        for i in 0..<1000 { stack.append(PubMedTag(id: i % 90)) }
        #expect(stack.count == 1000)
        #expect(stack.last == PubMedTag(id: 999 % 90))
        for i in stride(from: 999, through: 0, by: -1) { #expect(stack.popLast() == PubMedTag(id: i % 90)) }
        #expect(stack.popLast() == nil)
        #expect(stack.last == nil)
    }
}
