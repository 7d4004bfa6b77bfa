import Foundation
import XCTest
import QariCore
import QariStore
@testable import QariTUI

/// The browser reading the seeds from the index shows what it shows from memory, and what only
/// the index can do (full-text search in the list, background indexing) works through the keys.
final class IndexStoreTests: XCTestCase {
    let memory = SeedCorpus.corpus
    let indexed = IndexedSeedCorpus.corpus

    /// A fresh folder in the temporary directory with a copy of the seeds in its `corpus` folder.
    private func seedsCopy(_ name: String) throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        let corpusFolder = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpusFolder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: SeedCorpus.seedsPath) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(atPath: SeedCorpus.seedsPath + "/" + name, toPath: corpusFolder.path + "/" + name)
        }
        return folder
    }

    /// `/` QUERY Enter in the list: the results, or nil when no search filter was left.
    private func searched(_ d: inout BrowserDriver, _ query: String) -> [Int]? {
        d.press("/")
        d.type(query)
        d.press("Enter")
        guard case .search(_, let results)? = d.state.list.filter else { return nil }
        return results
    }

    func testEveryArticleRowAndMentionIsTheSameAsInMemory() {
        XCTAssertEqual(indexed.articles.count, memory.articles.count)
        XCTAssertEqual(indexed.articles.count, 28)
        for i in memory.articles.indices {
            XCTAssertEqual(indexed.articles[i], memory.articles[i], "article \(i)")
            XCTAssertEqual(indexed.mentions[i], memory.mentions[i], "mentions of article \(i)")
            XCTAssertEqual(indexed.store.listRow(i), memory.store.listRow(i), "list row \(i)")
            XCTAssertEqual(indexed.articleIndex(id: memory.articles[i].id), memory.articleIndex(id: memory.articles[i].id))
        }
    }

    func testListOrdersAndFiltersAreTheSameAsInMemory() {
        for sort in [ArticleSort.date, .source] {
            for filter in [nil, ArticleFilter.language(.ar), .language(.en), .entity("hts"), .entity("khan_sheikhoun")] {
                XCTAssertEqual(indexed.store.order(sort: sort, filter: filter), memory.store.order(sort: sort, filter: filter),
                               "\(sort) \(String(describing: filter))")
            }
        }
        // Titles: the same set; SQLite orders case-folded ASCII as the list does for Latin titles.
        XCTAssertEqual(Set(indexed.store.order(sort: .title, filter: nil)), Set(memory.articles.indices))
    }

    func testEntityPagesAreTheSameAsInMemory() {
        for id in ["hts", "al_nusra", "hurras_al_din", "fa_ithbatu", "idlib", "turkey", "khan_sheikhoun", "saa"] {
            XCTAssertEqual(indexed.locations(of: id), memory.locations(of: id), id)
            XCTAssertEqual(indexed.relationGroups(of: id).map { "\($0.group)\($0.entityIDs)" },
                           memory.relationGroups(of: id).map { "\($0.group)\($0.entityIDs)" }, id)
            XCTAssertEqual(indexed.entities[id], memory.entities[id], id)
        }
        for name in ["HTS", "هيئة تحرير الشام", "Khan Sheikhun", "Jabhat al-Nusra", "Hurras al-Deen"] {
            XCTAssertEqual(indexed.resolveEntity(name)?.id, memory.resolveEntity(name)?.id, name)
            XCTAssertNotNil(indexed.resolveEntity(name), name)
        }
    }

    func testPairsRankedFromTheIndexMatchTheInMemoryPairing() {
        for i in memory.articles.indices where memory.articles[i].lang == .ar {
            let fromIndex = indexed.pairCandidates(for: i, limit: 5)
            let fromMemory = memory.pairCandidates(for: i, limit: 5)
            XCTAssertEqual(fromIndex.map(\.articleIndex), fromMemory.map(\.articleIndex), memory.articles[i].title)
            for (a, b) in zip(fromIndex, fromMemory) { XCTAssertEqual(a.score, b.score, accuracy: 1e-9) }
        }
    }

    func testSlashInTheListSearchesTheIndexAndTheResultsFillTheList() {
        var d = BrowserDriver(corpus: indexed, width: 160, height: 40)
        d.press("/")
        XCTAssertTrue(d.rows.last!.contains("entity:"), "the syntax is offered: \(d.rows.last!)")
        // Results as the query is typed, the last word a prefix: "ceasef" already finds "ceasefire".
        d.type("ceasef")
        guard case .search(_, let early)? = d.state.list.filter else { return XCTFail("no results while typing") }
        XCTAssertGreaterThan(early.count, 2)
        XCTAssertTrue(d.rows.last!.contains("\(early.count) found"), d.rows.last!)
        d.type("ire lang:en")
        d.press("Enter")
        guard case .search(let query, let results)? = d.state.list.filter else { return XCTFail("no search filter") }
        XCTAssertEqual(query, "ceasefire lang:en")
        XCTAssertEqual(d.state.list.order, results)
        XCTAssertGreaterThan(results.count, 2)
        XCTAssertLessThan(results.count, 28)
        for i in results {
            XCTAssertNotEqual(memory.articles[i].lang, .ar)
            let text = ([memory.articles[i].title] + memory.articles[i].paragraphs.map(\.text)).joined(separator: " ").lowercased()
            XCTAssertTrue(text.contains("ceasefire"), memory.articles[i].title)
        }
        XCTAssertTrue(d.rows.last!.contains("/ ceasefire lang:en"), d.rows.last!)
        XCTAssertTrue(d.screenText.contains("\(results.count)/28 best first"))
        // The words searched for are marked in the article opened from the results.
        d.press("Enter")
        XCTAssertEqual(d.state.currentArticle, results[0])
        let screen = d.backend.screen
        var marked: [String] = []
        for y in 1..<(screen.height - 1) {
            var word = ""
            for x in 44..<screen.width where screen[x, y].style == Theme.searchMatch { word += screen[x, y].text }
            if !word.isEmpty { marked.append(word) }
        }
        XCTAssertFalse(marked.isEmpty, "the reader marks the words searched for")
        XCTAssertTrue(marked.allSatisfy { $0.lowercased().hasPrefix("ceasefire") }, "\(marked)")
        // & with nothing shows every article again.
        d.focus(.list)
        d.press("&", "Enter")
        XCTAssertNil(d.state.list.filter)
        XCTAssertEqual(d.state.list.order.count, 28)
        XCTAssertNil(d.state.searchHighlight)
    }

    /// The run loop defers list searches while keys are waiting: keys typed ahead search once,
    /// when they are all in, and find what searching at each key finds.
    func testKeysTypedAheadSearchOnceWhenCaughtUp() {
        var eager = BrowserDriver(corpus: indexed, width: 120, height: 30)
        eager.press("/")
        for ch in "saraq" { eager.state.update(.key(.character(ch))) }
        guard case .search(_, let expected)? = eager.state.list.filter else { return XCTFail("no results while typing") }

        var d = BrowserDriver(corpus: indexed, width: 120, height: 30)
        d.state.defersListSearch = true
        d.press("/")
        for ch in "saraq" { d.state.update(.key(.character(ch))) }
        XCTAssertTrue(d.state.hasDeferredWork)
        XCTAssertNil(d.state.list.filter, "nothing searched while keys are waiting")
        XCTAssertEqual(d.state.list.order.count, 28)
        d.state.update(.caughtUp)
        XCTAssertFalse(d.state.hasDeferredWork)
        guard case .search(let query, let results)? = d.state.list.filter else { return XCTFail("no results once caught up") }
        XCTAssertEqual(query, "saraq")
        XCTAssertEqual(results, expected)
        // Escape with a search still waiting: the list as it was, and nothing left to run.
        d.state.update(.key(.character("i")))
        d.press("Escape")
        XCTAssertFalse(d.state.hasDeferredWork)
        XCTAssertNil(d.state.list.filter)
        d.state.update(.caughtUp)
        XCTAssertNil(d.state.list.filter)
        XCTAssertEqual(d.state.list.order.count, 28)
    }

    /// Filters alone list the newest articles that pass, and the list says so.
    func testAFilterSearchSaysItsResultsAreNewestFirst() {
        var d = BrowserDriver(corpus: indexed, width: 120, height: 30)
        guard let results = searched(&d, "lang:ar") else { return XCTFail("no search filter") }
        XCTAssertTrue(d.screenText.contains("\(results.count)/28 newest first"), d.screenText)
        let dates = results.compactMap { memory.articles[$0].date }
        XCTAssertEqual(dates, dates.sorted(by: >))
        XCTAssertNotNil(searched(&d, "ceasefire"))
        XCTAssertTrue(d.screenText.contains("best first"), d.screenText)
    }

    func testEscapeWhileTypingBringsTheListBack() {
        var d = BrowserDriver(corpus: indexed, width: 120, height: 30)
        d.press("j", "j")
        let selected = d.state.list.order[d.state.list.selected]
        d.press("/")
        d.type("saraq")
        guard case .search(_, let results)? = d.state.list.filter else { return XCTFail("no results while typing") }
        XCTAssertFalse(results.isEmpty)
        for i in results {
            let text = ([memory.articles[i].title] + memory.articles[i].paragraphs.map(\.text)).joined(separator: " ").lowercased()
            XCTAssertTrue(text.contains("saraq"), memory.articles[i].title)
        }
        d.type(" \"open")
        XCTAssertTrue(d.rows.last!.contains("unclosed quote"), "a query not finished says why: \(d.rows.last!)")
        XCTAssertEqual(d.state.list.order, results, "and keeps the last results")
        d.press("Escape")
        XCTAssertNil(d.state.list.filter)
        XCTAssertEqual(d.state.list.order.count, 28)
        XCTAssertEqual(d.state.list.order[d.state.list.selected], selected)
        XCTAssertNil(d.state.input)
    }

    func testAMalformedQuerySaysWhereTheMistakeIs() {
        var d = BrowserDriver(corpus: indexed, width: 120, height: 30)
        d.press("/")
        d.type("idlib AND")
        d.press("Enter")
        XCTAssertNil(d.state.list.filter)
        XCTAssertEqual(d.state.list.order.count, 28)
        XCTAssertEqual(d.state.message?.isError, true)
        XCTAssertTrue(d.rows.last!.contains("AND"), d.rows.last!)
    }

    func testArabicSearchFindsWordsWithProclitics() {
        var d = BrowserDriver(corpus: indexed, width: 120, height: 30)
        guard let results = searched(&d, "حلب") else { return XCTFail("no search filter") }
        XCTAssertFalse(results.isEmpty)
        XCTAssertTrue(results.contains { memory.articles[$0].lang != .en })
    }

    /// A file removed while the browser runs moves every later article up the list: what is open
    /// and selected stays the same article, at its new place.
    func testArticlesKeepTheirPlaceWhenTheIndexChangesUnderTheBrowser() throws {
        let folder = try seedsCopy("qari-tui-moves")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpusFolder = folder.appendingPathComponent("corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusFolder.path).sorted()
        let index = try CorpusIndex(paths: [corpusFolder.path], storage: .cache(directory: folder.appendingPathComponent("cache")),
                                    matcher: { IndexedSeedCorpus.matcher })
        try index.refresh()
        let store = IndexCorpusStore(index: index, matcher: IndexedSeedCorpus.matcher)
        var d = BrowserDriver(corpus: BrowserCorpus(name: "corpus", store: store), width: 160, height: 40)
        let last = store.count - 1
        let id = store.article(last).id
        d.state.openArticle(last)
        d.press("g", "j", "j")
        let selectedID = store.article(d.state.list.order[d.state.list.selected]).id
        XCTAssertNotEqual(selectedID, id)
        let firstFileArticles = (0..<store.count).filter { store.article($0).file == names[0] }.count
        XCTAssertGreaterThan(firstFileArticles, 0)

        try FileManager.default.removeItem(atPath: corpusFolder.path + "/" + names[0])
        try index.refresh()
        XCTAssertTrue(store.reload())
        d.state.update(.indexing(IndexingStatus(line: "indexed", isFinished: true)))
        d.render()
        let open = try XCTUnwrap(d.state.currentArticle)
        XCTAssertEqual(open, last - firstFileArticles)
        XCTAssertEqual(store.article(open).id, id, "the same article is open")
        XCTAssertEqual(store.article(d.state.list.order[d.state.list.selected]).id, selectedID, "the selection stays")
        XCTAssertTrue(d.screenText.contains(store.article(open).title.prefix(30)))
        XCTAssertEqual(d.state.list.order.count, store.count)
    }

    /// A real refresh on a thread while the state takes its messages, as the run loop does:
    /// the list fills and the status bar says how far indexing got, then that it finished.
    func testBackgroundIndexingFillsTheListAndReportsInTheStatusBar() throws {
        let cache = try seedsCopy("qari-tui-index")
        defer { try? FileManager.default.removeItem(at: cache) }
        let corpusFolder = cache.appendingPathComponent("corpus")
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]).write(to: corpusFolder.appendingPathComponent("picture.txt"))
        let index = try CorpusIndex(paths: [corpusFolder.path], storage: .cache(directory: cache), matcher: { IndexedSeedCorpus.matcher })
        let store = IndexCorpusStore(index: index, matcher: IndexedSeedCorpus.matcher)
        XCTAssertEqual(store.count, 0, "a new index starts empty")
        var state = BrowserState(corpus: BrowserCorpus(name: "corpus", store: store), text: TerminalTextEngine(), width: 120, height: 30)
        let indexer = BackgroundIndexer(index: index, store: store)
        indexer.start()
        state.update(indexer.poll() ?? .tick)
        XCTAssertTrue(BrowserView.render(state).rows[1].contains("Indexing"), "the empty list says why: \(BrowserView.render(state).rows[1])")
        var finished = false
        let deadline = Date().addingTimeInterval(120)
        while !finished && Date() < deadline {
            if let m = indexer.poll() {
                state.update(m)
                if case .indexing(let status) = m { finished = status.isFinished }
            }
            usleep(20_000)
        }
        XCTAssertTrue(finished)
        XCTAssertEqual(state.list.order.count, 28)
        XCTAssertEqual(state.corpus.problems.map(\.path), ["picture.txt"])
        XCTAssertEqual(state.message?.text, "1 file could not be read (! lists them)")
        // A second browser on the same cache starts with every article and nothing to read.
        let again = IndexCorpusStore(index: try CorpusIndex(paths: [corpusFolder.path], storage: .cache(directory: cache),
                                                            matcher: { IndexedSeedCorpus.matcher }), matcher: IndexedSeedCorpus.matcher)
        XCTAssertEqual(again.count, 28)
    }
}
