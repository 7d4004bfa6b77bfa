import Foundation
import GRDB
import QariCore

/// A piece of an article around what matched.
public struct Snippet: Sendable, Equatable {
    public var text: String
    /// Scalar offsets in `text` of the words that matched.
    public var highlights: [Range<Int>]
}

/// One search result.
public struct SearchHit: Sendable, Equatable {
    public var article: ArticleSummary
    /// Relevance (negated bm25, so higher is better); 0 when the query has only filters.
    public var score: Double
    public var snippet: Snippet
}

/// The best-ranked hits of a search, and how many articles matched in all.
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    /// Nil unless counting was asked for.
    public var totalCount: Int?
    /// Finds the words searched for (not those left out) in any text.
    public var highlighter: SearchHighlighter
}

/// Finds the words of a search in any text, folded as the index folds them: snippets mark them,
/// and the reader marks them in an article opened from the results.
public struct SearchHighlighter: Sendable {
    let keys: Set<String>
    let prefixes: [String]

    /// True when the search has no words to find (filters alone): its results are the newest
    /// articles that pass, not the best ranked.
    public var isEmpty: Bool { keys.isEmpty && prefixes.isEmpty }

    /// True for the key of a word searched for, or one starting with a prefix searched for.
    func matches(_ key: String) -> Bool {
        keys.contains(key) || prefixes.contains { key.hasPrefix($0) }
    }

    public func ranges(in text: String) -> [Range<Int>] {
        guard !keys.isEmpty || !prefixes.isEmpty else { return [] }
        return SearchText.words(in: text).compactMap { matches($0.key) ? $0.range : nil }
    }
}

extension CorpusIndex {
    /// Runs a query in the search language (see `SearchQueryParser`).
    ///
    /// Results are ranked by bm25 over the folded title (weighted 3) and body; a query made only
    /// of filters lists the newest articles first.
    /// - Throws: `QueryError` for a malformed query or an entity the knowledge base does not know.
    public func search(_ text: String, limit: Int = 50, counting: Bool = false) throws -> SearchResults {
        try search(SearchQueryParser.parse(text), limit: limit, counting: counting)
    }

