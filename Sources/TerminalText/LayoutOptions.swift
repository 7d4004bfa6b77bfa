/// The direction of a paragraph: the side its lines start from.
public enum BaseDirection: Sendable, Equatable {
    /// Left to right.
    case ltr
    /// Right to left.
    case rtl
    /// Taken from the first strong character (rules P2 and P3 of the Unicode
    /// Bidirectional Algorithm); left to right when there is none.
    case auto
}

/// How `TerminalText.layout` turns a paragraph into visual lines.
public struct LayoutOptions: Sendable, Equatable {
    /// Columns available, in terminal cells. No visual line is wider. Right-aligned
    /// lines are padded up to it, so pass the real width of the area drawn into.
    public var width: Int
    /// Base direction of the paragraph; `.auto` resolves it from the text.
    public var direction: BaseDirection = .auto
    /// Join Arabic letters and draw them with presentation forms, since terminals
    /// draw one glyph per cell and most do no shaping of their own.
    public var shaping: Bool = true
    /// Replace lam followed by alef with the lam-alef ligature (one cell instead of
    /// two). Applies only when `shaping` is on.
    public var ligatures: Bool = true
    /// Right-align the lines of right-to-left paragraphs through `VisualLine.indent`.
    public var alignRTL: Bool = true

    public init(width: Int, direction: BaseDirection = .auto, shaping: Bool = true,
                ligatures: Bool = true, alignRTL: Bool = true) {
        self.width = width
        self.direction = direction
        self.shaping = shaping
        self.ligatures = ligatures
        self.alignRTL = alignRTL
    }
}
