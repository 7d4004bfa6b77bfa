import Foundation
import GRDB
import QariCore
#if canImport(Glibc)
import Glibc
#endif

/// A file as the index last saw it.
struct IndexedFile: Sendable {
    var id: Int64
    var size: Int64
    var mtime: Int64
    var hash: UInt64
}

/// A file found on disk that must be read.
struct FileToRead: Sendable {
    var absolute: String
    var display: String
    var size: Int64
    var mtime: Int64
    var indexed: IndexedFile?
}

/// An article taken apart on a worker thread, ready to be written.
struct PreparedArticle {
    var article: Article
    /// The title's and paragraphs' search keys as UTF-8 (`SearchText.indexFormBytes`).
    var titleKeys: [UInt8]
    var bodyKeys: [UInt8]
    var mentions: [IndexedMention]
    /// `mentions` as stored (`MentionBlob`), encoded on the worker rather than by the writer.
    var storedMentions: [UInt8]
    /// The paragraphs and boilerplate as stored (`BodyBlob`), encoded on the worker too.
    var storedBody: [UInt8]
    var words: Int
    /// Title and body mentions by entity (boilerplate, such as lists of related articles, is
    /// kept but not counted), as the browser's lists count them, in the order first named.
    var perEntity: [(entity: String, mentions: Int)]
    /// `perEntity` as `entity_fts` indexes it (`EntityTerms.bytes`), UTF-8.
    var entityText: [UInt8]
    /// `IndexSchema.typeBit`s of the entities named in the title and body.
    var types: Int64
    /// The relations its paragraphs state, when found while reading (else left for the second stage).
    var relations: [IndexedRelation]?

    init(article: Article, matcher: EntityMatcher, relations: Bool) {
        self.article = article
        titleKeys = SearchText.indexFormBytes(article.title)
        bodyKeys = IndexWriter.bodyKeys(article.paragraphs.lazy.map(\.text))
        let scanned = ArticleEntityScanner.scan(article, matcher: matcher, keepingParagraphs: relations)
        mentions = scanned.mentions
        (storedMentions, perEntity) = MentionBlob.encodeCounting(mentions)
        storedBody = BodyBlob.encode(paragraphs: article.paragraphs, boilerplate: article.boilerplate)
        entityText = EntityTerms.bytes(perEntity)
        words = article.wordCount
        var types: Int64 = 0
        for (id, _) in perEntity {
            if let type = matcher.entityType(id: id) { types |= IndexSchema.typeBit(type) }
        }
        self.types = types
        if relations {
            self.relations = ArticleEntityScanner.relations(articleID: article.id, paragraphs: article.paragraphs,
                                                            paragraphMentions: scanned.paragraphs, matcher: matcher)
        }
    }
}

/// What a worker made of one file.
enum PreparedFile {
    case unreadable(FileToRead, LoadProblem)
    /// Time or size changed, bytes did not.
    case sameContent(FileToRead, size: Int64)
    case parsed(FileToRead, SourceText, [PreparedArticle])
}

extension CorpusIndex {
    /// Brings the index up to date with the files under `paths`: `updateArticles`, then
    /// `extractRelations`.
    ///
    /// - Parameter progress: called on the calling thread about ten times a second, and once at
    ///   the end of each stage with `isFinished` set.
    /// - Throws: `CorpusError.missingPath` for a path that does not exist; `IndexError` when the
    ///   database cannot be written.
    @discardableResult
    public func refresh(progress: ((IndexProgress) -> Void)? = nil) throws -> IndexRefreshSummary {
        // Relations of the files read now are found while reading them (the articles are in
        // memory then); the second stage takes what an earlier, articles-only update left.
        var summary = try updateArticles(progress: progress, relations: true)
        let relations = try extractRelations(progress: progress)
        summary.relationArticles += relations.articles
        summary.relationsFound += relations.relations
        summary.relationSeconds = relations.seconds
        summary.seconds += relations.seconds
        return summary
    }

