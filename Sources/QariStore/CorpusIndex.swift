import Foundation
import GRDB
import QariCore

/// A persistent index of a corpus: articles, paragraphs, entities, mentions and relations in
/// SQLite, with an FTS5 table for search. One database per corpus root, in the XDG cache.
///
/// Opening is cheap (no file is read); `refresh` brings the index up to date with the files,
/// parsing only those that changed. The article list reads its rows a window at a time
/// (`articleCount`, `rows(_:order:)`, `article(id:)`), so memory does not grow with the corpus.
///
/// A damaged index, or one from another version of qari, is replaced with a notice; a cache
/// folder that cannot be written gives an in-memory index with a notice. Notices are in
/// `notices` for the caller to show.
///
/// On disk the database is in WAL mode behind a pool of connections, so that a browser can read
/// rows on one thread while `refresh` runs on another: readers see what the refresh has
/// committed so far (it commits every couple of seconds). In memory, calls are serialised.
public final class CorpusIndex: @unchecked Sendable {
    /// The files and folders the index covers, as given.
    public let paths: [String]
    /// The database file, or nil when the index is in memory.
    public private(set) var databaseFile: URL?
    /// Things the user should be told (rebuilt index, in-memory fallback), oldest first.
    public private(set) var notices: [IndexNotice] = []

    var database: any DatabaseWriter
    /// Searches over at least this many articles rank parts of the table side by side.
    var searchSplitThreshold = 20_000
    /// A search made of filters alone first walks this many articles, newest first (0: never).
    var filterWalkLimit = 4_000
    private let makeMatcher: () throws -> EntityMatcher
    private var cachedMatcher: EntityMatcher?
    private let matcherLock = NSLock()
    let loader: CorpusLoader

