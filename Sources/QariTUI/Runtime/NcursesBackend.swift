import CNcurses

/// Writes screens to the terminal through ncursesw's wide-character API: one `cchar_t`
/// per cell with the base character and its combining marks together, only the cells
/// that changed since the last screen, and one `doupdate` per screen.
public final class NcursesBackend: TerminalBackend {
    private var previous: ScreenBuffer?
    private let hasColor: Bool
    /// Colour pairs are made on first use: a plain `xterm` has only 64 pairs, fewer than every
    /// foreground/background combination, but a screen uses a handful.
    private var pairs: [Int: Int16] = [:]
    private let pairLimit: Int

    /// Call after `initscr`.
    init() {
        var color = false
        if has_colors() {
            start_color()
            use_default_colors()
            color = true
        }
        hasColor = color
        pairLimit = color ? Int(qari_color_pairs()) : 0
    }

    public var size: (width: Int, height: Int) { (Int(qari_cols()), Int(qari_lines())) }

    /// Forgets what is on screen, so the next write redraws every cell (after resume or resize).
    func invalidate() {
        previous = nil
        clearok(qari_curscr(), true)
    }

    public func write(_ buffer: ScreenBuffer) {
        let screen = qari_stdscr()
        let previous = self.previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if previous == nil { werase(screen) }
        var cc = cchar_t()
        var chars = [wchar_t](repeating: 0, count: 8)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.width == 0 { continue }
                if let previous, previous[x, y] == cell { continue }
                // Base plus up to four combining marks share one cchar_t (CCHARW_MAX is 5).
                var n = 0
                for scalar in cell.text.unicodeScalars where n < 5 {
                    chars[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                if n == 0 { chars[0] = 0x20; n = 1 }
                chars[n] = 0
                setcchar(&cc, chars, attributes(cell.style), pair(cell.style), nil)
                mvwadd_wch(screen, Int32(y), Int32(x), &cc)
            }
        }
        wnoutrefresh(screen)
        doupdate()
        self.previous = buffer
    }

    private func attributes(_ s: CellStyle) -> attr_t {
        var a = qari_a_normal()
        if s.bold { a |= qari_a_bold() }
        if s.reverse { a |= qari_a_reverse() }
        if s.underline { a |= qari_a_underline() }
        if s.dim { a |= qari_a_dim() }
        return a
    }

    private func pair(_ s: CellStyle) -> Int16 {
        guard hasColor, s.foreground != .default || s.background != .default else { return 0 }
        let colors = TerminalColor.allCases.count
        let key = Int(s.foreground.rawValue) * colors + Int(s.background.rawValue)
        if let p = pairs[key] { return p }
        // Out of pairs: the cell keeps its other attributes in the default colours.
        guard pairs.count + 1 < pairLimit else { return 0 }
        let p = Int16(pairs.count + 1)
        init_pair(p, Self.cursesColor(Int(s.foreground.rawValue)), Self.cursesColor(Int(s.background.rawValue)))
        pairs[key] = p
        return p
    }

    private static func cursesColor(_ index: Int) -> Int16 {
        // Index 0 is the terminal's default (-1 after use_default_colors); then the ANSI eight.
        index == 0 ? -1 : Int16(index - 1)
    }
}