    /// The first stage of a refresh: new and changed files are parsed (a file is opened only when
    /// its size or modification time changed, and parsed only when its content hash changed too)
    /// and files gone from disk leave the index. Afterwards every article can be listed, read and
    /// searched, by words and by entity; relations stated in new articles are still pending,
    /// unless `relations` asks for them to be found as the files are read.
    @discardableResult
    public func updateArticles(progress: ((IndexProgress) -> Void)? = nil, relations: Bool = false) throws -> IndexRefreshSummary {
        try recoveringFromDamage { try updateArticlesOnce(progress: progress, relations: relations) }
    }

    /// The second stage of a refresh: relations stated in the paragraphs of articles added since
    /// the last time. Slow next to the first stage (the extractor runs dozens of patterns over
    /// every paragraph), so a browser can show the corpus before it ends.
    @discardableResult
    public func extractRelations(progress: ((IndexProgress) -> Void)? = nil) throws -> (articles: Int, relations: Int, seconds: Double) {
        try recoveringFromDamage { try extractRelationsOnce(progress: progress) }
    }

    /// A damaged database found while writing is replaced (with a notice) and the work done again.
    private func recoveringFromDamage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            try resetContents(notice: .rebuiltDamaged(path: databaseFile?.path ?? "in memory", reason: error.message ?? "corrupt"))
            do {
                return try body()
            } catch let error as DatabaseError {
                throw IndexError.database(path: databaseFile?.path ?? "in memory", message: error.message ?? "\(error.resultCode)")
            }
        } catch let error as DatabaseError {
            throw IndexError.database(path: databaseFile?.path ?? "in memory", message: error.message ?? "\(error.resultCode)")
        }
    }

    private func updateArticlesOnce(progress: ((IndexProgress) -> Void)?, relations: Bool) throws -> IndexRefreshSummary {
        let started = CorpusIndex.now()
        var summary = IndexRefreshSummary()
        let matcher = try self.matcher()
        try checkKnowledgeBase(matcher)

        let (entries, discoveryProblems) = try loader.discover(paths)
        summary.problems = discoveryProblems
        summary.filesFound = entries.count
        let indexed = try database.read { db -> [String: IndexedFile] in
            var files: [String: IndexedFile] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT path, id, size, mtime, hash FROM files") {
                files[r[0]] = IndexedFile(id: r[1], size: r[2], mtime: r[3], hash: UInt64(bitPattern: r[4]))
            }
            return files
        }

        var toRead: [FileToRead] = []
        var seen = Set<String>()
        let cwd = FileManager.default.currentDirectoryPath
        var unique: [(absolute: String, display: String)] = []
        unique.reserveCapacity(entries.count)
        for entry in entries {
            let absolute = entry.absolute.hasPrefix("/") ? entry.absolute : (cwd + "/" + entry.absolute)
            if seen.insert(absolute).inserted { unique.append((absolute, entry.display)) }
        }
        let stats = CorpusIndex.sizesAndTimes(unique.map(\.absolute))
        for (k, file) in unique.enumerated() {
            let known = indexed[file.absolute]
            if let (size, mtime) = stats[k] {
                if let known, known.size == size, known.mtime == mtime {
                    summary.filesUnchanged += 1
                    continue
                }
                toRead.append(FileToRead(absolute: file.absolute, display: file.display, size: size, mtime: mtime, indexed: known))
            } else {
                toRead.append(FileToRead(absolute: file.absolute, display: file.display, size: 0, mtime: 0, indexed: known))
            }
        }
        let gone = indexed.filter { !seen.contains($0.key) }.map(\.value.id)

        var state = IndexProgress(stage: .reading, filesDone: 0, filesTotal: toRead.count, bytesDone: 0,
                                  bytesTotal: toRead.reduce(0) { $0 + $1.size }, articles: 0)
        let loader = self.loader
        // The writing thread parses too whenever the next file's result is not ready, with one
        // worker fewer than the cores: on 2 cores a 100k build kept 1.80 cores busy instead of
        // 1.65 with two workers and a writer that waited (3 interleaved runs each). The window
        // lets the worker run ahead through the writer's slow stretches (FTS5 writing out its
        // terms, commits): with 512 files the worker waited 1.7 s for room in one build. Windows
        // of 1024, 2048 and 4096 kept 1.79, 1.81 and 1.80 cores busy, with a peak RSS of 183,
        // 199 and 202 MB: 1024 keeps a browser that indexes in the background further from its
        // 200 MB budget.
        let pipeline = OrderedPipeline<PreparedFile>(count: toRead.count, workers: CorpusIndex.pipelineWorkers, window: 1024) { i in
            CorpusIndex.prepare(toRead[i], loader: loader, matcher: matcher, relations: relations)
        }
        defer { pipeline.cancel() }

        try database.writeWithoutTransaction { db in
            let cpu = MonotonicClock.threadCPUSeconds()
            defer { summary.writerCPUSeconds = MonotonicClock.threadCPUSeconds() - cpu }
            // The title, id and source indexes take rows anywhere (when they are kept while
            // writing): with SQLite's 2 MB page cache a large corpus re-reads and re-writes pages
            // all along (100k files: 45 s, 19 s of it in the kernel). A 64 MB cache for the
            // writer keeps them.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            try db.beginTransaction()
            // Into an empty index, rows go in without the secondary indexes and without merging
            // the full-text segments, both left for the end. A build interrupted before then
            // left them so: they are made and merging is back on now.
            let bulk = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM articles)") ?? false
            if bulk {
                try IndexSchema.dropSecondaryIndexes(db)
                try IndexSchema.setFullTextMerging(db, bulk: true)
            } else if try !IndexSchema.hasSecondaryIndexes(db) {
                try IndexSchema.createSecondaryIndexes(db)
                try IndexSchema.setFullTextMerging(db, bulk: false)
            }
            var writer = try IndexWriter(db: db, matcher: matcher)
            for id in gone {
                summary.articlesRemoved += try writer.removeArticles(ofFile: id)
                try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [id])
                summary.filesRemoved += 1
            }
            var pacer = RefreshPacer(started: started)
            summary.startSeconds = CorpusIndex.now() - started
            while let prepared = pipeline.next() {
                switch prepared {
                case .unreadable(let file, let problem):
                    summary.problems.append(problem)
                    if let known = file.indexed {
                        summary.articlesRemoved += try writer.removeArticles(ofFile: known.id)
                        try db.execute(sql: "DELETE FROM files WHERE id = ?", arguments: [known.id])
                        summary.filesRemoved += 1
                    }
                case .sameContent(let file, let size):
                    try db.execute(sql: "UPDATE files SET size = ?, mtime = ? WHERE id = ?",
                                   arguments: [size, file.mtime, file.indexed!.id])
                    summary.filesSameContent += 1
                    summary.bytesRead += size
                case .parsed(let file, let source, let articles):
                    if let known = file.indexed {
                        summary.articlesRemoved += try writer.removeArticles(ofFile: known.id)
                    }
                    try writer.insert(file: file, source: source, articles: articles)
                    if relations {
                        summary.relationArticles += articles.count
                        summary.relationsFound += articles.reduce(0) { $0 + ($1.relations?.count ?? 0) }
                    }
                    summary.filesParsed += 1
                    summary.articlesAdded += articles.count
                    summary.bytesRead += Int64(source.byteCount)
                    state.articles += articles.count
                }
                state.filesDone += 1
                state.bytesDone += file(of: prepared).size
                // Freed by the thread that parsed it.
                pipeline.recycle(consume prepared)
                try pacer.tick(db, state: &state, progress: progress) { try writer.links.flush() }
            }
            try writer.links.flush()
            (summary.workersBlockedSeconds, summary.writerWaitedSeconds) = pipeline.waits
            (summary.writerHelpedFiles, summary.writerHelpedCPUSeconds) = pipeline.help
            let lastWritten = CorpusIndex.now()
            if bulk {
                try IndexSchema.createSecondaryIndexes(db)
                try IndexSchema.setFullTextMerging(db, bulk: false)
            }
            try db.commit()
            // Fold the write-ahead log into the database so that it does not keep the disk space.
            if databaseFile != nil { _ = try? db.checkpoint(.truncate) }
            summary.finishSeconds = CorpusIndex.now() - lastWritten
        }
        summary.warnings = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT display, replaced FROM files WHERE replaced > 0 ORDER BY display").map { r in
                let n: Int = r[1]
                return LoadProblem(path: r[0], reason: "\(n) invalid UTF-8 sequence\(n == 1 ? "" : "s") replaced with U+FFFD")
            }
        }
        summary.seconds = CorpusIndex.now() - started
        state.elapsed = summary.seconds
        state.isFinished = true
        state.bytesDone = state.bytesTotal
        progress?(state)
        return summary
    }

    /// Worker threads of a refresh's pipelines: one fewer than the cores (the writing thread
    /// works too, `OrderedPipeline`), at least one and at most three.
    static var pipelineWorkers: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount) - 1) }

    /// Each file's size and modification time (nanoseconds since 1970), or nil where stat fails.
    /// On all cores, in slices: before the first file is read this runs on one thread otherwise,
    /// and a 100k corpus's stat calls took 0.15-0.4 s of it.
    static func sizesAndTimes(_ paths: [String]) -> [(size: Int64, mtime: Int64)?] {
        var results = [(size: Int64, mtime: Int64)?](repeating: nil, count: paths.count)
        let slices = paths.count < 1024 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let per = (paths.count + slices - 1) / slices
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: slices) { s in
                for k in (s * per)..<min(paths.count, (s + 1) * per) {
                    var st = stat()
                    guard stat(paths[k], &st) == 0 else { continue }
                    out[k] = (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
                }
            }
        }
        return results
    }

    private func file(of prepared: PreparedFile) -> FileToRead {
        switch prepared {
        case .unreadable(let f, _), .sameContent(let f, _), .parsed(let f, _, _): return f
        }
    }

    private func extractRelationsOnce(progress: ((IndexProgress) -> Void)?) throws -> (articles: Int, relations: Int, seconds: Double) {
        let started = CorpusIndex.now()
        let pending = try database.read { db in
            try Int64.fetchAll(db, sql: "SELECT article FROM pending_relations ORDER BY article")
        }
        guard !pending.isEmpty else { return (0, 0, 0) }
        let matcher = try self.matcher()
        // Rules read the types of discovered names too ("Abu Amr was expelled from ..."), which a
        // matcher knows only from the texts it has read: this process may have read none of them.
        let discovered = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, type, name FROM entities WHERE discovered = 1").compactMap { r -> Entity? in
                guard let type = EntityType(rawValue: r[1]) else { return nil }
                return Entity(id: r[0], type: type, name: r[2], discovered: true)
            }
        }
        matcher.remember(discovered: discovered)
        var state = IndexProgress(stage: .relations, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, articles: 0,
                                  relationArticlesDone: 0, relationArticlesTotal: pending.count)
        var found = 0
        try database.writeWithoutTransaction { db in
            try db.beginTransaction()
            var pacer = RefreshPacer(started: started)
            let insertRelation = try db.cachedStatement(sql: """
                INSERT INTO relations(key, subject, kind, object, line, evidence, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let done = try db.cachedStatement(sql: "DELETE FROM pending_relations WHERE article = ?")
            let links = try RelationLinks(db: db)
            // A chunk's inputs are read on this connection, then taken apart on the workers.
            for chunkStart in stride(from: 0, to: pending.count, by: 256) {
                let rows = pending[chunkStart..<min(pending.count, chunkStart + 256)]
                var inputs: [(row: Int64, article: Article, mentions: [IndexedMention])] = []
                for row in rows {
                    guard let article = try CorpusIndex.article(row: row, db: db) else { continue }
                    let mentions = try CorpusIndex.storedMentions(row: row, db: db) { _, part in part >= 0 }
                    inputs.append((row, article, mentions))
                }
                // As in the first stage, this thread takes articles apart too while it would wait.
                let pipeline = OrderedPipeline<[IndexedRelation]>(count: inputs.count, workers: CorpusIndex.pipelineWorkers,
                                                                    window: inputs.count) { i in
                    ArticleEntityScanner.relations(articleID: inputs[i].article.id, paragraphs: inputs[i].article.paragraphs,
                                                   mentions: inputs[i].mentions, matcher: matcher)
                }
                for input in inputs {
                    guard let relations = pipeline.next() else { break }
                    for (i, r) in relations.enumerated() {
                        let key = IndexSchema.key(article: input.row, part: i)
                        try insertRelation.execute(arguments: [key, r.subject, r.kind.rawValue, r.object, r.line, r.evidence, r.confidence])
                        links.added(subject: r.subject, kind: r.kind.rawValue, object: r.object, key: key)
                    }
                    found += relations.count
                    state.relationArticlesDone += 1
                }
                for row in rows { try done.execute(arguments: [row]) }
                state.relationArticlesDone = min(pending.count, chunkStart + rows.count)
                try pacer.tick(db, state: &state, progress: progress) { try links.flush() }
            }
            try links.flush()
            try db.commit()
            if databaseFile != nil { _ = try? db.checkpoint(.truncate) }
        }
        let seconds = CorpusIndex.now() - started
        state.elapsed = seconds
        state.isFinished = true
        progress?(state)
        return (pending.count, found, seconds)
    }

    /// Reads, segments and analyses one file (on a worker thread).
    static func prepare(_ file: FileToRead, loader: CorpusLoader, matcher: EntityMatcher, relations: Bool) -> PreparedFile {
        switch loader.read(absolutePath: file.absolute, displayPath: file.display) {
        case .failure(let problem):
            return .unreadable(file, problem)
        case .success(var source):
            if let known = file.indexed, known.hash == source.contentHash {
                return .sameContent(file, size: Int64(source.byteCount))
            }
            let articles = loader.segmenter.articles(in: source).map { PreparedArticle(article: $0, matcher: matcher, relations: relations) }
            source.text = ""   // the articles hold what is needed; free the file's text early
            return .parsed(file, source, articles)
        }
    }

    /// The knowledge base decides the mentions: when it changes, the index starts again.
    private func checkKnowledgeBase(_ matcher: EntityMatcher) throws {
        let fingerprint = try CorpusIndex.fingerprint(matcher.knowledgeBase)
        let stored = try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'knowledge'")
        }
        if stored == fingerprint { return }
        if stored != nil { try resetContents(notice: .rebuiltForKnowledgeBase) }
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('knowledge', ?)", arguments: [fingerprint])
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('roots', ?)",
                           arguments: [paths.map(IndexStorage.absolutePath).joined(separator: "\n")])
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO entities(id, type, name, arabic, discovered) VALUES (?, ?, ?, ?, 0)
                """)
            for e in matcher.knowledgeBase.entities {
                try statement.execute(arguments: [e.id, e.type.rawValue, e.name, e.arabic])
            }
        }
    }

    static func fingerprint(_ kb: KnowledgeBase) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(kb.entities)
        let hash = data.withUnsafeBytes { StableHash.fnv1a($0.bindMemory(to: UInt8.self)) }
        return String(hash, radix: 16)
    }

    static func now() -> Double { MonotonicClock.seconds() }
}

