/// A reader of a line-based text export (Web of Science, Ovid, Refer and RefWorks, MEDLINE):
/// bytes in, whole decoded lines out through its ``LineSplitter``, in any chunking.
protocol LineByLineReader: AnyObject {
    /// Splits the bytes fed so far into lines (UTF-8, or Windows-1252 from the first bad line on).
    var splitter: LineSplitter { get set }
    /// Takes one line, without its line break, and its 1-based number.
    func take(line: String, number: Int) throws
}

extension LineByLineReader {
    /// Splits `bytes` into lines and takes each whole one.
    func feedLines(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var splitter = self.splitter
        defer { self.splitter = splitter }
        try splitter.feed(bytes) { line, number in try self.take(line: line, number: number) }
    }

    /// Takes the last line when the input did not end with a line break.
    func finishLines() throws {
        var splitter = self.splitter
        defer { self.splitter = splitter }
        try splitter.finish { line, number in try self.take(line: line, number: number) }
    }
}

extension LineSplitter {
    /// A splitter that notes in `flag` the line where it fell back on Windows-1252.
    init(reporting flag: FallbackFlag) {
        self.init(onFallback: { flag.line = $0 })
    }
}
