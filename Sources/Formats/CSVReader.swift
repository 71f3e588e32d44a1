// Placeholder being replaced by the reader's author in this session; not to be committed as is.
public import Bibliography

public final class CSVReader: ExportReader {
    let file: String
    let handler: (ReaderEvent) throws -> Void

    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        throw FormatError(file: file, message: "CSVReader is not written yet")
    }

    public func finish() throws {}
}