    /// Opens (or creates) the index for `paths`.
    ///
    /// - Parameters:
    ///   - storage: `.cache(directory: nil)` for the XDG cache folder; `.memory` for `--no-index`.
    ///   - matcher: builds the entity matcher when first needed (refresh, `entity:` searches);
    ///     by default the bundled knowledge base. Not called just to read rows.
    public init(paths: [String], storage: IndexStorage = .cache(directory: nil), loader: CorpusLoader = CorpusLoader(),
                matcher: @escaping () throws -> EntityMatcher = { EntityMatcher(knowledgeBase: try KnowledgeBase.bundled()) }) throws {
        self.paths = paths
        self.makeMatcher = matcher
        self.loader = loader
        switch storage {
        case .memory:
            database = try CorpusIndex.memoryDatabase()
        case .cache(let directory):
            let folder = directory ?? IndexStorage.defaultCacheDirectory()
            let file = IndexStorage.databaseFile(forRoots: paths, in: folder)
            var opened: DatabasePool?
            var notes: [IndexNotice] = []
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                guard access(folder.path, W_OK) == 0 else { throw CocoaError(.fileWriteNoPermission) }
                opened = try CorpusIndex.openFile(file, notices: &notes)
            } catch let error as DatabaseError {
                notes.append(.inMemory(reason: "cannot use the index \(file.path) (\(error.message ?? "\(error.resultCode)"))"))
            } catch {
                notes.append(.inMemory(reason: "cannot write the cache folder \(folder.path) (\(CorpusIndex.reason(error, creating: folder)))"))
            }
            if let opened {
                database = opened
                databaseFile = file
            } else {
                database = try CorpusIndex.memoryDatabase()
            }
            notices = notes
        }
    }

    /// The entity matcher, built on first use.
    public func matcher() throws -> EntityMatcher {
        matcherLock.lock()
        defer { matcherLock.unlock() }
        if let cachedMatcher { return cachedMatcher }
        let m = try makeMatcher()
        cachedMatcher = m
        return m
    }

    // MARK: Opening

    private static var configuration: Configuration {
        var config = Configuration()
        config.label = "qari-index"
        config.prepareDatabase { db in
            // 16 KB pages for a new file (an existing one keeps its own; this must come before
            // WAL mode is set, which GRDB does after this). A build writes every page twice
            // (the write-ahead log, then the checkpoint), and with a quarter of the pages it
            // made a quarter of the system calls: on 100k files the kernel time of a cold build
            // went from 3.3-3.6 s to 2.4-2.6 s, the file from 820 MB to 787 MB (less slack
            // after the article bodies, most of them larger than 4 KB), and the ten bench
            // queries were no slower.
            try db.execute(sql: "PRAGMA page_size = 16384")
            // The index is a cache: a power cut may damage it, and a damaged index is rebuilt.
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY")
            try KeyTokenizer.register(db)
            db.add(function: MentionBlob.namesFunction)
        }
        return config
    }

    private static func memoryDatabase() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: configuration)
        try queue.write { try IndexSchema.create($0) }
        return queue
    }

    /// Opens the file and checks it is an index of this format; replaces it when it is not.
    private static func openFile(_ file: URL, notices: inout [IndexNotice]) throws -> DatabasePool {
        do {
            let queue = try DatabasePool(path: file.path, configuration: configuration)
            let tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if tables.isEmpty {
                try queue.write { try IndexSchema.create($0) }
                return queue
            }
            let format = try queue.read { db -> String? in
                guard tables.contains("meta") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
            }
            if format == IndexSchema.format {
                // A cheap look at the tables this format needs: a file cut short fails here.
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") }
                // A value found damaged by an earlier run (`markDamaged`): the file is sound as
                // SQLite sees it, so only that mark tells.
                let damaged = try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'damaged'") }
                guard let damaged else { return queue }
                notices.append(.rebuiltDamaged(path: file.path, reason: damaged))
            } else {
                notices.append(.rebuiltOtherVersion(path: file.path, found: format ?? "unknown"))
            }
            try queue.close()
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_ERROR].contains(error.resultCode) {
            notices.append(.rebuiltDamaged(path: file.path, reason: error.resultCode == .SQLITE_NOTADB
                                           ? "not a database" : (error.message ?? "unreadable")))
        }
        try removeDatabaseFiles(file)
        let queue = try DatabasePool(path: file.path, configuration: configuration)
        try queue.write { try IndexSchema.create($0) }
        return queue
    }

    static func removeDatabaseFiles(_ file: URL) throws {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let path = file.path + suffix
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        }
    }

    private static func reason(_ error: Error, creating folder: URL) -> String {
        // Foundation's message for a failed mkdir is unhelpful; say what is in the way.
        var ancestor = folder
        while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path) {
            ancestor.deleteLastPathComponent()
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder), !isFolder.boolValue {
            return "\(ancestor.path) is a file, not a folder"
        }
        if access(ancestor.path, W_OK) != 0 { return "permission denied" }
        if let cocoa = error as? CocoaError, cocoa.code == .fileWriteNoPermission { return "permission denied" }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }

    /// Notes, when `error` says a value of the index is damaged (a blob that cannot be read),
    /// that the index must be built again: the next time it is opened, it is. True when it did.
    @discardableResult
    public func markDamaged(ifCorrupt error: Error) -> Bool {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_CORRUPT else { return false }
        let reason = error.message ?? "corrupt"
        return (try? database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('damaged', ?)", arguments: [reason])
        }) != nil
    }

    /// Starts again with empty tables (the knowledge base changed, or the file was damaged).
    func resetContents(notice: IndexNotice) throws {
        notices.append(notice)
        if let file = databaseFile {
            try? (database as? DatabasePool)?.close()
            database = try DatabaseQueue(configuration: CorpusIndex.configuration)   // release the file
            try CorpusIndex.removeDatabaseFiles(file)
            database = try DatabasePool(path: file.path, configuration: CorpusIndex.configuration)
            try database.write { try IndexSchema.create($0) }
        } else {
            database = try CorpusIndex.memoryDatabase()
        }
    }

    // MARK: Reading rows

    private static let summaryColumns = """
        row, id, file, title, source, publisher, author, date, lang, first_line, last_line, words, is_promo
        """

    private static func summary(_ r: Row) -> ArticleSummary {
        ArticleSummary(row: r[0], id: r[1], file: r[2], title: r[3], source: r[4], publisher: r[5], author: r[6],
                       date: r[7], lang: Language(rawValue: r[8]) ?? .en, firstLine: r[9], lastLine: r[10],
                       words: r[11], isPromo: r[12])
    }

    /// How many articles the index holds.
    public func articleCount() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM articles") ?? 0 }
    }

    /// The rows at positions `range` of the list in `order` (a window of the article list).
    public func rows(_ range: Range<Int>, order: ArticleOrder = .corpus) throws -> [ArticleSummary] {
        guard !range.isEmpty else { return [] }
        return try database.read { db in
            // The inner query skips the offset over index entries only; rows are read for the window alone.
            try Row.fetchAll(db, sql: """
                SELECT \(CorpusIndex.summaryColumns) FROM articles
                WHERE row IN (SELECT row FROM articles ORDER BY \(order.sql) LIMIT ? OFFSET ?)
                ORDER BY \(order.sql)
                """, arguments: [range.count, range.lowerBound]).map(CorpusIndex.summary)
        }
    }

    /// The list row of one article.
    public func summary(row: Int64) throws -> ArticleSummary? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(CorpusIndex.summaryColumns) FROM articles WHERE row = ?", arguments: [row])
                .map(CorpusIndex.summary)
        }
    }

    func summaries(rows: [Int64], db: Database) throws -> [Int64: ArticleSummary] {
        try summaries(rows: rows, entityCounts: false, db: db).mapValues(\.summary)
    }

    /// Summaries of the articles at `rows`, and with `entityCounts` the number of distinct
    /// entities each names in its title and body (0 without).
    func summaries(rows: [Int64], entityCounts: Bool, db: Database) throws -> [Int64: (summary: ArticleSummary, entities: Int)] {
        guard !rows.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: rows.count).joined(separator: ",")
        var result: [Int64: (summary: ArticleSummary, entities: Int)] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT \(CorpusIndex.summaryColumns)\(entityCounts ? ", entities" : "") FROM articles WHERE row IN (\(marks))",
                                  arguments: StatementArguments(rows)) {
            let s = CorpusIndex.summary(r)
            result[s.row] = (s, entityCounts ? r[13] : 0)
        }
        return result
    }

    /// The whole article with this id (the first, if two files hold the same text), or nil.
    public func article(id: String) throws -> Article? {
        try database.read { db in
            guard let row = try Int64.fetchOne(db, sql: "SELECT row FROM articles WHERE id = ? ORDER BY file, position LIMIT 1",
                                               arguments: [id]) else { return nil }
            return try CorpusIndex.article(row: row, db: db)
        }
    }

    /// What an article id or the start of one names.
    public enum ArticleLookup: Sendable {
        case found(Article)
        /// Several articles have ids starting with the text given.
        case ambiguous(count: Int)
        case none
    }

    /// The article with this id, or else the one article whose id starts with `prefix` (as
    /// `qari show` accepts ids).
    public func article(idOrPrefix prefix: String) throws -> ArticleLookup {
        try database.read { db in
            let rows = try Int64.fetchAll(db, sql: """
                SELECT row FROM articles WHERE id = ?1 ORDER BY file, position LIMIT 1
                """, arguments: [prefix])
            if let row = rows.first, let article = try CorpusIndex.article(row: row, db: db) { return .found(article) }
            // A range of the id index: every id starting with the prefix sorts between these two.
            let starting = try Int64.fetchAll(db, sql: """
                SELECT row FROM articles WHERE id >= ?1 AND id < ?2 AND substr(id, 1, length(?1)) = ?1 ORDER BY file, position LIMIT 2
                """, arguments: [prefix, prefix + "\u{10FFFF}"])
            if starting.count == 1, let article = try CorpusIndex.article(row: starting[0], db: db) { return .found(article) }
            if starting.count > 1 {
                let n = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM articles WHERE id >= ?1 AND id < ?2 AND substr(id, 1, length(?1)) = ?1
                    """, arguments: [prefix, prefix + "\u{10FFFF}"]) ?? starting.count
                return .ambiguous(count: n)
            }
            return .none
        }
    }

    /// The row of the article with this id (the first, if two files hold the same text), or nil.
    public func rowOfArticle(id: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT row FROM articles WHERE id = ? ORDER BY file, position LIMIT 1", arguments: [id])
        }
    }

    /// The whole article at an index row, or nil.
    public func article(row: Int64) throws -> Article? {
        try database.read { try CorpusIndex.article(row: row, db: $0) }
    }

    /// Ids of the articles whose id starts with `prefix` (at most `limit`), for short ids typed by a user.
    public func articleIDs(withPrefix prefix: String, limit: Int = 10) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                                arguments: [prefix, prefix + "\u{10FFFF}", limit])
        }
    }

    static func article(row: Int64, db: Database) throws -> Article? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT id, file, title, source, publisher, author, date, lang, first_line, last_line,
                   block_first_line, block_last_line, is_promo FROM articles WHERE row = ?
            """, arguments: [row]) else { return nil }
        let (paragraphs, boilerplate) = try storedBody(row: row, db: db)
        return Article(id: r[0], file: r[1], title: r[2], source: r[3], publisher: r[4], author: r[5], date: r[6],
                       lang: Language(rawValue: r[7]) ?? .en, firstLine: r[8], lastLine: r[9],
                       blockFirstLine: r[10], blockLastLine: r[11], paragraphs: paragraphs,
                       boilerplate: boilerplate, isPromo: r[12])
    }

    /// The paragraphs and boilerplate lines stored for an article row (none for a row without them).
    static func storedBody(row: Int64, db: Database) throws -> (paragraphs: [Paragraph], boilerplate: [BoilerplateLine]) {
        guard let data = try storedBodyBytes(row: row, db: db) else { return ([], []) }
        guard let body = BodyBlob.decode(data) else { throw damagedBody(row) }
        return body
    }

    /// The texts of an article row's paragraphs, in order.
    static func storedParagraphTexts(row: Int64, db: Database) throws -> [String] {
        guard let data = try storedBodyBytes(row: row, db: db) else { return [] }
        guard let texts = BodyBlob.paragraphTexts(data) else { throw damagedBody(row) }
        return texts
    }

    private static func storedBodyBytes(row: Int64, db: Database) throws -> [UInt8]? {
        let statement = try db.cachedStatement(sql: "SELECT data FROM article_bodies WHERE article = ?")
        return try Data.fetchOne(statement, arguments: [row]).map { [UInt8]($0) }
    }

    private static func damagedBody(_ row: Int64) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the paragraphs of article row \(row) cannot be read")
    }

    // MARK: Entities

    /// The entity mentions of one article, in order (title, paragraphs, boilerplate as stored).
    public func mentions(inArticle row: Int64) throws -> [IndexedMention] {
        try database.read { db in try CorpusIndex.storedMentions(row: row, db: db) }
    }

    /// The stored mentions of the article at `row` that `keep` picks by entity id and part code
    /// (-1 title, n paragraph n), in order.
    /// - Throws: a `DatabaseError` (SQLITE_CORRUPT) when the stored value cannot be read.
    static func storedMentions(row: Int64, db: Database, keep: (String, Int) -> Bool = { _, _ in true }) throws -> [IndexedMention] {
        let statement = try db.cachedStatement(sql: "SELECT data FROM article_mentions WHERE article = ?")
        guard let data = try Data.fetchOne(statement, arguments: [row]) else { return [] }
        guard let mentions = MentionBlob.decode([UInt8](data), keep: keep) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "the mentions of article row \(row) cannot be read")
        }
        return mentions
    }

    /// Rows of the articles that name an entity, in corpus order.
    public func articles(naming entityID: String) throws -> [Int64] {
        try database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT a.row FROM articles a WHERE a.row IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)
                ORDER BY a.file, a.position
                """, arguments: [EntityTerms.match(entityID)])
        }
    }

    /// Relations stated in the corpus's text that involve the entity, every statement with its
    /// evidence. Reads every statement (`relations` has no index by entity: an entity page
    /// reads `textLinks`).
    public func textRelations(of entityID: String) throws -> [IndexedRelation] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.subject, r.kind, r.object, a.id, r.line, r.evidence, r.confidence
                FROM relations r JOIN articles a ON a.row = (r.key >> 16)
                WHERE r.subject = ? OR r.object = ? ORDER BY a.file, a.position, r.key
                """, arguments: [entityID, entityID]).compactMap { r in
                guard let kind = RelationKind(rawValue: r[1]) else { return nil }
                return IndexedRelation(subject: r[0], kind: kind, object: r[2], articleID: r[3], line: r[4],
                                       evidence: r[5], confidence: r[6])
            }
        }
    }

    /// Row counts and the size of the database file.
    public func statistics() throws -> IndexStatistics {
        let bytes = databaseFile.map { file in
            ["", "-wal"].reduce(Int64(0)) { total, suffix in
                total + ((try? FileManager.default.attributesOfItem(atPath: file.path + suffix)[.size] as? NSNumber)?.int64Value ?? 0)
            }
        } ?? 0
        return try database.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return IndexStatistics(files: try count("files"), articles: try count("articles"), paragraphs: try Int.fetchOne(db, sql: "SELECT total(paragraphs) FROM articles").map { Int($0) } ?? 0,
                                   mentions: try Int.fetchOne(db, sql: "SELECT total(mentions) FROM articles").map { Int($0) } ?? 0,
                                   entities: try count("entities"),
                                   relations: try count("relations"), databaseBytes: bytes)
        }
    }
}
