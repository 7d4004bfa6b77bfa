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

/// Where each pane goes for a terminal size. Panes follow the size: three side by side
/// when wide, the reader and one side pane when medium, the focused pane alone when narrow.
public struct ScreenLayout: Sendable, Equatable {
    public static let minimumWidth = 21
    public static let minimumHeight = 6
    static let wideWidth = 110
    static let mediumWidth = 60

    public var width: Int
    public var height: Int
    /// Whole pane rectangles, header row included; nil when the pane is hidden.
    public var list: Rect?
    public var reader: Rect?
    public var sidebar: Rect?
    public var statusRow: Int

    /// True at 20x5 and smaller: only a "terminal too small" line is drawn.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// `sidePane` is the side pane shown next to the reader at medium widths.
    public init(width: Int, height: Int, focus: Pane, sidePane: Pane) {
        self.width = width
        self.height = height
        statusRow = max(height - 1, 0)
        let body = Rect(x: 0, y: 0, width: width, height: height - 1)
        if width < Self.minimumWidth || height < Self.minimumHeight { return }
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

    public func pageHeight(for pane: Pane) -> Int {
        max((contentRect(for: pane)?.height ?? max(height - 2, 1)), 1)
    }
}
