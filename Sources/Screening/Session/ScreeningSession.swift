public import Bibliography
public import Protocol

/// What the front end does after a command.
public struct SessionResponse: Hashable, Sendable {
    /// Text to print (ends without a newline).
    public var text: String
    /// True after `q`.
    public var quit: Bool = false
    /// True when nothing is left to screen.
    public var finished: Bool = false
    /// Set after `o`: the front end opens this record's full text (`fulltext/<key>.pdf`).
    public var openFullText: RecordKey? = nil
}

/// A screening session independent of the terminal: commands in, text out.
///
/// `scoping screen --plain` is a loop that prints ``start()`` and then, for every line read
/// from standard input, prints ``handle(_:)``'s text until `quit`. The full-screen UI reuses
/// the same session and draws ``current``, ``statusLine`` and the texts.
///
/// Commands: `i` include, `e <n|id>` exclude with a reason (the n-th criterion of the stage or
/// its id; `e` alone lists them and takes the reason on the next line), `m` maybe, `r` not
/// retrievable (full text), `n <text>` note for the next decision on this record, `u` undo,
/// `s` later, `/ text` find a record by key or title words, `c` criteria, `o` open the full
/// text, `?` help, `q` quit. Each decision is on disk (`fsync`) before the next record shows,
/// with the order the record was shown in (``ScreeningQueue/order(of:)``); an undo's
/// retraction carries none.
public final class ScreeningSession {
    public let queue: ScreeningQueue
    public let log: DecisionLog
    public let criteria: [EligibilityCriterion]
    public let renderer: RecordText
    public let protocolHash: String
    public let language: ReportLanguage
    private let sources: @Sendable (RecordKey) -> [String]
    private let fullTextPath: @Sendable (RecordKey) -> String?
    /// The record shown now.
    public private(set) var current: Record? {
        didSet { currentKey = current?.key }
    }
    /// The key of ``current``, computed once per record (a hash key folds the whole title).
    public private(set) var currentKey: RecordKey?
    private var later: [RecordKey] = []
    private var note: String?
    private var awaitingReason = false

    /// - Parameters:
    ///   - criteria: the stage's criteria (``ReviewProtocol/criteria(for:)``); digits pick them in this order.
    ///   - sources: the databases that found a record (for the "Found in" line).
    ///   - fullTextPath: the full text of a record, when there is one (full-text stage).
    /// - Precondition: `queue` and `log` are the same reviewer's.
    public init(
        queue: ScreeningQueue, log: DecisionLog, criteria: [EligibilityCriterion], renderer: RecordText,
        protocolHash: String,
        language: ReportLanguage = .en,
        sources: @escaping @Sendable (RecordKey) -> [String] = { _ in [] },
        fullTextPath: @escaping @Sendable (RecordKey) -> String? = { _ in nil }
    ) {
        precondition(
            queue.reviewer == log.reviewer, "a session shows one reviewer's queue and writes that reviewer's log")
        self.queue = queue
        self.log = log
        self.criteria = criteria
        self.renderer = renderer
        self.protocolHash = protocolHash
        self.language = language
        self.sources = sources
        self.fullTextPath = fullTextPath
    }

    /// The first screen: warnings from opening the log, then the first record.
    public func start() -> SessionResponse {
        let warnings = log.openWarnings.map(\.description)
        current = queue.next(later: Set(later))
        var response = show()
        if !warnings.isEmpty { response.text = warnings.joined(separator: "\n") + "\n\n" + response.text }
        return response
    }

    /// Handles one command line.
    public func handle(_ input: String) -> SessionResponse {
        let line = input.trimmingWhitespace()
        if awaitingReason {
            awaitingReason = false
            if line.isEmpty { return SessionResponse(text: "exclusion cancelled\n" + prompt) }
            return exclude(with: line)
        }
        let command = line.prefix { !$0.isWhitespace }
        let argument = String(line.dropFirst(command.count)).trimmingWhitespace()
        switch command {
        case "i": return decide(.include)
        case "m": return decide(.maybe)
        case "r":
            guard queue.stage == .fullText else {
                return SessionResponse(text: "'r' (not retrievable) is for the full-text stage\n" + prompt)
            }
            return decide(.notRetrieved)
        case "e":
            guard current != nil else { return SessionResponse(text: "nothing to exclude\n" + prompt) }
            if argument.isEmpty {
                awaitingReason = true
                return SessionResponse(text: criteriaList + "\nreason (number or id, empty to cancel)? ")
            }
            return exclude(with: argument)
        case "n":
            guard !argument.isEmpty else { return SessionResponse(text: "usage: n <note>\n" + prompt) }
            note = argument
            return SessionResponse(text: "note kept for the next decision on this record\n" + prompt)
        case "u": return undo()
        case "s":
            guard let key = currentKey else { return SessionResponse(text: "nothing to put off\n" + prompt) }
            if !later.contains(key) { later.append(key) }
            note = nil
            current = queue.next(later: Set(later))
            if currentKey == key { return SessionResponse(text: "only this record is left\n" + prompt) }
            return show(before: "later: \(key)")
        case "/": return find(argument)
        case "c": return SessionResponse(text: criteriaList + "\n" + prompt)
        case "o":
            guard let key = currentKey else { return SessionResponse(text: "no record\n" + prompt) }
            guard fullTextPath(key) != nil else { return SessionResponse(text: "no full text for \(key)\n" + prompt) }
            return SessionResponse(text: prompt, openFullText: key)
        case "?": return SessionResponse(text: Self.help + "\n" + criteriaList + "\n" + prompt)
        case "q":
            let s = queue
            return SessionResponse(
                text:
                    "screened \(s.screenedCount), \(s.remainingCount) to screen; every decision is saved in \(log.displayPath)",
                quit: true)
        case "": return SessionResponse(text: prompt)
        default: return SessionResponse(text: "unknown command '\(line)'; ? for help\n" + prompt)
        }
    }

