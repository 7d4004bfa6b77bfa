/// Where in an article a piece of text sits.
public enum ArticlePart: Sendable, Hashable {
    case title
    case paragraph(Int)
    /// A line taken out of the body (index into `Article.boilerplate`).
    case boilerplate(Int)
}

/// An entity mention placed in an article.
public struct PlacedMention: Sendable, Equatable {
    public var entityID: String
    public var part: ArticlePart
    /// Scalar offsets in the part's text.
    public var range: Range<Int>
    public var surface: String
    /// 1-based line in the article's file.
    public var line: Int
    /// Title and body mentions; boilerplate ones count for "articles naming X" but are not highlighted.
    public var isContent: Bool {
        if case .boilerplate = part { return false }
        return true
    }
}

/// Where a relation between two entities comes from.
public enum RelationOrigin: String, Sendable, Codable {
    /// Stated in an article; evidence, article and line are set.
    case text
    /// From the knowledge base; `note` says on what basis.
    case curated
}

/// One edge of the relation graph: `from kind to`, read as in the knowledge base
/// (`X backed_by Y`: Y backs X; `P leader_of F`).
public struct RelationEdge: Sendable, Equatable {
    public var from: String
    public var to: String
    public var kind: RelationKind
    public var origin: RelationOrigin
    public var articleID: String?
    public var line: Int?
    public var evidence: String?
    public var note: String?
}

/// A corpus with its entities found: every article's mentions, which articles name each entity,
/// and one relation graph that merges what the texts state with the curated knowledge.
/// Built once per corpus; read-only afterwards.
public final class CorpusAnalysis: @unchecked Sendable {
    public let articles: [Article]
    public let matcher: EntityMatcher
    /// Indexed like `articles`.
    public let mentions: [[PlacedMention]]
    public let edges: [RelationEdge]
    /// Entity id -> indices of the articles that name it (content or boilerplate), ascending.
    public let articlesByEntity: [String: [Int]]
    private let articleIndexByID: [String: Int]

    /// `textRelations: false` skips relation extraction (the costly part) when only mentions are needed.
    public init(articles: [Article], matcher: EntityMatcher, textRelations: Bool = true) {
        self.articles = articles
        self.matcher = matcher
        var allMentions: [[PlacedMention]] = []
        var textEdges: [RelationEdge] = []
        var byEntity: [String: [Int]] = [:]
        allMentions.reserveCapacity(articles.count)
        for (index, article) in articles.enumerated() {
            var placed: [PlacedMention] = []
            func scan(_ text: String, _ part: ArticlePart, line: (Int) -> Int) {
                let found = matcher.mentions(in: text)
                for m in found {
                    placed.append(PlacedMention(entityID: m.entityID, part: part, range: m.range, surface: m.surface,
                                                line: line(m.range.lowerBound)))
                }
                guard textRelations, case .paragraph = part else { return }
                for r in RelationExtractor.relations(in: text, mentions: found, matcher: matcher) {
                    textEdges.append(RelationEdge(from: r.subject, to: r.object, kind: r.kind, origin: .text,
                                                  articleID: article.id, line: line(r.range.lowerBound),
                                                  evidence: r.evidence, note: r.confidence))
                }
            }
            scan(article.title, .title, line: { _ in article.firstLine })
            for (p, paragraph) in article.paragraphs.enumerated() {
                scan(paragraph.text, .paragraph(p), line: { paragraph.line(atScalarOffset: $0) })
            }
            for (b, line) in article.boilerplate.enumerated() {
                scan(line.text, .boilerplate(b), line: { _ in line.line })
            }
            for id in Set(placed.map(\.entityID)) { byEntity[id, default: []].append(index) }
            allMentions.append(placed)
        }
        var curated: [RelationEdge] = []
        for entity in matcher.knowledgeBase.entities {
            for r in entity.relations {
                curated.append(RelationEdge(from: entity.id, to: r.to, kind: r.kind, origin: .curated,
                                            articleID: nil, line: nil, evidence: nil, note: r.note))
            }
        }
        self.mentions = allMentions
        self.edges = textEdges + curated
        self.articlesByEntity = byEntity
        var ids: [String: Int] = [:]
        for (i, a) in articles.enumerated() where ids[a.id] == nil { ids[a.id] = i }
        self.articleIndexByID = ids
    }

    public func articleIndex(id: String) -> Int? { articleIndexByID[id] }

    /// A knowledge-base entity or one discovered in this corpus.
    public func entity(id: String) -> Entity? { matcher.entity(id: id) }

    /// Ids of the entities this corpus names, most mentioned first.
    public var namedEntityIDs: [String] {
        articlesByEntity.keys.sorted { a, b in
            let ca = mentionCount(of: a), cb = mentionCount(of: b)
            return ca != cb ? ca > cb : a < b
        }
    }

    /// Every mention of the entity in the corpus, boilerplate included.
    public func mentions(of entityID: String) -> [(article: Int, mention: PlacedMention)] {
        (articlesByEntity[entityID] ?? []).flatMap { a in
            mentions[a].filter { $0.entityID == entityID }.map { (a, $0) }
        }
    }

    public func mentionCount(of entityID: String) -> Int {
        (articlesByEntity[entityID] ?? []).reduce(0) { n, a in n + mentions[a].lazy.filter { $0.entityID == entityID }.count }
    }

    /// The spellings of the entity as this corpus writes them, most frequent first.
    public func spellings(of entityID: String) -> [String] {
        var counts: [String: Int] = [:]
        for (_, m) in mentions(of: entityID) { counts[m.surface, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// Edges that touch the entity, text edges first.
    public func edges(of entityID: String) -> [RelationEdge] {
        edges.filter { $0.from == entityID || $0.to == entityID }
    }

    /// The text of one part of an article.
    public func text(article: Int, part: ArticlePart) -> String {
        switch part {
        case .title: return articles[article].title
        case .paragraph(let p): return articles[article].paragraphs[p].text
        case .boilerplate(let b): return articles[article].boilerplate[b].text
        }
    }

    /// The sentence around a mention, for keyword-in-context listings.
    public func sentence(around mention: PlacedMention, in article: Int) -> String {
        let scalars = Array(text(article: article, part: mention.part).unicodeScalars)
        var start = mention.range.lowerBound
        var end = mention.range.upperBound
        func isStop(_ i: Int) -> Bool {
            let c = scalars[i]
            return (c == "." || c == "!" || c == "?" || c == "؟") && (i + 1 >= scalars.count || scalars[i + 1] == " ")
        }
        while start > 0 && !isStop(start - 1) && mention.range.lowerBound - start < 300 { start -= 1 }
        while end < scalars.count && !(end > 0 && isStop(end - 1)) && end - mention.range.upperBound < 300 { end += 1 }
        var s = String(String.UnicodeScalarView(scalars[start..<end]))
        while s.first == " " { s.removeFirst() }
        return s
    }
}
