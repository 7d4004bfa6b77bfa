import Foundation
import GRDB
import QariCore

/// What the browser reads from the index: article rows in an order, list rows a window at a
/// time, an entity's articles and mentions, and candidates to read beside an article.
extension CorpusIndex {
    /// Every article row, in corpus order (file path, then place in the file): the browser's
    /// article positions. Eight bytes an article.
    public func rowsInCorpusOrder() throws -> [Int64] {
        try database.read { db in
            try Int64.fetchAll(db, sql: "SELECT row FROM articles ORDER BY file, position")
        }
    }

    /// Rows of the articles that pass the filter, in `order`. `language` keeps articles in that
    /// language and mixed ones; `entity` keeps articles naming the entity.
    public func orderedRows(_ order: ArticleOrder, entity: String? = nil, language: Language? = nil) throws -> [Int64] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let entity {
            conditions.append("row IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)")
            arguments += [EntityTerms.match(entity)]
        }
        if let language {
            conditions.append("lang IN (?, 'mixed')")
            arguments += [language.rawValue]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql: String
        switch order {
        case .newestFirst:
            // Newest first, undated last, ties in corpus order (as the in-memory list sorts).
            sql = "SELECT row FROM articles\(whereClause) ORDER BY date DESC, file, position"
        case .source:
            sql = "SELECT row FROM articles\(whereClause) ORDER BY source IS NULL, source COLLATE NOCASE, file, position"
        case .title:
            sql = "SELECT row FROM articles\(whereClause) ORDER BY title COLLATE NOCASE, file, position"
        default:
            sql = "SELECT row FROM articles\(whereClause) ORDER BY \(order.sql)"
        }
        return try database.read { db in try Int64.fetchAll(db, sql: sql, arguments: arguments) }
    }

    /// List rows for the given article rows, with the number of distinct entities each names in
    /// its title and body.
    public func listRows(_ rows: [Int64]) throws -> [Int64: (summary: ArticleSummary, entities: Int)] {
        guard !rows.isEmpty else { return [:] }
        return try database.read { db in
            try summaries(rows: rows, entityCounts: true, db: db)
        }
    }

