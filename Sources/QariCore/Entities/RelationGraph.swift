/// Where a relation in the graph comes from.
public enum RelationOrigin: String, Codable, Sendable {
    /// Read from article text by `RelationExtractor`.
    case text
    /// Written in the knowledge base.
    case curated
}

/// One edge of the relation graph: `subject kind object`, with its provenance.
public struct RelationEdge: Codable, Sendable, Equatable {
    public var subject: String
    public var kind: RelationKind
    public var object: String
    public var origin: RelationOrigin
    /// For text edges: the stating words, an exact substring of the paragraph at `line`.
    public var evidence: String?
    /// For curated edges: the knowledge base's note.
    public var note: String?
    public var confidence: String?
    /// For text edges: the article and the 1-based source line of the paragraph.
    public var articleID: String?
    public var line: Int?

    public init(subject: String, kind: RelationKind, object: String, origin: RelationOrigin, evidence: String? = nil,
                note: String? = nil, confidence: String? = nil, articleID: String? = nil, line: Int? = nil) {
        self.subject = subject
        self.kind = kind
        self.object = object
        self.origin = origin
        self.evidence = evidence
        self.note = note
        self.confidence = confidence
        self.articleID = articleID
        self.line = line
    }

    /// True when the edge states the same relation between the same entities, in either
    /// direction for symmetric kinds.
    public func sameRelation(as other: RelationEdge) -> Bool {
        guard kind == other.kind else { return false }
        if subject == other.subject && object == other.object { return true }
        return kind.isSymmetric && subject == other.object && object == other.subject
    }
}

/// Curated relations of the knowledge base and relations read from text, in one graph.
/// Every edge keeps its origin; a relation both curated and stated in text appears once per
/// origin (and once per place in the text that states it), so a reader sees both the
/// curator's note and the article's words.
public struct RelationGraph: Sendable {
    public private(set) var edges: [RelationEdge] = []
    private var seen = Set<String>()

    /// A graph holding the curated relations of `knowledgeBase`.
    public init(knowledgeBase: KnowledgeBase) {
        for entity in knowledgeBase.entities {
            for relation in entity.relations {
                insert(RelationEdge(subject: entity.id, kind: relation.kind, object: relation.to, origin: .curated,
                                    note: relation.note))
            }
        }
    }

    /// Adds relations read from one paragraph.
    public mutating func add(_ relations: [TextRelation], articleID: String?, line: Int?) {
        for relation in relations {
            insert(RelationEdge(subject: relation.subject, kind: relation.kind, object: relation.object, origin: .text,
                                evidence: relation.evidence, confidence: relation.confidence, articleID: articleID, line: line))
        }
    }

    /// Reads every paragraph of an article and adds the relations it states.
    public mutating func add(article: Article, matcher: EntityMatcher) {
        for paragraph in article.paragraphs {
            let mentions = matcher.mentions(in: paragraph.text)
            guard mentions.count >= 2 else { continue }
            add(RelationExtractor.relations(in: paragraph.text, mentions: mentions, matcher: matcher),
                articleID: article.id, line: paragraph.line)
        }
    }

    /// Edges with `id` as subject or object.
    public func edges(involving id: String) -> [RelationEdge] {
        edges.filter { $0.subject == id || $0.object == id }
    }

    /// Edges that state the same relation as `edge`, from any origin.
    public func support(for edge: RelationEdge) -> [RelationEdge] {
        edges.filter { $0.sameRelation(as: edge) }
    }

    private mutating func insert(_ edge: RelationEdge) {
        let key = [edge.subject, edge.kind.rawValue, edge.object, edge.origin.rawValue, edge.articleID ?? "",
                   edge.line.map(String.init) ?? "", edge.evidence ?? ""].joined(separator: "\u{1F}")
        if seen.insert(key).inserted { edges.append(edge) }
    }
}
