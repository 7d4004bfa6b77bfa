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

    var sql: String {
        switch self {
        case .corpus: return "file, position"
        // Undated articles last in both date orders.
        case .newestFirst: return "date IS NULL, date DESC, file, position"
        case .oldestFirst: return "date IS NULL, date, file, position"
        case .title: return "title COLLATE NOCASE, row"
        case .source: return "source IS NULL, source COLLATE NOCASE, date, row"
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

/// Finds the entity mentions and text relations of one article, as `CorpusAnalysis` does for a
/// whole corpus in memory (same parts, same line numbers), so that the index can be built a
/// file at a time.
enum ArticleEntityScanner {
    static func scan(_ article: Article, matcher: EntityMatcher) -> (mentions: [IndexedMention], relations: [IndexedRelation]) {
        var placed: [IndexedMention] = []
        var relations: [IndexedRelation] = []
        func scan(_ text: String, _ part: ArticlePart, line: (Int) -> Int) {
            let found = matcher.mentions(in: text)
            for m in found {
                placed.append(IndexedMention(entityID: m.entityID, part: part, range: m.range, surface: m.surface,
                                             line: line(m.range.lowerBound)))
            }
            guard case .paragraph = part else { return }
            for r in RelationExtractor.relations(in: text, mentions: found, matcher: matcher) {
                relations.append(IndexedRelation(subject: r.subject, kind: r.kind, object: r.object, articleID: article.id,
                                                 line: line(r.range.lowerBound), evidence: r.evidence, confidence: r.confidence))
            }
        }
        scan(article.title, .title, line: { _ in article.firstLine })
        for (p, paragraph) in article.paragraphs.enumerated() {
            scan(paragraph.text, .paragraph(p), line: { paragraph.line(atScalarOffset: $0) })
        }
        for (b, line) in article.boilerplate.enumerated() {
            scan(line.text, .boilerplate(b), line: { _ in line.line })
        }
        return (placed, relations)
    }
}
