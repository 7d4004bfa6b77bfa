import Foundation
import QariCore
import QariStore

/// The browser's articles read from the index on disk: the list a window of rows at a time,
/// articles and their mentions when opened, an entity's articles when its page opens. What it
/// keeps in memory is eight bytes an article plus small caches, whatever the corpus's size.
///
/// While the index is filled in the background, `reload()` picks up what has been committed.
public final class IndexCorpusStore: CorpusStore, @unchecked Sendable {
    public let index: CorpusIndex
    private let knowledgeBase: KnowledgeBase
    private let matcher: EntityMatcher
    private let lock = NSLock()
    private var rows: [Int64] = []
    private var previousRows: [Int64] = []
    private var positionOfRow: [Int64: Int] = [:]
    private var _generation = 0
    private var listCache: [Int: ListRow] = [:]
    private var articleCache: [Int: Article] = [:]
    private var mentionsCache: [Int: ArticleMentions] = [:]
    private var entityCache: [String: BrowserEntity?] = [:]
    private var builtCompletions: [(spelling: String, entityID: String)]?
    private var curatedLinks: [String: [EntityLink]] = [:]
    private var storedIDs: [String]?

    /// - Parameter matcher: the matcher the index was built with (its knowledge base names
    ///   entities and gives the curated relations).
    public init(index: CorpusIndex, matcher: EntityMatcher) {
        self.index = index
        self.matcher = matcher
        self.knowledgeBase = matcher.knowledgeBase
        for e in knowledgeBase.entities {
            for r in e.relations {
                guard let kind = EntityLinkKind(rawValue: r.kind.rawValue) else { continue }
                let link = EntityLink(subject: e.id, kind: kind, object: r.to)
                curatedLinks[e.id, default: []].append(link)
                if r.to != e.id { curatedLinks[r.to, default: []].append(link) }
            }
        }
        reload()
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Reads the list of articles again (the index grew or changed); returns true when it changed.
    @discardableResult
    public func reload() -> Bool {
        let fresh = (try? index.rowsInCorpusOrder()) ?? []
        return locked {
            guard fresh != rows || _generation == 0 else { return false }
            previousRows = rows
            rows = fresh
            positionOfRow = Dictionary(uniqueKeysWithValues: fresh.enumerated().map { ($1, $0) })
            listCache = [:]
            articleCache = [:]
            mentionsCache = [:]
            entityCache = [:]
            builtCompletions = nil
            storedIDs = nil
            _generation += 1
            return true
        }
    }

    public var generation: Int { locked { _generation } }

    public func translate(_ index: Int) -> Int? {
        locked { previousRows.indices.contains(index) ? positionOfRow[previousRows[index]] : nil }
    }
    public var count: Int { locked { rows.count } }
    private func row(_ i: Int) -> Int64? { locked { rows.indices.contains(i) ? rows[i] : nil } }
    private func positions(_ r: [Int64]) -> [Int] { locked { r.compactMap { positionOfRow[$0] } } }

    public func article(_ i: Int) -> Article {
        if let cached = locked({ articleCache[i] }) { return cached }
        func placeholder(_ title: String) -> Article {
            Article(id: "?", file: "", title: title, source: nil, publisher: nil, author: nil, date: nil, lang: .en,
                    firstLine: 0, lastLine: 0, blockFirstLine: 0, blockLastLine: 0, paragraphs: [], boilerplate: [], isPromo: false)
        }
        let article: Article
        do {
            article = try row(i).flatMap { try index.article(row: $0) } ?? placeholder("(this article is no longer in the index)")
        } catch {
            // A damaged value: marked, so that the next start builds the index again.
            article = placeholder(index.markDamaged(ifCorrupt: error)
                                  ? "(this article cannot be read: the index is damaged, and the next start of qari rebuilds it)"
                                  : "(this article cannot be read from the index: \(error))")
        }
        locked {
            if articleCache.count >= 24 { articleCache.removeAll(keepingCapacity: true) }
            articleCache[i] = article
        }
        return article
    }

    public func mentions(_ i: Int) -> ArticleMentions {
        if let cached = locked({ mentionsCache[i] }) { return cached }
        var result = ArticleMentions(title: [], paragraphs: Array(repeating: [], count: article(i).paragraphs.count))
        if let r = row(i), let stored = try? index.mentions(inArticle: r) {
            for m in stored {
                let span = EntityMentionSpan(entityID: m.entityID, range: m.range)
                switch m.part {
                case .title: result.title.append(span)
                case .paragraph(let p) where result.paragraphs.indices.contains(p): result.paragraphs[p].append(span)
                default: break
                }
            }
        }
        locked {
            if mentionsCache.count >= 24 { mentionsCache.removeAll(keepingCapacity: true) }
            mentionsCache[i] = result
        }
        return result
    }

    public func prefetchRows(_ indexes: [Int]) {
        let missing = locked { indexes.filter { listCache[$0] == nil && rows.indices.contains($0) }.map { ($0, rows[$0]) } }
        guard !missing.isEmpty, let fetched = try? index.listRows(missing.map(\.1)) else { return }
        locked {
            if listCache.count > 4096 { listCache.removeAll(keepingCapacity: true) }
            for (i, r) in missing {
                guard let (s, n) = fetched[r] else { continue }
                listCache[i] = ListRow(id: s.id, title: s.title, date: s.date, source: s.source, publisher: s.publisher,
                                       lang: s.lang, entityCount: n)
            }
        }
    }

    public func listRow(_ i: Int) -> ListRow {
        if let cached = locked({ listCache[i] }) { return cached }
        prefetchRows([i])
        return locked { listCache[i] } ?? ListRow(id: "?", title: "(no longer in the index)", date: nil, source: nil,
                                                  publisher: nil, lang: .en, entityCount: 0)
    }

    public func index(ofID id: String) -> Int? {
        guard let r = try? index.rowOfArticle(id: id) else { return nil }
        return locked { positionOfRow[r] }
    }

    public func entity(_ id: String) -> BrowserEntity? {
        if let cached = locked({ entityCache[id] }) { return cached }
        var found: BrowserEntity?
        if let e = matcher.entity(id: id) {   // the knowledge base's, or one the matcher discovered
            found = BrowserEntity(e)
        } else if let stored = try? index.storedEntity(id: id) {
            found = BrowserEntity(id: id, category: EntityCategory(rawValue: stored.type) ?? .organization,
                                  name: stored.name, arabicName: stored.arabic, aliases: [])
        }
        locked { entityCache[id] = found }
        return found
    }

    public func resolve(_ name: String) -> String? {
        if let e = matcher.resolve(name) { return e.id }
        return spellings.resolve(name)
    }

    /// The knowledge base's own spellings, folded: what the matcher does not take as a name alone.
    private lazy var spellings = SpellingIndex(entities: knowledgeBase.entities.map(BrowserEntity.init))

    public var entityIDs: [String] {
        if let ids = locked({ storedIDs }) { return ids }
        let ids = Array(Set(knowledgeBase.entities.map(\.id)).union((try? index.storedEntityIDs()) ?? [])).sorted()
        locked { storedIDs = ids }
        return ids
    }

    public func locations(of entityID: String, articleLimit: Int) -> EntityLocations {
        let map = locked { positionOfRow }
        guard let found = try? index.entityLocations(entityID, articleLimit: articleLimit, order: { map[$0] }) else {
            return EntityLocations(articles: [], mentionCount: 0, locations: [])
        }
        let locations = found.mentions.compactMap { m -> BrowserCorpus.MentionLocation? in
            guard let a = map[m.row] else { return nil }
            switch m.part {
            case .title: return .init(article: a, part: .title, range: m.range)
            case .paragraph(let p): return .init(article: a, part: .paragraph(p), range: m.range)
            case .boilerplate: return nil
            }
        }
        return EntityLocations(articles: found.rows.compactMap { map[$0] }, mentionCount: found.mentionCount, locations: locations)
    }

    public func links(of entityID: String) -> [EntityLink] {
        // Text links first, then curated ones, as the in-memory graph orders them.
        var out: [EntityLink] = []
        for l in (try? index.textLinks(of: entityID)) ?? [] {
            if let kind = EntityLinkKind(rawValue: l.kind.rawValue) { out.append(EntityLink(subject: l.subject, kind: kind, object: l.object)) }
        }
        out += curatedLinks[entityID] ?? []
        var seen = Set<EntityLink>()
        return out.filter { seen.insert($0).inserted }
    }

    public func order(sort: ArticleSort, filter: ArticleFilter?) -> [Int] {
        var entity: String?, language: Language?
        switch filter {
        case .entity(let id)?: entity = id
        case .language(let l)?: language = l
        case .search(_, let results)?:
            let n = count
            return results.filter { $0 < n }
        case nil: break
        }
        let order: ArticleOrder
        switch sort {
        case .date: order = .newestFirst
        case .title: order = .title
        case .source: order = .source
        }
        guard let ordered = try? index.orderedRows(order, entity: entity, language: language) else { return [] }
        return positions(ordered)
    }

    public var completions: [(spelling: String, entityID: String)] {
        if let built = locked({ builtCompletions }) { return built }
        let totals = (try? index.entityMentionTotals()) ?? []
        var ranked = totals.map(\.id)
        let named = Set(ranked)
        ranked += knowledgeBase.entities.map(\.id).filter { !named.contains($0) }.sorted()
        let built = ranked.compactMap { entity($0) }.flatMap { e in e.spellings.map { ($0, e.id) } }
        locked { builtCompletions = built }
        return built
    }

    public func pairCandidates(for i: Int, otherLanguage: Bool, limit: Int) -> [PairCandidate] {
        guard let r = row(i) else { return [] }
        let outlets = Set(knowledgeBase.entities.filter { $0.type == .organization }.map(\.id))
        guard let found = try? index.pairCandidates(forRow: r, otherLanguage: otherLanguage, limit: limit, excluded: outlets) else { return [] }
        let map = locked { positionOfRow }
        return found.compactMap { c in map[c.row].map { PairCandidate(articleIndex: $0, score: c.score, shared: c.shared) } }
    }

    public var searchesIndex: Bool { true }

    public func search(_ query: String, limit: Int) -> StoreSearchResult? {
        do {
            let found = try index.searchRows(query, limit: limit)
            let highlighter = found.highlighter
            return .found(positions(found.rows), highlight: SearchHighlight(ranksWords: !highlighter.isEmpty) { highlighter.ranges(in: $0) })
        } catch let error as QueryError {
            return .invalid(error.description)
        } catch {
            return .invalid("search failed: \(error)")
        }
    }
}
