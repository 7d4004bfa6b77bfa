import Foundation
import QariCore

/// A corpus held in memory: every article, its mentions and the entity graph, gathered once.
/// Tests build small ones by hand; the browser uses one when no index can be used.
public final class MemoryCorpusStore: CorpusStore, @unchecked Sendable {
    public let articles: [Article]
    public let mentions: [ArticleMentions]
    public let entities: [String: BrowserEntity]
    public let links: [EntityLink]
    private let resolver: @Sendable (String) -> String?
    /// For each entity id, where it is named: article index, part and scalar range.
    public let mentionIndex: [String: [BrowserCorpus.MentionLocation]]
    private let articleIndexByID: [String: Int]
    public let completions: [(spelling: String, entityID: String)]
    public let entityIDs: [String]
    public var generation: Int { 0 }
    public func translate(_ index: Int) -> Int? { articles.indices.contains(index) ? index : nil }
    private let lock = NSLock()
    private var builtPairing: ArticlePairing?

    public init(articles: [Article], mentions: [ArticleMentions], entities: [BrowserEntity], links: [EntityLink],
                resolver: (@Sendable (String) -> String?)?) {
        self.articles = articles
        let mentions = articles.indices.map { $0 < mentions.count ? mentions[$0] : ArticleMentions() }
        self.mentions = mentions
        var byID: [String: BrowserEntity] = [:]
        for e in entities { byID[e.id] = e }
        self.entities = byID
        var seen = Set<EntityLink>()
        self.links = links.filter { seen.insert($0).inserted }
        let spellingIndex = SpellingIndex(entities: entities)
        if let resolver {
            self.resolver = { name in resolver(name) ?? spellingIndex.resolve(name) }
        } else {
            self.resolver = { name in spellingIndex.resolve(name) }
        }
        var index: [String: [BrowserCorpus.MentionLocation]] = [:]
        for (i, m) in mentions.enumerated() {
            for (part, mention) in m.all {
                index[mention.entityID, default: []].append(BrowserCorpus.MentionLocation(article: i, part: part, range: mention.range))
            }
        }
        mentionIndex = index
        var ids: [String: Int] = [:]
        for (i, a) in articles.enumerated() where ids[a.id] == nil { ids[a.id] = i }
        articleIndexByID = ids
        let ranked = byID.values.sorted {
            let (a, b) = (index[$0.id]?.count ?? 0, index[$1.id]?.count ?? 0)
            return a != b ? a > b : $0.name < $1.name
        }
        completions = ranked.flatMap { e in e.spellings.map { ($0, e.id) } }
        entityIDs = byID.keys.sorted()
    }

    public var count: Int { articles.count }
    public func article(_ index: Int) -> Article { articles[index] }
    public func mentions(_ index: Int) -> ArticleMentions { mentions[index] }
    public func listRow(_ index: Int) -> ListRow {
        let a = articles[index]
        return ListRow(id: a.id, title: a.title, date: a.date, source: a.source, publisher: a.publisher, lang: a.lang,
                       entityCount: mentions[index].counts.count)
    }
    public func prefetchRows(_ indexes: [Int]) {}
    public func index(ofID id: String) -> Int? { articleIndexByID[id] }
    public func entity(_ id: String) -> BrowserEntity? { entities[id] }
    public func resolve(_ name: String) -> String? { resolver(name) }

    public func locations(of entityID: String, articleLimit: Int) -> EntityLocations {
        let all = mentionIndex[entityID] ?? []
        let articles = all.map(\.article).reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
        let shown = Set(articles.prefix(articleLimit))
        return EntityLocations(articles: articles, mentionCount: all.count, locations: all.filter { shown.contains($0.article) })
    }

    public func links(of entityID: String) -> [EntityLink] {
        links.filter { $0.subject == entityID || $0.object == entityID }
    }

    public func order(sort: ArticleSort, filter: ArticleFilter?) -> [Int] {
        var indexes = Array(articles.indices)
        switch filter {
        case .entity(let id)?:
            let named = Set((mentionIndex[id] ?? []).map(\.article))
            indexes = indexes.filter { named.contains($0) }
        case .language(let lang)?:
            indexes = indexes.filter { articles[$0].lang == lang || articles[$0].lang == .mixed }
        case .search(_, let results)?:
            return results.filter { articles.indices.contains($0) }
        case nil: break
        }
        switch sort {
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
        return indexes
    }

    /// The core's pairing over this corpus, built on first use and kept: ranking needs every
    /// article's entity vector, which is wasted work for a session that never opens the split.
    public var pairing: ArticlePairing {
        lock.lock()
        defer { lock.unlock() }
        if let builtPairing { return builtPairing }
        // The same counts `ArticlePairing(analysis:)` takes: title and body mentions, outlets left out.
        let counts = mentions.map { m in m.counts.filter { entities[$0.key]?.category != .organization } }
        let pairing = ArticlePairing(articles: articles, entityCounts: counts)
        builtPairing = pairing
        return pairing
    }

    public func pairCandidates(for index: Int, otherLanguage: Bool, limit: Int) -> [PairCandidate] {
        guard articles.indices.contains(index) else { return [] }
        return pairing.candidates(for: index, otherLanguage: otherLanguage, limit: limit)
    }

    public func search(_ query: String, limit: Int) -> StoreSearchResult? { nil }
    public var searchesIndex: Bool { false }
}
