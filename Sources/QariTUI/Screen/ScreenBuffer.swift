/// One cell of the screen. A wide character takes its cell plus a continuation cell
/// (width 0, empty text) to its right, as in ratatui's buffer.
public struct ScreenCell: Sendable, Equatable {
    /// A grapheme: base character with its combining marks, or "" in a continuation cell.
    public var text: String
    public var width: UInt8
    public var style: CellStyle

    public init(text: String, width: UInt8, style: CellStyle) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = ScreenCell(text: " ", width: 1, style: .plain)
    var isContinuation: Bool { width == 0 }
}

/// A whole screen of cells that views draw into and backends write out.
/// Drawing is clipped to the buffer, so a view can never write outside the screen.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [ScreenCell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> ScreenCell {
        cells[y * width + x]
    }

    /// Fills `rect` with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: CellStyle = .plain) {
        let blank = ScreenCell(text: " ", width: 1, style: style)
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { cells[y * width + x] = blank }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text.
    public mutating func restyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { change(&cells[y * width + x].style) }
        }
    }

    /// Writes one grapheme of `columns` width at (x, y) if it fits inside `clip`.
    /// A wide grapheme that would straddle the clip edge is replaced by blanks.
    public mutating func put(_ text: String, columns: Int, x: Int, y: Int, style: CellStyle, clip: Rect) {
        guard y >= max(clip.y, 0), y < min(clip.maxY, height), x >= max(clip.x, 0) else { return }
        let limit = min(clip.maxX, width)
        guard x < limit else { return }
        if columns <= 0 { return }
        if x + columns > limit {
            for cx in x..<limit { cells[y * width + cx] = ScreenCell(text: " ", width: 1, style: style) }
            return
        }
        // Overwriting half of an existing wide character leaves its other half blank.
        clearWideRemnants(x: x, y: y, columns: columns)
        cells[y * width + x] = ScreenCell(text: text, width: UInt8(columns), style: style)
        for c in 1..<max(columns, 1) { cells[y * width + x + c] = ScreenCell(text: "", width: 0, style: style) }
    }

    private mutating func clearWideRemnants(x: Int, y: Int, columns: Int) {
        let row = y * width
        if cells[row + x].isContinuation, x > 0 {
            cells[row + x - 1] = ScreenCell(text: " ", width: 1, style: cells[row + x - 1].style)
        }
        let after = x + columns
        if after < width, cells[row + after].isContinuation {
            cells[row + after] = ScreenCell(text: " ", width: 1, style: cells[row + after].style)
        }
    }

    /// Draws a laid-out line at column `x` (plus its indent), clipped to `clip`.
    /// `styleFor` picks each cell's style, e.g. to highlight an entity mention.
    public mutating func draw(_ line: LaidOutLine, x: Int, y: Int, clip: Rect,
                              styleFor: (LaidOutCell) -> CellStyle) {
        var cx = x + line.indent
        for cell in line.cells {
            put(cell.text, columns: cell.width, x: cx, y: y, style: styleFor(cell), clip: clip)
            cx += cell.width
        }
    }

    /// Draws qari's own interface text (labels, key hints), one column per character.
    /// Never pass article text here: that goes through a `TextLayoutEngine` and `draw`.
    /// Returns the column after the last character drawn.
    @discardableResult
    public mutating func drawLabel(_ label: String, x: Int, y: Int, clip: Rect, style: CellStyle) -> Int {
        var cx = x
        for ch in label {
            guard cx < clip.maxX else { break }
            put(String(ch), columns: 1, x: cx, y: y, style: style, clip: clip)
            cx += 1
        }
        return cx
    }

    /// The screen's text, one string per row, continuation cells skipped, trailing blanks kept.
    public var rows: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
            return s
        }
    }
}