    public func search(_ query: SearchQuery, limit: Int = 50, counting: Bool = false, snippets: Bool = true) throws -> SearchResults {
        var compiler = SearchCompiler(resolveEntity: { [unowned self] name, column in try self.entityID(named: name, column: column) })
        let plan = try compiler.plan(query)
        let highlighter = SearchHighlighter(keys: plan.highlightKeys, prefixes: plan.highlightPrefixes)
        var args = StatementArguments()
        var sql: String
        let conditions = plan.conditions.map(\.sql)
        for c in plan.conditions { args += c.arguments }
        let rowColumn: String
        if let match = plan.match, conditions.isEmpty {
            // Words alone: rank on the full-text table without joining every match to its
            // article (bm25 over tens of thousands of matches is the cost; the join adds a fifth).
            sql = """
                SELECT rowid AS row, -bm25(article_fts, 3.0, 1.0) AS score
                FROM article_fts WHERE article_fts MATCH ?
                """
            args = [match]
            rowColumn = "rowid"
        } else if let match = plan.match {
            sql = """
                SELECT a.row, -bm25(article_fts, 3.0, 1.0) AS score
                FROM article_fts JOIN articles a ON a.row = article_fts.rowid
                WHERE article_fts MATCH ?
                """
            args = [match] + args
            for c in conditions { sql += " AND " + c }
            rowColumn = "article_fts.rowid"
        } else {
            sql = "SELECT a.row, 0.0 AS score FROM articles a"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            rowColumn = "a.row"
        }
        var total: Int?
        if counting {
            total = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql))", arguments: args) }
        }
        var ranked: [(row: Int64, score: Double)]
        if plan.match == nil {
            ranked = try database.read { db in
                // Filters alone list the newest first. A filter most articles pass (lang:en,
                // an entity named everywhere) finds its first articles soon along the date index;
                // the walk stops after `filterWalkLimit` of them, and only a rarer filter pays
                // for sorting what it selects.
                if !conditions.isEmpty, filterWalkLimit > 0, try IndexSchema.hasIndex(db, "articles_by_date") {
                    var probeArgs = StatementArguments()
                    for c in plan.conditions { probeArgs += c.probeArguments }
                    let walked = try Int64.fetchAll(db, sql: """
                        SELECT row FROM (SELECT a.row AS row, \(plan.conditions.map(\.probeSQL).joined(separator: " AND ")) AS passes
                                         FROM articles a INDEXED BY articles_by_date
                                         ORDER BY a.date DESC, a.file, a.position LIMIT ?)
                        WHERE passes LIMIT ?
                        """, arguments: probeArgs + [filterWalkLimit, limit])
                    if walked.count == limit { return walked.map { (row: $0, score: 0.0) } }
                }
                return try Row.fetchAll(db, sql: sql + " ORDER BY a.date DESC, a.file, a.position LIMIT ?", arguments: args + [limit])
                    .map { (row: $0[0] as Int64, score: $0[1] as Double) }
            }
        } else {
            // bm25 is computed for every match, the whole cost of a common word. The rows are split
            // in ranges ranked side by side on separate readers; the scores are the same as over the
            // whole table (idf and average length are the table's), so the merged top is exact.
            let parts = try rowRanges(count: searchParallelism)
            let order = conditions.isEmpty ? " ORDER BY score DESC, rowid LIMIT ?" : " ORDER BY score DESC, a.row LIMIT ?"
            let results = try parallelReads(parts.count) { db, i in
                var partSQL = sql
                var partArgs = args
                if let range = parts[i] {
                    partSQL += (conditions.isEmpty ? " AND " : " AND ") + "\(rowColumn) BETWEEN ? AND ?"
                    partArgs += [range.lowerBound, range.upperBound]
                }
                return try Row.fetchAll(db, sql: partSQL + order, arguments: partArgs + [limit])
                    .map { (row: $0[0] as Int64, score: $0[1] as Double) }
            }
            ranked = Array(results.joined().sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }.prefix(limit))
        }
        let summaries = try database.read { db in try self.summaries(rows: ranked.map(\.row), db: db) }
        let found = ranked.compactMap { r in summaries[r.row].map { (r.row, r.score, $0) } }
        guard snippets else {
            return SearchResults(hits: found.map { SearchHit(article: $0.2, score: $0.1, snippet: Snippet(text: "", highlights: [])) },
                                 totalCount: total, highlighter: highlighter)
        }
        // Snippets read and scan each hit's paragraphs: split between readers too.
        let workers = min(searchParallelism, max(1, found.count / 8))
        let made = try parallelReads(workers) { db, part -> [(Int, Snippet)] in
            var out: [(Int, Snippet)] = []
            for i in stride(from: part, to: found.count, by: workers) {
                var texts = try CorpusIndex.storedParagraphTexts(row: found[i].0, db: db).makeIterator()
                out.append((i, SnippetMaker.snippet(title: found[i].2.title, paragraphs: { texts.next() },
                                                        highlighter: highlighter)))
            }
            return out
        }
        var snippetsByHit = [Snippet?](repeating: nil, count: found.count)
        for (i, snippet) in made.joined() { snippetsByHit[i] = snippet }
        let hits = found.indices.map { i in
            SearchHit(article: found[i].2, score: found[i].1, snippet: snippetsByHit[i] ?? Snippet(text: "", highlights: []))
        }
        return SearchResults(hits: hits, totalCount: total, highlighter: highlighter)
    }

    /// How many readers a search uses: the cores, up to four; one for an index in memory (its
    /// connection serialises reads) or a small one (not worth the threads).
    private var searchParallelism: Int {
        guard database is DatabasePool else { return 1 }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// `count` ranges of article rows covering them all, in about equal parts (nil: no range).
    private func rowRanges(count: Int) throws -> [ClosedRange<Int64>?] {
        guard count > 1 else { return [nil] }
        // min and max of the row key are two look-ups; count(*) would read the whole table.
        let bounds = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT (SELECT min(row) FROM articles), (SELECT max(row) FROM articles)")
        }
        guard let bounds, let low = bounds[0] as Int64?, let high = bounds[1] as Int64?,
              high - low + 1 >= Int64(searchSplitThreshold) else { return [nil] }
        let step = (high - low) / Int64(count) + 1
        return (0..<Int64(count)).map { i in
            let start = low + i * step
            return start...(i == Int64(count) - 1 ? high : start + step - 1)
        }
    }

    /// Runs `body` for 0..<count, each on its own reader (on the pool's connections, in parallel).
    private func parallelReads<T>(_ count: Int, _ body: @escaping (Database, Int) throws -> T) throws -> [T] {
        if count <= 1 { return [try database.read { try body($0, 0) }] }
        var results = [Result<T, Error>?](repeating: nil, count: count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let r = Result { try database.read { try body($0, i) } }
            lock.lock()
            results[i] = r
            lock.unlock()
        }
        return try results.map { try $0!.get() }
    }

    /// The id of the entity a name stands for: an id, any spelling the matcher knows, or a name
    /// stored in the index (discovered names).
    func entityID(named name: String, column: Int) throws -> String {
        if let id = try database.read({ db in
            try String.fetchOne(db, sql: "SELECT id FROM entities WHERE id = ?", arguments: [name])
        }) { return id }
        if let entity = try matcher().resolve(name) { return entity.id }
        if let id = try database.read({ db in
            try String.fetchOne(db, sql: "SELECT id FROM entities WHERE name = ? COLLATE NOCASE OR arabic = ? LIMIT 1",
                                arguments: [name, name])
        }) { return id }
        throw QueryError(column: column, message: "no entity called '\(name)' (see `qari entities`)")
    }
}

