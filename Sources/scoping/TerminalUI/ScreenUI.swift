import Bibliography
import Foundation
import Protocol
import Screening
import Workspace

/// The full-screen front end of `scoping screen`: draws ``ScreeningSession``'s current record,
/// the status line and the keys, and turns single key presses into the session's commands.
///
/// Layout (80×24 and up; re-flowed on every resize):
///
/// ```
///  header: reviewer · stage · record n of m · key            (reverse video)
///  the record, scrolled with ↑ ↓ space b (or criteria, help, the reasons to pick from)
///  message: what the last key did, or the note / find being typed
///  status: screened / to screen · included · the stopping method's verdict   (reverse video)
///  keys
/// ```
///
/// A decision goes through ``ScreeningSession/handle(_:)``, which returns only after the log
/// entry is synced to disk, and only then is the next record drawn.
final class ScreenUI {
    enum Mode: Equatable {
        case record
        /// After `e`: the digits typed so far.
        case reason(String)
        case help
        case criteria
        /// A line being typed: a note (`n`) or a search (`/`).
        case input(InputKind, String)
    }

    enum InputKind: Equatable {
        case note, find
    }

    let setup: ScreenSetup
    let session: ScreeningSession
    let terminal = RawTerminal()
    let keys = KeyReader()
    let colour: Bool
    private var mode = Mode.record
    private var message: [String] = []
    private var scroll = 0
    /// The scroll position of the help or criteria shown over the record.
    private var overlayScroll = 0
    private var shownKey: RecordKey?
    private var cachedBody: (key: RecordKey, width: Int, lines: [String])?
    private var columns = 80
    private var rows = 24

    init(setup: ScreenSetup) {
        self.setup = setup
        session = setup.session
        colour = Console.colorAllowed(fd: STDOUT_FILENO)
    }

    /// Runs until `q` (or Ctrl-C, or the terminal closes); returns the exit status.
    func run() -> Int32 {
        do {
            try terminal.enter()
        } catch {
            Console.warning("\(error); using line mode")
            PlainScreen.run(setup)
            return 0
        }
        var status: Int32 = 0
        var farewell = ""
        apply(session.start())
        draw()
        loop: while true {
            let key = keys.next()
            switch key {
            case .endOfInput, .control("c"):
                farewell = session.handle("q").text
                status = key == .endOfInput ? 0 : 130
                break loop
            case .resize, .control("l"):
                draw()
                continue
            default:
                break
            }
            if handle(key) {
                farewell = session.handle("q").text
                break loop
            }
            draw()
        }
        terminal.leave()
        Console.out(farewell)
        return status
    }

    // MARK: Keys

    /// Handles one key; true to quit.
    private func handle(_ key: Key) -> Bool {
        switch mode {
        case .help, .criteria:
            if let step = scrollStep(key) {
                overlayScroll = max(0, overlayScroll + step)
            } else {
                mode = .record
                overlayScroll = 0
            }
            return false
        case .reason(let digits):
            handleReason(key, digits: digits)
            return false
        case .input(let kind, let text):
            handleInput(key, kind: kind, text: text)
            return false
        case .record:
            break
        }
        if let step = scrollStep(key) {
            scroll = max(0, scroll + step)
            return false
        }
        switch key {
        case .character("q"): return true
        case .character("i"): apply(session.handle("i"))
        case .character("m"): apply(session.handle("m"))
        case .character("r"): apply(session.handle("r"))
        case .character("u"): apply(session.handle("u"))
        case .character("s"): apply(session.handle("s"))
        case .character("o"): apply(session.handle("o"))
        case .character("e"):
            if session.current == nil {
                message = ["nothing to exclude"]
            } else if session.criteria.isEmpty {
                message = ["the protocol has no criteria for this stage to exclude with"]
            } else {
                mode = .reason("")
                message = []
            }
        case .character("n"):
            if session.current == nil { message = ["no record to note on"] } else { mode = .input(.note, "") }
        case .character("/"): mode = .input(.find, "")
        case .character("c"): mode = .criteria
        case .character("?"), .character("h"): mode = .help
        case .escape: message = []
        case .character(let c): message = ["'\(c)' does nothing here; ? shows the keys"]
        default: break
        }
        return false
    }

