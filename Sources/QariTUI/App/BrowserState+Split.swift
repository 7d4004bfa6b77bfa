import Foundation
import QariCore

extension BrowserState {
    /// `s`: opens the split reader on the current article with its best pair beside it, or closes it.
    mutating func toggleSplit() {
        if split != nil { closeSplit(); return }
        if currentArticle == nil, focus == .list, list.order.indices.contains(list.selected) {
            openArticle(list.order[list.selected])
        }
        guard let current = currentArticle else {
            message = StatusMessage(text: "Open an article first; s then reads its pair beside it", isError: false)
            return
        }
        saveCentrePosition()
        page = .article
        // Arabic reads from the right edge, so it takes the right column and English the left.
        split = SplitState(focusedSide: corpus.articles[current].lang == .ar ? .right : .left)
        setFocus(.reader)
        rankCandidates()
        guard let best = split?.candidates.first else {
            message = StatusMessage(text: "No article in the other language names the same entities; choose one from the list",
                                    isError: false)
            return
        }
        showInOtherColumn(best.articleIndex, candidate: 0)
    }

    /// Closes the split reader, keeping the focused column's article in the reader.
    mutating func closeSplit() {
        guard let split else { return }
        if let doc = split.other.document {
            reader.positions[corpus.articles[doc.articleIndex].id] = doc.anchor(for: split.other.top)
        }
        self.split = nil
        message = StatusMessage(text: "Split closed", isError: false)
    }

    /// Ranks candidates for the focused article unless they are already ranked for it, and
    /// finds the other column's article among them.
    mutating func rankCandidates() {
        guard var s = split else { return }
        guard let current = currentArticle else {
            // An empty focused column has nothing to pair with.
            s.candidates = []
            s.candidatesFor = nil
            s.candidatePosition = nil
            split = s
            return
        }
        if s.candidatesFor != current {
            s.candidates = corpus.pairCandidates(for: current)
            s.candidatesFor = current
        }
        let shown = s.other.document?.articleIndex
        s.candidatePosition = s.candidates.firstIndex { $0.articleIndex == shown }
        split = s
    }

    /// `]` and `[` in the split reader: the next or previous candidate beside the focused article.
    mutating func stepPair(_ delta: Int) {
        rankCandidates()
        guard let s = split else { return }
        guard !s.candidates.isEmpty else {
            message = StatusMessage(text: "No ranked pair for this article; choose one from the list", isError: false)
            return
        }
        let last = s.candidates.count - 1
        let wanted = s.candidatePosition.map { $0 + delta } ?? (delta > 0 ? delta - 1 : last + delta + 1)
        let next = min(max(wanted, 0), last)
        if next == s.candidatePosition {
            message = StatusMessage(text: next == 0 ? "This is the best pair" : "No more candidates (\(last + 1) ranked)",
                                    isError: false)
            return
        }
        showInOtherColumn(s.candidates[next].articleIndex, candidate: next)
    }

    /// Shows article `index` in the column without focus, where it was left, and says why it is there.
    mutating func showInOtherColumn(_ index: Int, candidate: Int?) {
        guard var s = split, corpus.articles.indices.contains(index) else { return }
        if let doc = s.other.document {
            reader.positions[corpus.articles[doc.articleIndex].id] = doc.anchor(for: s.other.top)
        }
        let doc = ReaderDocument(corpus: corpus, articleIndex: index, width: layout.otherColumnTextWidth,
                                 text: text, otherLanguageNames: showsOtherLanguageNames)
        s.other = ReaderColumn(document: doc, top: reader.positions[corpus.articles[index].id].flatMap { doc.line(for: $0) } ?? 0)
        s.candidatePosition = candidate
        split = s
        list.read.insert(corpus.articles[index].id)
        clampOtherColumn()
        if let candidate, s.candidates.indices.contains(candidate) {
            let c = s.candidates[candidate]
            let names = c.shared.prefix(3).compactMap { corpus.entities[$0]?.name }.joined(separator: ", ")
            let score = String(format: "%.2f", c.score)
            message = StatusMessage(text: "Pair \(candidate + 1) of \(s.candidates.count) · score \(score)"
                                    + (names.isEmpty ? "" : " · shared: \(names)"), isError: false)
        }
    }