/// A query turned into one FTS5 match expression (for ranking) and SQL conditions.
struct SearchPlan {
    struct Condition {
        var sql: String
        var arguments: StatementArguments
        /// The same test for one row at a time (`EXISTS` on a key instead of `IN` a whole set),
        /// for a walk along an index that stops early.
        var probeSQL: String
        var probeArguments: StatementArguments

        init(sql: String, arguments: StatementArguments, probeSQL: String? = nil, probeArguments: StatementArguments? = nil) {
            self.sql = sql
            self.arguments = arguments
            self.probeSQL = probeSQL ?? sql
            self.probeArguments = probeArguments ?? arguments
        }
    }
    var match: String?
    var conditions: [Condition] = []
    /// Keys of the words and phrases searched for (not excluded), for snippets.
    var highlightKeys: Set<String> = []
    var highlightPrefixes: [String] = []
}

/// Compiles a `SearchQuery`. Words, phrases and prefixes become FTS5 expressions over folded
/// keys (`SearchText`); the words and groups at the top level that FTS5 can express make the
/// ranked match, and everything else (filters, groups mixing words and filters, excluded
/// filters) becomes SQL conditions on the article row.
struct SearchCompiler {
    var resolveEntity: (String, Int) throws -> String
    private var highlightKeys: Set<String> = []
    private var highlightPrefixes: [String] = []

    init(resolveEntity: @escaping (String, Int) throws -> String) {
        self.resolveEntity = resolveEntity
    }

    mutating func plan(_ query: SearchQuery) throws -> SearchPlan {
        collectHighlights(query, excluded: false)
        try validate(query)
        var plan = SearchPlan()
        let conjuncts: [SearchQuery]
        if case .all(let items) = query { conjuncts = items } else { conjuncts = [query] }
        var positives: [String] = []
        var negatives: [String] = []
        var rest: [SearchQuery] = []
        for item in conjuncts {
            if case .exclude(let inner) = item, let fts = try fts(inner) {
                negatives.append(fts)
            } else if case .exclude = item {
                rest.append(item)
            } else if let fts = try fts(item) {
                positives.append(fts)
            } else {
                rest.append(item)
            }
        }
        if positives.isEmpty {
            rest = conjuncts
        } else {
            plan.match = "(" + positives.joined(separator: ") AND (") + ")" + negatives.map { " NOT (\($0))" }.joined()
        }
        plan.conditions = try rest.map { try condition($0) }
        plan.highlightKeys = highlightKeys
        plan.highlightPrefixes = highlightPrefixes
        return plan
    }