    /// How far a scrolling key moves (nil: not a scrolling key).
    private func scrollStep(_ key: Key) -> Int? {
        let page = max(1, rows - 5)
        switch key {
        case .down, .character("j"), .enter: return 1
        case .up, .character("k"): return -1
        case .pageDown, .character(" "): return page
        case .pageUp, .character("b"): return -page
        case .home, .character("g"): return -(Int.max / 4)
        case .end, .character("G"): return Int.max / 4
        default: return nil
        }
    }

    private func handleReason(_ key: Key, digits: String) {
        let count = session.criteria.count
        switch key {
        case .escape, .character("q"):
            mode = .record
            message = ["exclusion cancelled"]
        case .backspace:
            mode = digits.isEmpty ? .record : .reason(String(digits.dropLast()))
        case .enter:
            guard !digits.isEmpty else { return }
            mode = .record
            apply(session.handle("e \(digits)"))
        case .character(let c) where c.isASCII && c.isNumber:
            let typed = digits + String(c)
            guard let n = Int(typed), n >= 1, n <= count else {
                message = ["no reason \(typed): press 1–\(count) (Esc cancels)"]
                mode = .reason("")
                return
            }
            // Decide at once unless another digit could still make a valid number.
            if n * 10 > count || typed.count >= 2 {
                mode = .record
                apply(session.handle("e \(n)"))
            } else {
                mode = .reason(typed)
            }
        default:
            message = ["press the reason's number (1–\(count)); Esc cancels"]
        }
    }

    private func handleInput(_ key: Key, kind: InputKind, text: String) {
        switch key {
        case .escape:
            mode = .record
            message = [kind == .note ? "note cancelled" : "search cancelled"]
        case .enter:
            mode = .record
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else {
                message = []
                return
            }
            apply(session.handle((kind == .note ? "n " : "/ ") + trimmed))
        case .backspace:
            mode = .input(kind, String(text.dropLast()))
        case .control("u"):
            mode = .input(kind, "")
        case .character(let c):
            mode = .input(kind, text + String(c))
        case .tab:
            mode = .input(kind, text + " ")
        default:
            break
        }
    }

    /// Takes a session response: the message it starts with, a full text to open.
    private func apply(_ response: SessionResponse) {
        message = Self.message(from: response.text)
        if let key = response.openFullText {
            message.append(setup.openFullText(key))
        }
        if session.currentKey != shownKey {
            shownKey = session.currentKey
            scroll = 0
        }
    }

