// libFuzzer entry: feeds the input to the reader in two chunks (split at the first byte's
// value, to exercise chunk boundaries) and ignores FormatError, the expected outcome of bad
// input. A crash, a hang or a sanitizer report is a bug.
import Formats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let reader = Exports.makeReader(.medline, file: "fuzz") { _ in }
    do {
        let split = size > 0 ? min(size, Int(bytes[0]) * 7) : 0
        try reader.feed(UnsafeBufferPointer(rebasing: bytes[0..<split]))
        try reader.feed(UnsafeBufferPointer(rebasing: bytes[split..<size]))
        try reader.finish()
    } catch {}
    return 0
}
