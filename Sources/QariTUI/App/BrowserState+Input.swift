extension BrowserState {
    var searchScope: SearchScope {
        switch focus {
        case .list: return .list
        case .sidebar: return .sidebar
        case .reader: return page == .entity ? .entityPage : .article
        }
    }

    /// The position a search moves: list item, reader line, entity page line or sidebar row.
    var searchPosition: Int {
        switch searchScope {
        case .list: return list.selected
        case .article: return reader.top
        case .entityPage: return entityPage.top
        case .sidebar: return sidebar.selected ?? 0
        }
    }

    mutating func beginSearch() {
        input = .search(text: "", scope: searchScope, origin: searchPosition)
        if searchScope == .list && listSearchUsesIndex {
            listBeforeSearch = (list.filter, searchHighlight, list.order[safe: list.selected])
            searchProblem = nil
        }
    }

    mutating func handleInput(_ key: Key) {
        guard let current = input else { return }
        var typed = current.text
        switch key {
        case .escape, .control("c"), .control("g"):
            deferredListSearch = nil
            if case .search(_, .list, _) = current, listBeforeSearch != nil {
                restoreListBeforeSearch()
                listBeforeSearch = nil
                searchProblem = nil
                input = nil
                return
            }
            if case .search(_, let scope, let origin) = current {
                search = nil
                moveSearchPosition(scope: scope, to: origin)
            }
            input = nil
            return
        case .enter:
            input = nil
            deferredListSearch = nil
            switch current {
            case .search(let text, .list, _) where listSearchUsesIndex:
                search = nil
                searchProblem = nil
                let searched = !text.trimmingCharacters(in: .whitespaces).isEmpty && runIndexSearch(text)
                // Nothing to search, or a query that cannot be read: the list as it was.
                if !searched { restoreListBeforeSearch() }
                listBeforeSearch = nil
            case .search(let text, let scope, _):
                search = text.isEmpty ? nil : ActiveSearch(query: text, scope: scope)
                if !text.isEmpty, matchPositions(for: text, scope: scope).isEmpty {
                    message = StatusMessage(text: "Not found: \(text)", isError: true)
                }
            case .filter(let text, let completion):
                let candidates = FilterCompletion.candidates(for: text, in: corpus)
                let chosen = completion.flatMap { candidates[safe: $0] }
                if let entityID = chosen?.entityID { applyFilter(entityID) }
                else { applyFilter(chosen?.text ?? text) }
            }
            return
        case .backspace where typed.isEmpty:
            // Backspace on an empty line leaves it, as Escape does.
            handleInput(.escape)
            return
        case .backspace:
            typed.removeLast()
        case .tab, .backTab:
            if case .filter(let text, let completion) = current {
                let n = FilterCompletion.candidates(for: text, in: corpus).count
                guard n > 0 else { return }
                let step = key == .tab ? 1 : -1
                input = .filter(text: text, completion: ((completion ?? (step > 0 ? -1 : 0)) + step + n) % n)
            }
            return
        case .control("u"):
            typed = ""
        case .character(let c):
            typed.append(c)
        default:
            return
        }
        switch current {
        case .search(_, .list, let origin) where listSearchUsesIndex:
            // The index is searched as the query is typed, its last word read as a prefix; Enter
            // then searches the query exactly as written.
            input = .search(text: typed, scope: .list, origin: origin)
            if defersListSearch { deferredListSearch = typed } else { previewIndexSearch(typed) }
        case .search(_, let scope, let origin):
            input = .search(text: typed, scope: scope, origin: origin)
            // Incremental: show the first match from where the search started.
            search = typed.isEmpty ? nil : ActiveSearch(query: typed, scope: scope)
            let positions = matchPositions(for: typed, scope: scope)
            moveSearchPosition(scope: scope, to: positions.first { $0 >= origin } ?? positions.first ?? origin)
        case .filter:
            input = .filter(text: typed, completion: nil)
        }
    }

    /// n and N: the next or previous match after the current position, wrapping around.
    mutating func stepSearch(forward: Bool, count: Int) {
        guard let search else {
            message = StatusMessage(text: "No search; type / to search", isError: false)
            return
        }
        let positions = matchPositions(for: search.query, scope: search.scope)
        guard !positions.isEmpty else {
            message = StatusMessage(text: "Not found: \(search.query)", isError: true)
            return
        }
        var at = searchPosition
        for _ in 0..<count {
            if forward {
                if let next = positions.first(where: { $0 > at }) { at = next }
                else { at = positions[0]; message = StatusMessage(text: "Search wrapped to the top", isError: false) }
            } else {
                if let prev = positions.last(where: { $0 < at }) { at = prev }
                else { at = positions[positions.count - 1]; message = StatusMessage(text: "Search wrapped to the bottom", isError: false) }
            }
        }
        moveSearchPosition(scope: search.scope, to: at)
    }

    /// Positions (see `searchPosition`) holding a match, in order.
    func matchPositions(for query: String, scope: SearchScope) -> [Int] {
        switch scope {
        case .list:
            // After an index search every row of the list is a match; n and N step through them.
            if case .search? = list.filter { return Array(list.order.indices) }
            if listSearchUsesIndex { return [] }
            return list.order.indices.filter { TextSearch.contains(query, in: corpus.store.listRow(list.order[$0]).title) }
        case .sidebar:
            return sidebar.rows.indices.filter {
                guard case .entity(let id, _) = sidebar.rows[$0], let e = corpus.entities[id] else { return false }
                return e.spellings.contains { TextSearch.contains(query, in: $0) }
            }
        case .article:
            guard let doc = reader.document else { return [] }
            var lines = Set<Int>()
            var seenParts = Set<ArticleTextPart>()
            for line in doc.lines {
                guard let part = line.part, seenParts.insert(part).inserted else { continue }
                for r in TextSearch.ranges(of: query, in: corpus.text(article: doc.articleIndex, part: part)) {
                    if let l = doc.line(of: part, range: r) { lines.insert(l) }
                }
            }
            return lines.sorted()
        case .entityPage:
            guard let doc = entityPage.document else { return [] }
            return doc.lines.indices.filter { doc.matches(query, onLine: $0) }
        }
    }

    mutating func moveSearchPosition(scope: SearchScope, to position: Int) {
        switch scope {
        case .list:
            list.selected = position
            revealListSelection()
        case .sidebar:
            sidebar.selected = position
            revealSidebarSelection()
        case .article:
            // Put the match a couple of lines below the top so it has context.
            reader.top = position - (position == 0 ? 0 : min(2, readerPageHeight / 3))
            clampReader()
        case .entityPage:
            entityPage.top = position - (position == 0 ? 0 : min(2, readerPageHeight / 3))
            clampEntityPage()
            if let item = entityPage.document?.item(atLine: position) { entityPage.selectedItem = item }
        }
    }
}

