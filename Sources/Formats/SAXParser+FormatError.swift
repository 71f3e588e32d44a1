import XMLSupport

extension SAXParser {
    /// The error a reader throws for `failure`: the consumer's own error, or a ``FormatError``
    /// at libxml2's line and column saying the file is not well-formed `format`.
    static func error(
        for failure: Failure, file: String, record: Int?, format: String, hint: String
    ) -> any Error {
        switch failure {
        case .stopped(let error):
            return error
        case .malformed(let diagnostic):
            return FormatError(
                file: file, line: diagnostic.line, column: diagnostic.column, record: record,
                message: "malformed XML: " + diagnostic.message,
                hint: "the file is not well-formed \(format); " + hint
            )
        }
    }
}
