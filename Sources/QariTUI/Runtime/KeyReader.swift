import CNcurses
import Glibc

/// Reads keys from curses and turns them into messages.
enum KeyReader {
    enum Input {
        case message(Message)
        /// Ctrl-Z typed: raw mode turns it into a key rather than a signal.
        case suspend
        /// Nothing arrived before the timeout.
        case none
    }

    /// How long `next` waits for a key before it reports none (a tick), in milliseconds.
    static let tickMilliseconds: Int32 = 250

    static func next() -> Input {
        var ch: wint_t = 0
        let r = wget_wch(qari_stdscr(), &ch)
        if r == ERR { return .none }
        if r == KEY_CODE_YES { return functionKey(Int32(ch)) }
        return character(UInt32(ch))
    }

    private static func functionKey(_ code: Int32) -> Input {
        let key: Key
        switch code {
        case qari_key_resize(): return .message(.resize(width: Int(qari_cols()), height: Int(qari_lines())))
        case KEY_UP: key = .up
        case KEY_DOWN: key = .down
        case KEY_LEFT: key = .left
        case KEY_RIGHT: key = .right
        case KEY_NPAGE: key = .pageDown
        case KEY_PPAGE: key = .pageUp
        case KEY_HOME: key = .home
        case KEY_END: key = .end
        case KEY_BTAB: key = .backTab
        case KEY_BACKSPACE: key = .backspace
        case KEY_ENTER: key = .enter
        case KEY_DC: key = .delete
        default:
            // Modified arrows have no fixed codes; terminfo names them (kLFT3 is Alt-Left).
            guard let name = keyname(code).map({ String(cString: $0) }) else { return .none }
            switch name {
            case "kLFT3": key = .altLeft
            case "kRIT3": key = .altRight
            default: return .none
            }
        }
        return .message(.key(key))
    }

    private static func character(_ value: UInt32) -> Input {
        switch value {
        case 3: return .message(.key(.control("c")))
        case 26: return .suspend
        case 9: return .message(.key(.tab))
        case 10, 13: return .message(.key(.enter))
        case 8, 127: return .message(.key(.backspace))
        case 27: return escape()
        case 1...31: return .message(.key(.control(Character(Unicode.Scalar(value + 96)!))))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .none }
            return .message(.key(.character(Character(scalar))))
        }
    }

    /// True when a key is waiting (typed ahead, pasted, a key held down). The key stays queued
    /// for `next`.
    static func hasPendingInput() -> Bool {
        let screen = qari_stdscr()
        wtimeout(screen, 0)
        defer { wtimeout(screen, tickMilliseconds) }
        var ch: wint_t = 0
        let r = wget_wch(screen, &ch)
        if r == ERR { return false }
        if r == KEY_CODE_YES { ungetch(Int32(ch)) } else { unget_wch(wchar_t(ch)) }
        return true
    }

    /// Escape alone, or Alt plus a key (terminals send ESC first), or an unparsed sequence.
    private static func escape() -> Input {
        let screen = qari_stdscr()
        wtimeout(screen, 30)
        defer { wtimeout(screen, tickMilliseconds) }
        var ch: wint_t = 0
        let r = wget_wch(screen, &ch)
        if r == ERR { return .message(.key(.escape)) }
        if r == KEY_CODE_YES { return functionKey(Int32(ch)) }
        if ch == 91 || ch == 79 {
            // ESC [ ... : a sequence terminfo did not know, e.g. ESC [1;3D for Alt-Left.
            var seq = ""
            while wget_wch(screen, &ch) != ERR, let s = Unicode.Scalar(UInt32(ch)) {
                seq.unicodeScalars.append(s)
                if s.properties.isAlphabetic || s == "~" { break }
            }
            switch seq {
            case "1;3D": return .message(.key(.altLeft))
            case "1;3C": return .message(.key(.altRight))
            case "Z": return .message(.key(.backTab))
            default: return .none
            }
        }
        guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .none }
        return .message(.key(.alt(Character(scalar))))
    }
}
