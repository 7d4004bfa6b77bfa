/// Draws a whole screen from a `BrowserState`. Pure: the same state gives the same cells.
public enum BrowserView {
    public static func render(_ state: BrowserState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        render(state, into: &buffer)
        return buffer
    }

    public static func render(_ state: BrowserState, into buffer: inout ScreenBuffer) {
        let layout = state.layout
        if layout.isTooSmall {
            buffer.fill(buffer.area)
            // The longest wording that fits, so the needed size shows whenever it can.
            let need = "\(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight)"
            let wordings = ["Terminal too small: need \(need)", "Too small: need \(need)", "Too small: \(need)", "Too small"]
            let line = wordings.first { $0.count <= buffer.width } ?? wordings[wordings.count - 1]
            buffer.drawLabel(line, x: 0, y: 0, clip: buffer.area, style: Theme.statusError)
            return
        }
        if let split = state.split {
            if let rect = layout.list {
                ListView.draw(state, in: rect, into: &buffer)
                separator(after: rect, in: &buffer)
            }
            SplitReaderView.draw(state, split: split, into: &buffer)
            if let rect = layout.sidebar {
                SidebarView.draw(state, in: rect, into: &buffer)
                if rect.x > 0 { separator(after: Rect(x: 0, y: rect.y, width: rect.x - 1, height: rect.height), in: &buffer) }
            }
        } else {
            drawPanes(state, layout: layout, into: &buffer)
        }
        StatusBarView.draw(state, row: layout.statusRow, into: &buffer)
        if let overlay = state.overlay { OverlayView.draw(overlay, state: state, into: &buffer) }
    }

    private static func drawPanes(_ state: BrowserState, layout: ScreenLayout, into buffer: inout ScreenBuffer) {
        if let rect = layout.list {
            ListView.draw(state, in: rect, into: &buffer)
            separator(after: rect, in: &buffer)
        }
        if let rect = layout.reader {
            if state.page == .entity { EntityPageView.draw(state, in: rect, into: &buffer) }
            else { ReaderView.draw(state, in: rect, into: &buffer) }
            separator(after: rect, in: &buffer)
        }
        if let rect = layout.sidebar { SidebarView.draw(state, in: rect, into: &buffer) }
    }

    private static func separator(after rect: Rect, in buffer: inout ScreenBuffer) {
        guard rect.maxX < buffer.width else { return }
        for y in rect.y..<rect.maxY {
            buffer.put("│", columns: 1, x: rect.maxX, y: y, style: Theme.separator, clip: buffer.area)
        }
    }

    /// A pane's header row: its name, then a short description.
    static func header(_ title: String, detail: String, focused: Bool, in rect: Rect, into buffer: inout ScreenBuffer) {
        let style = focused ? Theme.focusedHeader : Theme.header
        let row = rect.splitTop(1).top
        buffer.fill(row, style: style)
        let x = buffer.drawLabel(" " + title, x: rect.x, y: rect.y, clip: row, style: style)
        if !detail.isEmpty { buffer.drawLabel("  " + detail, x: x, y: rect.y, clip: row, style: style) }
    }
}
