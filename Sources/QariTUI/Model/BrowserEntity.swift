/// An entity as the browser shows it: names for display and completion, its type
/// for colour and grouping.
public struct BrowserEntity: Sendable, Equatable, Identifiable {
    public var id: String
    public var category: EntityCategory
    /// A finer description from the knowledge base ("jihadist coalition"), when known.
    public var kind: String?
    public var name: String
    public var arabicName: String?
    public var aliases: [String]

    public init(id: String, category: EntityCategory, kind: String? = nil, name: String,
                arabicName: String? = nil, aliases: [String] = []) {
        self.id = id
        self.category = category
        self.kind = kind
        self.name = name
        self.arabicName = arabicName
        self.aliases = aliases
    }

    /// Every spelling a user may type for this entity.
    public var spellings: [String] {
        var all = [name]
        if let arabicName { all.append(arabicName) }
        all.append(contentsOf: aliases)
        return all
    }
}

/// One place an entity is named in an article.
public struct EntityMentionSpan: Sendable, Equatable {
    public var entityID: String
    /// Unicode scalar offsets in the paragraph (or title) text.
    public var range: Range<Int>

    public init(entityID: String, range: Range<Int>) {
        self.entityID = entityID
        self.range = range
    }
}

/// Where a mention sits inside an article.
public enum ArticleTextPart: Sendable, Hashable {
    case title
    case paragraph(Int)
}

/// The entity mentions of one article, by part, each part's mentions in text order.
public struct ArticleMentions: Sendable, Equatable {
    public var title: [EntityMentionSpan]
    public var paragraphs: [[EntityMentionSpan]]

    public init(title: [EntityMentionSpan] = [], paragraphs: [[EntityMentionSpan]] = []) {
        self.title = title
        self.paragraphs = paragraphs
    }

    public func mentions(in part: ArticleTextPart) -> [EntityMentionSpan] {
        switch part {
        case .title: return title
        case .paragraph(let i): return paragraphs.indices.contains(i) ? paragraphs[i] : []
        }
    }

    /// Mentions in reading order: title first, then paragraphs.
    public var all: [(part: ArticleTextPart, mention: EntityMentionSpan)] {
        var out = title.map { (ArticleTextPart.title, $0) }
        for (i, p) in paragraphs.enumerated() { out += p.map { (ArticleTextPart.paragraph(i), $0) } }
        return out
    }

    /// How many times each entity is named.
    public var counts: [String: Int] {
        var c: [String: Int] = [:]
        for m in title { c[m.entityID, default: 0] += 1 }
        for p in paragraphs { for m in p { c[m.entityID, default: 0] += 1 } }
        return c
    }
}

/// A corpus file that could not be read, and why, in words a person understands.
public struct CorpusProblem: Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
