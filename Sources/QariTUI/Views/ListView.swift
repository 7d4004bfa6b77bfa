/// The article list: two rows per article — read mark and title, then date, source,
/// language badge and the number of entities named.
enum ListView {
    static func draw(_ state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        let list = state.list
        let focused = state.focus == .list
        var order = "by \(list.sort.rawValue)"
        if case .search? = list.filter { order = state.searchHighlight?.ranksWords == false ? "newest first" : "best first" }
        let detail = "\(list.order.count)\(list.filter == nil ? "" : "/\(state.corpus.articles.count)") \(order)"
        BrowserView.header(Pane.list.title, detail: detail, focused: focused, in: rect, into: &buffer)
        let body = rect.splitTop(1).rest
        if list.order.isEmpty {
            let why: String
            if case .search(let query, _)? = list.filter {
                why = "Nothing found for \(query) (& Enter shows all)"
            } else if state.corpus.articles.isEmpty {
                why = state.indexing.map { _ in "Indexing; articles appear as they are read" } ?? "No articles in this corpus"
            } else {
                why = "No article matches the filter (& Enter clears it)"
            }
            buffer.drawLabel(" " + why, x: body.x, y: body.y, clip: body, style: Theme.hint)
            return
        }
        let query = state.search?.scope == .list ? state.search?.query : nil
        let perItem = ArticleListState.rowsPerItem
        let visible = list.top..<min(list.order.count, list.top + max(body.height / perItem, 0) + 1)
        state.corpus.store.prefetchRows(visible.map { list.order[$0] })
        var position = list.top
        var y = body.y
        while y + perItem <= body.maxY, position < list.order.count {
            drawItem(state, position: position, y: y, width: body.width, x: body.x, focused: focused,
                     query: query, into: &buffer)
            position += 1
            y += perItem
        }
    }

    private static func drawItem(_ state: BrowserState, position: Int, y: Int, width: Int, x: Int,
                                 focused: Bool, query: String?, into buffer: inout ScreenBuffer) {
        let index = state.list.order[position]
        let article = state.corpus.store.listRow(index)
        let isSelected = position == state.list.selected
        let isRead = state.list.read.contains(article.id)
        let isOpen = state.currentArticle == index
        let rows = Rect(x: x, y: y, width: width, height: ArticleListState.rowsPerItem)
        let base: CellStyle = isSelected ? Theme.selection(.plain, focused: focused) : .plain
        buffer.fill(rows, style: base)

        // Row 1: a mark (▶ open, ✓ read) and the title, truncated in its own direction.
        let mark = isOpen ? "▶ " : (isRead ? "✓ " : "  ")
        buffer.drawLabel(mark, x: x, y: y, clip: rows, style: base)
        let titleRect = Rect(x: x + 2, y: y, width: width - 3, height: 1)
        let title = state.text.truncate(article.title, width: titleRect.width, direction: .auto)
        let matches = query.map { TextSearch.ranges(of: $0, in: article.title) } ?? []
        let titleStyle = isRead && !isSelected ? base.with { $0.dim = true } : base.with { $0.bold = true }
        buffer.drawAligned(title, in: titleRect, y: y) { cell in
            matches.contains(where: cell.overlaps) ? Theme.searchMatch : titleStyle
        }

        // Row 2: date and source at the left, language badge and entity count at the right.
        let entityCount = article.entityCount
        let badge = "\(LanguageBadge(article.lang).text) \(entityCount)e "
        let badgeX = x + width - badge.count
        let meta = [article.date ?? "undated", article.source ?? article.publisher ?? ""]
            .filter { !$0.isEmpty }.joined(separator: "  ")
        let metaRect = Rect(x: x + 2, y: y + 1, width: max(badgeX - x - 3, 0), height: 1)
        let metaLine = state.text.truncate(meta, width: metaRect.width, direction: .ltr)
        let metaStyle = base.with { $0.dim = !isSelected }
        buffer.draw(metaLine, x: metaRect.x, y: metaRect.y, clip: metaRect) { _ in metaStyle }
        if badgeX > x + 2 {
            buffer.drawLabel(badge, x: badgeX, y: y + 1, clip: rows, style: base)
        }
    }
}