    /// The lines of a response before the record it shows (`saved: include pmid:1`, errors,
    /// warnings), without the prompt.
    static func message(from text: String) -> [String] {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("── ") { break }
            let s = line.trimmingCharacters(in: .whitespaces)
            if s.isEmpty || s == ">" { continue }
            if s.hasPrefix("screened ") && s.contains(" / to screen ") { continue }
            lines.append(s)
        }
        return lines
    }

    // MARK: Drawing

    private func draw() {
        let size = terminal.size()
        columns = size.columns
        rows = size.rows
        var frame = "\u{1B}[H"
        var screen: [String] = []
        if columns < 30 || rows < 8 {
            screen =
                ["window too small for scoping screen (80×24 is best)"] + Array(repeating: "", count: max(0, rows - 1))
        } else {
            screen.append(bar(header))
            let bodyRows = rows - 4
            let content = body()
            let maxScroll = max(0, content.count - bodyRows)
            let overlay = mode == .help || mode == .criteria
            var offset = min(max(0, overlay ? overlayScroll : scroll), maxScroll)
            if overlay { overlayScroll = offset } else { scroll = offset }
            offset = min(offset, maxScroll)
            var visible = Array(content.dropFirst(offset).prefix(bodyRows))
            if content.count > bodyRows {
                let more =
                    offset < maxScroll
                    ? "── \(offset + bodyRows) of \(content.count) lines · space/↓ for more ──"
                    : "── end · b/↑ back ──"
                if visible.count == bodyRows {
                    visible[bodyRows - 1] = style(Layout.dim, more)
                } else {
                    visible.append(style(Layout.dim, more))
                }
            }
            while visible.count < bodyRows { visible.append("") }
            screen += visible.map { Layout.clip($0, to: columns) }
            screen.append(Layout.clip(messageLine, to: columns))
            screen.append(bar(statusText(width: columns)))
            screen.append(Layout.clip(keyHints, to: columns - 1))
        }
        frame += screen.map { "\u{1B}[2K" + $0 }.joined(separator: "\r\n")
        if case .input(let kind, let text) = mode {
            // Show the cursor at the end of the text being typed.
            let prefix = kind == .note ? "note: " : "find: "
            let col = min(columns, Layout.visibleWidth(prefix + text) + 1)
            frame += "\u{1B}[\(rows - 2);\(col)H\u{1B}[?25h"
        } else {
            frame += "\u{1B}[?25l"
        }
        terminal.write(frame)
    }

    private func style(_ on: String, _ text: String) -> String { on + text + Layout.reset }

    /// A reverse-video bar across the window.
    private func bar(_ text: String) -> String {
        Layout.reverse
            + Layout.pad(" " + text, to: columns - 1).replacingOccurrences(
                of: Layout.reset, with: Layout.reset + Layout.reverse) + " " + Layout.reset
    }

    private var stageName: String { setup.stage.displayName }

    private var header: String {
        let q = session.queue
        var parts = [setup.reviewer, stageName]
        if let key = session.currentKey {
            if let own = q.decision(for: key) {
                parts.append("your decision: \(own.decision.rawValue)" + (own.reason.map { " (\($0))" } ?? ""))
            } else {
                parts.append("record \(q.screenedCount + 1) of \(q.count)")
            }
            if q.isRandomCheck(key) { parts.append("RANDOM CHECK (decide as any other record)") }
            parts.append(key.rawValue)
        } else {
            parts.append("\(q.screenedCount) of \(q.count) screened")
        }
        let text = parts.joined(separator: " · ")
        return text.count + 17 <= columns - 2 ? "scoping screen · " + text : text
    }

    private func body() -> [String] {
        let width = max(10, columns - 2)
        switch mode {
        case .help:
            let fullText = setup.stage == .fullText
            var keys: [(String, String)] = [
                ("i", "include"), ("e", "exclude, then the reason's number"), ("m", "maybe"),
                ("n", "note for the next decision on this record"), ("u", "undo your last decision"),
                ("s", "later: show this record again at the end"), ("/", "find a record by key or title words"),
                ("c", "the criteria of this stage"),
            ]
            if fullText { keys += [("o", "open the full text (fulltext/<key>.pdf)"), ("r", "not retrievable")] }
            keys += [
                ("↑ ↓ j k", "scroll a line"), ("space b", "scroll a page"), ("g G", "top, end"), ("Ctrl-L", "redraw"),
                ("?", "this help"), ("q", "quit (Ctrl-C too)"),
            ]
            var lines = [" Keys", ""]
            for (key, what) in keys {
                lines += Layout.hanging(
                    " " + key.padding(toLength: 9, withPad: " ", startingAt: 0) + " ", what, width: width)
            }
            lines += [""]
            lines += Layout.hanging(
                " ", "n and /: type, Enter confirms, Esc cancels. With 10 or more reasons, Enter after a single digit.",
                width: width)
            lines += Layout.hanging(
                " ",
                "Every decision is written to \(session.log.displayPath) and synced to disk before the next record is shown; starting again continues where you stopped. You see only your own decisions until conflicts are reconciled.",
                width: width)
            lines += ["", " any other key: back to the record"]
            return lines
        case .criteria:
            return criteriaLines(
                width: width, title: "Criteria for \(stageName) (↑ ↓ space scroll; any other key: back to the record)")
        case .reason:
            let title = "Exclude \(session.currentKey?.rawValue ?? "")? Press the reason's number (Esc cancels):"
            return criteriaLines(width: width, title: title)
        case .record, .input:
            guard let record = session.current else {
                return [
                    "", " Nothing left to screen at \(stageName) for \(setup.reviewer).", "",
                    " u undoes your last decision; / finds a record to look at again; q quits.",
                ]
            }
            return recordLines(record, width: width)
        }
    }

    private func criteriaLines(width: Int, title: String) -> [String] {
        var lines = Layout.hanging(" ", title, width: width) + [""]
        let idWidth = session.criteria.map(\.id.count).max() ?? 0
        for (n, c) in session.criteria.enumerated() {
            let prefix =
                " \(String(n + 1).leftPad(2))  \(c.id.padding(toLength: idWidth, withPad: " ", startingAt: 0))  "
            lines += Layout.hanging(prefix, c.label.text(in: session.language), width: width)
            if let description = c.description?.text(in: session.language), !description.isEmpty {
                lines += Layout.hanging(String(repeating: " ", count: prefix.count), description, width: width).map {
                    style(Layout.dim, $0)
                }
            }
        }
        if session.criteria.isEmpty { lines.append(" (the protocol has no criteria for this stage)") }
        return lines
    }

    private func recordLines(_ record: Record, width: Int) -> [String] {
        // The session's current record: its key computed once.
        let key = session.currentKey ?? record.key
        if let cached = cachedBody, cached.key == key, cached.width == width { return cached.lines }
        let renderer = Screening.RecordText(
            highlighter: setup.highlighter, style: colour ? .ansi : .markers, width: width,
            hideAuthors: setup.hidesAuthors)
        var text = renderer.render(record, foundIn: setup.sourcesOf(key))
        if colour {
            text = text.replacingOccurrences(of: "\u{1B}[1;32m", with: Layout.TermStyle.colour.includeOn)
                .replacingOccurrences(of: "\u{1B}[1;4;31m", with: Layout.TermStyle.colour.excludeOn)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { " " + $0 }
        if lines.first.map({ !$0.isEmpty }) == true {
            // The title in bold, kept after each highlighted term.
            lines[0] =
                colour
                ? style(Layout.bold, lines[0].replacingOccurrences(of: Layout.reset, with: Layout.reset + Layout.bold))
                : lines[0]
        }
        if setup.stage == .fullText {
            lines.append("")
            if let path = setup.fullTextPath(key) {
                lines.append(" Full text: \(path) (o opens it)")
            } else {
                lines.append(" Full text: none in fulltext/ (r: not retrievable)")
            }
        }
        cachedBody = (key, width, lines)
        return lines
    }

    private var messageLine: String {
        switch mode {
        case .input(let kind, let text): return (kind == .note ? "note: " : "find: ") + text
        case .reason(let digits):
            return "reason: "
                + (digits.isEmpty ? "press 1–\(session.criteria.count)" : digits + "… (another digit or Enter)")
                + " · Esc cancels"
        case .help, .criteria: return ""
        case .record: return message.joined(separator: " · ")
        }
    }

    /// The status line (``ScreeningQueue/statusLine()``), shortened to fit: `screened 512 / to
    /// screen 1192 · included 43 · 95% recall reached with 95% confidence after 512 records; 3
    /// relevant records estimated left (0–7)`.
    func statusText(width: Int) -> String {
        let q = session.queue
        let verdict = q.stoppingVerdict().statusText
        let long =
            "screened \(q.screenedCount) / to screen \(q.remainingCount) · included \(q.includedCount) · \(verdict)"
        if long.count <= width - 2 { return long }
        return "\(q.screenedCount) screened / \(q.remainingCount) to go · \(q.includedCount) incl · \(verdict)"
    }

    private var keyHints: String {
        let fullText = setup.stage == .fullText
        let wide = columns >= 100
        var hints: [String] =
            wide
            ? ["i include", "e exclude", "m maybe", "n note", "u undo", "s later", "/ find", "c criteria"]
            : ["i incl", "e excl", "m maybe", "n note", "u undo", "s later", "/ find", "c crit"]
        if fullText { hints += wide ? ["o open", "r not retrievable"] : ["o open", "r n/a"] }
        hints += ["? help", "q quit"]
        // Too narrow: leave out what ? help shows anyway, least used first.
        for dropped in ["/ find", "s later", "u undo", "n note"] where hints.joined(separator: " ").count > columns - 1
        {
            hints.removeAll { $0 == dropped }
        }
        return hints.joined(separator: wide ? "  " : " ")
    }
}

extension ScreenSetup {
    func sourcesOf(_ key: RecordKey) -> [String] { databases(of: key) }

    func fullTextPath(_ key: RecordKey) -> String? {
        let relative = FullText.relativePath(key)
        return FileManager.default.fileExists(atPath: folder.root.appending(path: relative).path) ? relative : nil
    }
}
