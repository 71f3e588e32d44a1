// libFuzzer driver for scoping's readers: feeds each input to the reader in two chunks (split
// at a point derived from the first byte, to exercise chunk boundaries) and ignores
// FormatError, the expected outcome of bad input. A crash, a hang or a sanitizer report is a bug.
import Formats

/// The format under test (set once, before the driver starts).
nonisolated(unsafe) var formatUnderTest: ExportFormat = .ris

/// libFuzzer's entry point (its runtime refers to this symbol even when the driver is started by hand).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let reader = Exports.makeReader(formatUnderTest, file: "fuzz") { _ in }
    do {
        let split = size > 0 ? min(size, Int(bytes[0]) * 7) : 0
        try reader.feed(UnsafeBufferPointer(rebasing: bytes[0..<split]))
        try reader.feed(UnsafeBufferPointer(rebasing: bytes[split..<size]))
        try reader.finish()
    } catch {}
    return 0
}

// SwiftPM links an executable's entry point as `main`, so libFuzzer's own `main` is not used:
// start its driver with our entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer on the reader for `format` with the process's arguments.
public func runFuzzer(_ format: ExportFormat) -> Never {
    formatUnderTest = format
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzOne($0, $1) }))
}

@_silgen_name("exit")
func exit(_ code: CInt) -> Never
