import QariCore

/// Everything the browser shows: the articles, each article's entity mentions, the entities and
/// the links between them, read through a `CorpusStore` (in memory, or the index on disk).
///
/// A plain value over a shared store, so tests can build a small one in memory.
public struct BrowserCorpus: Sendable {
    /// Shown in the status bar ("seeds", or the paths opened).
    public var name: String
    public let store: any CorpusStore
    /// Files that could not be read, and knowledge-base lines that were ignored.
    public var problems: [CorpusProblem]

    public var articles: ArticleList { ArticleList(store: store) }
    /// Indexed like `articles`.
    public var mentions: MentionList { MentionList(store: store) }
    public var entities: EntityTable { EntityTable(store: store) }

    public struct MentionLocation: Sendable, Equatable {
        public var article: Int
        public var part: ArticleTextPart
        public var range: Range<Int>
    }

    /// A corpus held in memory.
    public init(name: String, articles: [Article], mentions: [ArticleMentions],
                entities: [BrowserEntity], links: [EntityLink] = [], problems: [CorpusProblem] = [],
                resolver: (@Sendable (String) -> String?)? = nil) {
        self.init(name: name, store: MemoryCorpusStore(articles: articles, mentions: mentions, entities: entities,
                                                       links: links, resolver: resolver),
                  problems: problems)
    }

    public init(name: String, store: any CorpusStore, problems: [CorpusProblem] = []) {
        self.name = name
        self.store = store
        self.problems = problems
    }

    public func articleIndex(id: String) -> Int? { store.index(ofID: id) }

    /// The text of one part of an article.
    public func text(article: Int, part: ArticleTextPart) -> String {
        switch part {
        case .title: return store.article(article).title
        case .paragraph(let p): return store.article(article).paragraphs[p].text
        }
    }

    /// The entity for a name in any spelling or script, or an entity id.
    public func resolveEntity(_ name: String) -> BrowserEntity? {
        if let e = store.entity(name) { return e }
        return store.resolve(name).flatMap { store.entity($0) }
    }

    /// Where an entity is named; the mentions of the first `articleLimit` articles.
    public func locations(of entityID: String, articleLimit: Int = 200) -> EntityLocations {
        store.locations(of: entityID, articleLimit: articleLimit)
    }

    /// Related entities of `entityID`, grouped as an entity page shows them.
    public func relationGroups(of entityID: String) -> [(group: RelationGroup, entityIDs: [String])] {
        let links = store.links(of: entityID)
        return RelationGroup.allCases.compactMap { group in
            var seen = Set<String>(), ids: [String] = []
            for link in links {
                if let other = group.other(in: link, for: entityID), other != entityID,
                   store.entity(other) != nil, seen.insert(other).inserted {
                    ids.append(other)
                }
            }
            return ids.isEmpty ? nil : (group, ids)
        }
    }

    /// Spellings offered when typing an entity name, each with the entity it names: entities
    /// named most often in the corpus first, so the likely one is the first completion.
    public var completions: [(spelling: String, entityID: String)] { store.completions }
}

/// A fallback name lookup over the entities' own spellings, folded for case, apostrophes,
/// hyphens and the Arabic letter variants users type interchangeably.
struct SpellingIndex: Sendable {
    private var ids: [String: String] = [:]

    init(entities: [BrowserEntity]) {
        for e in entities {
            for s in e.spellings + [e.id] where ids[Self.fold(s)] == nil { ids[Self.fold(s)] = e.id }
        }
    }

    func resolve(_ name: String) -> String? { ids[Self.fold(name)] }

    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x2019, 0x2018, 0x27, 0x2D, 0x2010, 0x2011, 0x5F, 0x20, 0xA0, 0x640, 0x2BC: continue
            case 0x64B...0x65F, 0x670: continue // harakat
            case 0x622, 0x623, 0x625, 0x671: out.append("\u{627}") // alef variants
            case 0x649: out.append("\u{64A}") // alef maqsura
            case 0x629: out.append("\u{647}") // taa marbuta
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
