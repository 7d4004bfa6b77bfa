import Foundation
import QariCore

extension BrowserState {
    /// Recomputes the list's order from the filter and sort, keeping `article` selected.
    mutating func rebuildList(keeping article: Int?) {
        list.order = corpus.store.order(sort: list.sort, filter: list.filter)
        list.selected = article.flatMap { list.order.firstIndex(of: $0) } ?? 0
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
            searchHighlight = nil
            rebuildList(keeping: current)
            message = StatusMessage(text: "Showing all \(corpus.articles.count) articles", isError: false)
            return
        }
        searchHighlight = nil
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

extension BrowserState {
    /// True when `/` in the list searches the index (words, phrases, filters) rather than titles.
    var listSearchUsesIndex: Bool { corpus.store.searchesIndex }

    /// `/` then Enter in the list, with an index: the results fill the list, best first. False
    /// when the query cannot be read (the message says why) and the list was left alone.
    @discardableResult
    mutating func runIndexSearch(_ text: String) -> Bool {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty, let result = corpus.store.search(query, limit: Self.searchResultLimit) else { return false }
        switch result {
        case .invalid(let why):
            message = StatusMessage(text: why, isError: true)
            return false
        case .found(let results, let highlight):
            list.filter = .search(query: query, results: results)
            searchHighlight = highlight
            rebuildList(keeping: nil)
            list.top = 0
            revealListSelection()
            let more = results.count >= Self.searchResultLimit ? " (the best \(Self.searchResultLimit))" : ""
            message = results.isEmpty
                ? StatusMessage(text: "Nothing found for \(query)", isError: true)
                : StatusMessage(text: "\(results.count) article\(results.count == 1 ? "" : "s") found\(more); & Enter shows all", isError: false)
            return true
        }
    }

    static let searchResultLimit = 1000

    /// The results of `typed` in the list while it is typed: its last word taken as a prefix
    /// (three letters or more), so that `saraq` already finds Saraqib. Text that is not a query
    /// yet (an open quote, a dangling OR) leaves the list as it was and says why.
    mutating func previewIndexSearch(_ typed: String) {
        let query = typed.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else {
            restoreListBeforeSearch()
            searchProblem = nil
            return
        }
        guard let result = corpus.store.search(Self.prefixForm(of: query), limit: Self.searchResultLimit) else { return }
        switch result {
        case .invalid(let why):
            searchProblem = why
        case .found(let results, let highlight):
            searchProblem = nil
            list.filter = .search(query: query, results: results)
            searchHighlight = highlight
            rebuildList(keeping: nil)
            list.top = 0
            revealListSelection()
        }
    }

    /// The list search put off while keys came in, if any.
    mutating func runDeferredListSearch() {
        guard let typed = deferredListSearch else { return }
        deferredListSearch = nil
        previewIndexSearch(typed)
    }

    /// The list as it was when `/` was pressed (filter, marked words, selection).
    mutating func restoreListBeforeSearch() {
        guard let before = listBeforeSearch else { return }
        list.filter = before.filter
        searchHighlight = before.highlight
        rebuildList(keeping: before.selected)
    }

    /// `query` with its last word made a prefix search, when it ends in a plain word of three
    /// letters or more (not a filter, phrase, exclusion or prefix already).
    static func prefixForm(of query: String) -> String {
        guard let last = query.split(separator: " ").last, last.count >= 3,
              last.allSatisfy({ $0.isLetter || $0.isNumber }), last.uppercased() != "OR", last.uppercased() != "AND"
        else { return query }
        return query + "*"
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
