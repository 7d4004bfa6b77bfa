import TerminalText

/// The browser's text engine: TerminalText's bidi, shaping, wrapping and sanitising.
public struct TerminalTextEngine: TextLayoutEngine {
    public init() {}

    public func layout(_ paragraph: String, width: Int, direction: LayoutDirection) -> [LaidOutLine] {
        TerminalText.layout(paragraph, options: LayoutOptions(width: width, direction: direction.base))
            .map(LaidOutLine.init)
    }

    public func truncate(_ text: String, width: Int, direction: LayoutDirection) -> LaidOutLine {
        LaidOutLine(TerminalText.truncate(text, width: width, direction: direction.base))
    }

    public var enterExplicitBidiMode: String { TerminalText.enterExplicitBidiMode }
    public var leaveExplicitBidiMode: String { TerminalText.leaveExplicitBidiMode }
}

extension LayoutDirection {
    var base: BaseDirection {
        switch self {
        case .ltr: return .ltr
        case .rtl: return .rtl
        case .auto: return .auto
        }
    }
}

extension LaidOutLine {
    init(_ line: VisualLine) {
        self.init(cells: line.cells.map {
            LaidOutCell(text: $0.text, width: $0.width, logicalIndex: $0.logicalIndex, logicalLength: $0.logicalLength)
        }, indent: line.indent, width: line.width, isRTL: line.isRTL)
    }
}