    /// Shown above a record drawn at random for the stopping method.
    public static let randomCheckNotice =
        "RANDOM CHECK: drawn at random to check how much is left; decide it as any other record."

    /// The help text.
    public static let help = """
        i  include             e  exclude (then a reason: number or id)   m  maybe
        r  not retrievable     n  note for the next decision               u  undo the last decision
        s  later               / find a record (key or title words)        c  criteria
        o  open the full text  ?  help                                     q  quit
        """

    /// The stage's criteria, numbered: `1 E4  Not in primary care`.
    public var criteriaList: String {
        criteria.enumerated().map { "\($0.offset + 1)  \($0.element.id)  \($0.element.label.text(in: language))" }
            .joined(separator: "\n")
    }

    /// `screened 3 / to screen 97 · included 1 · 95% recall not yet shown (too early to estimate what is left)`
    /// (``ScreeningQueue/statusLine()``).
    public var statusLine: String { queue.statusLine() }

    private var prompt: String { "> " }

    private func show(before: String? = nil) -> SessionResponse {
        var parts: [String] = []
        if let before { parts.append(before) }
        guard let record = current, let key = currentKey else {
            parts.append("Nothing left to screen at \(queue.stage.logName).")
            parts.append(statusLine)
            return SessionResponse(text: parts.joined(separator: "\n") + "\n" + prompt, finished: true)
        }
        let position = queue.screenedCount + 1
        var header = "── \(position)/\(queue.count) · \(key)"
        if let previous = queue.decision(for: key) {
            header += " · your decision: \(previous.decision.rawValue)" + (previous.reason.map { " (\($0))" } ?? "")
        }
        parts.append(header)
        if queue.isRandomCheck(key) { parts.append(Self.randomCheckNotice) }
        parts.append(renderer.render(record, foundIn: sources(key)))
        if queue.stage == .fullText {
            parts.append(
                fullTextPath(key).map { "Full text: \($0) (o to open)" }
                    ?? "Full text: none in fulltext/ (r if it cannot be retrieved)")
        }
        parts.append(statusLine)
        return SessionResponse(text: parts.joined(separator: "\n") + "\n" + prompt)
    }

    private func decide(_ decision: Decision, reason: String? = nil) -> SessionResponse {
        guard let key = currentKey else { return SessionResponse(text: "nothing to decide on\n" + prompt) }
        do {
            let entry = try log.record(
                key, stage: DecisionStage(queue.stage), decision: decision, reason: reason, note: note,
                order: queue.order(of: key), protocolHash: protocolHash)
            note = nil
            later.removeAll { $0 == key }
            queue.refresh(log.contents)
            current = queue.next(later: Set(later))
            return show(before: "saved: \(entry.decision.rawValue)" + (reason.map { " (\($0))" } ?? "") + " \(key)")
        } catch {
            return SessionResponse(text: "error: \(error.localizedDescription)\n" + prompt)
        }
    }

    private func exclude(with reason: String) -> SessionResponse {
        if let n = Int(reason), n >= 1, n <= criteria.count { return decide(.exclude, reason: criteria[n - 1].id) }
        if let c = criteria.first(where: { $0.id.caseInsensitiveEquals(reason) }) {
            return decide(.exclude, reason: c.id)
        }
        return SessionResponse(text: "'\(reason)' is not a criterion of this stage:\n" + criteriaList + "\n" + prompt)
    }

    private func undo() -> SessionResponse {
        do {
            guard let undone = try log.undo(protocolHash: protocolHash) else {
                return SessionResponse(text: "nothing to undo\n" + prompt)
            }
            queue.refresh(log.contents)
            current = queue.record(for: undone.key) ?? queue.next(later: Set(later))
            return show(before: "undone: \(undone.decision.rawValue) \(undone.key)")
        } catch {
            return SessionResponse(text: "error: \(error.localizedDescription)\n" + prompt)
        }
    }

    private func find(_ text: String) -> SessionResponse {
        guard !text.isEmpty else { return SessionResponse(text: "usage: / <key or words of the title>\n" + prompt) }
        if let record = queue.record(for: RecordKey(rawValue: text)) {
            current = record
            return show()
        }
        guard let (first, matches) = queue.find(titleWords: text) else {
            return SessionResponse(text: "no record matches '\(text)'\n" + prompt)
        }
        current = first
        note = nil
        let more = matches > 1 ? "\(matches) records match; the first is shown" : nil
        return show(before: more)
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