/// Writes and removes articles inside the refresh transaction, with prepared statements.
struct IndexWriter {
    let db: Database
    let matcher: EntityMatcher
    private var knownEntities: Set<String>
    // Prepared once for the whole refresh.
    private var insertFile: RawStatement
    private var updateFile: RawStatement
    private var insertArticle: RawStatement
    private var insertBody: RawStatement
    private var insertMentions: RawStatement
    private var insertEntityText: RawStatement
    private var insertEntity: RawStatement
    private var insertPending: RawStatement
    private var insertRelation: RawStatement
    private var insertText: RawStatement
    /// `relation_links`, kept with `relations`: flushed before each commit.
    let links: RelationLinks

    init(db: Database, matcher: EntityMatcher) throws {
        self.db = db
        self.matcher = matcher
        links = try RelationLinks(db: db)
        knownEntities = Set(try String.fetchAll(db, sql: "SELECT id FROM entities"))
        func prepare(_ sql: String) throws -> RawStatement { RawStatement(try db.cachedStatement(sql: sql), db: db) }
        insertFile = try prepare("""
            INSERT INTO files(path, display, size, mtime, hash, format, replaced, articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateFile = try prepare("""
            UPDATE files SET display = ?, size = ?, mtime = ?, hash = ?, format = ?, replaced = ?, articles = ? WHERE id = ?
            """)
        insertArticle = try prepare("""
            INSERT INTO articles(id, file_id, position, file, title, source, publisher, author, date, lang,
                first_line, last_line, block_first_line, block_last_line, is_promo, words, types, entities, mentions, paragraphs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertBody = try prepare("INSERT INTO article_bodies(article, data) VALUES (?, ?)")
        insertMentions = try prepare("INSERT INTO article_mentions(article, data) VALUES (?, ?)")
        insertEntityText = try prepare("INSERT INTO entity_fts(rowid, terms) VALUES (?, ?)")
        insertEntity = try prepare("INSERT OR IGNORE INTO entities(id, type, name, arabic, discovered) VALUES (?, ?, ?, ?, ?)")
        insertPending = try prepare("INSERT INTO pending_relations(article) VALUES (?)")
        insertRelation = try prepare("""
            INSERT INTO relations(key, subject, kind, object, line, evidence, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertText = try prepare("INSERT INTO article_fts(rowid, title, body) VALUES (?, ?, ?)")
    }

    /// Paragraph keys joined as they are indexed; removal recomputes the same string.
    static func bodyKeys<S: Sequence>(_ paragraphs: S) -> [UInt8] where S.Element == String {
        SearchText.indexFormBytes(joining: paragraphs)
    }

    mutating func insert(file: FileToRead, source: SourceText, articles: [PreparedArticle]) throws {
        let fileID: Int64
        if let known = file.indexed {
            updateFile.bind(file.display)
            IndexWriter.bindFileValues(&updateFile, file: file, source: source, articles: articles.count)
            updateFile.bind(known.id)
            try updateFile.run()
            fileID = known.id
        } else {
            insertFile.bind(file.absolute)
            insertFile.bind(file.display)
            IndexWriter.bindFileValues(&insertFile, file: file, source: source, articles: articles.count)
            try insertFile.run()
            fileID = db.lastInsertedRowID
        }

        for (position, prepared) in articles.enumerated() {
            let a = prepared.article
            for v in [a.id] as [String?] { insertArticle.bind(v) }
            insertArticle.bind(fileID)
            insertArticle.bind(position)
            for v in [a.file, a.title, a.source, a.publisher, a.author, a.date, a.lang.rawValue] as [String?] { insertArticle.bind(v) }
            for v in [a.firstLine, a.lastLine, a.blockFirstLine, a.blockLastLine] { insertArticle.bind(v) }
            insertArticle.bind(a.isPromo)
            insertArticle.bind(prepared.words)
            insertArticle.bind(prepared.types)
            insertArticle.bind(prepared.perEntity.count)
            insertArticle.bind(prepared.mentions.count)
            insertArticle.bind(a.paragraphs.count)
            try insertArticle.run()
            let row = db.lastInsertedRowID
            insertBody.bind(row)
            insertBody.bind(prepared.storedBody)
            try insertBody.run()
            if !prepared.mentions.isEmpty {
                insertMentions.bind(row)
                insertMentions.bind(prepared.storedMentions)
                try insertMentions.run()
            }
            // perEntity names each entity of the stored (title and body) mentions once.
            for (entity, _) in prepared.perEntity {
                if !knownEntities.contains(entity) {
                    knownEntities.insert(entity)
                    if let e = matcher.entity(id: entity) {
                        for v in [e.id, e.type.rawValue, e.name, e.arabic] as [String?] { insertEntity.bind(v) }
                        insertEntity.bind(e.discovered)
                        try insertEntity.run()
                    }
                }
            }
            if !prepared.entityText.isEmpty {
                insertEntityText.bind(row)
                insertEntityText.bindText(prepared.entityText)
                try insertEntityText.run()
            }
            if let relations = prepared.relations {
                for (i, r) in relations.enumerated() {
                    let key = IndexSchema.key(article: row, part: i)
                    insertRelation.bind(key)
                    insertRelation.bind(r.subject)
                    insertRelation.bind(r.kind.rawValue)
                    insertRelation.bind(r.object)
                    insertRelation.bind(r.line)
                    insertRelation.bind(r.evidence)
                    insertRelation.bind(r.confidence)
                    try insertRelation.run()
                    links.added(subject: r.subject, kind: r.kind.rawValue, object: r.object, key: key)
                }
            } else {
                insertPending.bind(row)
                try insertPending.run()
            }
            insertText.bind(row)
            insertText.bindText(prepared.titleKeys)
            insertText.bindText(prepared.bodyKeys)
            try insertText.run()
        }
    }

    /// The file's size, modification time, hash, format, replaced sequences and article count.
    private static func bindFileValues(_ statement: inout RawStatement, file: FileToRead, source: SourceText, articles: Int) {
        statement.bind(Int64(source.byteCount))
        statement.bind(file.mtime)
        statement.bind(Int64(bitPattern: source.contentHash))
        statement.bind(source.format.rawValue)
        statement.bind(source.replacedSequences)
        statement.bind(articles)
    }

    /// Removes a file's articles and everything keyed by them; returns how many there were.
    mutating func removeArticles(ofFile fileID: Int64) throws -> Int {
        let rows = try Row.fetchAll(db, sql: "SELECT row, title FROM articles WHERE file_id = ?", arguments: [fileID])
        for r in rows {
            let row: Int64 = r[0]
            let title: String = r[1]
            let keys = IndexSchema.keyRange(article: row)
            // A contentless FTS5 table forgets a row only when told the exact keys it indexed.
            let body = String(decoding: IndexWriter.bodyKeys(try CorpusIndex.storedParagraphTexts(row: row, db: db)), as: UTF8.self)
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                           arguments: [row, SearchText.indexForm(title), body])
            // As contentless as article_fts: the text indexed is made again from the mentions.
            let entityText = EntityTerms.text(MentionBlob.encodeCounting(try CorpusIndex.storedMentions(row: row, db: db)).perEntity)
            if !entityText.isEmpty {
                try db.execute(sql: "INSERT INTO entity_fts(entity_fts, rowid, terms) VALUES ('delete', ?, ?)", arguments: [row, entityText])
            }
            try db.execute(sql: "DELETE FROM article_mentions WHERE article = ?", arguments: [row])
            try db.execute(sql: "DELETE FROM article_bodies WHERE article = ?", arguments: [row])
            try links.removeStatements(keys)
            try db.execute(sql: "DELETE FROM pending_relations WHERE article = ?", arguments: [row])
        }
        try db.execute(sql: "DELETE FROM articles WHERE file_id = ?", arguments: [fileID])
        return rows.count
    }
}

/// The rhythm of a long refresh: a commit every two seconds, so that an interrupted build keeps
/// what it wrote and the next refresh carries on from there, and a progress report about ten
/// times a second.
struct RefreshPacer {
    let started: Double
    private var lastReport: Double
    private var lastCommit: Double

    init(started: Double) {
        self.started = started
        lastReport = CorpusIndex.now()
        lastCommit = lastReport
    }

    /// `beforeCommit` runs before each commit (writing what was gathered in memory).
    mutating func tick(_ db: Database, state: inout IndexProgress, progress: ((IndexProgress) -> Void)?,
                       beforeCommit: () throws -> Void) throws {
        let t = CorpusIndex.now()
        if t - lastCommit > 2 {
            try beforeCommit()
            try db.commit()
            try db.beginTransaction()
            lastCommit = t
        }
        if let progress, t - lastReport >= 0.1 {
            state.elapsed = t - started
            progress(state)
            lastReport = t
        }
    }
}
