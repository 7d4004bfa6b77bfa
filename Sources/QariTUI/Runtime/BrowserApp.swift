import CNcurses
import Glibc

/// Runs the browser on the real terminal: read a key, update, draw, once per turn.
public enum BrowserApp {
    public enum RunError: Error, CustomStringConvertible {
        case notATerminal
        public var description: String { "the browser needs a terminal (stdin and stdout)" }
    }

    /// Takes over the terminal until the user quits or a signal ends it; the terminal is
    /// restored on every way out. Returns the exit status to use.
    /// - Parameter poll: asked each turn (at least four times a second) for news from work running
    ///   beside the browser, such as background indexing.
    /// - Parameter afterUpdate: called after each change of state, with the state (to save read marks);
    ///   a message it returns is shown in the status bar.
    public static func run(_ initial: BrowserState, poll: (() -> Message?)? = nil,
                           afterUpdate: ((BrowserState) -> String?)? = nil) throws -> Int32 {
        let session = TerminalSession(text: initial.text)
        guard let backend = session.start() else { throw RunError.notATerminal }
        defer { session.restore() }
        var state = initial
        state.defersListSearch = true
        let size = backend.size
        state.update(.resize(width: size.width, height: size.height))
        var buffer = BrowserView.render(state)
        backend.write(buffer)
        while !state.shouldQuit {
            if SignalFlags.terminate != 0 {
                let sig = SignalFlags.terminate
                session.restore()
                return 128 + sig
            }
            if SignalFlags.suspend != 0 {
                SignalFlags.suspend = 0
                session.suspend(backend)
                SignalFlags.resumed = 0
                state.update(.resize(width: backend.size.width, height: backend.size.height))
                buffer = BrowserView.render(state)
                backend.write(buffer)
                continue
            }
            if SignalFlags.resumed != 0 {
                // Stopped from outside (SIGSTOP) and continued: the screen may be anything.
                SignalFlags.resumed = 0
                session.resume(backend)
                backend.write(buffer)
            }
            if let news = poll?() {
                state.update(news)
                buffer = BrowserView.render(state)
                backend.write(buffer)
            }
            let message: Message
            switch KeyReader.next() {
            case .none: message = .tick
            case .suspend:
                SignalFlags.suspend = 1
                continue
            case .message(let m): message = m
            }
            if case .resize = message { backend.invalidate() }
            let shownMessage = state.message
            state.update(message)
            if let note = afterUpdate?(state) { state.notify(note, isError: true) }
            // A quiet tick changes the screen only when it clears a message.
            if message == .tick, state.message == shownMessage { continue }
            // Keys typed ahead are handled before the screen is drawn again, and work they put
            // off (a list search as it is typed) waits until they are all in.
            if case .key = message, KeyReader.hasPendingInput() { continue }
            if state.hasDeferredWork {
                state.update(.caughtUp)
                if let note = afterUpdate?(state) { state.notify(note, isError: true) }
            }
            buffer = BrowserView.render(state)
            backend.write(buffer)
        }
        return 0
    }
}