    /// An entity stored in the index (discovered names, and knowledge-base entities named in the corpus).
    public func storedEntity(id: String) throws -> (type: String, name: String, arabic: String?, discovered: Bool)? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT type, name, arabic, discovered FROM entities WHERE id = ?", arguments: [id])
                .map { ($0[0], $0[1], $0[2], $0[3]) }
        }
    }

    /// Ids of every entity stored in the index.
    public func storedEntityIDs() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT id FROM entities ORDER BY id") }
    }

    /// Every spelling-bearing entity with how often the corpus names it, most named first.
    public func entityMentionTotals() throws -> [(id: String, mentions: Int)] {
        try database.read { db in
            // Terms sort as their ids' UTF-8 bytes: ties in id order, as SQLite orders text.
            try Row.fetchAll(db, sql: "SELECT term, cnt FROM entity_counts ORDER BY cnt DESC, term").compactMap { r in
                EntityTerms.id(ofTerm: r[0]).map { ($0, r[1]) }
            }
        }
    }

    /// The rows of the articles naming the entity, ordered by `order` (rows it does not know go
    /// last), how many mentions in all, and the title and body mentions of the first
    /// `articleLimit` of those articles.
    public func entityLocations(_ entityID: String, articleLimit: Int, order: (Int64) -> Int?)
        throws -> (rows: [Int64], mentionCount: Int, mentions: [(row: Int64, part: ArticlePart, range: Range<Int>)]) {
        try database.read { db in
            // The entity's articles from the full-text index, sorted here: no join with every article.
            var named: [(row: Int64, place: Int)] = []
            let byEntity = try db.cachedStatement(sql: "SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?")
            let cursor = try Int64.fetchCursor(byEntity, arguments: [EntityTerms.match(entityID)])
            while let row = try cursor.next() { named.append((row, order(row) ?? Int.max)) }
            let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT cnt FROM entity_counts WHERE term = ?"),
                                         arguments: [EntityTerms.term(entityID)]) ?? 0
            named.sort { $0.place != $1.place ? $0.place < $1.place : $0.row < $1.row }
            let rows = named.map(\.row)
            var mentions: [(Int64, ArticlePart, Range<Int>)] = []
            for row in rows.prefix(articleLimit) {
                for m in try CorpusIndex.storedMentions(row: row, db: db, keep: { id, part in part >= -1 && id == entityID }) {
                    mentions.append((row, m.part, m.range))
                }
            }
            return (rows, total, mentions)
        }
    }

    /// Distinct relations stated in the corpus's text that involve the entity.
    public func textLinks(of entityID: String) throws -> [(subject: String, kind: RelationKind, object: String)] {
        try database.read { db in
            // Each relation once, in the order it was first stated (by the row of its first
            // article: corpus order for articles indexed together, as the in-memory graph orders).
            try Row.fetchAll(db, sql: """
                SELECT subject, kind, object, first FROM relation_links WHERE subject = ?1
                UNION ALL
                SELECT subject, kind, object, first FROM relation_links WHERE object = ?1 AND subject != ?1
                ORDER BY first
                """, arguments: [entityID]).compactMap { r in
                RelationKind(rawValue: r[1]).map { (r[0], $0, r[2]) }
            }
        }
    }

    /// Articles to read beside the article at `row`, best first, scored as `ArticlePairing`
    /// scores them (tf-idf cosine over the entities both name, plus closeness of dates) but
    /// without reading the whole corpus: the candidates are the articles that share one of the
    /// article's entities, at most `candidateLimit` of them by their share of its weight.
    /// `excluded` entities (outlets, publishers) do not count.
    public func pairCandidates(forRow row: Int64, otherLanguage: Bool, limit: Int, excluded: Set<String>,
                               candidateLimit: Int = 400) throws -> [(row: Int64, score: Double, shared: [String])] {
        try database.read { db in
            let n = Double(max(1, try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 1))
            func counts(_ r: Int64) throws -> [String: Int] {
                var c: [String: Int] = [:]
                for m in try CorpusIndex.storedMentions(row: r, db: db, keep: { id, part in part >= -1 && !excluded.contains(id) }) {
                    c[m.entityID, default: 0] += 1
                }
                return c
            }
            var idfCache: [String: Double] = [:]
            let dfStatement = try db.cachedStatement(sql: "SELECT doc FROM entity_counts WHERE term = ?")
            func idf(_ id: String) throws -> Double {
                if let v = idfCache[id] { return v }
                let v = ArticlePairing.idf(articles: n, naming: max(1, try Int.fetchOne(dfStatement, arguments: [EntityTerms.term(id)]) ?? 1))
                idfCache[id] = v
                return v
            }
            func vector(_ c: [String: Int]) throws -> [String: Double] {
                for id in c.keys { _ = try idf(id) }   // fetched here, where a database error can be thrown
                return ArticlePairing.vector(c) { idfCache[$0] ?? 1 }
            }
            guard let me = try Row.fetchOne(db, sql: "SELECT lang, date FROM articles WHERE row = ?", arguments: [row]) else { return [] }
            let lang = Language(rawValue: me[0]) ?? .en
            let myDay = (me[1] as String?).flatMap(ArticlePairing.dayNumber)
            let mine = try vector(try counts(row))
            let myNorm = ArticlePairing.norm(mine)
            guard myNorm > 0 else { return [] }

            // Candidates: articles naming the article's entities, rarest entities first, scored
            // by the weight they share so far.
            var partial: [Int64: Double] = [:]
            // An entity's mentions come in article order: each article's count, for the first 20,000 articles.
            let named = try db.cachedStatement(sql: "SELECT doc FROM entity_mentions WHERE term = ?")
            for (id, w) in mine.sorted(by: { $0.value > $1.value }) {
                let weight = try idf(id)
                var counted: [(row: Int64, mentions: Int)] = []
                let cursor = try Int64.fetchCursor(named, arguments: [EntityTerms.term(id)])
                while let doc = try cursor.next() {
                    if let last = counted.last, last.row == doc {
                        counted[counted.count - 1].mentions += 1
                    } else {
                        if counted.count == 20_000 { break }
                        counted.append((doc, 1))
                    }
                }
                for (other, mentions) in counted where other != row {
                    partial[other, default: 0] += w * (1 + log(Double(mentions))) * weight
                }
            }
            let shortlist = partial.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var scored: [(row: Int64, score: Double, shared: [String])] = []
            let info = try db.cachedStatement(sql: "SELECT lang, date, is_promo FROM articles WHERE row = ?")
            for (other, _) in shortlist {
                if scored.count >= candidateLimit { break }
                guard let o = try Row.fetchOne(info, arguments: [other]) else { continue }
                let otherLang = Language(rawValue: o[0]) ?? .en
                if o[2] as Bool { continue }
                if otherLanguage && (otherLang == lang || (lang == .mixed) != (otherLang == .mixed) && otherLang == .mixed) { continue }
                let theirs = try vector(try counts(other))
                let (s, shared) = ArticlePairing.similarity(mine, norm: myNorm, day: myDay, theirs, norm: ArticlePairing.norm(theirs),
                                                            day: (o[1] as String?).flatMap(ArticlePairing.dayNumber))
                if s > 0 { scored.append((other, s, shared)) }
            }
            return Array(scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }.prefix(limit))
        }
    }
}

extension CorpusIndex {
    /// Up to `limit` matching rows, best first, and a highlighter for the words searched.
    /// Throws `QueryError` for a malformed query, as `search` does.
    public func searchRows(_ text: String, limit: Int) throws -> (rows: [Int64], highlighter: SearchHighlighter) {
        let results = try search(SearchQueryParser.parse(text), limit: limit, snippets: false)
        return (results.hits.map(\.article.row), results.highlighter)
    }
}
