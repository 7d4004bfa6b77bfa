/// The reader: the open article laid out line by line, entity mentions coloured by type,
/// the sidebar's entity underlined, the stepped-to mention reversed, search matches marked.
enum ReaderView {
    static func draw(_ state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .reader
        guard let doc = state.reader.document, state.page == .article else {
            BrowserView.header(Pane.reader.title, detail: "", focused: focused, in: rect, into: &buffer)
            let body = rect.splitTop(1).rest
            buffer.drawLabel(" Choose an article in the list and press Enter.", x: body.x, y: body.y,
                             clip: body, style: Theme.hint)
            return
        }
        let body = rect.splitTop(1).rest
        let lastShown = min(state.reader.top + body.height, doc.lines.count)
        let position = doc.lines.isEmpty ? "" : "lines \(state.reader.top + 1)-\(lastShown) of \(doc.lines.count)"
        BrowserView.header(Pane.reader.title, detail: position, focused: focused, in: rect, into: &buffer)

        let text = body.insetHorizontally(1)
        let mentions = state.corpus.mentions[doc.articleIndex]
        let highlighted = state.focus == .sidebar ? state.sidebar.selectedEntityID : nil
        let query = state.search?.scope == .article ? state.search?.query : nil
        var matchCache: [ArticleTextPart: [Range<Int>]] = [:]

        for (row, lineIndex) in (state.reader.top..<lastShown).enumerated() {
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
            if let query {
                if let cached = matchCache[part] { matches = cached }
                else {
                    matches = TextSearch.ranges(of: query, in: state.corpus.text(article: doc.articleIndex, part: part))
                    matchCache[part] = matches
                }
            }
            let selected = state.reader.selectedMention
            buffer.draw(line.content, x: text.x, y: y, clip: text) { cell in
                if matches.contains(where: cell.overlaps) { return Theme.searchMatch }
                guard let span = spans.first(where: { cell.overlaps($0.range) }) else { return base }
                var style = base.with { $0.foreground = state.corpus.entities[span.entityID]?.category.color ?? .default }
                if span.entityID == highlighted { style.underline = true; style.bold = true }
                if let selected, selected.part == part, selected.range == span.range {
                    style.reverse = true
                    style.bold = true
                }
                return style
            }
        }
    }
}
