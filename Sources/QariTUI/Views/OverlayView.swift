/// Boxes drawn over the panes: the key list, the history, the files that could not be read.
enum OverlayView {
    static func draw(_ overlay: Overlay, state: BrowserState, into buffer: inout ScreenBuffer) {
        let box = Rect(x: 2, y: 1, width: buffer.width - 4, height: buffer.height - 3)
        guard box.width >= 10, box.height >= 3 else { return }
        // A blank column around the box keeps the text behind it from touching the frame.
        buffer.fill(Rect(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height))
        frame(box, into: &buffer)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        switch overlay {
        case .help(let top):
            title("Keys (Esc closes)", box: box, into: &buffer)
            for (row, line) in HelpText.lines(width: inner.width).dropFirst(top).prefix(inner.height).enumerated() {
                buffer.drawLabel(line.text, x: inner.x, y: inner.y + row, clip: inner,
                                 style: line.isHeading ? Theme.heading : .plain)
            }
        case .history(let selected):
            title("History (Enter goes there, Esc closes)", box: box, into: &buffer)
            let entries = state.history.entries
            if entries.isEmpty {
                buffer.drawLabel("Nothing opened yet", x: inner.x, y: inner.y, clip: inner, style: Theme.hint)
                return
            }
            let top = min(max(selected - inner.height + 1, 0), max(entries.count - inner.height, 0))
            for (row, i) in (top..<min(top + inner.height, entries.count)).enumerated() {
                let y = inner.y + row
                let rowRect = Rect(x: inner.x, y: y, width: inner.width, height: 1)
                let base = i == selected ? CellStyle(reverse: true) : .plain
                buffer.fill(rowRect, style: base)
                let marker = i == state.history.index ? "▶ " : "  "
                let kind: String, name: String
                switch entries[i] {
                case .article(let id):
                    kind = "article "
                    name = state.corpus.articleIndex(id: id).map { state.corpus.articles[$0].title } ?? id
                case .entity(let id):
                    kind = "entity  "
                    name = state.corpus.entities[id]?.name ?? id
                }
                let x = buffer.drawLabel(marker + kind, x: inner.x, y: y, clip: rowRect, style: base.with { $0.dim = i != selected })
                let line = state.text.truncate(name, width: inner.maxX - x, direction: .auto)
                buffer.drawAligned(line, in: Rect(x: x, y: y, width: inner.maxX - x, height: 1), y: y) { _ in base }
            }
        case .pairs(let selected):
            title("Read beside this article (Enter shows it, Esc closes)", box: box, into: &buffer)
            drawPairs(selected: selected, state: state, in: inner, into: &buffer)
        case .problems(let top):
            title("Files that could not be read (Esc closes)", box: box, into: &buffer)
            var lines: [(LaidOutLine, CellStyle)] = []
            for p in state.corpus.problems {
                lines += state.text.layout(p.path, width: inner.width, direction: .ltr).map { ($0, Theme.title) }
                lines += state.text.layout(p.reason, width: max(inner.width - 2, 1), direction: .auto).map {
                    var l = $0
                    l.indent += 2
                    return (l, CellStyle.plain)
                }
            }
            for (row, entry) in lines.dropFirst(top).prefix(inner.height).enumerated() {
                buffer.draw(entry.0, x: inner.x, y: inner.y + row, clip: inner) { _ in entry.1 }
            }
        }
    }

    /// Two rows a candidate: score, language, date and title; then the entities both name.
    private static func drawPairs(selected: Int, state: BrowserState, in inner: Rect, into buffer: inout ScreenBuffer) {
        let candidates = state.split?.candidates ?? []
        let perItem = 2
        let visible = max(inner.height / perItem, 1)
        let top = min(max(selected - visible + 1, 0), max(candidates.count - visible, 0))
        for (row, i) in (top..<min(top + visible, candidates.count)).enumerated() {
            let c = candidates[i]
            let article = state.corpus.articles[c.articleIndex]
            let y = inner.y + row * perItem
            let rows = Rect(x: inner.x, y: y, width: inner.width, height: perItem)
            let base = i == selected ? CellStyle(reverse: true) : .plain
            buffer.fill(rows, style: base)
            let shown = state.split?.other.document?.articleIndex == c.articleIndex ? "▶" : " "
            let label = "\(shown) \(String(format: "%.3f", c.score))  \(LanguageBadge(article.lang).text)  \(article.date ?? "undated")  "
            let x = buffer.drawLabel(label, x: inner.x, y: y, clip: rows, style: base.with { $0.bold = true })
            let titleRect = Rect(x: x, y: y, width: inner.maxX - x, height: 1)
            buffer.drawAligned(state.text.truncate(article.title, width: titleRect.width, direction: .auto),
                               in: titleRect, y: y) { _ in base }
            let names = c.shared.compactMap { state.corpus.entities[$0]?.name }.joined(separator: ", ")
            let sharedRect = Rect(x: inner.x + 9, y: y + 1, width: inner.width - 9, height: 1)
            let x2 = buffer.drawLabel("shared: ", x: sharedRect.x, y: y + 1, clip: sharedRect, style: base.with { $0.dim = i != selected })
            let line = state.text.truncate(names.isEmpty ? "nothing" : names, width: sharedRect.maxX - x2, direction: .ltr)
            buffer.draw(line, x: x2, y: y + 1, clip: sharedRect) { _ in base.with { $0.dim = i != selected } }
        }
    }

    private static func frame(_ r: Rect, into buffer: inout ScreenBuffer) {
        let s = CellStyle.plain
        for x in r.x..<r.maxX {
            buffer.put("─", columns: 1, x: x, y: r.y, style: s, clip: r)
            buffer.put("─", columns: 1, x: x, y: r.maxY - 1, style: s, clip: r)
        }
        for y in r.y..<r.maxY {
            buffer.put("│", columns: 1, x: r.x, y: y, style: s, clip: r)
            buffer.put("│", columns: 1, x: r.maxX - 1, y: y, style: s, clip: r)
        }
        buffer.put("┌", columns: 1, x: r.x, y: r.y, style: s, clip: r)
        buffer.put("┐", columns: 1, x: r.maxX - 1, y: r.y, style: s, clip: r)
        buffer.put("└", columns: 1, x: r.x, y: r.maxY - 1, style: s, clip: r)
        buffer.put("┘", columns: 1, x: r.maxX - 1, y: r.maxY - 1, style: s, clip: r)
    }

    private static func title(_ t: String, box: Rect, into buffer: inout ScreenBuffer) {
        buffer.drawLabel(" \(t) ", x: box.x + 2, y: box.y, clip: box, style: Theme.title)
    }
}
