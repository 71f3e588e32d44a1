import Yams

/// State shared while reading one protocol file: the text (for positions) and the diagnostics.
final class LoadContext {
    let file: String
    /// The file as lines of Unicode scalars, for mapping offsets inside scalars to positions.
    let lines: [[Unicode.Scalar]]
    /// Whether a source file exists (relative path → exists); nil skips the check.
    let fileExists: ((String) -> Bool)?
    private(set) var diagnostics: [ProtocolDiagnostic] = []

    init(file: String, text: String, fileExists: ((String) -> Bool)?) {
        self.file = file
        self.fileExists = fileExists
        var lines: [[Unicode.Scalar]] = [[]]
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { lines.append([]) }
                previousWasCR = false
            } else if scalar == "\r" {
                lines.append([])
                previousWasCR = true
            } else {
                lines[lines.count - 1].append(scalar)
                previousWasCR = false
            }
        }
        self.lines = lines
    }

    func report(
        _ severity: ProtocolDiagnostic.Severity, at location: SourceLocation, _ message: String, hint: String? = nil
    ) {
        diagnostics.append(ProtocolDiagnostic(severity, file: file, at: location, message, hint: hint))
    }

    func error(_ node: Node?, _ message: String, hint: String? = nil) {
        report(.error, at: location(of: node), message, hint: hint)
    }

    func warning(_ node: Node?, _ message: String, hint: String? = nil) {
        report(.warning, at: location(of: node), message, hint: hint)
    }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(line: 1, column: 1) }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    /// A short name for a node's kind, for "expected a string, found a list".
    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            scalar.tag == Tag(.null) || (scalar.string.isEmpty && scalar.style == .plain) ? "nothing" : "a single value"
        case .mapping: "a mapping (keys and values)"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// Reads one YAML mapping: known keys, required keys, typed values, unknown keys reported
/// with a "did you mean" suggestion.
struct MappingReader {
    let context: LoadContext
    let node: Node
    let mapping: Node.Mapping
    /// What this mapping is, for messages: `'review'`, `criterion 'E4'`, `the protocol`.
    let name: String
    /// Known keys that an unknown key was taken to be a misspelling of: not reported missing again.
    let misspelled: Set<String>

