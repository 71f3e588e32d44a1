import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A key press (or a terminal event) read in raw mode.
enum Key: Equatable {
    case character(Character)
    case enter
    case backspace
    case escape
    case tab
    case up, down, left, right
    case pageUp, pageDown, home, end, delete
    /// Ctrl and a letter (`control("c")` for Ctrl-C).
    case control(Character)
    /// The window changed size (SIGWINCH).
    case resize
    /// Standard input closed.
    case endOfInput
    /// An escape sequence this program does not use.
    case unknown
}

/// Reads keys from a raw-mode terminal: UTF-8 characters, control keys, and the usual escape
/// sequences (CSI and SS3: arrows, Home/End, PgUp/PgDn, Delete). A lone ESC is told from the
/// start of a sequence by waiting briefly for the next byte.
final class KeyReader {
    let input: Int32
    private var pending: [UInt8] = []
    /// Set when the wait ended because the window changed size.
    private var woke = false
    /// How long to wait after ESC for the rest of a sequence.
    var escapeTimeout: Int32 = 40

    init(input: Int32 = STDIN_FILENO) {
        self.input = input
    }

    /// The next key; blocks until one arrives (or the window is resized).
    func next() -> Key {
        while true {
            if terminalResized != 0 {
                terminalResized = 0
                drainWakePipe()
                return .resize
            }
            guard let byte = readByte(timeout: -1) else {
                if woke || terminalResized != 0 {
                    woke = false
                    terminalResized = 0
                    drainWakePipe()
                    return .resize
                }
                return .endOfInput
            }
            return decode(byte)
        }
    }

    private func decode(_ byte: UInt8) -> Key {
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x7F, 0x08: return .backspace
        case 0x09: return .tab
        case 0x1B: return escape()
        case 0x00..<0x20: return .control(Character(Unicode.Scalar(byte + 0x60)))
        case 0x20..<0x80: return .character(Character(Unicode.Scalar(byte)))
        default:
            // UTF-8: the lead byte says how many continuation bytes follow.
            let count = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
            var bytes = [byte]
            for _ in 0..<count {
                guard let b = readByte(timeout: 100) else { break }
                bytes.append(b)
            }
            let s = String(decoding: bytes, as: UTF8.self)
            return s.first.map(Key.character) ?? .unknown
        }
    }

    private func escape() -> Key {
        guard let first = readByte(timeout: escapeTimeout) else { return .escape }
        guard first == UInt8(ascii: "[") || first == UInt8(ascii: "O") else {
            // Alt+key: not used; ESC followed by ESC is one escape.
            return first == 0x1B ? .escape : .unknown
        }
        var parameters = ""
        while let b = readByte(timeout: escapeTimeout) {
            if (0x40...0x7E).contains(b) {
                return Self.sequence(parameters: parameters, final: Character(Unicode.Scalar(b)))
            }
            parameters.append(Character(Unicode.Scalar(b)))
            if parameters.count > 16 { return .unknown }
        }
        return .unknown
    }

    /// The key an escape sequence names (`ESC [ A` up, `ESC [ 5 ~` page up, `ESC O H` home …).
    static func sequence(parameters: String, final: Character) -> Key {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "~":
            switch parameters.split(separator: ";").first ?? "" {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            default: return .unknown
            }
        default: return .unknown
        }
    }

    /// One byte, waiting at most `timeout` ms (-1: forever); nil at end of input, on timeout, or
    /// when a resize interrupts the wait.
    private func readByte(timeout: Int32) -> UInt8? {
        if !pending.isEmpty { return pending.removeFirst() }
        while true {
            var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
            if terminalWakeRead >= 0 { fds.append(pollfd(fd: terminalWakeRead, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno == EINTR {
                    if terminalResized != 0, timeout < 0 {
                        woke = true
                        return nil
                    }
                    continue
                }
                return nil
            }
            if ready == 0 { return nil }
            if fds.count > 1, fds[1].revents != 0, timeout < 0 {
                woke = true
                return nil
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) == 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR || errno == EAGAIN { continue }
            if n <= 0 { return nil }
            pending.append(contentsOf: buffer[0..<n])
            return pending.removeFirst()
        }
    }

    private func drainWakePipe() {
        guard terminalWakeRead >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(terminalWakeRead, $0.baseAddress, $0.count) }) > 0 {}
    }
}
