/// The bottom row: the corpus, which article of how many, the filter, then a message or
/// key hints; while typing after `/` or `&`, the line being typed and its completions.
enum StatusBarView {
    static func draw(_ state: BrowserState, row: Int, into buffer: inout ScreenBuffer) {
        let rect = Rect(x: 0, y: row, width: buffer.width, height: 1)
        buffer.fill(rect, style: Theme.status)
        if let input = state.input {
            drawInput(input, state: state, in: rect, into: &buffer)
            return
        }
        var x = buffer.drawLabel(" ", x: 0, y: row, clip: rect, style: Theme.status)
        x = drawData(state.corpus.name, maxWidth: 24, x: x, in: rect, style: Theme.status.with { $0.bold = true },
                     state: state, into: &buffer)
        let list = state.list
        var position = " · \(list.order.count) articles"
        if let current = state.currentArticle, let n = list.order.firstIndex(of: current) {
            position = " · article \(n + 1) of \(list.order.count)"
        }
        x = buffer.drawLabel(position, x: x, y: row, clip: rect, style: Theme.status)
        switch list.filter {
        case .entity(let id)?:
            x = buffer.drawLabel(" · & ", x: x, y: row, clip: rect, style: Theme.status)
            x = drawData(state.corpus.entities[id]?.name ?? id, maxWidth: 24, x: x, in: rect,
                         style: Theme.status, state: state, into: &buffer)
        case .language(let lang)?:
            x = buffer.drawLabel(" · & \(LanguageBadge(lang).text)", x: x, y: row, clip: rect, style: Theme.status)
        case .search(let query, _)?:
            x = buffer.drawLabel(" · / ", x: x, y: row, clip: rect, style: Theme.status)
            x = drawData(query, maxWidth: 24, x: x, in: rect, style: Theme.status, state: state, into: &buffer)
        case nil: break
        }
        if let indexing = state.indexing, state.message == nil {
            x = buffer.drawLabel(" · ", x: x, y: row, clip: rect, style: Theme.status)
            x = drawData(indexing.line, maxWidth: max(rect.maxX - x - 1, 0), x: x, in: rect,
                         style: Theme.status.with { $0.bold = true }, state: state, into: &buffer)
        }
        if !state.corpus.problems.isEmpty, state.message == nil {
            x = buffer.drawLabel(" · \(state.corpus.problems.count) not read (!)", x: x, y: row, clip: rect, style: Theme.status)
        }
        if let count = state.pendingCount {
            x = buffer.drawLabel(" · \(count)", x: x, y: row, clip: rect, style: Theme.status)
        }
        // The message or the hints go to the right when there is room, else after the rest.
        if let message = state.message {
            let style = message.isError ? Theme.statusError : Theme.status.with { $0.bold = true }
            let line = state.text.truncate(message.text, width: max(rect.maxX - x - 3, 0), direction: .auto)
            let start = max(x + 2, rect.maxX - line.width - 1)
            buffer.draw(line, x: start, y: row, clip: rect) { _ in style }
        } else {
            let hints = state.split != nil
                ? "w column  ]/[ pair  p pairs  t names  L link  s close  ? keys  q quit "
                : "Tab pane  Enter open  ]/[ mention  s split  / search  & filter  h back  ? keys  q quit "
            let short = state.split != nil ? "w column  ? keys " : "? keys  q quit "
            let chosen = rect.maxX - x - 2 >= hints.count ? hints : short
            if rect.maxX - x - 2 >= chosen.count {
                buffer.drawLabel(chosen, x: rect.maxX - chosen.count, y: row, clip: rect, style: Theme.status)
            }
        }
    }

    /// Draws untrusted text (corpus names, entity names) sanitised and truncated.
    @discardableResult
    static func drawData(_ s: String, maxWidth: Int, x: Int, in rect: Rect, style: CellStyle,
                         state: BrowserState, into buffer: inout ScreenBuffer) -> Int {
        let line = state.text.truncate(s, width: max(min(maxWidth, rect.maxX - x), 0), direction: .auto)
        var plain = line
        plain.indent = 0
        buffer.draw(plain, x: x, y: rect.y, clip: rect) { _ in style }
        return x + plain.cells.reduce(0) { $0 + $1.width }
    }

    private static func drawInput(_ input: InputLine, state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        let style = Theme.status.with { $0.reverse = false }
        buffer.fill(rect, style: style)
        switch input {
        case .search(let text, let scope, _):
            let x = buffer.drawLabel("/", x: 0, y: rect.y, clip: rect, style: style.with { $0.bold = true })
            let end = drawData(text, maxWidth: rect.width - 30, x: x, in: rect, style: style, state: state, into: &buffer)
            let info: String
            if scope == .list && state.listSearchUsesIndex {
                if text.isEmpty {
                    info = "  words, \"phrases\", OR, -word, prefix*, entity:, type:, lang:, source:, date:"
                } else if let problem = state.searchProblem {
                    info = "  " + problem
                } else {
                    info = "  \(state.list.order.count) found · Enter keeps · Esc cancels"
                }
            } else {
                let found = text.isEmpty ? 0 : state.matchPositions(for: text, scope: scope).count
                info = text.isEmpty ? "  type to search, Enter keeps, Esc cancels" : "  \(found) match\(found == 1 ? "" : "es")"
            }
            buffer.drawLabel(info, x: end, y: rect.y, clip: rect, style: Theme.hint)
        case .filter(let text, let completion):
            var x = buffer.drawLabel("& ", x: 0, y: rect.y, clip: rect, style: style.with { $0.bold = true })
            x = drawData(text, maxWidth: rect.width / 3, x: x, in: rect, style: style, state: state, into: &buffer)
            let candidates = FilterCompletion.candidates(for: text, in: state.corpus, limit: 8)
            if text.isEmpty {
                buffer.drawLabel("  entity or language; Enter on nothing shows all", x: x, y: rect.y, clip: rect, style: Theme.hint)
                return
            }
            if candidates.isEmpty {
                buffer.drawLabel("  no match", x: x, y: rect.y, clip: rect, style: Theme.hint)
                return
            }
            x = buffer.drawLabel("  Tab:", x: x, y: rect.y, clip: rect, style: Theme.hint)
            for (i, c) in candidates.enumerated() {
                x = buffer.drawLabel(" ", x: x, y: rect.y, clip: rect, style: style)
                let chosen = i == completion
                x = drawData(c.text, maxWidth: 30, x: x, in: rect,
                             style: chosen ? CellStyle(reverse: true) : Theme.hint, state: state, into: &buffer)
                if x >= rect.maxX { break }
            }
        }
    }
}
