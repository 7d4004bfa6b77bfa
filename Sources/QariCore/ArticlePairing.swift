import Foundation

/// A candidate to read beside an article.
public struct PairCandidate: Sendable, Equatable {
    public var articleIndex: Int
    public var score: Double
    /// Entity ids named by both articles, most telling first.
    public var shared: [String]

    public init(articleIndex: Int, score: Double, shared: [String]) {
        self.articleIndex = articleIndex
        self.score = score
        self.shared = shared
    }
}

/// Ranks articles to read beside another one: by the entities both name (the same entity
/// whatever the script, so an Arabic خان شيخون meets an English "Khan Shaykhun"), weighted
/// by how rare each entity is in the corpus, and by how close their dates are.
public struct ArticlePairing: Sendable {
    /// The articles ranked, in corpus order.
    public let articles: [Article]
    /// Entity id -> inverse document frequency over the corpus.
    private let idf: [String: Double]
    /// Per article: entity id -> tf-idf weight, and the vector's norm.
    private let vectors: [[String: Double]]
    private let norms: [Double]
    private let days: [Int?]

    /// Weight of date closeness against entity similarity (both in 0...1).
    public static let dateWeight = 0.25
    /// Dates this many days apart count half as close.
    public static let dateHalfLife = 21.0

    public init(analysis: CorpusAnalysis) {
        let counts = analysis.mentions.map { mentions -> [String: Int] in
            var c: [String: Int] = [:]
            for m in mentions where m.isContent {
                // Outlets and publishers say who wrote, not what happened.
                if analysis.entity(id: m.entityID)?.type == .organization { continue }
                c[m.entityID, default: 0] += 1
            }
            return c
        }
        self.init(articles: analysis.articles, entityCounts: counts)
    }

    /// Ranks `articles` from how often each names each entity (indexed like `articles`): the
    /// browser builds its pairing from the mentions it already holds, without a second analysis.
    /// Leave out entities that should not make two articles alike (outlets, publishers).
    public init(articles: [Article], entityCounts counts: [[String: Int]]) {
        self.articles = articles
        let n = Double(max(1, articles.count))
        var df: [String: Int] = [:]
        for c in counts { for id in c.keys { df[id, default: 0] += 1 } }
        var idf: [String: Double] = [:]
        for (id, d) in df { idf[id] = Self.idf(articles: n, naming: d) }
        self.idf = idf
        let vectors = articles.indices.map { i -> [String: Double] in
            Self.vector(i < counts.count ? counts[i] : [:]) { idf[$0] ?? 1 }
        }
        self.vectors = vectors
        self.norms = vectors.map(Self.norm)
        self.days = articles.map { a in a.date.flatMap(Self.dayNumber) }
    }

    public static func dayNumber(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard let d = cal.date(from: c) else { return nil }
        return Int(d.timeIntervalSince1970 / 86_400)
    }

    /// How alike two articles are, 0...1+: entity cosine plus a date bonus.
    public func score(_ a: Int, _ b: Int) -> (score: Double, shared: [String]) {
        Self.similarity(vectors[a], norm: norms[a], day: days[a], vectors[b], norm: norms[b], day: days[b])
    }

    // The scoring itself, for rankers that hold only some of the corpus's vectors (the index).

    /// Inverse document frequency of an entity named in `df` of `n` articles.
    public static func idf(articles n: Double, naming df: Int) -> Double { log((n + 1) / Double(df)) + 1 }

    /// An article's tf-idf vector from how often it names each entity.
    public static func vector(_ counts: [String: Int], idf: (String) -> Double) -> [String: Double] {
        counts.reduce(into: [:]) { v, kv in v[kv.key] = (1 + log(Double(kv.value))) * idf(kv.key) }
    }

    public static func norm(_ v: [String: Double]) -> Double { sqrt(v.values.reduce(0) { $0 + $1 * $1 }) }

    /// Entity cosine of two vectors plus the date bonus, and the shared entities, most telling first.
    public static func similarity(_ va: [String: Double], norm na: Double, day da: Int?,
                                  _ vb: [String: Double], norm nb: Double, day db: Int?) -> (score: Double, shared: [String]) {
        guard na > 0, nb > 0 else { return (0, []) }
        var dot = 0.0
        var shared: [(String, Double)] = []
        let (small, large) = va.count <= vb.count ? (va, vb) : (vb, va)
        for (id, w) in small {
            if let w2 = large[id] {
                dot += w * w2
                shared.append((id, w * w2))
            }
        }
        var s = dot / (na * nb)
        if let da, let db {
            s += dateWeight * pow(0.5, Double(abs(da - db)) / dateHalfLife)
        }
        return (s, shared.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0))
    }

    /// Candidates for the article, best first. `otherLanguage` keeps only articles in another
    /// language (an Arabic article's English counterparts and the reverse).
    public func candidates(for index: Int, otherLanguage: Bool = true, limit: Int = 10) -> [PairCandidate] {
        let lang = articles[index].lang
        var out: [PairCandidate] = []
        for j in articles.indices where j != index {
            let other = articles[j]
            if other.isPromo { continue }
            if otherLanguage && (other.lang == lang || (lang == .mixed) != (other.lang == .mixed) && other.lang == .mixed) { continue }
            let (s, shared) = score(index, j)
            if s > 0 { out.append(PairCandidate(articleIndex: j, score: s, shared: shared)) }
        }
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.articleIndex < $1.articleIndex }
        return Array(out.prefix(limit))
    }
}
