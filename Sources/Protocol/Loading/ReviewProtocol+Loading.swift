public import Foundation
import Yams

/// The result of reading a protocol file: the protocol when it has no errors, and every
/// diagnostic (errors and warnings) in file order.
public struct ProtocolLoadResult: Sendable {
    public var reviewProtocol: ReviewProtocol?
    public var diagnostics: [ProtocolDiagnostic]
}

/// A protocol file with errors; ``diagnostics`` holds every one, rendered by ``description``.
public struct ProtocolLoadError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var diagnostics: [ProtocolDiagnostic]

    public init(diagnostics: [ProtocolDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.rendered }
    public var errorDescription: String? { description }
}

extension ReviewProtocol {
    /// The top-level keys of a protocol file.
    static let topLevelKeys = [
        "version", "review", "pcc", "sources", "screening", "criteria", "codebook", "matrix", "previous_version",
    ]

    /// Reads a protocol from YAML text and checks it, collecting every problem.
    ///
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: the path shown in diagnostics (`protocol/protocol.yaml`).
    ///   - fileExists: tells whether a source's export file (a path relative to the review
    ///     folder, `corpus/x.ris`) exists; nil skips that check. The library does no file I/O.
    /// - Returns: the protocol (nil if any error) and all diagnostics, sorted by position.
    public static func load(
        yaml: String, file: String = ReviewProtocol.defaultPath, fileExists: ((String) -> Bool)? = nil
    ) -> ProtocolLoadResult {
        let context = LoadContext(file: file, text: yaml, fileExists: fileExists)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            context.reportYAMLError(error)
            return ProtocolLoadResult(reviewProtocol: nil, diagnostics: context.diagnostics)
        }
        guard let root, !MappingReader.isNull(root) else {
            context.report(
                .error, at: SourceLocation(line: 1, column: 1), "the protocol file is empty",
                hint: "start with 'version: 1'; see docs/protocol.md")
            return ProtocolLoadResult(reviewProtocol: nil, diagnostics: context.diagnostics)
        }
        let loaded = ProtocolBuilder(context: context).build(root, text: yaml)
        let diagnostics = context.diagnostics.sortedByLocation()
        return ProtocolLoadResult(reviewProtocol: diagnostics.containsErrors ? nil : loaded, diagnostics: diagnostics)
    }

    /// Every problem in a protocol file (what `scoping check` prints).
    public static func check(
        yaml: String, file: String = ReviewProtocol.defaultPath, fileExists: ((String) -> Bool)? = nil
    ) -> [ProtocolDiagnostic] {
        load(yaml: yaml, file: file, fileExists: fileExists).diagnostics
    }

    /// Reads a protocol from YAML text.
    ///
    /// - Throws: ``ProtocolLoadError`` with every diagnostic when there is any error
    ///   (warnings alone do not throw).
    public init(yaml: String, file: String = ReviewProtocol.defaultPath, fileExists: ((String) -> Bool)? = nil)
        throws(ProtocolLoadError)
    {
        let result = ReviewProtocol.load(yaml: yaml, file: file, fileExists: fileExists)
        guard let loaded = result.reviewProtocol else { throw ProtocolLoadError(diagnostics: result.diagnostics) }
        self = loaded
    }

    /// Reads a protocol file from disk (the one convenience that does I/O). Source files are
    /// not checked for existence here.
    ///
    /// - Parameter file: the path shown in diagnostics; the URL's path when nil.
    /// - Throws: the reading error, or ``ProtocolLoadError``.
    public static func load(contentsOf url: URL, file: String? = nil) throws -> ReviewProtocol {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProtocolLoadError(diagnostics: [
                ProtocolDiagnostic(
                    .error, file: file ?? url.path, at: SourceLocation(line: 1, column: 1),
                    "the protocol file is not valid UTF-8", hint: "save it as UTF-8")
            ])
        }
        return try ReviewProtocol(yaml: text, file: file ?? url.path)
    }
}

extension LoadContext {
    /// Turns a Yams error into a diagnostic at the position libyaml reports.
    func reportYAMLError(_ error: any Error) {
        guard let yamlError = error as? YamlError else {
            report(.error, at: SourceLocation(line: 1, column: 1), "invalid YAML: \(error)")
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            report(
                .error, at: SourceLocation(line: mark.line, column: mark.column), message,
                hint: LoadContext.yamlHint(for: problem))
        case .reader(let problem, let offset, _, let yaml):
            var location = SourceLocation(line: 1, column: 1)
            if let offset {
                let prefix = yaml.prefix(offset)
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column =
                    prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map {
                        $0.unicodeScalars.count + 1
                    } ?? 1
                location = SourceLocation(line: line, column: column)
            }
            report(
                .error, at: location, "invalid YAML: \(problem)",
                hint: "save the file as UTF-8 without control characters")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let second = findRepeatedKey(key, after: first) ?? SourceLocation(line: first.line, column: first.column)
            report(.error, at: second, "duplicate key '\(key)'", hint: "it is already set at line \(first.line)")
        default:
            report(.error, at: SourceLocation(line: 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    static func yamlHint(for problem: String) -> String? {
        if problem.contains("tab") || problem.contains("cannot start any token") {
            return "indent with spaces, not tabs; quote values that start with '@', '`' or '%'"
        }
        if problem.contains("expected key") || problem.contains("mapping values are not allowed")
            || problem.contains("expected '-'") || problem.contains("block end")
        {
            return
                "check the indentation: keys of one mapping start in the same column, and a value that contains ': ' needs quotes"
        }
        if problem.contains("quoted scalar") {
            return "close the quotes"
        }
        return nil
    }

    /// The next line after `first` where `key:` starts at the same column (the repeated key).
    private func findRepeatedKey(_ key: String, after first: Mark) -> SourceLocation? {
        let keyScalars = Array(key.unicodeScalars)
        let column = first.column - 1
        var line = first.line  // 0-based index of the line after the first occurrence
        while line < lines.count {
            let text = lines[line]
            if text.count >= column + keyScalars.count, Array(text[column..<column + keyScalars.count]) == keyScalars {
                let rest = text[(column + keyScalars.count)...].drop { $0 == " " }
                if rest.first == ":" { return SourceLocation(line: line + 1, column: first.column) }
            }
            line += 1
        }
        return nil
    }
}
