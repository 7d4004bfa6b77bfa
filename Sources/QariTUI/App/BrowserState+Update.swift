extension BrowserState {
    /// The one place state changes: apply `message` and keep every derived value
    /// (layouts at the current width, scroll positions) consistent.
    public mutating func update(_ message: Message) {
        switch message {
        case .resize(let w, let h):
            width = max(w, 0)
            height = max(h, 0)
        case .tick:
            // A notice fades after a few quiet seconds; an error stays until the next key.
            if let m = self.message, !m.isError {
                messageTicks += 1
                if messageTicks >= Self.ticksToKeepNotice { self.message = nil }
            }
        case .text(let typed):
            // Text in one go searches once, for all of it.
            let defers = defersListSearch
            defersListSearch = true
            for ch in typed { handle(.character(ch)) }
            defersListSearch = defers
            if !defers { runDeferredListSearch() }
        case .caughtUp:
            runDeferredListSearch()
        case .key(let key):
            handle(key)
        case .indexing(let status):
            indexing = status.isFinished ? nil : status
            if let problems = status.problems, problems != corpus.problems {
                corpus.problems = problems
                let n = problems.count
                self.message = StatusMessage(text: "\(n) file\(n == 1 ? "" : "s") could not be read (! lists them)", isError: true)
            } else if status.isFinished, self.message == nil {
                self.message = StatusMessage(text: status.line, isError: false)
                messageTicks = 0
            }
            if corpus.store.generation != seenGeneration {
                seenGeneration = corpus.store.generation
                followStoreChange()
            }
        }
        syncLayout()
    }

    /// Applies a sequence of messages; handy for tests and benchmarks.
    public mutating func update(_ messages: [Message]) {
        for m in messages { update(m) }
    }

    private mutating func handle(_ key: Key) {
        if input != nil { handleInput(key); return }
        if overlay != nil { handleOverlay(key); return }

        if case .character(let c) = key, c.isASCII, let digit = c.wholeNumberValue, digit > 0 || pendingCount != nil {
            pendingCount = min((pendingCount ?? 0) * 10 + digit, 9999)
            return
        }
        let count = pendingCount ?? 1
        pendingCount = nil
        message = nil
        messageTicks = 0

        switch key {
        case .character("q"): shouldQuit = true
        case .control("c"): shouldQuit = true
        case .character("?"): overlay = .help(top: 0)
        case .character("H"): overlay = .history(selected: max(history.index, 0))
        case .character("!"):
            if corpus.problems.isEmpty { message = StatusMessage(text: "Every file was read", isError: false) }
            else { overlay = .problems(top: 0) }
        case .tab: tabForward()
        case .backTab: tabBackward()
        case .backspace, .character("h"), .altLeft: goBack(count)
        case .character("l"), .altRight: goForward(count)
        case .character("/"): beginSearch()
        case .character("&"): input = .filter(text: "", completion: nil)
        case .character("n"): stepSearch(forward: true, count: count)
        case .character("N"): stepSearch(forward: false, count: count)
        case .escape:
            // Esc undoes the innermost thing first: a selected mention or search, then the split.
            if split != nil, search == nil, reader.selectedMention == nil { closeSplit() }
            search = nil
            reader.selectedMention = nil
        case .character("o") where focus == .list:
            list.sort = list.sort.next
            rebuildList(keeping: list.order.indices.contains(list.selected) ? list.order[list.selected] : nil)
            message = StatusMessage(text: "Sorted by \(list.sort.rawValue)", isError: false)
        case .character("s"): toggleSplit()
        case .character("t"): toggleOtherLanguageNames()
        case .character("w") where split != nil: focusOtherColumn()
        case .left where split != nil: focusColumn(.left)
        case .right where split != nil: focusColumn(.right)
        case .character("L") where split != nil: toggleLinkedScrolling()
        case .character("p") where split != nil: openPairPicker()
        case .character("]") where isChangingPairs: stepPair(count)
        case .character("[") where isChangingPairs: stepPair(-count)
        case .character("j"), .down: move(count)
        case .character("k"), .up: move(-count)
        case .control("d"): move(count * max(pageStep / 2, 1))
        case .control("u"): move(-count * max(pageStep / 2, 1))
        case .pageDown, .character(" "), .control("f"): move(count * max(pageStep - 1, 1))
        case .pageUp, .character("b"), .control("b"): move(-count * max(pageStep - 1, 1))
        case .character("g"), .home: moveToEdge(top: true)
        case .character("G"), .end: moveToEdge(top: false)
        case .character("]"): stepMention(count)
        case .character("["): stepMention(-count)
        case .enter: activate()
        default: break
        }
    }

    /// In the split reader `]` and `[` change the pair, except on an entity page, where they
    /// still move between its items.
    private var isChangingPairs: Bool { split != nil && !(focus == .reader && page == .entity) }

    /// What a page is in the focused pane: rows, or in the list (two rows an article) items.
    var pageStep: Int { focus == .list ? listPageItems : layout.pageHeight(for: focus) }

    // MARK: Focus

    public mutating func setFocus(_ pane: Pane) {
        focus = pane
        if pane != .reader { sidePane = pane }
    }

    /// Tab in the reader steps through the mentions on screen, as links in a text browser,
    /// and moves on to the next pane after the last one; elsewhere it moves focus.
    /// In the split reader the left column's mentions come first, then the right column's.
    private mutating func tabForward() {
        if focus == .reader, stepVisibleLink(forward: true) { return }
        reader.selectedMention = nil
        if let split {
            if focus == .reader, split.focusedSide == .left { focusColumn(.right); return }
            if focus == .list { focusColumn(.left); return }
        }
        setFocus(focus.next)
    }

    /// Shift-Tab in the reader goes back through the mentions stepped to; with none
    /// selected it leaves for the previous pane at once, so the list is one key away.
    private mutating func tabBackward() {
        if focus == .reader, hasSelectedLink, stepVisibleLink(forward: false) { return }
        reader.selectedMention = nil
        if let split {
            if focus == .reader, split.focusedSide == .right { focusColumn(.left); return }
            if focus == .sidebar { focusColumn(.right); return }
        }
        setFocus(focus.previous)
    }

    private var hasSelectedLink: Bool {
        switch page {
        case .article: return reader.selectedMention != nil
        case .entity: return entityPage.selectedItem != nil && entityPage.selectedItem != 0
        case .empty: return false
        }
    }

    // MARK: Movement

    private mutating func move(_ delta: Int) {
        switch focus {
        case .list: moveListSelection(by: delta)
        case .sidebar: moveSidebarSelection(by: delta)
        case .reader:
            switch page {
            case .article: scrollReader(by: delta)
            case .entity: moveEntityPageSelection(by: delta)
            case .empty: break
            }
        }
    }

    private mutating func moveToEdge(top: Bool) {
        let far = top ? Int.min / 4 : Int.max / 4
        move(far)
    }

    private mutating func activate() {
        switch focus {
        case .list:
            guard list.order.indices.contains(list.selected) else { return }
            openArticle(list.order[list.selected])
            setFocus(.reader)
        case .sidebar:
            guard let id = sidebar.selectedEntityID else { return }
            openEntity(id)
            setFocus(.reader)
        case .reader:
            switch page {
            case .article:
                if let m = reader.selectedMention { openEntity(m.entityID) }
                else { message = StatusMessage(text: "Choose a mention with ] or Tab, then Enter", isError: false) }
            case .entity: activateEntityPageItem()
            case .empty: break
            }
        }
    }

    // MARK: History

    mutating func goBack(_ count: Int) { travel(count, "back") { $0.back() } }

    mutating func goForward(_ count: Int) { travel(count, "forward") { $0.forward() } }

    /// `count` steps through the history, then shows where they led.
    private mutating func travel(_ count: Int, _ direction: String, step: (inout History) -> Location?) {
        var target: Location?
        for _ in 0..<count { if let l = step(&history) { target = l } }
        guard let target else {
            message = StatusMessage(text: "Nothing to go \(direction) to", isError: false)
            return
        }
        show(target)
    }

    /// Shows a place from the history without recording a new visit.
    mutating func show(_ location: Location) {
        switch location {
        case .article(let id):
            if let i = corpus.articleIndex(id: id) { openArticle(i, record: false) }
        case .entity(let id):
            openEntity(id, record: false)
        }
        setFocus(.reader)
    }
}

