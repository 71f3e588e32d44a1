import Bibliography
import Foundation

/// Reads the JSON of ClinicalTrials.gov's API v2: a page of `/api/v2/studies`
/// (`{"studies": [{…}, …], "nextPageToken": …}`), an array of study objects, or one study
/// (`/api/v2/studies/NCT…`, `{"protocolSection": {…}}`).
///
/// The bytes are split into studies as they arrive (strings and escapes respected) and each
/// study is parsed alone, so memory is bounded by the largest study. Everything is checked
/// before anything is handed on per study: a member of the wrong type is an error naming its
/// JSON path (`studies[3].protocolSection.statusModule.overallStatus is not a string`), a
/// study that is not valid JSON an error with its line, and a document still open at the end
/// of the file a cut file.
public final class ClinicalTrialsJSONReader: ExportReader, TruncationAware {
    let file: String
    let handler: (ReaderEvent) throws -> Void
    /// Drop a cut-off last study with a warning instead of refusing the file.
    public var acceptTruncated = false

    private enum Container {
        case object(key: String?)
        case array(key: String?)
    }

    private var stack: [Container] = []
    private var inString = false
    private var escaped = false
    /// The bytes of the last string at depth ≤ 2 (a key candidate).
    private var string: [UInt8] = []
    private var lastString: String?
    private var line = 1
    /// The study being collected, when the scanner is inside one.
    private var item: [UInt8] = []
    private var itemDepth: Int?
    private var itemLine = 0
    private var items = 0
    private var sawStart = false
    private var sawEnd = false
    /// True once the top-level object turned out to be a page (a `"studies"` key): its studies
    /// are the items. Otherwise the whole top-level object is one study.
    private var isPage = false
    private var topIsArray = false

    /// Creates a reader for the export named `file` (used in messages) that reports to `handler`.
    public init(file: String, handler: @escaping (ReaderEvent) throws -> Void) {
        self.file = file
        self.handler = handler
    }

    public func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        for b in bytes {
            if b == 0x0A { line += 1 }
            if itemDepth != nil { item.append(b) }
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                    if stack.count <= 2 { lastString = String(decoding: string, as: UTF8.self) }
                }
                if inString, stack.count <= 2, string.count < 256 { string.append(b) }
                continue
            }
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { continue }
            if !sawStart, b == 0xEF || b == 0xBB || b == 0xBF { continue }  // a byte-order mark
            if sawEnd {
                throw FormatError(
                    file: file, line: line, message: "text after the end of the JSON document",
                    hint: "save the API response as it is, one document a file")
            }
            if !sawStart {
                guard b == 0x7B || b == 0x5B else {
                    throw FormatError(
                        file: file, line: line, message: "ClinicalTrials.gov JSON must start with { or [",
                        hint: "save the response of the API (/api/v2/studies) as it is")
                }
                sawStart = true
                topIsArray = b == 0x5B
                if b == 0x7B {
                    // Maybe one study: collect it whole until a "studies" key says it is a page.
                    itemDepth = 0
                    itemLine = line
                    item = [b]
                }
            }
            switch b {
            case 0x22:
                inString = true
                string.removeAll(keepingCapacity: true)
            case 0x3A:
                // A key at the top level of the document.
                if stack.count == 1, lastString == "studies", case .object = stack[0], itemDepth == 0 {
                    isPage = true
                    itemDepth = nil
                    item.removeAll()
                }
                if case .object = stack.last {
                    stack[stack.count - 1] = .object(key: lastString)
                }
            case 0x7B, 0x5B:
                var key: String?
                if case .object(let k) = stack.last { key = k }
                var inStudies = false
                if stack.count == 2, isPage, case .array(let k) = stack[1] { inStudies = k == "studies" }
                let startsItem = b == 0x7B && itemDepth == nil && ((stack.count == 1 && topIsArray) || inStudies)
                if startsItem {
                    itemDepth = stack.count
                    itemLine = line
                    item = [b]
                }
                stack.append(b == 0x7B ? .object(key: nil) : .array(key: key))
            case 0x7D, 0x5D:
                guard !stack.isEmpty else {
                    throw FormatError(
                        file: file, line: line, message: "a closing \(b == 0x7D ? "}" : "]") with nothing open",
                        hint: "save the API response again")
                }
                stack.removeLast()
                if let depth = itemDepth, depth == stack.count {
                    itemDepth = nil
                    try complete()
                }
                if stack.isEmpty { sawEnd = true }
            default: break
            }
        }
    }

    public func finish() throws {
        guard sawStart else { return }
        guard stack.isEmpty else {
            let open = itemDepth != nil
            let reason =
                open
                ? "\(currentPath(next: true)), which starts at line \(itemLine), is never closed"
                : "the JSON document is never closed"
            try cutOff(file: file, line: line, record: open ? items + 1 : nil, reason: reason, handler: handler)
            stack.removeAll()
            return
        }
    }

    /// `studies[3]`, `[3]` or `$` (the document) for the study being read.
    private func currentPath(next: Bool) -> String {
        let index = items - (next ? 0 : 1)
        if isPage { return "studies[\(index)]" }
        if topIsArray { return "[\(index)]" }
        return "$"
    }

    private func complete() throws {
        items += 1
        let path = currentPath(next: false)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(item))
        } catch {
            throw FormatError(
                file: file, line: itemLine, record: items, message: "\(path) is not valid JSON",
                hint: "save the API response again; it may have been cut or edited")
        }
        item.removeAll(keepingCapacity: true)
        guard let study = json as? [String: Any] else {
            throw FormatError(file: file, line: itemLine, record: items, message: "\(path) is not an object")
        }
        if path == "$", study["protocolSection"] == nil {
            throw FormatError(
                file: file, line: itemLine,
                message: "not ClinicalTrials.gov JSON: the document has neither \"studies\" nor \"protocolSection\"",
                hint: "save the response of /api/v2/studies or /api/v2/studies/NCT… as it is")
        }
        let record: Record
        do {
            record = try ClinicalTrialsMapping.record(study: study, path: path)
        } catch let error as JSONPathError {
            throw FormatError(
                file: file, line: itemLine, record: items, message: "\(error.path) \(error.message)",
                hint: "this is not a study as ClinicalTrials.gov API v2 writes it; save the response again")
        }
        try handler(.record(record, line: itemLine))
    }
}
