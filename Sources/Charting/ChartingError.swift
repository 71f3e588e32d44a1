public import Foundation

/// What can go wrong reading or writing charting logs and sheets.
public enum ChartingError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// A line is not a charting entry.
    case malformedLine(file: String, line: Int, message: String)
    /// Another process holds the log's lock.
    case locked(file: String, holder: String)
    /// The file system refused (open, write, fsync).
    case io(file: String, message: String)

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let message):
            "\(file):\(line): error: not a charting entry: \(message); fix the line or restore the file from git"
        case .locked(let file, let holder):
            "\(file): error: the log is in use by \(holder); wait until that session ends"
        case .io(let file, let message):
            "\(file): error: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