    /// Words that fold to nothing ("—", "!!") are mistakes worth pointing at.
    private func validate(_ q: SearchQuery) throws {
        switch q {
        case .word(let w, let column), .phrase(let w, let column):
            if SearchText.keys(w).isEmpty {
                throw QueryError(column: column, message: "'\(w)' has no letters or digits to search for")
            }
        case .prefix(let p, let column):
            if SearchText.prefixKeys(p).isEmpty {
                throw QueryError(column: column, message: "'\(p)*' has no letters or digits to search for")
            }
        case .filter: break
        case .exclude(let inner): try validate(inner)
        case .all(let items), .any(let items): try items.forEach(validate)
        }
    }

    private mutating func collectHighlights(_ q: SearchQuery, excluded: Bool) {
        switch q {
        case .word(let w, _), .phrase(let w, _):
            if !excluded { highlightKeys.formUnion(SearchText.keys(w)) }
        case .prefix(let p, _):
            if !excluded {
                let keys = SearchText.prefixKeys(p)
                highlightKeys.formUnion(keys.dropLast())
                if let last = keys.last { highlightPrefixes.append(last) }
            }
        case .filter: break
        case .exclude(let inner): collectHighlights(inner, excluded: !excluded)
        case .all(let items), .any(let items): items.forEach { collectHighlights($0, excluded: excluded) }
        }
    }

    /// The FTS5 expression for a subtree, or nil when it has a filter or a bare exclusion.
    private func fts(_ q: SearchQuery) throws -> String? {
        switch q {
        case .word(let w, _), .phrase(let w, _):
            return "\"" + SearchText.keys(w).joined(separator: " ") + "\""
        case .prefix(let p, _):
            return "\"" + SearchText.prefixKeys(p).joined(separator: " ") + "\" *"
        case .filter, .exclude:
            return nil
        case .all(let items):
            var positives: [String] = []
            var negatives: [String] = []
            for item in items {
                if case .exclude(let inner) = item {
                    guard let f = try fts(inner) else { return nil }
                    negatives.append(f)
                } else {
                    guard let f = try fts(item) else { return nil }
                    positives.append(f)
                }
            }
            guard !positives.isEmpty else { return nil }
            return "(" + positives.joined(separator: ") AND (") + ")" + negatives.map { " NOT (\($0))" }.joined()
        case .any(let items):
            var parts: [String] = []
            for item in items {
                guard let f = try fts(item) else { return nil }
                parts.append(f)
            }
            return "(" + parts.joined(separator: ") OR (") + ")"
        }
    }

    private func condition(_ q: SearchQuery) throws -> SearchPlan.Condition {
        if let match = try fts(q) {
            return .init(sql: "a.row IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)", arguments: [match])
        }
        switch q {
        case .filter(let filter, let column):
            return try condition(filter, column: column)
        case .exclude(let inner):
            let c = try condition(inner)
            return .init(sql: "NOT (\(c.sql))", arguments: c.arguments, probeSQL: "NOT (\(c.probeSQL))", probeArguments: c.probeArguments)
        case .all(let items), .any(let items):
            let parts = try items.map { try condition($0) }
            var isAll = false
            if case .all = q { isAll = true }
            var args = StatementArguments(), probeArgs = StatementArguments()
            for p in parts { args += p.arguments; probeArgs += p.probeArguments }
            let joint = isAll ? " AND " : " OR "
            return .init(sql: "(" + parts.map(\.sql).joined(separator: joint) + ")", arguments: args,
                         probeSQL: "(" + parts.map(\.probeSQL).joined(separator: joint) + ")", probeArguments: probeArgs)
        case .word, .phrase, .prefix:
            preconditionFailure("words always compile to FTS5")
        }
    }

