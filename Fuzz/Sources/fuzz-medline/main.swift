// SwiftPM links an executable's entry point as `main`, so libFuzzer's own `main` is not used:
// start its driver here with the entry point of Fuzz.swift.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
_ = LLVMFuzzerRunDriver(&argc, &argv, { fuzz($0, $1) })
