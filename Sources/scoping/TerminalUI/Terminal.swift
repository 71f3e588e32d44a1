import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal in full-screen mode: raw input (no echo, no line buffering, no signals from
/// keys), the alternate screen, a hidden cursor; and the way back.
///
/// The terminal is restored by ``leave()`` (normal exit), and by signal handlers on SIGTERM,
/// SIGHUP, SIGINT, SIGQUIT and on a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT):
/// they put back the saved termios, leave the alternate screen, then re-raise the signal with
/// its default action so the exit status tells what happened. SIGKILL cannot be caught: the
/// shell's `reset` (or `stty sane`) is the remedy then; decisions are safe either way.
final class RawTerminal {
    /// `ESC [?1049h` alternate screen, `ESC [?25l` hide the cursor.
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J"
    /// `ESC [0m` reset attributes, `ESC [?25h` show the cursor, `ESC [?1049l` back to the normal screen.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    let input: Int32
    let output: Int32
    private var active = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// Saves the terminal's state, installs the handlers, switches to raw mode and the alternate screen.
    func enter() throws {
        var original = termios()
        guard tcgetattr(input, &original) == 0 else {
            throw TerminalError(message: "cannot read the terminal's settings: \(String(cString: strerror(errno)))")
        }
        TerminalSignals.install(original: original, input: input, output: output, leave: Self.leaveSequence)
        var raw = original
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else {
            TerminalSignals.uninstall()
            throw TerminalError(message: "cannot switch the terminal to raw mode: \(String(cString: strerror(errno)))")
        }
        active = true
        write(Self.enterSequence)
    }

    /// Restores the terminal (idempotent).
    func leave() {
        guard active else { return }
        active = false
        write(Self.leaveSequence)
        TerminalSignals.restoreTermios()
        TerminalSignals.uninstall()
    }

    deinit { leave() }

    /// Writes everything, retrying on EINTR and short writes.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.write(output, raw.baseAddress! + done, raw.count - done)
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
        bytes.removeAll()
    }

    /// The window's size (columns, rows): from the terminal, else `COLUMNS`/`LINES`, else 80×24.
    func size() -> (columns: Int, rows: Int) {
        var ws = winsize()
        let ok = withUnsafeMutablePointer(to: &ws) { ioctl(output, UInt(TIOCGWINSZ), $0) } == 0
        if ok, ws.ws_col > 0, ws.ws_row > 0 { return (Int(ws.ws_col), Int(ws.ws_row)) }
        let env = ProcessInfo.processInfo.environment
        return (env["COLUMNS"].flatMap(Int.init) ?? 80, env["LINES"].flatMap(Int.init) ?? 24)
    }
}

struct TerminalError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

// MARK: - Signals

/// State the signal handlers read. Written only before they are installed, read only in them
/// (async-signal-safe: tcsetattr, write, signal, raise).
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var savedInput: Int32 = STDIN_FILENO
nonisolated(unsafe) private var savedOutput: Int32 = STDOUT_FILENO
nonisolated(unsafe) private var leaveBytes: UnsafeMutablePointer<UInt8>? = nil
nonisolated(unsafe) private var leaveCount = 0
nonisolated(unsafe) private var terminalSaved: Int32 = 0
/// Set by SIGWINCH; the key reader turns it into a resize event.
nonisolated(unsafe) var terminalResized: Int32 = 0
/// The write end of the pipe SIGWINCH writes a byte to, so a waiting `poll` wakes up.
nonisolated(unsafe) var terminalWakeWrite: Int32 = -1
nonisolated(unsafe) var terminalWakeRead: Int32 = -1

enum TerminalSignals {
    /// Signals after which the terminal is restored and the signal re-raised.
    static let fatal: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    static func install(original: termios, input: Int32, output: Int32, leave: String) {
        savedTermios = original
        savedInput = input
        savedOutput = output
        let bytes = Array(leave.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        leaveBytes = buffer
        leaveCount = bytes.count
        terminalSaved = 1
        if terminalWakeRead < 0 {
            var fds: [Int32] = [-1, -1]
            if pipe(&fds) == 0 {
                for fd in fds {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                }
                terminalWakeRead = fds[0]
                terminalWakeWrite = fds[1]
            }
        }
        for sig in fatal {
            signal(sig) { sig in
                if terminalSaved != 0 {
                    _ = tcsetattr(savedInput, TCSAFLUSH, &savedTermios)
                    if let bytes = leaveBytes { _ = Glibc.write(savedOutput, bytes, leaveCount) }
                    terminalSaved = 0
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
        signal(SIGWINCH) { _ in
            terminalResized = 1
            if terminalWakeWrite >= 0 {
                var byte: UInt8 = 1
                _ = Glibc.write(terminalWakeWrite, &byte, 1)
            }
        }
    }

    /// Puts the saved termios back (normal exit).
    static func restoreTermios() {
        if terminalSaved != 0 {
            _ = tcsetattr(savedInput, TCSAFLUSH, &savedTermios)
            terminalSaved = 0
        }
    }

    static func uninstall() {
        for sig in fatal { signal(sig, SIG_DFL) }
        signal(SIGWINCH, SIG_DFL)
    }
}
