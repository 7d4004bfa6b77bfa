/// One terminal cell (or two, for an East Asian wide character) of a visual line.
public struct Cell: Sendable, Equatable {
    /// What to draw: a base character followed by its combining marks, after Arabic
    /// shaping and mirroring. A lam-alef ligature is one glyph here.
    public var text: String
    /// Columns the cell takes: 1 or 2. Combining marks add nothing; they live in `text`.
    public var width: Int
    /// Offset, in Unicode scalars, into the original (unsanitised) paragraph of the
    /// first scalar this cell shows.
    public var logicalIndex: Int
    /// Scalars of the original paragraph this cell stands for, counted from
    /// `logicalIndex`: 1 for a plain character, more with combining marks, at least 2
    /// for a lam-alef ligature. A truncation ellipsis stands for everything it hides.
    public var logicalLength: Int

    public init(text: String, width: Int, logicalIndex: Int, logicalLength: Int) {
        self.text = text
        self.width = width
        self.logicalIndex = logicalIndex
        self.logicalLength = logicalLength
    }

    /// The range of original scalar offsets this cell stands for.
    public var logicalRange: Range<Int> { logicalIndex ..< logicalIndex + logicalLength }
}

/// One screen line of a laid-out paragraph, in the order the terminal draws it.
public struct VisualLine: Sendable, Equatable {
    /// Cells in left-to-right screen order.
    public var cells: [Cell]
    /// Blank columns before the first cell; non-zero for right-aligned lines of
    /// right-to-left paragraphs.
    public var indent: Int
    /// `indent` plus the widths of all cells; never more than the width asked for.
    public var width: Int
    /// Whether the paragraph this line belongs to runs right to left.
    public var isRTL: Bool
    /// `indent` spaces followed by the cells' text, ready to print.
    public var text: String

    public init(cells: [Cell], indent: Int, isRTL: Bool) {
        self.cells = cells
        self.indent = indent
        self.isRTL = isRTL
        var width = indent
        var byteCount = indent
        for cell in cells {
            width += cell.width
            byteCount += cell.text.utf8.count
        }
        self.width = width
        self.text = String(unsafeUninitializedCapacity: byteCount) { buffer in
            var offset = 0
            while offset < indent {
                buffer[offset] = 0x20
                offset += 1
            }
            for cell in cells {
                for byte in cell.text.utf8 {
                    buffer[offset] = byte
                    offset += 1
                }
            }
            return offset
        }
    }

    /// The screen column (0-based, including `indent`) where the cell showing the
    /// original scalar offset `logicalIndex` starts, or nil if no cell on this line
    /// shows it (it is on another line, or was removed as a control or break space).
    public func column(ofLogicalIndex logicalIndex: Int) -> Int? {
        var column = indent
        for cell in cells {
            if cell.logicalRange.contains(logicalIndex) { return column }
            column += cell.width
        }
        return nil
    }
}
