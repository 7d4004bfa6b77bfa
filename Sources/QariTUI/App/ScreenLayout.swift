/// The three panes a browser shows.
public enum Pane: Int, Sendable, CaseIterable {
    case list, reader, sidebar

    var next: Pane { Pane(rawValue: (rawValue + 1) % 3)! }
    var previous: Pane { Pane(rawValue: (rawValue + 2) % 3)! }

    var title: String {
        switch self {
        case .list: return "Articles"
        case .reader: return "Reader"
        case .sidebar: return "Entities"
        }
    }
}

/// A column of the split reader.
public enum SplitSide: Sendable, Equatable {
    case left, right

    var other: SplitSide { self == .left ? .right : .left }
}

/// Where each pane goes for a terminal size. Panes follow the size: three side by side
/// when wide, the reader and one side pane when medium, the focused pane alone when narrow.
public struct ScreenLayout: Sendable, Equatable {
    public static let minimumWidth = 21
    public static let minimumHeight = 6
    static let wideWidth = 110
    static let mediumWidth = 60
    /// Below this the split reader shows one column at a time.
    static let splitWidth = 80

    public var width: Int
    public var height: Int
    /// Whole pane rectangles, header row included; nil when the pane is hidden.
    public var list: Rect?
    public var reader: Rect?
    public var sidebar: Rect?
    /// The split reader's other column (`reader` is the focused one); nil when not split or
    /// when the terminal is too narrow for two.
    public var otherColumn: Rect?
    /// True when the split reader is open but only one column fits.
    public var showsOneColumn = false
    public var statusRow: Int

    /// True at 20x5 and smaller: only a "terminal too small" line is drawn.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// `sidePane` is the side pane shown next to the reader at medium widths; `split` is the
    /// focused column's side while the split reader is open.
    public init(width: Int, height: Int, focus: Pane, sidePane: Pane, split: SplitSide? = nil) {
        self.width = width
        self.height = height
        statusRow = max(height - 1, 0)
        let body = Rect(x: 0, y: 0, width: width, height: height - 1)
        if width < Self.minimumWidth || height < Self.minimumHeight { return }
        if let split {
            layOutSplit(focusedSide: split, focus: focus, body: body)
            return
        }
        if width >= Self.wideWidth {
            let listWidth = min(max(width * 27 / 100, 24), 44)
            let sideWidth = min(max(width * 20 / 100, 22), 34)
            list = Rect(x: 0, y: 0, width: listWidth, height: body.height)
            sidebar = Rect(x: width - sideWidth, y: 0, width: sideWidth, height: body.height)
            reader = Rect(x: listWidth + 1, y: 0, width: width - listWidth - sideWidth - 2, height: body.height)
        } else if width >= Self.mediumWidth {
            let side = focus == .reader ? sidePane : focus
            let sideWidth = min(max(width * 35 / 100, 22), 36)
            if side == .list {
                list = Rect(x: 0, y: 0, width: sideWidth, height: body.height)
                reader = Rect(x: sideWidth + 1, y: 0, width: width - sideWidth - 1, height: body.height)
            } else {
                sidebar = Rect(x: width - sideWidth, y: 0, width: sideWidth, height: body.height)
                reader = Rect(x: 0, y: 0, width: width - sideWidth - 1, height: body.height)
            }
        } else {
            switch focus {
            case .list: list = body
            case .reader: reader = body
            case .sidebar: sidebar = body
            }
        }
    }

    /// The split reader: two columns of equal width over the whole screen while reading, so the
    /// divider stays in the middle whatever the text; with the list or sidebar focused, that pane
    /// beside the two columns; below `splitWidth`, the focused pane alone.
    private mutating func layOutSplit(focusedSide: SplitSide, focus: Pane, body: Rect) {
        guard width >= Self.splitWidth else {
            switch focus {
            case .list: list = body
            case .reader: reader = body
            case .sidebar: sidebar = body
            }
            showsOneColumn = true
            return
        }
        var area = body
        if focus != .reader {
            let sideWidth = min(max(width * 30 / 100, 22), 36)
            if focus == .list {
                list = Rect(x: 0, y: 0, width: sideWidth, height: body.height)
                area = Rect(x: sideWidth + 1, y: 0, width: width - sideWidth - 1, height: body.height)
            } else {
                sidebar = Rect(x: width - sideWidth, y: 0, width: sideWidth, height: body.height)
                area = Rect(x: 0, y: 0, width: width - sideWidth - 1, height: body.height)
            }
        }
        let leftWidth = (area.width - 1) / 2
        let left = Rect(x: area.x, y: 0, width: leftWidth, height: body.height)
        let right = Rect(x: area.x + leftWidth + 1, y: 0, width: area.width - leftWidth - 1, height: body.height)
        reader = focusedSide == .left ? left : right
        otherColumn = focusedSide == .left ? right : left
    }

    public func rect(for pane: Pane) -> Rect? {
        switch pane {
        case .list: return list
        case .reader: return reader
        case .sidebar: return sidebar
        }
    }

    /// Rows under a pane's header.
    public func contentRect(for pane: Pane) -> Rect? {
        rect(for: pane).map { $0.splitTop(1).rest }
    }

    /// Text width of the reader: its content rect less a one-column margin each side.
    /// The reader is laid out at this width even while hidden, so scroll positions stay put.
    public var readerTextWidth: Int {
        if let reader { return max(reader.width - 2, 1) }
        // Hidden (narrow terminal, another pane focused): the width it would have when focused.
        return max(width - 2, 1)
    }

    /// Text width of the split reader's other column, laid out at that width even while hidden.
    public var otherColumnTextWidth: Int {
        if let otherColumn { return max(otherColumn.width - 2, 1) }
        return readerTextWidth
    }

    public func pageHeight(for pane: Pane) -> Int {
        max((contentRect(for: pane)?.height ?? max(height - 2, 1)), 1)
    }
}