    /// Reads `node` as a mapping with the given known keys; reports a wrong kind and returns nil.
    init?(_ node: Node?, in context: LoadContext, name: String, keys known: [String]) {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            context.error(node, "expected a mapping (keys and values) for \(name), found \(LoadContext.kind(of: node))")
            return nil
        }
        self.context = context
        self.node = node
        self.mapping = mapping
        self.name = name
        var misspelled: Set<String> = []
        for (key, _) in mapping {
            guard let string = key.string else { continue }
            if !known.contains(string) {
                let suggestion = Suggestion.closest(to: string, in: known)
                if let suggestion { misspelled.insert(suggestion) }
                context.error(
                    key, "unknown key '\(string)' in \(name)",
                    hint: suggestion.map { "did you mean '\($0)'?" }
                        ?? "known keys are \(known.joined(separator: ", "))")
            }
        }
        self.misspelled = misspelled
    }

    /// The value node of `key`, reporting it when `required` and missing.
    func value(_ key: String, required: Bool = false) -> Node? {
        if let value = mapping[key], !MappingReader.isNull(value) { return value }
        if required {
            if mapping[key] != nil {
                context.error(keyNode(key) ?? node, "'\(key)' in \(name) is empty", hint: "give a value")
            } else if !misspelled.contains(key) {
                context.error(node, "missing required key '\(key)' in \(name)")
            }
        }
        return nil
    }

    /// The key node itself (for positions).
    func keyNode(_ key: String) -> Node? {
        mapping.first { $0.key.string == key }?.key
    }

    func has(_ key: String) -> Bool { mapping[key] != nil }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node {
            return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    /// A non-empty string value.
    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .scalar(let scalar) = value else {
            context.error(value, "expected text for '\(key)' in \(name), found \(LoadContext.kind(of: value))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            context.error(value, "'\(key)' in \(name) is empty", hint: "give a value")
            return nil
        }
        return text
    }

    func int(_ key: String, required: Bool = false) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard let n = value.int else {
            context.error(
                value,
                "expected a whole number for '\(key)' in \(name), found '\(value.string ?? LoadContext.kind(of: value))'"
            )
            return nil
        }
        return n
    }

    func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard let b = value.bool else {
            context.error(
                value,
                "expected true or false for '\(key)' in \(name), found '\(value.string ?? LoadContext.kind(of: value))'"
            )
            return nil
        }
        return b
    }

    /// A list of non-empty strings, each with its node. A single string counts as a list of one.
    /// An empty list is an error when `nonEmpty`.
    func strings(_ key: String, required: Bool = false, nonEmpty: Bool = true) -> [(String, Node)]? {
        guard let raw = mapping[key] else {
            if required, !misspelled.contains(key) { context.error(node, "missing required key '\(key)' in \(name)") }
            return nil
        }
        let items: [Node]
        switch raw {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar where MappingReader.isNull(raw): items = []
        case .scalar: items = [raw]
        default:
            context.error(raw, "expected a list for '\(key)' in \(name), found \(LoadContext.kind(of: raw))")
            return nil
        }
        if items.isEmpty {
            if nonEmpty {
                context.error(
                    keyNode(key) ?? raw, "'\(key)' in \(name) is an empty list",
                    hint: "give at least one entry, or remove the key")
            }
            return []
        }
        var out: [(String, Node)] = []
        for item in items {
            guard case .scalar(let scalar) = item, !MappingReader.isNull(item) else {
                context.error(
                    item, "expected text in the list '\(key)' of \(name), found \(LoadContext.kind(of: item))")
                continue
            }
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                context.error(item, "empty entry in the list '\(key)' of \(name)")
                continue
            }
            out.append((text, item))
        }
        return out
    }

    /// A list of nodes (mappings, usually); an empty list is an error when `nonEmpty`.
    func list(_ key: String, required: Bool = false, nonEmpty: Bool = true) -> [Node]? {
        guard let raw = mapping[key] else {
            if required, !misspelled.contains(key) { context.error(node, "missing required key '\(key)' in \(name)") }
            return nil
        }
        if MappingReader.isNull(raw) {
            if nonEmpty {
                context.error(keyNode(key) ?? raw, "'\(key)' in \(name) is empty", hint: "give at least one entry")
            }
            return []
        }
        guard case .sequence(let sequence) = raw else {
            context.error(
                raw, "expected a list for '\(key)' in \(name), found \(LoadContext.kind(of: raw))",
                hint: "start each entry with '- '")
            return nil
        }
        if sequence.isEmpty, nonEmpty {
            context.error(keyNode(key) ?? raw, "'\(key)' in \(name) is an empty list", hint: "give at least one entry")
        }
        return Array(sequence)
    }

    /// English and Dutch text: `{en: …, nl: …}`; with `allowPlain`, one plain string serves both.
    func localized(_ key: String, required: Bool = false, allowPlain: Bool = false) -> LocalizedText? {
        guard let value = value(key, required: required) else { return nil }
        return MappingReader.localized(value, in: context, name: "'\(key)' in \(name)", allowPlain: allowPlain)
    }

    static func localized(_ value: Node, in context: LoadContext, name: String, allowPlain: Bool) -> LocalizedText? {
        if case .scalar(let scalar) = value, allowPlain {
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            return LocalizedText(en: text, nl: text)
        }
        guard case .mapping = value else {
            context.error(
                value, "expected English and Dutch text for \(name), found \(LoadContext.kind(of: value))",
                hint: "write {en: \"…\", nl: \"…\"}")
            return nil
        }
        guard let reader = MappingReader(value, in: context, name: name, keys: ["en", "nl"]) else { return nil }
        let en = reader.string("en", required: true)
        let nl = reader.string("nl", required: true)
        guard let en, let nl else { return nil }
        return LocalizedText(en: en, nl: nl)
    }
}

import Foundation
