/// The base direction asked of a paragraph layout.
public enum LayoutDirection: Sendable, Equatable {
    case ltr, rtl, auto
}

/// One terminal cell of laid-out text: a shaped grapheme (base letter with its marks)
/// and where it came from in the logical paragraph.
public struct LaidOutCell: Sendable, Equatable {
    /// Sanitised, shaped text for one cell position (never contains controls).
    public var text: String
    /// Columns the cell takes: 1, or 2 for wide characters.
    public var width: Int
    /// Offset in Unicode scalars of the first source scalar in the original paragraph.
    public var logicalIndex: Int
    /// How many source scalars the cell stands for.
    public var logicalLength: Int
    /// True for text the reader inserted that is not in the paragraph (a name in the other
    /// language after a mention); `logicalIndex` is then the offset it follows.
    public var isInserted: Bool

    public init(text: String, width: Int, logicalIndex: Int, logicalLength: Int, isInserted: Bool = false) {
        self.text = text
        self.width = width
        self.logicalIndex = logicalIndex
        self.logicalLength = logicalLength
        self.isInserted = isInserted
    }

    /// True when the cell shows any scalar of `range` (scalar offsets of the paragraph).
    /// Inserted text shows none, so highlights and search matches never spill onto it.
    @inlinable
    public func overlaps(_ range: Range<Int>) -> Bool {
        !isInserted && logicalIndex < range.upperBound && logicalIndex + max(logicalLength, 1) > range.lowerBound
    }
}

/// One screen row of a paragraph, in visual (left-to-right on screen) order.
public struct LaidOutLine: Sendable, Equatable {
    public var cells: [LaidOutCell]
    /// Blank columns before the first cell (how right-aligned RTL lines are placed).
    public var indent: Int
    /// Columns taken by `indent` plus the cells.
    public var width: Int
    public var isRTL: Bool

    public init(cells: [LaidOutCell], indent: Int, width: Int, isRTL: Bool) {
        self.cells = cells
        self.indent = indent
        self.width = width
        self.isRTL = isRTL
    }

    public static let empty = LaidOutLine(cells: [], indent: 0, width: 0, isRTL: false)

    /// The smallest and largest logical scalar offsets shown on this line.
    public var logicalSpan: Range<Int>? {
        let source = cells.filter { !$0.isInserted }
        guard let lo = source.map(\.logicalIndex).min(),
              let hi = source.map({ $0.logicalIndex + max($0.logicalLength, 1) }).max() else { return nil }
        return lo..<hi
    }
}

/// Everything the browser needs from a text layout engine. The browser never measures,
/// reorders, shapes or sanitises article text itself: all of it goes through `layout` or
/// `truncate`, so that untrusted text reaches the screen only as sanitised cells.
public protocol TextLayoutEngine: Sendable {
    /// Wraps one paragraph to `width` columns; RTL lines come back right-aligned (indent).
    func layout(_ paragraph: String, width: Int, direction: LayoutDirection) -> [LaidOutLine]
    /// One line no wider than `width`, ending in an ellipsis when cut.
    func truncate(_ text: String, width: Int, direction: LayoutDirection) -> LaidOutLine
    /// Written to the terminal while qari runs, to ask bidi-aware terminals not to reorder.
    var enterExplicitBidiMode: String { get }
    /// Written when qari leaves or suspends.
    var leaveExplicitBidiMode: String { get }
}
