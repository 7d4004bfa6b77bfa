extension TerminalText {
    /// Puts a bidi-aware terminal (VTE, Konsole, mlterm, ...) in explicit mode so it
    /// draws qari's already reordered lines as they are instead of reordering them a
    /// second time: `CSI 8 l` (BDSM reset: explicit) then `CSI 1 SP k` (SCP: left to
    /// right). Terminals without bidi support ignore both. Write it before the first
    /// clear of the screen and again when resuming after a suspend.
    public static let enterExplicitBidiMode = "\u{1B}[8l\u{1B}[1 k"

    /// Restores the terminal's default implicit bidi mode: `CSI 8 h` then `CSI 0 SP k`
    /// (SCP: default direction). Write it on exit and before suspending.
    public static let leaveExplicitBidiMode = "\u{1B}[8h\u{1B}[0 k"
}
