/// Where finished screens go: the terminal, or memory in tests.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Writes a whole screen; a backend sends only what changed.
    func write(_ buffer: ScreenBuffer)
}

/// Keeps the last screen in memory, like ratatui's TestBackend, and prints it for snapshots.
public final class MemoryBackend: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    public private(set) var screen: ScreenBuffer
    public private(set) var framesWritten = 0

    public init(width: Int, height: Int) {
        size = (width, height)
        screen = ScreenBuffer(width: width, height: height)
    }

    public func resize(width: Int, height: Int) { size = (width, height) }

    public func write(_ buffer: ScreenBuffer) {
        screen = buffer
        framesWritten += 1
    }

    /// The screen as text: one line per row, then each row's styles as letters with a legend.
    /// Snapshot files hold exactly this, so a change of text or of colour shows in a diff.
    public var snapshot: String {
        var legend: [CellStyle: Character] = [.plain: "."]
        var order: [CellStyle] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styleRows: [String] = []
        for y in 0..<screen.height {
            var row = ""
            for x in 0..<screen.width {
                let style = screen[x, y].style
                if legend[style] == nil {
                    legend[style] = order.count < letters.count ? letters[order.count] : "?"
                    order.append(style)
                }
                row.append(legend[style]!)
            }
            styleRows.append(row)
        }
        let frame = "+" + String(repeating: "-", count: screen.width) + "+"
        var out = "\(screen.width)x\(screen.height)\n" + frame + "\n"
        for row in screen.rows { out += "|" + row + "|\n" }
        out += frame + "\nstyles:\n"
        for row in styleRows { out += row + "\n" }
        out += "legend:\n. plain\n"
        for style in order { out += "\(legend[style]!) \(style.snapshotDescription)\n" }
        return out
    }
}
