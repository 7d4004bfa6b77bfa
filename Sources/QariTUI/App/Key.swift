/// A key press, decoded from the terminal into what the browser cares about.
public enum Key: Sendable, Hashable {
    case character(Character)
    case control(Character)   // Ctrl-D is .control("d")
    case alt(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case altLeft, altRight
    case enter, tab, backTab, backspace, escape, delete

    /// The key a test or a script names: "j", "G", "C-d", "M-x", "Tab", "S-Tab", "Enter", ...
    public init?(name: String) {
        switch name {
        case "Up": self = .up
        case "Down": self = .down
        case "Left": self = .left
        case "Right": self = .right
        case "PgUp", "PageUp": self = .pageUp
        case "PgDn", "PageDown": self = .pageDown
        case "Home": self = .home
        case "End": self = .end
        case "M-Left": self = .altLeft
        case "M-Right": self = .altRight
        case "Enter": self = .enter
        case "Tab": self = .tab
        case "S-Tab", "BTab": self = .backTab
        case "BSpace", "Backspace": self = .backspace
        case "Escape", "Esc": self = .escape
        case "Delete", "DC": self = .delete
        case "Space": self = .character(" ")
        default:
            if name.hasPrefix("C-"), name.count == 3, let c = name.last { self = .control(Character(c.lowercased())) }
            else if name.hasPrefix("M-"), name.count == 3, let c = name.last { self = .alt(c) }
            else if name.count == 1, let c = name.first { self = .character(c) }
            else { return nil }
        }
    }
}

/// What the browser reacts to. Keys, size changes and clock ticks all arrive as messages,
/// so a test can replay a session without a terminal.
public enum Message: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Sent when no key arrived for a while; clears stale messages.
    case tick
    /// Typed text in one go (a paste, or a test typing a query).
    case text(String)
    /// No more keys are waiting: what was put off while they came in is done now (see
    /// `BrowserState.defersListSearch`).
    case caughtUp
    /// The index being filled in the background got further (or finished): the store may hold
    /// more articles, and the status bar says how far it is.
    case indexing(IndexingStatus)
}

/// How far background indexing has got, as the status bar shows it.
public struct IndexingStatus: Sendable, Equatable {
    /// "indexing 1,204/100,000 files · 6.1/508.0 MB · 2,310 articles/s · 3:35 left".
    public var line: String
    public var isFinished: Bool
    /// Files that could not be read, known once the files have been read.
    public var problems: [CorpusProblem]?

    public init(line: String, isFinished: Bool, problems: [CorpusProblem]? = nil) {
        self.line = line
        self.isFinished = isFinished
        self.problems = problems
    }
}