    private func condition(_ filter: SearchFilter, column: Int) throws -> SearchPlan.Condition {
        switch filter {
        case .entity(let name):
            let id = try resolveEntity(name, column)
            let match = EntityTerms.match(id)
            // A walk along the date index tests each article's own mentions (an FTS5 query per
            // article cost 20-30 ms for 50 hits on 100k; the whole set of a common entity, 10).
            return .init(sql: "a.row IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)", arguments: [match],
                         probeSQL: "EXISTS (SELECT 1 FROM article_mentions m WHERE m.article = a.row AND qari_names(m.data, ?))",
                         probeArguments: [id])
        case .entityType(let type):
            return .init(sql: "(a.types & ?) != 0", arguments: [IndexSchema.typeBit(type)])
        case .language(let language):
            return .init(sql: "a.lang = ?", arguments: [language.rawValue])
        case .source(let source):
            let pattern = "%" + source.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            return .init(sql: "(a.source LIKE ? ESCAPE '\\' OR a.publisher LIKE ? ESCAPE '\\')", arguments: [pattern, pattern])
        case .dates(let interval):
            var parts: [String] = []
            var args = StatementArguments()
            if let from = interval.from { parts.append("a.date >= ?"); args += [from] }
            if let until = interval.until { parts.append("a.date < ?"); args += [until] }
            return .init(sql: "(a.date IS NOT NULL AND " + (parts.isEmpty ? "1" : parts.joined(separator: " AND ")) + ")", arguments: args)
        }
    }
}

/// Picks the part of an article that best shows why it matched.
enum SnippetMaker {
    static let wordsBefore = 8
    static let wordsAfter = 22

    /// The snippet of an article whose paragraphs `paragraphs` gives one at a time (nil after
    /// the last): read only as far as needed.
    static func snippet(title: String, paragraphs next: () throws -> String?, highlighter: SearchHighlighter) rethrows -> Snippet {
        let (keys, prefixes) = (highlighter.keys, highlighter.prefixes)
        func matches(_ key: String) -> Bool { highlighter.matches(key) }
        var paragraphs: [String] = []
        var best: (paragraph: Int, words: [(range: Range<Int>, key: String)], first: Int, score: Int)?
        if !keys.isEmpty || !prefixes.isEmpty {
            while let text = try next() {
                let i = paragraphs.count
                paragraphs.append(text)
                let words = SearchText.words(in: text)
                var distinct = Set<String>()
                var count = 0
                var first = -1
                for (w, word) in words.enumerated() where matches(word.key) {
                    if first < 0 { first = w }
                    distinct.insert(word.key)
                    count += 1
                }
                guard first >= 0 else { continue }
                let score = distinct.count * 100 + count
                if best == nil || score > best!.score { best = (i, words, first, score) }
                // The first paragraph naming every word searched for will do: reading on for a denser
                // one cost more than the ranking for common words.
                if distinct.count >= keys.count + prefixes.count { break }
            }
        }
        if best == nil {
            var first = paragraphs.first(where: { !$0.isEmpty })
            while first == nil, let text = try next() { if !text.isEmpty { first = text } }
            if let first { return cut(first, words: SearchText.words(in: first), around: 0, matches: { _ in false }) }
        }
        guard let chosen = best else { return Snippet(text: "", highlights: []) }
        return cut(paragraphs[chosen.paragraph], words: chosen.words, around: chosen.first, matches: matches)
    }

    private static func cut(_ text: String, words: [(range: Range<Int>, key: String)], around index: Int,
                            matches: (String) -> Bool) -> Snippet {
        let scalars = Array(text.unicodeScalars)
        guard !words.isEmpty else {
            return Snippet(text: String(String.UnicodeScalarView(scalars.prefix(200))), highlights: [])
        }
        let firstWord = max(0, index - wordsBefore)
        let lastWord = min(words.count - 1, index + wordsAfter)
        let start = firstWord == 0 ? 0 : words[firstWord].range.lowerBound
        var end = lastWord == words.count - 1 ? scalars.count : words[lastWord].range.upperBound
        if lastWord == words.count - 1 { end = scalars.count }
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var shift = -start
        if firstWord > 0 {
            text = "…" + text
            shift += 1
        }
        if end < scalars.count { text += "…" }
        var highlights: [Range<Int>] = []
        for w in firstWord...lastWord where matches(words[w].key) {
            highlights.append((words[w].range.lowerBound + shift)..<(words[w].range.upperBound + shift))
        }
        return Snippet(text: text, highlights: highlights)
    }
}
