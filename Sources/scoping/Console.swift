import Foundation

/// Where the CLI writes: data to stdout, messages to stderr, colour only when allowed.
///
/// Colour is used when the stream is a terminal and `NO_COLOR` is unset (https://no-color.org).
enum Console {
    /// Writes data (what a script would capture) to stdout.
    static func out(_ s: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((s + terminator).utf8))
    }

    /// Data the user asked for: written atomically to `output` (then `summary` goes to
    /// stderr), or to stdout when there is no `output`.
    ///
    /// - Throws: ``Exit/cannotWrite`` after saying which file and why.
    static func emit(_ data: Data, to output: String?, summary: @autoclosure () -> String) throws {
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            Console.error("\(output): cannot write: \(error.localizedDescription)")
            throw Exit.cannotWrite
        }
        err(summary())
    }

    /// Writes a message (progress, warnings, errors) to stderr.
    static func err(_ s: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((s + terminator).utf8))
    }

    /// A warning on stderr: `warning: …`, once (a message that says `file:line: warning: …`
    /// itself is printed as it is).
    static func warning(_ s: String) { err(marked(s, "warning:", .yellow)) }

    /// An error on stderr: `error: …`, once (a message that says `file:line: error: …`
    /// itself is printed as it is).
    static func error(_ s: String) { err(marked(s, "error:", .red)) }

    /// `s` with one severity marker: its own (compiler style, `file:line: error: …`, or
    /// leading), else `marker` in front.
    static func marked(_ s: String, _ marker: String, _ color: Color) -> String {
        let firstLine = s.prefix { $0 != "\n" }
        if s.hasPrefix(marker + " ") {
            return style(marker, color) + s.dropFirst(marker.count)
        }
        if let range = firstLine.range(of: ": " + marker + " "), !firstLine[..<range.lowerBound].contains(" ") {
            return String(s[..<range.lowerBound]) + ": " + style(marker, color) + " " + s[range.upperBound...]
        }
        return style(marker, color) + " " + s
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// True when colour may be used on the given stream.
    static func colorAllowed(fd: Int32 = STDERR_FILENO) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(fd) != 0
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", bold = "1", dim = "2",
            underline = "4", reverse = "7"
    }

    /// Wraps `s` in an ANSI style when colour is allowed on `fd`.
    static func style(_ s: String, _ color: Color, fd: Int32 = STDERR_FILENO) -> String {
        colorAllowed(fd: fd) ? "\u{1B}[\(color.rawValue)m\(s)\u{1B}[0m" : s
    }
}
