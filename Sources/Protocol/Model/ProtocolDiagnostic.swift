/// A position in the protocol file: 1-based line and column (columns count Unicode scalars,
/// as libyaml does).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in a protocol file, with where it is and what to do about it.
///
/// Rendered compiler-style by ``description``:
/// `protocol/protocol.yaml:12:5: error: unknown key 'critera'; did you mean 'criteria'?`
public struct ProtocolDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad a diagnostic is. Any `error` stops the pipeline; warnings are shown only.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// The protocol file as the user names it (`protocol/protocol.yaml`).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int
    /// What is wrong, in one sentence without a trailing full stop.
    public var message: String
    /// What to do about it (`did you mean 'criteria'?`), appended after a semicolon.
    public var hint: String?

    public init(severity: Severity, file: String, line: Int, column: Int, message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public init(_ severity: Severity, file: String, at location: SourceLocation, _ message: String, hint: String? = nil)
    {
        self.init(
            severity: severity, file: file, line: location.line, column: location.column, message: message, hint: hint)
    }

    public var location: SourceLocation { SourceLocation(line: line, column: column) }

    /// `file:line:column: severity: message; hint`.
    public var description: String {
        var s = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let hint, !hint.isEmpty { s += "; \(hint)" }
        return s
    }
}

extension Array where Element == ProtocolDiagnostic {
    /// True when at least one diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in file order (line, column), errors before warnings at the same place.
    public func sortedByLocation() -> [ProtocolDiagnostic] {
        enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Every diagnostic rendered on its own line.
    public var rendered: String { map(\.description).joined(separator: "\n") }
}
