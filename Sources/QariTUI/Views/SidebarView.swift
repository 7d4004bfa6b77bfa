/// The entity sidebar: the open article's entities grouped by type, with mention counts.
enum SidebarView {
    static func draw(_ state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .sidebar
        let entityCount = state.sidebar.rows.filter { if case .entity = $0 { return true }; return false }.count
        BrowserView.header(Pane.sidebar.title, detail: entityCount == 0 ? "" : "\(entityCount)",
                           focused: focused, in: rect, into: &buffer)
        let body = rect.splitTop(1).rest
        guard !state.sidebar.rows.isEmpty else {
            let why = state.currentArticle == nil ? " No article open" : " No entities named"
            buffer.drawLabel(why, x: body.x, y: body.y, clip: body, style: Theme.hint)
            return
        }
        let query = state.search?.scope == .sidebar ? state.search?.query : nil
        let isArabicArticle = state.currentArticle.map { state.corpus.articles[$0].lang == .ar } ?? false
        let rows = state.sidebar.rows
        // In the split reader, entities the other column names too take the shared colour there.
        let shared: Set<String> = state.currentArticle.flatMap { a in
            state.split?.other.document.map { state.corpus.sharedEntities(a, $0.articleIndex) }
        } ?? []
        for (offset, index) in (state.sidebar.top..<min(state.sidebar.top + body.height, rows.count)).enumerated() {
            let y = body.y + offset
            let rowRect = Rect(x: body.x, y: y, width: body.width, height: 1)
            switch rows[index] {
            case .heading(let category):
                buffer.drawLabel(" " + category.groupTitle, x: body.x, y: y, clip: rowRect,
                                 style: Theme.heading.with { $0.foreground = category.color })
            case .entity(let id, let count):
                let entity = state.corpus.entities[id]
                let isSelected = index == state.sidebar.selected
                let base = isSelected ? Theme.selection(.plain, focused: focused) : .plain
                buffer.fill(rowRect, style: base)
                let countLabel = " \(count) "
                let nameRect = Rect(x: body.x + 2, y: y, width: body.width - 2 - countLabel.count, height: 1)
                // An Arabic article's entities go by their Arabic names, as the text names them.
                let name = (isArabicArticle ? entity?.arabicName : nil) ?? entity?.name ?? id
                let line = state.text.truncate(name, width: nameRect.width, direction: .auto)
                let matches = query.map { TextSearch.ranges(of: $0, in: name) } ?? []
                let nameStyle = shared.contains(id) ? Theme.sharedEntity(base)
                    : base.with { $0.foreground = entity?.category.color ?? .default }
                buffer.drawAligned(line, in: nameRect, y: y) { cell in
                    matches.contains(where: cell.overlaps) ? Theme.searchMatch : nameStyle
                }
                buffer.drawLabel(countLabel, x: body.maxX - countLabel.count, y: y, clip: rowRect, style: base)
            }
        }
    }
}
