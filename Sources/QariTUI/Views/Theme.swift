/// The styles the views use, named for what they mark.
enum Theme {
    static let focusedHeader = CellStyle(bold: true, reverse: true)
    static let header = CellStyle(bold: true, underline: true)
    static let separator = CellStyle(dim: true)
    static let status = CellStyle(reverse: true)
    static let statusError = CellStyle(foreground: .red, bold: true, reverse: true)
    static let title = CellStyle(bold: true)
    static let metadata = CellStyle(dim: true)
    static let searchMatch = CellStyle(foreground: .black, background: .yellow)
    static let heading = CellStyle(bold: true, underline: true)
    static let hint = CellStyle(dim: true)

    /// An entity named in both columns of the split reader: cyan, a colour no entity type
    /// uses, so the eye can match it across the divider.
    static func sharedEntity(_ base: CellStyle) -> CellStyle {
        base.with { $0.foreground = .cyan; $0.bold = true }
    }

    /// The selection: reversed in the focused pane, bold elsewhere so it is still seen.
    static func selection(_ base: CellStyle, focused: Bool) -> CellStyle {
        base.with { focused ? ($0.reverse = true) : ($0.bold = true) }
    }

    static func entity(_ category: EntityCategory?) -> CellStyle {
        CellStyle(foreground: category?.color ?? .default)
    }
}

extension ScreenBuffer {
    /// Draws `line` inside `rect` on row `y`: RTL lines against the right edge, others at the left.
    mutating func drawAligned(_ line: LaidOutLine, in rect: Rect, y: Int,
                              styleFor: (LaidOutCell) -> CellStyle) {
        if line.isRTL {
            let cellsWidth = line.cells.reduce(0) { $0 + $1.width }
            var aligned = line
            aligned.indent = 0
            draw(aligned, x: rect.maxX - cellsWidth, y: y, clip: rect, styleFor: styleFor)
        } else {
            draw(line, x: rect.x, y: y, clip: rect, styleFor: styleFor)
        }
    }
}
