import QariCore

/// Everything the browser shows, gathered once when the corpus is opened: the articles,
/// each article's entity mentions, the entities and the links between them.
///
/// It is a plain value so tests can build a small one in memory; `CorpusLoading` fills
/// it from the core's loader and entity matcher.
public struct BrowserCorpus: Sendable {
    /// Shown in the status bar ("seeds", or the paths opened).
    public var name: String
    // A change to what the pairing is built from starts a fresh pairing cache, so a changed
    // copy never ranks with the original's pairing.
    public var articles: [Article] { didSet { pairingCache = PairingCache() } }
    /// Indexed like `articles`.
    public var mentions: [ArticleMentions] { didSet { pairingCache = PairingCache() } }
    public var entities: [String: BrowserEntity] { didSet { pairingCache = PairingCache() } }
    public var links: [EntityLink]
    public var problems: [CorpusProblem]
    /// Finds an entity id for any spelling in either script; the core's matcher when loaded.
    public var resolver: @Sendable (String) -> String?

    /// For each entity id, where it is named: article index, part and scalar range.
    public private(set) var mentionIndex: [String: [MentionLocation]]
    private var articleIndexByID: [String: Int]
    /// Built on first use (see `pairing`); shared by copies of this value until one changes.
    private(set) var pairingCache = PairingCache()

    public struct MentionLocation: Sendable, Equatable {
        public var article: Int
        public var part: ArticleTextPart
        public var range: Range<Int>
    }

    public init(name: String, articles: [Article], mentions: [ArticleMentions],
                entities: [BrowserEntity], links: [EntityLink] = [], problems: [CorpusProblem] = [],
                resolver: (@Sendable (String) -> String?)? = nil) {
        self.name = name
        self.articles = articles
        self.mentions = articles.indices.map { $0 < mentions.count ? mentions[$0] : ArticleMentions() }
        var byID: [String: BrowserEntity] = [:]
        for e in entities { byID[e.id] = e }
        self.entities = byID
        self.links = uniqueLinks(links)
        self.problems = problems
        let spellingIndex = SpellingIndex(entities: entities)
        if let resolver {
            self.resolver = { name in resolver(name) ?? spellingIndex.resolve(name) }
        } else {
            self.resolver = { name in spellingIndex.resolve(name) }
        }
        var index: [String: [MentionLocation]] = [:]
        for (i, m) in self.mentions.enumerated() {
            for (part, mention) in m.all {
                index[mention.entityID, default: []].append(MentionLocation(article: i, part: part, range: mention.range))
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
    }

    public func articleIndex(id: String) -> Int? { articleIndexByID[id] }

    /// The text of one part of an article.
    public func text(article: Int, part: ArticleTextPart) -> String {
        switch part {
        case .title: return articles[article].title
        case .paragraph(let p): return articles[article].paragraphs[p].text
        }
    }

    /// The entity for a name in any spelling or script, or an entity id.
    public func resolveEntity(_ name: String) -> BrowserEntity? {
        if let e = entities[name] { return e }
        return resolver(name).flatMap { entities[$0] }
    }

    /// Related entities of `entityID`, grouped as an entity page shows them.
    public func relationGroups(of entityID: String) -> [(group: RelationGroup, entityIDs: [String])] {
        RelationGroup.allCases.compactMap { group in
            var seen = Set<String>(), ids: [String] = []
            for link in links {
                if let other = group.other(in: link, for: entityID), other != entityID,
                   entities[other] != nil, seen.insert(other).inserted {
                    ids.append(other)
                }
            }
            return ids.isEmpty ? nil : (group, ids)
        }
    }

    /// Spellings offered when typing an entity name, each with the entity it names: entities
    /// named most often in the corpus first, so the likely one is the first completion.
    public private(set) var completions: [(spelling: String, entityID: String)] = []
}

/// Links with duplicates removed, first occurrence kept (articles repeat relations).
private func uniqueLinks(_ links: [EntityLink]) -> [EntityLink] {
    var seen = Set<EntityLink>()
    return links.filter { seen.insert($0).inserted }
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
