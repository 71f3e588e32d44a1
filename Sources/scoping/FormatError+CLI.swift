import Formats

/// Errors that render as `file:line:column: message`.
protocol FormatErrorConvertible: Error {
    var formatDescription: String { get }
}

extension FormatError: FormatErrorConvertible {
    var formatDescription: String { description }
}
