extension BrowserState {
    var readerPageHeight: Int { layout.pageHeight(for: .reader) }

    mutating func scrollReader(by delta: Int) {
        reader.top += delta
        clampReader()
    }

    mutating func clampReader() {
        guard let doc = reader.document else { reader.top = 0; return }
        reader.top = min(max(reader.top, 0), max(doc.lines.count - readerPageHeight, 0))
    }

    /// Moves the selected mention `delta` stops through the whole article, scrolling to it.
    mutating func stepMention(_ delta: Int) {
        if focus == .reader, page == .entity { moveEntityPageSelection(by: delta); return }
        guard page == .article, let doc = reader.document, !doc.stops.isEmpty else {
            message = StatusMessage(text: "No entity mentions here", isError: false)
            return
        }
        let current = reader.selectedMention.flatMap { m in doc.stops.firstIndex { $0.mention == m } }
        var next: Int
        if let current { next = current + delta }
        else if delta > 0 { next = (doc.stops.firstIndex { $0.line >= reader.top } ?? doc.stops.count - 1) + delta - 1 }
        else { next = (doc.stops.lastIndex { $0.line < reader.top + readerPageHeight } ?? 0) + delta + 1 }
        next = min(max(next, 0), doc.stops.count - 1)
        select(stop: doc.stops[next])
    }

    /// Tab and Shift-Tab: the next mention on screen; false when there is none, so focus moves on.
    mutating func stepVisibleLink(forward: Bool) -> Bool {
        switch page {
        case .article:
            guard let doc = reader.document else { return false }
            let visible = reader.top..<(reader.top + readerPageHeight)
            let onScreen = doc.stops.indices.filter { visible.contains(doc.stops[$0].line) }
            let current = reader.selectedMention.flatMap { m in doc.stops.firstIndex { $0.mention == m } }
            let candidate: Int?
            if let current, onScreen.contains(current) {
                candidate = forward ? onScreen.first { $0 > current } : onScreen.last { $0 < current }
            } else {
                candidate = forward ? onScreen.first : onScreen.last
            }
            guard let candidate else { return false }
            select(stop: doc.stops[candidate])
            return true
        case .entity:
            guard let doc = entityPage.document else { return false }
            let visible = entityPage.top..<(entityPage.top + readerPageHeight)
            let onScreen = doc.items.indices.filter { visible.contains(doc.items[$0].firstLine) }
            let candidate: Int?
            if let current = entityPage.selectedItem, onScreen.contains(current) {
                candidate = forward ? onScreen.first { $0 > current } : onScreen.last { $0 < current }
            } else {
                candidate = forward ? onScreen.first : onScreen.last
            }
            guard let candidate else { return false }
            entityPage.selectedItem = candidate
            return true
        case .empty:
            return false
        }
    }

    private mutating func select(stop: ReaderDocument.Stop) {
        reader.selectedMention = stop.mention
        revealReaderLine(stop.line)
    }

    /// Scrolls just enough to show `line`, with a line of context when it can.
    mutating func revealReaderLine(_ line: Int) {
        let h = readerPageHeight
        if line < reader.top { reader.top = line - (h > 4 ? 1 : 0) }
        else if line >= reader.top + h { reader.top = line - h + (h > 4 ? 2 : 1) }
        clampReader()
    }
}

extension BrowserState {
    /// Fills the sidebar with the open article's entities, grouped by type, most named first.
    mutating func rebuildSidebar() {
        guard let index = reader.document?.articleIndex else { sidebar = SidebarState(); return }
        let counts = corpus.mentions[index].counts
        var rows: [SidebarState.Row] = []
        for category in EntityCategory.allCases {
            // Most named first, then by name.
            let ids = counts.keys.filter { corpus.entities[$0]?.category == category }.sorted { a, b in
                counts[a]! != counts[b]! ? counts[a]! > counts[b]! : corpus.entities[a]!.name < corpus.entities[b]!.name
            }
            guard !ids.isEmpty else { continue }
            rows.append(.heading(category))
            rows += ids.map { .entity(id: $0, count: counts[$0]!) }
        }
        sidebar = SidebarState(rows: rows, selected: rows.firstIndex { if case .entity = $0 { return true }; return false }, top: 0)
    }

    mutating func moveSidebarSelection(by delta: Int) {
        let entityRows = sidebar.rows.indices.filter { if case .entity = sidebar.rows[$0] { return true }; return false }
        guard !entityRows.isEmpty else { return }
        let at = sidebar.selected.flatMap { entityRows.firstIndex(of: $0) } ?? 0
        sidebar.selected = entityRows[min(max(at + delta, 0), entityRows.count - 1)]
        revealSidebarSelection()
        // Bring a mention of the newly selected entity into view if none is on screen.
        if page == .article, let id = sidebar.selectedEntityID, let doc = reader.document {
            let lines = doc.stops.filter { $0.mention.entityID == id }.map(\.line)
            let visible = reader.top..<(reader.top + readerPageHeight)
            if let first = lines.first, !lines.contains(where: visible.contains) { revealReaderLine(first) }
        }
    }

    mutating func revealSidebarSelection() {
        let h = layout.pageHeight(for: .sidebar)
        guard let selected = sidebar.selected else { sidebar.top = 0; return }
        // Keep the group heading above the first entity in view.
        let wanted = selected == 1 ? 0 : selected
        if wanted < sidebar.top { sidebar.top = wanted }
        if selected >= sidebar.top + h { sidebar.top = selected - h + 1 }
        sidebar.top = min(max(sidebar.top, 0), max(sidebar.rows.count - h, 0))
    }
}

extension BrowserState {
    mutating func clampEntityPage() {
        guard let doc = entityPage.document else { entityPage.top = 0; return }
        entityPage.top = min(max(entityPage.top, 0), max(doc.lines.count - readerPageHeight, 0))
    }

    /// j/k on an entity page move between its selectable items, scrolling to show them;
    /// a page without items scrolls by line.
    mutating func moveEntityPageSelection(by delta: Int) {
        guard let doc = entityPage.document else { return }
        guard !doc.items.isEmpty else { entityPage.top += delta; clampEntityPage(); return }
        let current = entityPage.selectedItem ?? 0
        let target = min(max(current + delta, 0), doc.items.count - 1)
        entityPage.selectedItem = target
        if target == 0 { entityPage.top = 0 }
        revealEntityPageSelection()
        if target == doc.items.count - 1, delta > 0 { entityPage.top = doc.lines.count }
        clampEntityPage()
    }

    /// Scrolls just enough to show the selected item and the line above it (the heading of the first in a group).
    mutating func revealEntityPageSelection() {
        guard let doc = entityPage.document, let i = entityPage.selectedItem, doc.items.indices.contains(i) else {
            clampEntityPage()
            return
        }
        let item = doc.items[i]
        let h = readerPageHeight
        if item.firstLine < entityPage.top { entityPage.top = item.firstLine - 1 }
        if item.lastLine >= entityPage.top + h { entityPage.top = item.lastLine - h + 1 }
        clampEntityPage()
    }

    mutating func activateEntityPageItem() {
        guard let doc = entityPage.document, let i = entityPage.selectedItem, doc.items.indices.contains(i) else { return }
        switch doc.items[i].action {
        case .entity(let id): openEntity(id)
        case .article(let a): openArticle(a)
        case .mention(let a, let ref): openArticle(a, at: ref)
        }
    }
}
