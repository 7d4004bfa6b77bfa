import Glibc

/// Signals noted by handlers and acted on by the main loop: a handler may only set a
/// flag, since almost nothing else is safe inside one. Crash signals are the exception
/// (see `installCrashHandlers`): the process is going down anyway, so they restore the
/// terminal right there and re-raise; and so is a second SIGINT, SIGTERM or SIGHUP that
/// comes before the loop acted on the first.
enum SignalFlags {
    nonisolated(unsafe) static var terminate: Int32 = 0
    nonisolated(unsafe) static var suspend: Int32 = 0
    nonisolated(unsafe) static var resumed: Int32 = 0
    /// What a crash handler writes before dying: the sequence leaving explicit bidi mode.
    nonisolated(unsafe) static var leaveSequence: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var leaveSequenceLength = 0

    static func installLoopHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                // A second one before the loop acted on the first: the loop is busy (a long
                // computation) or gone. Leave now, restoring the terminal as a crash does.
                if SignalFlags.terminate != 0 {
                    TerminalSession.restoreForCrash()
                    _exit(128 + sig)
                }
                SignalFlags.terminate = sig
            }
        }
        signal(SIGTSTP) { _ in SignalFlags.suspend = 1 }
        signal(SIGCONT) { _ in SignalFlags.resumed = 1 }
    }

    static func installCrashHandlers(leaving sequence: String) {
        let bytes = Array(sequence.utf8CString)
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        copy.initialize(from: bytes, count: bytes.count)
        leaveSequence = copy
        leaveSequenceLength = bytes.count - 1
        for sig in [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGTRAP, SIGFPE] {
            signal(sig) { sig in
                TerminalSession.restoreForCrash()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    static func resetAll() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGTRAP, SIGFPE] {
            signal(sig, SIG_DFL)
        }
    }
}
