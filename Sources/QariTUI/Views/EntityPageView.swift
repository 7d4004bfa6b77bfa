/// An entity page in the reader's place.
enum EntityPageView {
    static func draw(_ state: BrowserState, in rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .reader
        let body = rect.splitTop(1).rest
        guard let doc = state.entityPage.document else { return }
        let lastShown = min(state.entityPage.top + body.height, doc.lines.count)
        BrowserView.header("Entity", detail: "lines \(state.entityPage.top + 1)-\(lastShown) of \(doc.lines.count)",
                           focused: focused, in: rect, into: &buffer)
        let area = body.insetHorizontally(1)
        let query = state.search?.scope == .entityPage ? state.search?.query : nil
        let selected = state.entityPage.selectedItem

        for (row, index) in (state.entityPage.top..<lastShown).enumerated() {
            let line = doc.lines[index]
            let y = body.y + row
            let rowRect = Rect(x: area.x, y: y, width: area.width, height: 1)
            let category = line.entityID.flatMap { state.corpus.entities[$0]?.category }
            var base: CellStyle
            switch line.role {
            case .name: base = Theme.entity(category).with { $0.bold = true }
            case .arabicName: base = Theme.entity(category)
            case .info: base = Theme.metadata
            case .heading: base = Theme.heading
            case .item: base = category == nil ? Theme.title : Theme.entity(category)
            case .sentence, .blank: base = .plain
            }
            let isSelected = line.item != nil && line.item == selected
            if isSelected {
                base = Theme.selection(base, focused: focused)
                buffer.fill(rowRect, style: Theme.selection(.plain, focused: focused))
            }
            let labelEnd = buffer.drawLabel(line.label, x: area.x, y: y, clip: rowRect,
                                            style: line.role == .heading ? base : (isSelected ? base : .plain))
            let contentRect = Rect(x: labelEnd, y: y, width: area.maxX - labelEnd, height: 1)
            let matches = query.map { q in line.source.map { TextSearch.ranges(of: q, in: $0) } ?? [] } ?? []
            let emphasis = line.emphasis
            let emphasised = base.with {
                $0.foreground = category?.color ?? .default
                $0.bold = true
            }
            buffer.drawAligned(line.content, in: contentRect, y: y) { cell in
                if matches.contains(where: cell.overlaps) { return Theme.searchMatch }
                if let emphasis, cell.overlaps(emphasis) { return emphasised }
                return base
            }
        }
    }
}
