import QariCore

/// What the article list shows for one article: no text, so a list of any length is cheap.
public struct ListRow: Sendable, Equatable {
    public var id: String
    public var title: String
    public var date: String?
    public var source: String?
    public var publisher: String?
    public var lang: Language
    /// How many distinct entities the title and body name.
    public var entityCount: Int

    public init(id: String, title: String, date: String?, source: String?, publisher: String?, lang: Language,
                entityCount: Int) {
        self.id = id
        self.title = title
        self.date = date
        self.source = source
        self.publisher = publisher
        self.lang = lang
        self.entityCount = entityCount
    }
}

/// Where an entity is named: every article (in corpus order), and the mentions of the first
/// `articleLimit` of them — an entity named in 40,000 articles lists the first ones on its page.
public struct EntityLocations: Sendable, Equatable {
    /// Every article naming the entity, in corpus order.
    public var articles: [Int]
    /// How many times it is named in all of them.
    public var mentionCount: Int
    /// The mentions in the first articles, in reading order within each.
    public var locations: [BrowserCorpus.MentionLocation]

    public init(articles: [Int], mentionCount: Int, locations: [BrowserCorpus.MentionLocation]) {
        self.articles = articles
        self.mentionCount = mentionCount
        self.locations = locations
    }
}

/// Finds the words of a full-text search in a text (scalar ranges), folded as the index folds.
public struct SearchHighlight: Sendable {
    public let ranges: @Sendable (String) -> [Range<Int>]
    /// False for a search of filters alone: its results come newest first, not best first.
    public let ranksWords: Bool
    public init(ranksWords: Bool = true, _ ranges: @escaping @Sendable (String) -> [Range<Int>]) {
        self.ranksWords = ranksWords
        self.ranges = ranges
    }
}

/// The result of a full-text search typed with `/` in the list.
public enum StoreSearchResult: Sendable {
    /// Article indexes, best first, and how to find the words searched in the reader.
    case found([Int], highlight: SearchHighlight)
    /// The query cannot be read: the message points at the mistake.
    case invalid(String)
}

/// Where the browser's articles come from: held in memory (tests, small corpora, `--no-index`
/// without a database) or read from the index a window at a time. Article *indexes* are positions
/// in corpus order (file path, then place in the file), `0..<count`.
///
/// A store may grow while the browser runs (the index fills in the background): `generation`
/// changes whenever what it returns may have changed, and the browser then asks again.
public protocol CorpusStore: AnyObject, Sendable {
    var generation: Int { get }
    /// Where the article at `index` of the previous generation is now (nil: gone).
    func translate(_ index: Int) -> Int?
    var count: Int { get }
    func article(_ index: Int) -> Article
    /// Title and body mentions (boilerplate is not shown, so it is not highlighted).
    func mentions(_ index: Int) -> ArticleMentions
    func listRow(_ index: Int) -> ListRow
    /// Rows about to be drawn, so that a store reading from disk fetches them in one go.
    func prefetchRows(_ indexes: [Int])
    func index(ofID id: String) -> Int?
    func entity(_ id: String) -> BrowserEntity?
    /// Finds an entity id for any spelling in either script.
    func resolve(_ name: String) -> String?
    func locations(of entityID: String, articleLimit: Int) -> EntityLocations
    /// Curated and text-stated links that involve the entity.
    func links(of entityID: String) -> [EntityLink]
    /// Article indexes after the filter, in the sort order.
    func order(sort: ArticleSort, filter: ArticleFilter?) -> [Int]
    /// Spellings offered while typing an entity name, likely ones first.
    var completions: [(spelling: String, entityID: String)] { get }
    func pairCandidates(for index: Int, otherLanguage: Bool, limit: Int) -> [PairCandidate]
    /// Full-text search with the index's query language; nil when the store has no index.
    func search(_ query: String, limit: Int) -> StoreSearchResult?
    /// True when `search` works (the store is an index).
    var searchesIndex: Bool { get }
    /// Ids of every entity with a page (used by tests and completion fallbacks).
    var entityIDs: [String] { get }
}

/// `corpus.articles[i]`: the articles as a collection, read from the store on demand.
public struct ArticleList: RandomAccessCollection, Sendable {
    let store: any CorpusStore
    public var startIndex: Int { 0 }
    public var endIndex: Int { store.count }
    public subscript(i: Int) -> Article { store.article(i) }
}

/// `corpus.mentions[i]`: each article's mentions, read from the store on demand.
public struct MentionList: RandomAccessCollection, Sendable {
    let store: any CorpusStore
    public var startIndex: Int { 0 }
    public var endIndex: Int { store.count }
    public subscript(i: Int) -> ArticleMentions { store.mentions(i) }
}

/// `corpus.entities[id]`.
public struct EntityTable: Sendable {
    let store: any CorpusStore
    public subscript(id: String) -> BrowserEntity? { store.entity(id) }
    public var values: [BrowserEntity] { store.entityIDs.compactMap { store.entity($0) } }
    public var count: Int { store.entityIDs.count }
}
