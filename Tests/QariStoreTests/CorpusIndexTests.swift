import Foundation
import GRDB
import XCTest
import QariCore
@testable import QariStore

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("seeds")
}

/// One matcher for every test: building it reads the bundled knowledge base.
let sharedMatcher: EntityMatcher = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())

/// The index against the seeds and small corpora, in temporary cache folders (never the user's).
final class CorpusIndexTests: XCTestCase {
    var folder: URL!
    var cache: URL!
    var corpus: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("qari-store-test-\(UUID().uuidString)")
        cache = folder.appendingPathComponent("cache")
        corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func copySeeds() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.seeds.path) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(at: Repo.seeds.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
        }
    }

    private func open(_ storage: IndexStorage? = nil) throws -> CorpusIndex {
        try CorpusIndex(paths: [corpus.path], storage: storage ?? .cache(directory: cache), matcher: { sharedMatcher })
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: corpus.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }

    private func ids(_ index: CorpusIndex, _ query: String) throws -> Set<String> {
        Set(try index.search(query, limit: 1000).hits.map(\.article.id))
    }

    // MARK: Round trip and windows

    func testTheIndexHoldsTheSameArticlesAsTheLoader() throws {
        try copySeeds()
        let loaded = try CorpusLoader().load([corpus.path])
        let index = try open()
        let summary = try index.refresh()
        XCTAssertEqual(summary.filesParsed, loaded.files.count)
        XCTAssertEqual(try index.articleCount(), loaded.articles.count)
        let rows = try index.rows(0..<loaded.articles.count + 10)
        XCTAssertEqual(rows.map(\.id), loaded.articles.map(\.id))
        for (row, article) in zip(rows, loaded.articles) {
            XCTAssertEqual(try index.article(row: row.row), article)
        }
        XCTAssertEqual(try index.article(id: loaded.articles[3].id), loaded.articles[3])
        XCTAssertNil(try index.article(id: "no-such-id"))

        // Mentions are the ones the in-memory analysis finds in titles and bodies.
        let analysis = CorpusAnalysis(articles: loaded.articles, matcher: sharedMatcher)
        for (i, row) in rows.enumerated() {
            let stored = try index.mentions(inArticle: row.row)
            let content = analysis.mentions[i].filter(\.isContent)
            XCTAssertEqual(stored.map(\.entityID), content.map(\.entityID))
            XCTAssertEqual(stored.map(\.line), content.map(\.line))
        }
        let hts = try XCTUnwrap(sharedMatcher.resolve("HTS")).id
        XCTAssertEqual(try index.articles(naming: hts), (analysis.articlesByEntity[hts] ?? []).map { rows[$0].row })
        let textEdges = analysis.edges.filter { $0.origin == .text && ($0.from == hts || $0.to == hts) }
        XCTAssertEqual(try index.textRelations(of: hts).count, textEdges.count)
    }

    func testRowsComeAWindowAtATimeInEachOrder() throws {
        try copySeeds()
        let index = try open()
        try index.refresh()
        let all = try index.rows(0..<1000)
        XCTAssertEqual(try index.rows(5..<12).map(\.id), Array(all[5..<12]).map(\.id))
        XCTAssertEqual(try index.rows(0..<0), [])
        let newest = try index.rows(0..<1000, order: .newestFirst)
        let dates = newest.compactMap(\.date)
        XCTAssertEqual(dates, dates.sorted(by: >))
        XCTAssertNil(newest.last?.date, "undated articles come last")
        let titles = try index.rows(0..<1000, order: .title).map { $0.title.lowercased() }
        XCTAssertEqual(titles, titles.sorted())
        XCTAssertEqual(Set(newest.map(\.id)), Set(all.map(\.id)))
    }

    func testAReopenedIndexNeedsNoParsing() throws {
        try copySeeds()
        try open().refresh()
        let again = try open()
        XCTAssertEqual(try again.articleCount(), try CorpusLoader().load([corpus.path]).articles.count)
        XCTAssertEqual(again.notices, [])
        let summary = try again.refresh()
        XCTAssertEqual(summary.filesParsed, 0)
        XCTAssertEqual(summary.filesUnchanged, 5)
    }

    func testRelationsArePendingUntilTheSecondStage() throws {
        try write("a.txt", "Fighting In Idlib\n\nSouth Front\n\nThe Turkish-backed National Front for Liberation clashed with Hay'at Tahrir al-Sham near Idlib.\n")
        let index = try open()
        let hts = try XCTUnwrap(sharedMatcher.resolve("HTS")).id
        let first = try index.updateArticles()
        XCTAssertEqual(first.articlesAdded, 1)
        XCTAssertEqual(try index.textRelations(of: hts), [])
        // Searchable by word and entity before relations are extracted.
        XCTAssertEqual(try index.search("entity:HTS idlib").hits.count, 1)
        let second = try index.extractRelations()
        XCTAssertEqual(second.articles, 1)
        XCTAssertGreaterThan(second.relations, 0)
        XCTAssertEqual(try index.statistics().relations, second.relations)
        XCTAssertTrue(try index.textRelations(of: hts).contains { $0.kind == .fights })
        XCTAssertEqual(try index.extractRelations().articles, 0, "nothing left to do")

        // A changed file's relations are replaced, not added to.
        try write("a.txt", "Calm In Idlib\n\nSouth Front\n\nNothing happened near Idlib today.\n")
        let changed = try index.refresh()
        XCTAssertEqual(changed.filesParsed, 1)
        XCTAssertEqual(changed.relationArticles, 1)
        XCTAssertEqual(try index.statistics().relations, 0)
    }

    /// Relations found in the second stage by another process (a matcher that has read none of
    /// the texts) are those found while reading, discovered names included ("Abu Amr was swiftly
    /// expelled from Hurras al-Din" in the seeds).
    func testTheSecondStageInAnotherProcessFindsTheSameRelations() throws {
        try copySeeds()
        func relations(_ index: CorpusIndex) throws -> [String] {
            try index.database.read { db in
                try Row.fetchAll(db, sql: "SELECT key, subject, kind, object, line, evidence FROM relations ORDER BY key").map {
                    "\($0[0] as Int64) \($0[1] as String) \($0[2] as String) \($0[3] as String) \($0[4] as Int) \($0[5] as String)"
                }
            }
        }
        func freshMatcher() throws -> EntityMatcher { EntityMatcher(knowledgeBase: try KnowledgeBase.bundled()) }
        let whole = try CorpusIndex(paths: [corpus.path], storage: .cache(directory: cache), matcher: freshMatcher)
        try whole.refresh()
        let expected = try relations(whole)
        XCTAssertTrue(expected.contains { $0.contains("disc:") && $0.contains("member_of") }, "a discovered name's relation")

        let staged = folder.appendingPathComponent("staged")
        try CorpusIndex(paths: [corpus.path], storage: .cache(directory: staged), matcher: freshMatcher).updateArticles()
        let later = try CorpusIndex(paths: [corpus.path], storage: .cache(directory: staged), matcher: freshMatcher)
        XCTAssertGreaterThan(try later.extractRelations().articles, 20)
        XCTAssertEqual(try relations(later), expected)
    }

    // MARK: Changes on disk

    private let first = "Army Advances Near Saraqib\n\nSouth Front\n\nThe Syrian Army advanced near Saraqib on Monday.\n\nClashes continued.\n"
    private let second = "Talks In Astana\n\nAl-Masdar News\n\nDelegations met in Astana to discuss the ceasefire.\n"

    func testOnlyChangedFilesAreParsedAgain() throws {
        try write("a.txt", first)
        try write("b.txt", second)
        let index = try open()
        XCTAssertEqual(try index.refresh().filesParsed, 2)

        let unchanged = try index.refresh()
        XCTAssertEqual(unchanged.filesParsed, 0)
        XCTAssertEqual(unchanged.filesUnchanged, 2)

        // Same bytes, new time: read and hashed, not parsed.
        let b = corpus.appendingPathComponent("b.txt").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: b)
        let touched = try index.refresh()
        XCTAssertEqual(touched.filesParsed, 0)
        XCTAssertEqual(touched.filesSameContent, 1)
        XCTAssertEqual(touched.filesUnchanged, 1)

        try write("a.txt", first.replacingOccurrences(of: "Saraqib on Monday", with: "Maarat al-Numan on Tuesday"))
        let changed = try index.refresh()
        XCTAssertEqual(changed.filesParsed, 1)
        XCTAssertEqual(changed.articlesRemoved, 1)
        XCTAssertEqual(changed.articlesAdded, 1)
        XCTAssertEqual(try index.articleCount(), 2)
        // The old text left the full-text index; the new one is in it.
        XCTAssertEqual(try ids(index, "monday"), [])
        XCTAssertEqual(try index.search("tuesday").hits.map(\.article.title), ["Army Advances Near Saraqib"])
    }

    func testARemovedFileLeavesTheIndex() throws {
        try write("a.txt", first)
        try write("b.txt", second)
        let index = try open()
        try index.refresh()
        XCTAssertEqual(try index.search("astana").hits.count, 1)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("b.txt"))
        let summary = try index.refresh()
        XCTAssertEqual(summary.filesRemoved, 1)
        XCTAssertEqual(summary.articlesRemoved, 1)
        XCTAssertEqual(try index.articleCount(), 1)
        XCTAssertEqual(try index.search("astana").hits.count, 0)
        XCTAssertEqual(try index.statistics().files, 1)
    }

    /// Articles that leave the index leave the entity and relation lists too (`entity_fts` is
    /// contentless: a delete must give the exact terms): after changes, the answers equal a new
    /// index's.
    func testEntityListsAfterChangesEqualANewIndex() throws {
        try copySeeds()
        let index = try open()
        try index.refresh()
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        XCTAssertGreaterThan(names.count, 2)
        let changed = corpus.appendingPathComponent(names[0])
        let text = try String(contentsOf: changed, encoding: .utf8)
        try (text.replacingOccurrences(of: "Hayat Tahrir al-Sham", with: "the group")
                .replacingOccurrences(of: "Idlib", with: "Idlib, Idlib")).write(to: changed, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent(names[1]))
        XCTAssertGreaterThan(try index.refresh().articlesRemoved, 0)

        let fresh = try CorpusIndex(paths: [corpus.path], storage: .cache(directory: folder.appendingPathComponent("fresh")),
                                    matcher: { sharedMatcher })
        try fresh.refresh()
        func byID(_ i: CorpusIndex) throws -> [String: [String]] {
            var out: [String: [String]] = [:]
            for id in try i.storedEntityIDs() {
                out[id] = try i.articles(naming: id).compactMap { try i.article(row: $0)?.id }
            }
            return out
        }
        let totals = try index.entityMentionTotals()
        XCTAssertEqual(totals.map(\.id), try fresh.entityMentionTotals().map(\.id))
        XCTAssertEqual(totals.map(\.mentions), try fresh.entityMentionTotals().map(\.mentions))
        XCTAssertEqual(try byID(index), try byID(fresh))
        XCTAssertFalse(totals.isEmpty)
        // And the relations each entity takes part in.
        var relations = 0
        for id in try fresh.storedEntityIDs() {
            let stated = try index.textRelations(of: id)
            XCTAssertEqual(stated, try fresh.textRelations(of: id), id)
            XCTAssertTrue(stated.allSatisfy { $0.subject == id || $0.object == id }, id)
            XCTAssertEqual(try index.textLinks(of: id).map { "\($0.subject) \($0.kind) \($0.object)" }.sorted(),
                           try fresh.textLinks(of: id).map { "\($0.subject) \($0.kind) \($0.object)" }.sorted(), id)
            relations += stated.count
        }
        XCTAssertGreaterThan(relations, 50)
        // Each link's first statement is its earliest remaining one (the changed file's were
        // the first of many), and no link outlives its statements.
        func linksAndEarliest(_ i: CorpusIndex) throws -> ([String], [String]) {
            try i.database.read { db in
                (try Row.fetchAll(db, sql: "SELECT subject, kind, object, first FROM relation_links ORDER BY 1, 2, 3").map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as Int64)" },
                 try Row.fetchAll(db, sql: "SELECT subject, kind, object, min(key) FROM relations GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as Int64)" })
            }
        }
        for i in [index, fresh] {
            let (links, earliest) = try linksAndEarliest(i)
            XCTAssertEqual(links, earliest)
            XCTAssertGreaterThan(links.count, 10)
        }
        // Nothing is left behind for rows that are gone (which a later article could take).
        func indexedPairs(_ i: CorpusIndex, _ table: String) throws -> Int {
            try i.database.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\(table)_terms USING fts5vocab(main, \(table), row)")
                return try Int.fetchOne(db, sql: "SELECT total(doc) FROM temp.\(table)_terms").map { Int($0) } ?? 0
            }
        }
        for table in ["entity_fts", "article_fts"] {
            XCTAssertEqual(try indexedPairs(index, table), try indexedPairs(fresh, table), table)
        }
        // The totals are the title and body mentions the loader's articles give.
        var expected: [String: Int] = [:]
        for a in try CorpusLoader().load([corpus.path]).articles {
            for m in ArticleEntityScanner.mentions(a, matcher: sharedMatcher) where m.partCode >= -1 { expected[m.entityID, default: 0] += 1 }
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: totals.map { ($0.id, $0.mentions) }), expected)
    }

    /// The relations a first reading finds from each paragraph's mentions as the matcher gave
    /// them are those the second stage finds from the stored mentions (gathered by paragraph).
    func testRelationsFromEachParagraphsMentionsAreThoseFromTheArticlesMentions() throws {
        var total = 0
        for a in try CorpusLoader().load([Repo.seeds.path]).articles {
            let scanned = ArticleEntityScanner.scan(a, matcher: sharedMatcher, keepingParagraphs: true)
            XCTAssertEqual(scanned.mentions, ArticleEntityScanner.mentions(a, matcher: sharedMatcher))
            XCTAssertEqual(scanned.paragraphs.count, a.paragraphs.count)
            let direct = ArticleEntityScanner.relations(articleID: a.id, paragraphs: a.paragraphs,
                                                        paragraphMentions: scanned.paragraphs, matcher: sharedMatcher)
            let gathered = ArticleEntityScanner.relations(articleID: a.id, paragraphs: a.paragraphs,
                                                          mentions: scanned.mentions, matcher: sharedMatcher)
            XCTAssertEqual(direct, gathered, a.id)
            total += direct.count
        }
        XCTAssertGreaterThan(total, 100)
    }

    func testAFileThatBecomesUnreadableLeavesTheIndexWithAProblem() throws {
        try write("a.txt", first)
        try write("b.txt", second)
        let index = try open()
        try index.refresh()
        try Data([0x00, 0x01, 0x02, 0x00, 0xFF, 0x00]).write(to: corpus.appendingPathComponent("b.txt"))
        let summary = try index.refresh()
        XCTAssertEqual(summary.problems.map(\.path), ["b.txt"])
        XCTAssertEqual(summary.filesRemoved, 1)
        XCTAssertEqual(try index.articleCount(), 1)
    }

    /// A new index file has 16 KB pages (written once to the log and once to the file, a quarter
    /// as many as 4 KB pages) and is in WAL mode, so that a browser reads it while it is built.
    func testANewIndexFileHasLargePagesAndAWriteAheadLog() throws {
        try write("a.txt", first)
        let index = try open()
        try index.refresh()
        let file = try XCTUnwrap(index.databaseFile)
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: file.path, configuration: config)
        try queue.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA page_size"), 16384)
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
        }
        try queue.close()
    }

    // MARK: Damaged, foreign and unwritable caches

    func testADamagedDatabaseIsRebuiltWithANotice() throws {
        try write("a.txt", first)
        let file = IndexStorage.databaseFile(forRoots: [corpus.path], in: cache)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 10_000).write(to: file)
        let index = try open()
        XCTAssertEqual(index.notices.count, 1)
        guard case .rebuiltDamaged(let path, _)? = index.notices.first else { return XCTFail("\(index.notices)") }
        XCTAssertEqual(path, file.path)
        XCTAssertTrue(index.notices[0].description.contains("damaged"))
        XCTAssertEqual(index.databaseFile, file)
        XCTAssertEqual(try index.refresh().filesParsed, 1)
        XCTAssertEqual(try index.articleCount(), 1)
    }

    /// A value SQLite reads well but qari cannot (a damaged blob) is reported, marked, and the
    /// next opening builds the index again.
    func testADamagedValueIsMarkedAndRebuiltAtTheNextOpening() throws {
        try copySeeds()
        let index = try open()
        try index.refresh()
        let row = try XCTUnwrap(index.rowsInCorpusOrder().first)
        let id = try XCTUnwrap(index.article(row: row)?.id)
        try index.database.write { db in
            try db.execute(sql: "UPDATE article_bodies SET data = x'ff00ff' WHERE article = ?", arguments: [row])
        }
        XCTAssertThrowsError(try index.article(row: row)) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CORRUPT)
            XCTAssertTrue(index.markDamaged(ifCorrupt: error))
        }
        XCTAssertFalse(index.markDamaged(ifCorrupt: QueryError(column: 0, message: "x")))
        let reopened = try open()
        XCTAssertEqual(reopened.notices.count, 1)
        guard case .rebuiltDamaged(_, let reason)? = reopened.notices.first else { return XCTFail("\(reopened.notices)") }
        XCTAssertTrue(reason.contains("cannot be read"), reason)
        try reopened.refresh()
        let again = try XCTUnwrap(reopened.rowOfArticle(id: id))
        XCTAssertEqual(try reopened.article(row: again)?.id, id)
        XCTAssertEqual(try open().notices, [])
    }

    func testAnIndexFromAnotherVersionIsRebuiltWithANotice() throws {
        try write("a.txt", first)
        try open().refresh()
        let file = IndexStorage.databaseFile(forRoots: [corpus.path], in: cache)
        let other = try CorpusIndex(paths: [corpus.path], storage: .cache(directory: cache), matcher: { sharedMatcher })
        try other.database.write { try $0.execute(sql: "UPDATE meta SET value = '0.0' WHERE key = 'format'") }
        let index = try open()
        XCTAssertEqual(index.notices, [.rebuiltOtherVersion(path: file.path, found: "0.0")])
        XCTAssertEqual(try index.articleCount(), 0)
        XCTAssertEqual(try index.refresh().filesParsed, 1)
    }

    func testAnUnwritableCacheFallsBackToMemory() throws {
        try write("a.txt", first)
        // A cache "folder" under a regular file cannot be created, even by root.
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let index = try open(.cache(directory: blocker.appendingPathComponent("qari")))
        XCTAssertNil(index.databaseFile)
        guard case .inMemory(let reason)? = index.notices.first else { return XCTFail("\(index.notices)") }
        XCTAssertTrue(reason.contains(blocker.path), reason)
        XCTAssertEqual(try index.refresh().filesParsed, 1)
        XCTAssertEqual(try index.search("saraqib").hits.count, 1)
    }

    func testNoIndexRunsInMemory() throws {
        try write("a.txt", first)
        let index = try open(.memory)
        XCTAssertNil(index.databaseFile)
        XCTAssertEqual(index.notices, [])
        try index.refresh()
        XCTAssertEqual(try index.articleCount(), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path))
    }

    func testTheCacheFolderFollowsXDG() {
        XCTAssertEqual(IndexStorage.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/tmp/x", "HOME": "/home/u"]).path, "/tmp/x/qari")
        XCTAssertEqual(IndexStorage.defaultCacheDirectory(environment: ["HOME": "/home/u"]).path, "/home/u/.cache/qari")
        XCTAssertEqual(IndexStorage.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]).path,
                       "/home/u/.cache/qari")
        let a = IndexStorage.databaseFile(forRoots: ["/data/news"], in: URL(fileURLWithPath: "/c"))
        let b = IndexStorage.databaseFile(forRoots: ["/data/other/news"], in: URL(fileURLWithPath: "/c"))
        XCTAssertNotEqual(a, b, "one database per corpus root")
        XCTAssertTrue(a.lastPathComponent.hasPrefix("news-"))
    }

    func testProgressIsReportedAndFinishes() throws {
        try copySeeds()
        var reports: [IndexProgress] = []
        try open().refresh(progress: { reports.append($0) })
        let last = try XCTUnwrap(reports.last(where: { $0.stage == .reading }))
        XCTAssertTrue(last.isFinished)
        XCTAssertEqual(last.filesDone, 5)
        XCTAssertEqual(last.filesTotal, 5)
        XCTAssertEqual(last.bytesDone, last.bytesTotal)
        XCTAssertGreaterThan(last.articles, 20)
        XCTAssertTrue(last.summaryLine.hasPrefix("indexed 5/5 files"), last.summaryLine)
        XCTAssertFalse(reports.contains { $0.stage == .relations }, "a refresh finds relations while reading")

        // Relations left by an update of the articles alone have a stage of their own.
        try FileManager.default.removeItem(at: cache)
        let index = try open()
        try index.updateArticles()
        reports = []
        try index.refresh(progress: { reports.append($0) })
        let relations = try XCTUnwrap(reports.last)
        XCTAssertEqual(relations.stage, .relations)
        XCTAssertTrue(relations.isFinished)
        XCTAssertEqual(relations.relationArticlesDone, last.articles)
        XCTAssertTrue(relations.summaryLine.hasPrefix("found relations in \(last.articles)/\(last.articles) articles"), relations.summaryLine)
    }

    // MARK: Search

    func testArabicIsFoundThroughProclitics() throws {
        try write("ar.txt", "معارك في ريف المدينة\n\nقال مصدر إن الجيش تقدم نحو وحلب صباح اليوم.\n")
        try write("en.txt", second)
        let index = try open(.memory)
        try index.refresh()
        let hits = try index.search("حلب").hits
        XCTAssertEqual(hits.map(\.article.file), ["ar.txt"])
        XCTAssertTrue(hits[0].snippet.text.contains("وحلب"))
        let highlighted = hits[0].snippet.highlights.map { String(String.UnicodeScalarView(Array(hits[0].snippet.text.unicodeScalars)[$0])) }
        XCTAssertEqual(highlighted, ["وحلب"])
        XCTAssertEqual(try index.search("الجيش").hits.count, 1)
        XCTAssertEqual(try index.search("جيش").hits.count, 1)
        XCTAssertEqual(try index.search("إن الجيش").hits.count, 1)
    }

    func testFiltersOnTheSeeds() throws {
        try copySeeds()
        let loaded = try CorpusLoader().load([corpus.path])
        let analysis = CorpusAnalysis(articles: loaded.articles, matcher: sharedMatcher)
        let index = try open()
        try index.refresh()
        func expected(_ keep: (Int, Article) -> Bool) -> Set<String> {
            Set(loaded.articles.enumerated().filter { keep($0.offset, $0.element) }.map(\.element.id))
        }
        let hts = try XCTUnwrap(sharedMatcher.resolve("HTS")).id
        let namingHTS = Set(analysis.articlesByEntity[hts] ?? [])
        let htsEnglish = expected { i, a in namingHTS.contains(i) && a.lang == .en }
        XCTAssertFalse(htsEnglish.isEmpty)
        XCTAssertEqual(try ids(index, "entity:HTS lang:en"), htsEnglish)
        XCTAssertEqual(try ids(index, "entity:\"Hay'at Tahrir al-Sham\" lang:en"), htsEnglish)
        XCTAssertEqual(try ids(index, "entity:\"هيئة تحرير الشام\" lang:en"), htsEnglish)

        let southFront = expected { _, a in a.source == "South Front" || a.publisher == "South Front" }
        XCTAssertFalse(southFront.isEmpty)
        XCTAssertEqual(try ids(index, "source:\"South Front\""), southFront)

        let augustSeptember = expected { _, a in a.date.map { $0 >= "2019-08-01" && $0 < "2019-10-01" } ?? false }
        XCTAssertFalse(augustSeptember.isEmpty)
        XCTAssertEqual(try ids(index, "date:2019-08..2019-09"), augustSeptember)
        XCTAssertEqual(try ids(index, "after:2019-07 before:2019-10"), augustSeptember)

        let arabic = expected { _, a in a.lang == .ar }
        XCTAssertEqual(try ids(index, "lang:ar"), arabic)
        XCTAssertEqual(try ids(index, "-lang:ar"), expected { _, a in a.lang != .ar })

        let factions = Set(sharedMatcher.knowledgeBase.entities.filter { $0.type == .faction }.map(\.id))
        let namingFaction = expected { i, _ in analysis.mentions[i].contains { factions.contains($0.entityID) } }
        XCTAssertEqual(try ids(index, "type:faction"), namingFaction)
    }

    func testWordsPhrasesAndOperatorsOnTheSeeds() throws {
        try copySeeds()
        let loaded = try CorpusLoader().load([corpus.path])
        let index = try open()
        try index.refresh()
        func containing(_ needle: String) -> Set<String> {
            Set(loaded.articles.filter { a in
                ([a.title] + a.paragraphs.map(\.text)).contains { $0.range(of: needle, options: .caseInsensitive) != nil }
            }.map(\.id))
        }
        let idlib = try ids(index, "idlib")
        XCTAssertEqual(idlib, containing("idlib"))
        let saraqib = try ids(index, "Saraqib")
        XCTAssertEqual(saraqib, containing("saraqib"))
        XCTAssertEqual(try ids(index, "idlib saraqib"), idlib.intersection(saraqib))
        XCTAssertEqual(try ids(index, "idlib OR saraqib"), idlib.union(saraqib))
        XCTAssertEqual(try ids(index, "idlib -saraqib"), idlib.subtracting(saraqib))
        XCTAssertEqual(try ids(index, "\"Syrian Arab Army\""), containing("Syrian Arab Army"))
        XCTAssertEqual(try ids(index, "saraq*"), containing("saraq"))
        XCTAssertEqual(try ids(index, "(idlib OR saraqib) lang:en"), idlib.union(saraqib))
        XCTAssertEqual(try ids(index, "saraqib OR lang:ar"), saraqib.union(try ids(index, "lang:ar")))

        let ranked = try index.search("idlib", limit: 3, counting: true)
        XCTAssertEqual(ranked.hits.count, 3)
        XCTAssertEqual(ranked.totalCount, idlib.count)
        XCTAssertEqual(ranked.hits.map(\.score), ranked.hits.map(\.score).sorted(by: >))
        XCTAssertTrue(ranked.hits.allSatisfy { $0.snippet.text.localizedCaseInsensitiveContains("idlib") })
    }

    /// Ranking the table in parts side by side gives exactly the ranking over the whole table.
    func testSearchRankedInPartsEqualsTheWholeTable() throws {
        try copySeeds()
        let index = try open()
        try index.refresh()
        let queries = ["idlib", "\"syrian army\"", "حلب", "entity:HTS lang:en", "turkish OR turkey -russia", "saraq*",
                       "ceasefire (idlib OR hama)", "type:faction attack", "army"]
        var whole: [String: [(String, Double, String)]] = [:]
        for q in queries {
            whole[q] = try index.search(q, limit: 7).hits.map { ($0.article.id, $0.score, $0.snippet.text) }
        }
        index.searchSplitThreshold = 1
        for q in queries {
            let parts = try index.search(q, limit: 7).hits.map { ($0.article.id, $0.score, $0.snippet.text) }
            XCTAssertEqual(parts.map(\.0), whole[q]!.map(\.0), q)
            XCTAssertEqual(parts.map(\.2), whole[q]!.map(\.2), q)
            for (a, b) in zip(parts, whole[q]!) { XCTAssertEqual(a.1, b.1, accuracy: 1e-12, q) }
            XCTAssertFalse(parts.isEmpty, q)
        }
    }

    /// Filters alone list the newest first, whether the walk along the date index finds enough
    /// articles or the whole selection is sorted.
    /// A build into an empty index makes the secondary indexes at its end; one interrupted before
    /// then leaves them out, and the next refresh makes them. Searches give the same results
    /// without them (filters alone sort instead of walking the date index).
    func testSecondaryIndexesAndMergingAreBackAfterABuildAndAfterAnInterruptedOne() throws {
        try copySeeds()
        let index = try open()
        try index.refresh()
        func present() throws -> [Bool] {
            try index.database.read { db in try IndexSchema.secondaryIndexes.map { try IndexSchema.hasIndex(db, $0.name) } }
        }
        func merging() throws -> [Int] {
            try index.database.read { db in
                try ["article_fts", "entity_fts"].flatMap { table in
                    try ["automerge", "crisismerge"].map { key in
                        try Int.fetchOne(db, sql: "SELECT v FROM \(table)_config WHERE k = ?", arguments: [key]) ?? -1
                    }
                }
            }
        }
        XCTAssertEqual(try present(), Array(repeating: true, count: IndexSchema.secondaryIndexes.count))
        XCTAssertEqual(try merging(), [4, 16, 4, 16], "merging back on after the build")
        let queries = ["lang:en", "entity:HTS", "type:faction after:2019-06", "idlib", "حلب lang:ar"]
        let expected = try queries.map { try index.search($0, limit: 10).hits.map(\.article.id) }
        // What a build stopped between two commits leaves: rows without the secondary indexes.
        try index.database.write { db in
            try IndexSchema.dropSecondaryIndexes(db)
            try IndexSchema.setFullTextMerging(db, bulk: true)
        }
        XCTAssertEqual(try present(), Array(repeating: false, count: IndexSchema.secondaryIndexes.count))
        XCTAssertEqual(try merging(), [0, 64, 0, 64])
        XCTAssertEqual(try queries.map { try index.search($0, limit: 10).hits.map(\.article.id) }, expected)
        let summary = try index.refresh()
        XCTAssertEqual(summary.filesParsed, 0)
        XCTAssertEqual(try present(), Array(repeating: true, count: IndexSchema.secondaryIndexes.count))
        XCTAssertEqual(try merging(), [4, 16, 4, 16])
        XCTAssertEqual(try queries.map { try index.search($0, limit: 10).hits.map(\.article.id) }, expected)
    }

    func testFilterSearchesWalkTheDateIndexOrSortTheSame() throws {
        try copySeeds()
        let index = try open()
        try index.refresh()
        let queries = ["lang:en", "lang:ar", "entity:HTS", "entity:HTS lang:en", "type:faction", "-lang:ar", "-entity:HTS",
                       "entity:HTS OR entity:Turkey", "date:2019-08..2019-12", "after:2019-06 lang:en", "source:\"South Front\"",
                       "type:person -entity:HTS", "entity:\"هيئة تحرير الشام\" OR lang:ar"]
        for limit in [1, 3, 10, 50] {
            for q in queries {
                index.filterWalkLimit = 0
                let sorted = try index.search(q, limit: limit).hits.map(\.article.id)
                for walk in [1, 4, 12, 4_000] {
                    index.filterWalkLimit = walk
                    XCTAssertEqual(try index.search(q, limit: limit).hits.map(\.article.id), sorted, "\(q) limit \(limit) walk \(walk)")
                }
                if limit == 50 { XCTAssertFalse(sorted.isEmpty, q) }
            }
        }
    }

    func testSearchErrorsNameTheColumn() throws {
        let index = try open(.memory)
        XCTAssertThrowsError(try index.search("idlib entity:Zzyzx")) { error in
            XCTAssertEqual((error as? QueryError)?.column, 7)
        }
        XCTAssertThrowsError(try index.search("idlib —")) { error in
            XCTAssertEqual((error as? QueryError)?.column, 7)
        }
    }
}
