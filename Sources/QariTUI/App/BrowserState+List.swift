import Foundation
import QariCore

extension BrowserState {
    /// Recomputes the list's order from the filter and sort, keeping `article` selected.
    mutating func rebuildList(keeping article: Int?) {
        let articles = corpus.articles
        var indexes = Array(articles.indices)
        switch list.filter {
        case .entity(let id)?:
            let named = Set((corpus.mentionIndex[id] ?? []).map(\.article))
            indexes = indexes.filter { named.contains($0) }
        case .language(let lang)?:
            indexes = indexes.filter { articles[$0].lang == lang || articles[$0].lang == .mixed }
        case nil: break
        }
        switch list.sort {
        case .date:
            // Newest first; undated items last, in corpus order.
            indexes.sort { a, b in
                switch (articles[a].date, articles[b].date) {
                case let (x?, y?): return x != y ? x > y : a < b
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            }
        case .title:
            indexes.sort { a, b in
                let o = articles[a].title.localizedLowercase.compare(articles[b].title.localizedLowercase)
                return o != .orderedSame ? o == .orderedAscending : a < b
            }
        case .source:
            indexes.sort { a, b in
                switch (articles[a].source, articles[b].source) {
                case let (x?, y?): return x != y ? x < y : a < b
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            }
        }
        list.order = indexes
        list.selected = article.flatMap { indexes.firstIndex(of: $0) } ?? 0
        revealListSelection()
    }

    var listPageItems: Int { max(layout.pageHeight(for: .list) / ArticleListState.rowsPerItem, 1) }

    mutating func moveListSelection(by delta: Int) {
        guard !list.order.isEmpty else { return }
        list.selected = min(max(list.selected + delta, 0), list.order.count - 1)
        revealListSelection()
    }

    mutating func revealListSelection() {
        let visible = listPageItems
        list.selected = min(max(list.selected, 0), max(list.order.count - 1, 0))
        if list.selected < list.top { list.top = list.selected }
        if list.selected >= list.top + visible { list.top = list.selected - visible + 1 }
        list.top = min(max(list.top, 0), max(list.order.count - visible, 0))
    }

    /// Narrows the list as typed after `&`: an entity in any spelling, or a language.
    mutating func applyFilter(_ typed: String) {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        let current = list.order.indices.contains(list.selected) ? list.order[list.selected] : nil
        if trimmed.isEmpty {
            list.filter = nil
            rebuildList(keeping: current)
            message = StatusMessage(text: "Showing all \(corpus.articles.count) articles", isError: false)
            return
        }
        if let lang = FilterCompletion.language(named: trimmed) {
            list.filter = .language(lang)
        } else if let entity = corpus.resolveEntity(trimmed)
                    ?? FilterCompletion.candidates(for: trimmed, in: corpus).first.flatMap({ corpus.entities[$0.entityID ?? ""] }) {
            list.filter = .entity(entity.id)
        } else {
            message = StatusMessage(text: "No entity or language matches \u{201C}\(trimmed)\u{201D}", isError: true)
            return
        }
        rebuildList(keeping: current)
        message = StatusMessage(text: "\(list.order.count) of \(corpus.articles.count) articles", isError: false)
    }
}

/// What `&` offers while typing: languages and entity spellings containing the text.
public enum FilterCompletion {
    public struct Candidate: Sendable, Equatable {
        public var text: String
        /// nil for a language.
        public var entityID: String?
    }

    static let languageNames: [(String, Language)] = [
        ("English", .en), ("en", .en), ("Arabic", .ar), ("ar", .ar), ("العربية", .ar),
        ("EN+AR", .mixed), ("mixed", .mixed),
    ]

    static func language(named s: String) -> Language? {
        languageNames.first { $0.0.lowercased() == s.lowercased() }?.1
    }

    /// Languages first, then entities whose spelling starts with the text, then entities
    /// whose spelling contains it; one spelling per entity, folded for case and script variants.
    public static func candidates(for typed: String, in corpus: BrowserCorpus, limit: Int = 20) -> [Candidate] {
        guard !typed.isEmpty else { return [] }
        let folded = SpellingIndex.fold(typed)
        var languages: [Candidate] = [], prefix: [Candidate] = [], inner: [Candidate] = []
        for (name, _) in languageNames where name.count > 2 && SpellingIndex.fold(name).hasPrefix(folded) {
            languages.append(Candidate(text: name, entityID: nil))
        }
        var offered = Set<String>()
        for (spelling, id) in corpus.completions where !offered.contains(id) {
            let f = SpellingIndex.fold(spelling)
            if f.hasPrefix(folded) {
                prefix.append(Candidate(text: spelling, entityID: id))
                offered.insert(id)
            }
        }
        for (spelling, id) in corpus.completions where !offered.contains(id) {
            if SpellingIndex.fold(spelling).contains(folded) {
                inner.append(Candidate(text: spelling, entityID: id))
                offered.insert(id)
            }
        }
        return Array((languages + prefix + inner).prefix(limit))
    }
}
