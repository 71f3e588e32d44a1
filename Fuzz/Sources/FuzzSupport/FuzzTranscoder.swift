// libFuzzer driver for the UTF-16 transcoder (`UTF16Transcoder`, what `InputFile` runs on a
// UTF-16 export): each input is read as UTF-16 LE and as BE, whole and in two chunks (split
// where the first byte says), and its first 4 kB in chunks of 1 to 7 bytes. The outputs must
// not depend on the chunks, must be valid UTF-8 (but for a cut last character) and, for whole
// code units, what Swift's own decoder makes of them; the LE text is then read by the reader
// detection picks (RIS when none). A trap is a bug.
import Formats

/// Transcodes `bytes` in chunks of the given sizes (cycling through them).
func transcode(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, chunks: [Int]) -> (UTF16Transcoder, [UInt8]) {
    var transcoder = UTF16Transcoder(bigEndian: bigEndian)
    var out: [UInt8] = []
    var offset = 0
    var k = 0
    while offset < bytes.count {
        let n = max(1, min(chunks[k % chunks.count], bytes.count - offset))
        out += transcoder.transcode(UnsafeBufferPointer(rebasing: bytes[offset..<offset + n]))
        offset += n
        k += 1
    }
    out += transcoder.finish()
    return (transcoder, out)
}

func fuzzTranscoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = ContentEncoding.sniff(bytes)
    let split = size > 0 ? min(size, Int(bytes[0]) * 3 + 1) : 0
    for bigEndian in [false, true] {
        let (whole, out) = transcode(bytes, bigEndian: bigEndian, chunks: [max(size, 1)])
        let (halves, out2) = transcode(bytes, bigEndian: bigEndian, chunks: [split, size])
        precondition(out == out2, "the transcoder's output depends on the chunks")
        // Chunks of 1 to 7 bytes (an array each, slow under ASan): on the first 4 kB.
        let head = UnsafeBufferPointer(rebasing: bytes[..<min(size, 4096)])
        let (_, small) = transcode(head, bigEndian: bigEndian, chunks: [1, 2, 3, 1, 5, 7])
        let (_, oneShot) = transcode(head, bigEndian: bigEndian, chunks: [max(head.count, 1)])
        precondition(small == oneShot, "the transcoder's output depends on the chunks")
        precondition(whole.replaced == halves.replaced && whole.firstReplacedLine == halves.firstReplacedLine)
        precondition(whole.endedInsideCharacter == (size % 2 == 1 || endsWithHighSurrogate(bytes, bigEndian)))
        let valid = out.withUnsafeBufferPointer {
            TextEncoding.isValidUTF8($0, allowTruncatedEnd: whole.endedInsideCharacter)
        }
        precondition(valid, "the transcoder wrote invalid UTF-8")
        if !whole.endedInsideCharacter {
            var units: [UInt16] = (0..<size / 2).map { i in unit(bytes, i, bigEndian) }
            if units.first == 0xFEFF { units.removeFirst() }
            precondition(Array(String(decoding: units, as: UTF16.self).utf8) == out, "not what Swift decodes")
        }
        // The text to a reader (the little-endian reading only: readers have their own targets).
        guard !bigEndian else { continue }
        let format = FormatDetection.detect(Array(out.prefix(16 * 1024))) ?? .ris
        let reader = Exports.makeReader(format, file: "fuzz") { _ in }
        do {
            try out.withUnsafeBufferPointer { text in
                let cut = text.count / 2
                try reader.feed(UnsafeBufferPointer(rebasing: text[0..<cut]))
                try reader.feed(UnsafeBufferPointer(rebasing: text[cut...]))
            }
            try reader.finish()
        } catch {}
    }
    return 0
}

/// True when the last whole code unit is a high surrogate (the input ends between the halves of a pair).
func endsWithHighSurrogate(_ bytes: UnsafeBufferPointer<UInt8>, _ bigEndian: Bool) -> Bool {
    let n = bytes.count / 2
    guard n > 0 else { return false }
    return unit(bytes, n - 1, bigEndian) & 0xFC00 == 0xD800
}

/// The `i`th code unit of `bytes`.
func unit(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ bigEndian: Bool) -> UInt16 {
    let first = UInt16(bytes[2 * i])
    let second = UInt16(bytes[2 * i + 1])
    return bigEndian ? first << 8 | second : second << 8 | first
}

/// Runs libFuzzer on the UTF-16 transcoder with the process's arguments.
public func runTranscoderFuzzer() -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzTranscoder($0, $1) }))
}