extension BrowserState {
    /// The store now holds more (or other) articles, and article indexes may have moved: the
    /// list is built again around the same selection, and what is open is shown again at its
    /// new index (or closed, if its file changed or went away).
    mutating func followStoreChange() {
        let store = corpus.store
        let selected = list.order.indices.contains(list.selected) ? store.translate(list.order[list.selected]) : nil
        let top = list.top
        if case .search(let query, let results)? = list.filter {
            list.filter = .search(query: query, results: results.compactMap { store.translate($0) })
        }
        rebuildList(keeping: selected)
        if selected == nil { list.top = top; revealListSelection() }
        if let doc = reader.document {
            if let fresh = relocated(doc) {
                if fresh.articleIndex != doc.articleIndex {
                    reader.top = doc.anchor(at: reader.top).flatMap { fresh.line(for: $0) } ?? reader.top
                    reader.document = fresh
                }
            } else {
                reader.document = nil
                reader.selectedMention = nil
                if page == .article { page = .empty }
                message = StatusMessage(text: "The open article's file changed; it is no longer in the index", isError: true)
            }
            rebuildSidebar()
        }
        if var s = split {
            if let doc = s.other.document {
                if let fresh = relocated(doc) { s.other.document = fresh } else { s.other = ReaderColumn() }
            }
            // Pairs are ranked again when next asked for.
            s.candidates = []
            s.candidatesFor = nil
            s.candidatePosition = nil
            split = s
        }
        if let doc = entityPage.document {
            entityPage.document = EntityPageDocument(corpus: corpus, entityID: doc.entityID, width: doc.width, text: text)
            clampEntityPage()
        }
        clampReader()
    }

    /// `doc` at its article's place in the store's new generation: itself if the article did not
    /// move, laid out again at the new index if it did, nil if the article is gone.
    private func relocated(_ doc: ReaderDocument) -> ReaderDocument? {
        guard let moved = corpus.store.translate(doc.articleIndex) else { return nil }
        if moved == doc.articleIndex { return doc }
        return ReaderDocument(corpus: corpus, articleIndex: moved, width: doc.width, text: text,
                              otherLanguageNames: doc.showsOtherLanguageNames)
    }
}