extension BrowserState {
    mutating func handleOverlay(_ key: Key) {
        guard let overlay else { return }
        switch (overlay, key) {
        case (_, .escape), (_, .character("q")), (.help, .character("?")), (.history, .character("H")),
             (.problems, .character("!")), (.pairs, .character("p")):
            self.overlay = nil
        case (.pairs(let selected), _):
            let count = split?.candidates.count ?? 0
            var s = selected
            switch key {
            case .character("j"), .down: s += 1
            case .character("k"), .up: s -= 1
            case .character("g"), .home: s = 0
            case .character("G"), .end: s = count - 1
            case .enter:
                self.overlay = nil
                if let c = split?.candidates[safe: selected] { showInOtherColumn(c.articleIndex, candidate: selected) }
                return
            default: return
            }
            self.overlay = .pairs(selected: min(max(s, 0), max(count - 1, 0)))
        case (.help(let top), _), (.problems(let top), _):
            let total = overlay == .help(top: top)
                ? HelpText.lines(width: HelpText.boxWidth(screenWidth: width)).count : corpus.problems.count * 2
            let h = max(height - 5, 1) // the rows inside the overlay box (see OverlayView)
            var t = top
            switch key {
            case .character("j"), .down: t += 1
            case .character("k"), .up: t -= 1
            case .pageDown, .character(" "), .control("d"), .control("f"): t += h
            case .pageUp, .character("b"), .control("u"): t -= h
            case .character("g"), .home: t = 0
            case .character("G"), .end: t = total
            default: return
            }
            t = min(max(t, 0), max(total - h, 0))
            self.overlay = overlay == .help(top: top) ? .help(top: t) : .problems(top: t)
        case (.history(let selected), _):
            var s = selected
            switch key {
            case .character("j"), .down: s += 1
            case .character("k"), .up: s -= 1
            case .character("g"), .home: s = 0
            case .character("G"), .end: s = history.entries.count - 1
            case .enter:
                self.overlay = nil
                saveCentrePosition()
                if let location = history.jump(to: selected) { show(location) }
                return
            default: return
            }
            self.overlay = .history(selected: min(max(s, 0), max(history.entries.count - 1, 0)))
        }
    }
}

extension EntityPageDocument {
    /// True when the text on `line` belongs to a string containing `query` at that line.
    func matches(_ query: String, onLine index: Int) -> Bool {
        let line = lines[index]
        if line.content.cells.isEmpty { return TextSearch.contains(query, in: line.label) }
        return !matchRanges(query, onLine: index).isEmpty
    }

    /// Scalar ranges of `query` in the source text of `line` that start on it.
    func matchRanges(_ query: String, onLine index: Int) -> [Range<Int>] {
        let line = lines[index]
        guard let source = line.source, let span = line.content.logicalSpan else { return [] }
        return TextSearch.ranges(of: query, in: source).filter { span.contains($0.lowerBound) }
    }
}
