import QariCore

/// One row of the article list: what a list shows, without the text.
public struct ArticleSummary: Sendable, Equatable, Identifiable {
    /// The article's row in the index: stable until its file changes.
    public var row: Int64
    public var id: String
    public var file: String
    public var title: String
    public var source: String?
    public var publisher: String?
    public var author: String?
    public var date: String?
    public var lang: Language
    public var firstLine: Int
    public var lastLine: Int
    public var words: Int
    public var isPromo: Bool
}

/// Orders in which the article list can be read.
public enum ArticleOrder: String, Sendable, CaseIterable {
    /// As the corpus loader lists them: by file path, then position in the file.
    case corpus
    case newestFirst
    case oldestFirst
    case title
    case source

    /// Each order is the order of an index (read forwards or backwards), so that a window
    /// anywhere in the list costs a walk over index entries and no sort: undated articles
    /// come last when newest are first and first when oldest are first; articles without a
    /// source come first.
    var sql: String {
        switch self {
        case .corpus: return "file, position"
        case .newestFirst: return "date DESC, file, position"
        case .oldestFirst: return "date, file DESC, position DESC"
        case .title: return "title COLLATE NOCASE, row"
        case .source: return "source COLLATE NOCASE, date, row"
        }
    }
}

/// An entity mention as stored in the index (the stored form of `PlacedMention`).
public struct IndexedMention: Sendable, Equatable {
    public var entityID: String
    public var part: ArticlePart
    /// Scalar offsets in the part's text.
    public var range: Range<Int>
    public var surface: String
    /// 1-based line in the article's file.
    public var line: Int

    public init(entityID: String, part: ArticlePart, range: Range<Int>, surface: String, line: Int) {
        self.entityID = entityID
        self.part = part
        self.range = range
        self.surface = surface
        self.line = line
    }

    /// The part as one integer for storage: -1 title, n paragraph n, -2 - n boilerplate line n.
    var partCode: Int {
        switch part {
        case .title: return -1
        case .paragraph(let p): return p
        case .boilerplate(let b): return -2 - b
        }
    }

    static func part(code: Int) -> ArticlePart {
        code == -1 ? .title : code >= 0 ? .paragraph(code) : .boilerplate(-2 - code)
    }
}

/// A relation stated in an article's text, as stored in the index.
public struct IndexedRelation: Sendable, Equatable {
    public var subject: String
    public var kind: RelationKind
    public var object: String
    public var articleID: String
    public var line: Int
    public var evidence: String
    public var confidence: String?
}

/// How many rows the index holds.
public struct IndexStatistics: Sendable, Equatable {
    public var files: Int
    public var articles: Int
    public var paragraphs: Int
    public var mentions: Int
    public var entities: Int
    public var relations: Int
    /// Size of the database file (0 in memory).
    public var databaseBytes: Int64
}

/// Finds the entity mentions of one article and the relations its paragraphs state, as
/// `CorpusAnalysis` does for a whole corpus in memory (same line numbers; titles and bodies), so that
/// the index can be built a file at a time. Mentions come first (they are cheap and make the
/// article searchable by entity); relations are a second pass over stored paragraphs.
enum ArticleEntityScanner {
    static func mentions(_ article: Article, matcher: EntityMatcher) -> [IndexedMention] {
        scan(article, matcher: matcher, keepingParagraphs: false).mentions
    }

    /// `mentions`, and when `keepingParagraphs` also each paragraph's mentions as the matcher
    /// gave them, for `relations(articleID:paragraphs:paragraphMentions:matcher:)`: gathering
    /// them again from the article's mentions cost a dictionary and a copy of each.
    static func scan(_ article: Article, matcher: EntityMatcher, keepingParagraphs: Bool)
        -> (mentions: [IndexedMention], paragraphs: [[EntityMention]]) {
        var placed: [IndexedMention] = []
        var byParagraph: [[EntityMention]] = []
        if keepingParagraphs { byParagraph.reserveCapacity(article.paragraphs.count) }
        for m in matcher.mentions(in: article.title) {
            placed.append(IndexedMention(entityID: m.entityID, part: .title, range: m.range, surface: m.surface, line: article.firstLine))
        }
        for (p, paragraph) in article.paragraphs.enumerated() {
            let found = matcher.mentions(in: paragraph.text)
            for m in found {
                placed.append(IndexedMention(entityID: m.entityID, part: .paragraph(p), range: m.range, surface: m.surface,
                                             line: paragraph.line(atScalarOffset: m.range.lowerBound)))
            }
            if keepingParagraphs { byParagraph.append(found) }
        }
        // Boilerplate (share links, lists of related articles) is kept with the article but is
        // not what it names: the browser, entity pages and `entity:` searches leave it out.
        return (placed, byParagraph)
    }

    /// Relations stated in the paragraphs, given each paragraph's mentions (as `mentions` found them).
    static func relations(articleID: String, paragraphs: [Paragraph], mentions: [IndexedMention],
                          matcher: EntityMatcher) -> [IndexedRelation] {
        var byParagraph: [Int: [EntityMention]] = [:]
        for m in mentions {
            if case .paragraph(let p) = m.part {
                byParagraph[p, default: []].append(EntityMention(entityID: m.entityID, range: m.range, surface: m.surface))
            }
        }
        return self.relations(articleID: articleID, paragraphs: paragraphs,
                              paragraphMentions: paragraphs.indices.map { byParagraph[$0] ?? [] }, matcher: matcher)
    }

    /// Relations stated in the paragraphs, given each paragraph's mentions in the matcher's order
    /// (`paragraphMentions[p]` for `paragraphs[p]`).
    static func relations(articleID: String, paragraphs: [Paragraph], paragraphMentions: [[EntityMention]],
                          matcher: EntityMatcher) -> [IndexedRelation] {
        var relations: [IndexedRelation] = []
        for (p, paragraph) in paragraphs.enumerated() {
            let mentions = paragraphMentions[p]
            // No rule reads a relation from a line without a mention (`RelationExtractor`).
            if mentions.isEmpty { continue }
            for r in RelationExtractor.relations(in: paragraph.text, mentions: mentions, matcher: matcher) {
                relations.append(IndexedRelation(subject: r.subject, kind: r.kind, object: r.object, articleID: articleID,
                                                 line: paragraph.line(atScalarOffset: r.range.lowerBound),
                                                 evidence: r.evidence, confidence: r.confidence))
            }
        }
        return relations
    }
}
