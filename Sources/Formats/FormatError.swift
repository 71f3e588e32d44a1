/// An error in an export file: what happened, where, and what to do.
///
/// Rendered compiler-style: `corpus/x.xml:12:5: error: … (record 3); hint`.
public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known: in UTF-8 bytes of the line for the CSV reader (of the line
    /// transcoded to UTF-8 for a UTF-16 file), in characters for XML (libxml2's count).
    public var column: Int?
    /// The 1-based number of the record being read, when known.
    public var record: Int?
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(
        file: String, line: Int? = nil, column: Int? = nil, record: Int? = nil, message: String, hint: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        s += ": " + message
        if let record { s += " (record \(record))" }
        if let hint { s += "; " + hint }
        return s
    }
}

/// Something a reader noticed that does not stop the import (an encoding fallback, an empty
/// file, a record without a title).
public struct FormatWarning: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "\(file):\($0)" } ?? file) + ": " + message
    }
}
