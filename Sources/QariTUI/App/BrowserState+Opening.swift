extension BrowserState {
    /// Marks articles as read (those read in earlier sessions).
    public mutating func rememberRead(_ ids: Set<String>) {
        list.read.formUnion(ids)
    }

    /// Says something in the status bar.
    public mutating func notify(_ text: String, isError: Bool = false) {
        message = StatusMessage(text: text, isError: isError)
        messageTicks = 0
    }

    /// Opens article `index` in the reader, at its last position or at `mention`.
    public mutating func openArticle(_ index: Int, at mention: MentionRef? = nil, record: Bool = true) {
        guard corpus.articles.indices.contains(index) else { return }
        saveCentrePosition()
        let id = corpus.articles[index].id
        if reader.document?.articleIndex != index {
            reader.document = ReaderDocument(corpus: corpus, articleIndex: index, width: layout.readerTextWidth,
                                             text: text, otherLanguageNames: showsOtherLanguageNames)
            reader.selectedMention = nil
            rebuildSidebar()
        }
        page = .article
        reader.top = reader.positions[id].flatMap { reader.document?.line(for: $0) } ?? 0
        if let mention, let doc = reader.document, let line = doc.line(of: mention.part, range: mention.range) {
            reader.selectedMention = mention
            // A little context above the mention reads better than the mention on the top row.
            reader.top = line - min(2, readerPageHeight / 3)
        }
        clampReader()
        list.read.insert(id)
        if let position = list.order.firstIndex(of: index) {
            list.selected = position
            revealListSelection()
        }
        if record { history.visit(.article(id: id)) }
    }

    /// Shows the entity page of `id` in the centre pane.
    public mutating func openEntity(_ id: String, record: Bool = true) {
        guard corpus.entities[id] != nil else {
            message = StatusMessage(text: "Unknown entity \(id)", isError: true)
            return
        }
        saveCentrePosition()
        entityPage.document = EntityPageDocument(corpus: corpus, entityID: id,
                                                 width: layout.readerTextWidth, text: text)
        let saved = entityPage.positions[id]
        entityPage.top = saved?.top ?? 0
        entityPage.selectedItem = saved.map(\.item) ?? (entityPage.document!.items.isEmpty ? nil : 0)
        page = .entity
        clampEntityPage()
        // The sidebar follows: the entity is selected there when the open article names it.
        if let row = sidebar.rows.firstIndex(where: { if case .entity(id, _) = $0 { return true }; return false }) {
            sidebar.selected = row
            revealSidebarSelection()
        }
        if record { history.visit(.entity(id: id)) }
    }

    /// Opens what `name` names: an entity in any spelling or script, or an article id.
    /// Used by `qari --open`; returns false when nothing matches.
    @discardableResult
    public mutating func open(name: String) -> Bool {
        if let entity = corpus.resolveEntity(name) {
            // The article list and sidebar around an entity page show its first article.
            if let first = corpus.locations(of: entity.id, articleLimit: 1).locations.first {
                openArticle(first.article, record: false)
            }
            openEntity(entity.id)
            setFocus(.reader)
            return true
        }
        if let index = corpus.articleIndex(id: name) {
            openArticle(index)
            setFocus(.reader)
            return true
        }
        message = StatusMessage(text: "No entity or article named \(name)", isError: true)
        return false
    }

    mutating func saveCentrePosition() {
        switch page {
        case .article:
            if let doc = reader.document { reader.positions[corpus.articles[doc.articleIndex].id] = doc.anchor(for: reader.top) }
        case .entity:
            if let doc = entityPage.document {
                entityPage.positions[doc.entityID] = (entityPage.top, entityPage.selectedItem)
            }
        case .empty: break
        }
    }

    /// Keeps derived layout in step with the terminal size: documents are laid out again
    /// when the reader's width changes or names in the other language are toggled, keeping
    /// the same text at the top.
    mutating func syncLayout() {
        let w = layout.readerTextWidth
        if let doc = reader.document, doc.width != w || doc.showsOtherLanguageNames != showsOtherLanguageNames {
            let anchor = doc.anchor(at: reader.top)
            let fresh = ReaderDocument(corpus: corpus, articleIndex: doc.articleIndex, width: w, text: text,
                                       otherLanguageNames: showsOtherLanguageNames)
            reader.top = anchor.flatMap { fresh.line(for: $0) } ?? min(reader.top, fresh.lines.count)
            reader.document = fresh
        }
        if let doc = entityPage.document, doc.width != w {
            entityPage.document = EntityPageDocument(corpus: corpus, entityID: doc.entityID, width: w, text: text)
            revealEntityPageSelection()
        }
        clampReader()
        clampEntityPage()
        syncOtherColumn()
        revealListSelection()
        revealSidebarSelection()
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
