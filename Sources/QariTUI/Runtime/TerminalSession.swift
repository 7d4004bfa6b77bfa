import CNcurses
import Glibc

/// The terminal while qari runs: curses mode, explicit bidi mode, signal handlers.
/// `restore` puts everything back and is safe to call more than once; every exit path
/// (quit, Ctrl-C, SIGTERM, SIGHUP, a crash) goes through it, and suspend / resume
/// leave and re-enter the same state.
final class TerminalSession {
    private let enterBidi: String
    private let leaveBidi: String
    private(set) var isActive = false
    nonisolated(unsafe) private static var cursesActive: Int32 = 0

    init(text: any TextLayoutEngine) {
        enterBidi = text.enterExplicitBidiMode
        leaveBidi = text.leaveExplicitBidiMode
    }

    /// Enters curses mode. Returns nil when stdin or stdout is not a terminal.
    func start() -> NcursesBackend? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        setlocale(LC_ALL, "")
        // Arabic needs a UTF-8 character type; a bare C or POSIX locale would turn it into "?".
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        // Before curses first clears the screen, so the terminal never reorders our cells.
        writeRaw(enterBidi)
        guard initscr() != nil else { writeRaw(leaveBidi); return nil }
        Self.cursesActive = 1
        isActive = true
        raw()
        noecho()
        nonl()
        keypad(qari_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        // A key is waited for this long before a tick lets the loop look at signal flags.
        wtimeout(qari_stdscr(), KeyReader.tickMilliseconds)
        SignalFlags.installCrashHandlers(leaving: leaveBidi)
        SignalFlags.installLoopHandlers()
        return NcursesBackend()
    }

    /// Leaves curses mode and explicit bidi mode and removes the handlers.
    func restore() {
        guard isActive else { return }
        isActive = false
        Self.cursesActive = 0
        SignalFlags.resetAll()
        curs_set(1)
        endwin()
        writeRaw(leaveBidi)
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again when continued.
    func suspend(_ backend: NcursesBackend) {
        writeRaw(leaveBidi)
        endwin()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Continued.
        SignalFlags.installLoopHandlers()
        resume(backend)
    }

    /// After SIGCONT: explicit bidi mode again and a full redraw.
    func resume(_ backend: NcursesBackend) {
        writeRaw(enterBidi)
        backend.invalidate()
        refresh()
    }

    /// From a crash handler: as little as possible, then the handler re-raises.
    static func restoreForCrash() {
        if cursesActive != 0 { endwin() }
        if let seq = SignalFlags.leaveSequence {
            _ = Glibc.write(STDOUT_FILENO, seq, SignalFlags.leaveSequenceLength)
        }
    }

    private func writeRaw(_ s: String) {
        var bytes = Array(s.utf8)
        fflush(stdout)
        _ = Glibc.write(STDOUT_FILENO, &bytes, bytes.count)
    }
}
