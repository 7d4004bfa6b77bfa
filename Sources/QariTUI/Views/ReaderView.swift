/// The reader: the open article laid out line by line, entity mentions coloured by type,
/// the sidebar's entity underlined, the stepped-to mention reversed, search matches marked.
/// The split reader draws each of its columns with it.
enum ReaderView {
    /// What one reader column shows and how.
    struct Column {
        var document: ReaderDocument?
        var top: Int
        var selectedMention: MentionRef?
        var focused: Bool
        var title: String
        /// Said in the header after the line numbers.
        var detail = ""
        /// Underlined: the entity selected in the sidebar.
        var highlightedEntity: String?
        var query: String?
        /// Entities named in both columns of the split reader, drawn in one colour on both sides.
        var sharedEntities: Set<String> = []
        var emptyHint = " Choose an article in the list and press Enter."
    }

    /// The single reader, or the split reader's focused column, in `rect`.
    static func draw(_ state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        draw(focusedColumn(state), state: state, in: rect, into: &buffer)
    }

    static func focusedColumn(_ state: BrowserState) -> Column {
        Column(document: state.page == .article ? state.reader.document : nil, top: state.reader.top,
               selectedMention: state.reader.selectedMention, focused: state.focus == .reader,
               title: Pane.reader.title,
               highlightedEntity: state.focus == .sidebar ? state.sidebar.selectedEntityID : nil,
               query: state.search?.scope == .article ? state.search?.query : nil)
    }

    static func draw(_ column: Column, state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        let body = rect.splitTop(1).rest
        guard let doc = column.document else {
            BrowserView.header(column.title, detail: column.detail, focused: column.focused, in: rect, into: &buffer)
            buffer.drawLabel(column.emptyHint, x: body.x, y: body.y, clip: body, style: Theme.hint)
            return
        }
        let lastShown = min(column.top + body.height, doc.lines.count)
        var position = doc.lines.isEmpty ? "" : "lines \(column.top + 1)-\(lastShown) of \(doc.lines.count)"
        if !column.detail.isEmpty { position += position.isEmpty ? column.detail : "  " + column.detail }
        BrowserView.header(column.title, detail: position, focused: column.focused, in: rect, into: &buffer)

        let text = body.insetHorizontally(1)
        let mentions = state.corpus.mentions[doc.articleIndex]
        var matchCache: [ArticleTextPart: [Range<Int>]] = [:]

        for (row, lineIndex) in (column.top..<lastShown).enumerated() {
            let line = doc.lines[lineIndex]
            let y = body.y + row
            let base: CellStyle
            switch line.role {
            case .title: base = Theme.title
            case .metadata: base = Theme.metadata
            case .body, .blank: base = .plain
            }
            guard let part = line.part else {
                buffer.draw(line.content, x: text.x, y: y, clip: text) { _ in base }
                continue
            }
            let spans = mentions.mentions(in: part)
            var matches: [Range<Int>] = []
            if let query = column.query {
                if let cached = matchCache[part] { matches = cached }
                else {
                    matches = TextSearch.ranges(of: query, in: state.corpus.text(article: doc.articleIndex, part: part))
                    matchCache[part] = matches
                }
            } else if let highlight = state.searchHighlight {
                // An article opened from full-text results: the words searched for.
                if let cached = matchCache[part] { matches = cached }
                else {
                    matches = highlight.ranges(state.corpus.text(article: doc.articleIndex, part: part))
                    matchCache[part] = matches
                }
            }
            func entityStyle(_ id: String) -> CellStyle {
                base.with {
                    if column.sharedEntities.contains(id) { $0 = Theme.sharedEntity(base) }
                    else { $0.foreground = state.corpus.entities[id]?.category.color ?? .default }
                }
            }
            let selected = column.selectedMention
            buffer.draw(line.content, x: text.x, y: y, clip: text) { cell in
                if cell.isInserted {
                    // A name in the other language: dimmed in its entity's colour, after the mention it follows.
                    guard let span = spans.first(where: { $0.range.upperBound == cell.logicalIndex }) else { return Theme.hint }
                    return entityStyle(span.entityID).with { $0.dim = true; $0.bold = false }
                }
                if matches.contains(where: cell.overlaps) { return Theme.searchMatch }
                guard let span = spans.first(where: { cell.overlaps($0.range) }) else { return base }
                var style = entityStyle(span.entityID)
                if span.entityID == column.highlightedEntity { style.underline = true; style.bold = true }
                if let selected, selected.part == part, selected.range == span.range {
                    style.reverse = true
                    style.bold = true
                }
                return style
            }
        }
    }
}

/// The split reader: two reader columns with a fixed divider between them, or at narrow
/// widths the focused column alone with a header saying which of the two it is.
enum SplitReaderView {
    static func draw(_ state: BrowserState, split: SplitState, into buffer: inout ScreenBuffer) {
        let layout = state.layout
        let focusedArticle = state.page == .article ? state.reader.document?.articleIndex : nil
        let otherArticle = split.other.document?.articleIndex
        let shared = focusedArticle.flatMap { a in otherArticle.map { state.corpus.sharedEntities(a, $0) } } ?? []

        if let rect = layout.reader {
            if state.page == .entity {
                EntityPageView.draw(state, in: rect, into: &buffer)
            } else {
                var column = ReaderView.focusedColumn(state)
                column.title = title(of: column.document, state: state, side: split.focusedSide, layout: layout)
                column.sharedEntities = shared
                column.emptyHint = " Empty: choose an article in the list and press Enter to read it here."
                if layout.showsOneColumn {
                    let otherName = split.other.document.map { LanguageBadge(state.corpus.articles[$0.articleIndex].lang).text } ?? "it"
                    column.detail = "w shows \(otherName)"
                }
                ReaderView.draw(column, state: state, in: rect, into: &buffer)
            }
        }
        if let rect = layout.otherColumn {
            var detail = ""
            if let position = split.candidatePosition, split.candidatesFor == focusedArticle {
                detail = "pair \(position + 1) of \(split.candidates.count)"
            }
            let column = ReaderView.Column(
                document: split.other.document, top: split.other.top, selectedMention: nil, focused: false,
                title: title(of: split.other.document, state: state, side: split.focusedSide.other, layout: layout),
                detail: detail, sharedEntities: shared,
                emptyHint: " No pair found: w comes here, then choose an article in the list.")
            ReaderView.draw(column, state: state, in: rect, into: &buffer)
        }
        // The divider: one fixed column between the two, drawn last so no text can cover it.
        if let left = [layout.reader, layout.otherColumn].compactMap({ $0 }).min(by: { $0.x < $1.x }),
           layout.otherColumn != nil {
            for y in left.y..<left.maxY {
                buffer.put("│", columns: 1, x: left.maxX, y: y, style: Theme.separator, clip: buffer.area)
            }
        }
    }

    /// "EN", "AR", and at narrow widths which of the two columns this is.
    private static func title(of document: ReaderDocument?, state: BrowserState, side: SplitSide, layout: ScreenLayout) -> String {
        let language = document.map { LanguageBadge(state.corpus.articles[$0.articleIndex].lang).text } ?? "Empty"
        let position = side == .left ? "left" : "right"
        return layout.showsOneColumn ? "\(language) (\(position) of 2)" : language
    }
}
