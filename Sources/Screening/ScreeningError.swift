public import Foundation

/// Everything that can go wrong in screening, with a message a reviewer can act on.
public enum ScreeningError: Error, Equatable, Sendable, LocalizedError {
    /// Another process holds the reviewer's log; `holder` says who (`reviewer anna, process 4711 on host lab-3`).
    case logLocked(file: String, holder: String)
    /// A line in the middle of a log is not a valid decision.
    case invalidLogLine(file: String, line: Int, message: String)
    /// A reviewer id that cannot name a log file.
    case invalidReviewer(String)
    /// Reading or writing a file failed.
    case io(file: String, message: String)
    /// An entry given to a log belongs to another reviewer.
    case wrongReviewer(file: String, expected: String, found: String)
    /// A CSV import with problems; nothing was imported.
    case csvImport(file: String, issues: [CSVIssue])

    public var errorDescription: String? {
        switch self {
        case .logLocked(let file, let holder):
            "\(file): in use by \(holder); finish that session first (or, if it crashed, its lock is released by the system)"
        case .invalidLogLine(let file, let line, let message):
            "\(file):\(line): error: \(message); fix or remove this line by hand (the log is append-only)"
        case .invalidReviewer(let id):
            "'\(id)' is not a valid reviewer id; use lower-case letters, digits, '-' or '_'"
        case .io(let file, let message):
            "\(file): \(message)"
        case .wrongReviewer(let file, let expected, let found):
            "\(file): an entry by '\(found)' cannot go into the log of '\(expected)'"
        case .csvImport(let file, let issues):
            issues.map { issue in
                switch (issue.column, issue.columnName.isEmpty) {
                // A whole row or the header (a missing column, a wrong field count).
                case (0, _): "\(file):\(issue.line): \(issue.message)"
                // A place in the text (CSV syntax): line:character, as compilers write it.
                case (_, true): "\(file):\(issue.line):\(issue.column): \(issue.message)"
                // One cell.
                default: "\(file):\(issue.line): column \(issue.column) (\(issue.columnName)): \(issue.message)"
                }
            }.joined(separator: "\n")
        }
    }
}

/// One problem in one CSV cell (or row, when `column` is 0; or a place in the text, for CSV
/// syntax, when `columnName` is empty).
public struct CSVIssue: Hashable, Sendable {
    /// The 1-based line where the row starts (for syntax: the line of the problem).
    public var line: Int
    /// The 1-based field number (for syntax: the character on the line).
    public var column: Int
    public var columnName: String
    public var message: String

    public init(line: Int, column: Int, columnName: String, message: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }
}

/// Something worth telling the reviewer that did not stop the work.
public enum DecisionLogWarning: Hashable, Sendable, CustomStringConvertible {
    /// The last line of the log was cut off (a crash or power loss while writing); the lines
    /// before it are kept. When a log was opened for writing, the torn bytes were moved to `savedTo`.
    case tornLastLine(file: String, line: Int, savedTo: String?)

    public var description: String {
        switch self {
        case .tornLastLine(let file, let line, let savedTo):
            "\(file):\(line): warning: the last line is incomplete (cut off while writing); the decisions before it are kept"
                + (savedTo.map { "; its text was moved to \($0)" } ?? "")
        }
    }
}