    /// Moves focus to the column on `side`: the two columns trade places between `reader` and
    /// `split.other`, so the sidebar, search and mention keys follow the focused article.
    mutating func focusColumn(_ side: SplitSide) {
        setFocus(.reader)
        guard var s = split, s.focusedSide != side else { return }
        saveCentrePosition()
        let leaving = ReaderColumn(document: reader.document, top: reader.top, selectedMention: nil)
        reader.document = s.other.document
        reader.top = s.other.top
        reader.selectedMention = nil
        s.other = leaving
        s.focusedSide = side
        split = s
        // An entity page belongs to the column it was opened from; the newly focused one reads its article.
        page = .article
        rebuildSidebar()
        if let current = currentArticle, let position = list.order.firstIndex(of: current) {
            list.selected = position
            revealListSelection()
        }
    }

    /// `w`: the other column; from the list or sidebar, back to the column last read. At narrow
    /// widths, where one column shows at a time, this swaps which one.
    mutating func focusOtherColumn() {
        guard let side = split?.focusedSide else { return }
        focusColumn(focus == .reader ? side.other : side)
    }

    /// `p`: lists the ranked candidates for the focused article.
    mutating func openPairPicker() {
        rankCandidates()
        guard let s = split, !s.candidates.isEmpty else {
            message = StatusMessage(text: "No ranked pair for this article; choose one from the list", isError: false)
            return
        }
        overlay = .pairs(selected: s.candidatePosition ?? 0)
    }

    /// `t`: names in the other language after each mention, on or off, in every reader column.
    mutating func toggleOtherLanguageNames() {
        showsOtherLanguageNames.toggle()
        message = StatusMessage(text: showsOtherLanguageNames
                                ? "Each mention is followed by its name in the other language (t hides)"
                                : "Other-language names hidden", isError: false)
    }

    /// `L`: linked scrolling on or off.
    mutating func toggleLinkedScrolling() {
        guard var s = split else { return }
        s.linksScrolling.toggle()
        split = s
        message = StatusMessage(text: s.linksScrolling ? "Columns scroll together (L unlinks)" : "Columns scroll apart",
                                isError: false)
    }

    mutating func clampOtherColumn() {
        guard var s = split else { return }
        let lines = s.other.document?.lines.count ?? 0
        s.other.top = min(max(s.other.top, 0), max(lines - readerPageHeight, 0))
        split = s
    }

    /// Keeps the other column laid out at its width and with the same names shown, and, when
    /// scrolling is linked, at the same proportion of its length as the focused column.
    mutating func syncOtherColumn() {
        guard var s = split else { return }
        let w = layout.otherColumnTextWidth
        if let doc = s.other.document, doc.width != w || doc.showsOtherLanguageNames != showsOtherLanguageNames {
            let anchor = doc.anchor(at: s.other.top)
            let fresh = ReaderDocument(corpus: corpus, articleIndex: doc.articleIndex, width: w, text: text,
                                       otherLanguageNames: showsOtherLanguageNames)
            s.other.top = anchor.flatMap { fresh.line(for: $0) } ?? min(s.other.top, fresh.lines.count)
            s.other.document = fresh
        }
        if s.linksScrolling, page == .article, let doc = reader.document, let otherDoc = s.other.document {
            let range = max(doc.lines.count - readerPageHeight, 0)
            let otherRange = max(otherDoc.lines.count - readerPageHeight, 0)
            s.other.top = range == 0 ? 0 : Int((Double(reader.top) / Double(range) * Double(otherRange)).rounded())
        }
        split = s
        clampOtherColumn()
    }
}
