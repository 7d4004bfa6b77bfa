import Foundation
import QariCore
import XCTest
@testable import QariTUI

/// The split reader of "Arabic and English side by side", on the seeds.
final class SplitReaderTests: XCTestCase {
    static let khanShaykhunLessons = "أهمّ دروس تحرير خان شيخون"
    static let aleppoVictory = "انتصار حلب بعشرة"

    /// A driver with the seed article titled `title` open in the reader.
    private func open(_ title: String, width: Int = 160, height: Int = 50, line: UInt = #line) -> BrowserDriver {
        var d = BrowserDriver(corpus: SeedCorpus.corpus, width: width, height: height)
        guard let index = SeedCorpus.corpus.articles.firstIndex(where: { $0.title == title }) else {
            XCTFail("the seeds hold no article titled \(title)", line: line)
            return d
        }
        XCTAssertTrue(d.state.open(name: SeedCorpus.corpus.articles[index].id), line: line)
        d.render()
        return d
    }

    private func title(_ index: Int?) -> String { index.map { SeedCorpus.corpus.articles[$0].title } ?? "nothing" }
    private func otherArticle(_ d: BrowserDriver) -> Int? { d.state.split?.other.document?.articleIndex }

    func testKhanShaykhunLessonsOpenBesideTheEnglishReportOfItsCapture() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        XCTAssertEqual(title(d.state.currentArticle), Self.khanShaykhunLessons, "the Arabic article keeps focus")
        XCTAssertEqual(d.state.split?.focusedSide, .right, "Arabic reads from the right")
        let paired = title(otherArticle(d))
        XCTAssertTrue(paired.hasPrefix("KHAN SHAYKHOON LIBERATED"), paired)
        XCTAssertNotNil(d.row(containing: "KHAN SHAYKHOON LIBERATED"), "the pair is on screen")
        XCTAssertTrue(d.rows.last!.contains("Pair 1 of"), d.rows.last!)
        XCTAssertTrue(d.rows.last!.contains("Khan Shaykhun"), "the status says what they share")
    }

    func testAleppoVictoryOpensBesideTheAnkaraPieceOnTheFebruary2020Offensive() {
        var d = open(Self.aleppoVictory)
        d.press("s")
        let paired = title(otherArticle(d))
        XCTAssertTrue(paired.hasPrefix("It’s time for Ankara to accept the realities of the Syrian war"), paired)
        XCTAssertEqual(SeedCorpus.corpus.articles[otherArticle(d)!].date?.prefix(7), "2020-02")
    }

    func testTheBrowserRanksPairsAsQariPairDoes() throws {
        let loaded = try CorpusLoader().load([SeedCorpus.seedsPath])
        let (knowledge, _) = KnowledgeBase.load(userDirectory: SeedCorpus.noUserKnowledge)
        let analysis = CorpusAnalysis(articles: loaded.articles, matcher: EntityMatcher(knowledgeBase: knowledge))
        let cli = ArticlePairing(analysis: analysis)
        let arabic = SeedCorpus.corpus.articles.indices.filter { SeedCorpus.corpus.articles[$0].lang == .ar }
        XCTAssertFalse(arabic.isEmpty)
        for i in arabic {
            let browser = SeedCorpus.corpus.pairCandidates(for: i, limit: 10), command = cli.candidates(for: i, limit: 10)
            let name = SeedCorpus.corpus.articles[i].title
            XCTAssertEqual(browser.map(\.articleIndex), command.map(\.articleIndex), name)
            XCTAssertEqual(browser.map(\.shared), command.map(\.shared), name)
            // Sums over dictionaries may add in another order: equal up to rounding.
            for (b, c) in zip(browser, command) { XCTAssertEqual(b.score, c.score, accuracy: 1e-9, name) }
        }
    }

    func testAChangedCopyOfTheCorpusRanksAfresh() {
        let corpus = FixtureCorpus.corpus()
        let arabic = 3
        XCTAssertEqual(corpus.pairCandidates(for: arabic).first?.articleIndex, 0,
                       "the coalition article: same entities, nine days apart")
        var mentions = Array(corpus.mentions)
        mentions[arabic] = ArticleMentions()
        let changed = BrowserCorpus(name: corpus.name, articles: Array(corpus.articles), mentions: mentions,
                                    entities: corpus.entities.values)
        XCTAssertTrue(changed.pairCandidates(for: arabic).isEmpty, "an article naming nothing has no pair")
        XCTAssertFalse(corpus.pairCandidates(for: arabic).isEmpty, "the original keeps its pairing")
    }

    func testBracketsStepThroughTheRankedPairsAndThePickerChoosesOne() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        let ranked = d.state.split!.candidates.map(\.articleIndex)
        XCTAssertGreaterThan(ranked.count, 3)
        d.press("]")
        XCTAssertEqual(otherArticle(d), ranked[1])
        XCTAssertTrue(d.rows.last!.contains("Pair 2 of"), d.rows.last!)
        XCTAssertNotNil(d.row(containing: "pair 2 of \(ranked.count)"), "the paired column's header counts")
        d.press("[")
        XCTAssertEqual(otherArticle(d), ranked[0])
        d.press("[")
        XCTAssertEqual(otherArticle(d), ranked[0], "the best pair is the first")
        XCTAssertTrue(d.rows.last!.contains("This is the best pair"))

        d.press("p")
        XCTAssertEqual(d.state.overlay, .pairs(selected: 0))
        XCTAssertNotNil(d.row(containing: "Read beside this article"))
        XCTAssertNotNil(d.row(containing: "shared: Khan Shaykhun"))
        d.press("j", "j", "Enter")
        XCTAssertNil(d.state.overlay)
        XCTAssertEqual(otherArticle(d), ranked[2])
        XCTAssertEqual(title(d.state.currentArticle), Self.khanShaykhunLessons, "the focused column stays")
    }

    func testEntitiesNamedOnBothSidesShareOneColourAndTheRestKeepTheirTypeColour() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        let arabic = d.state.currentArticle!, english = otherArticle(d)!
        let shared = SeedCorpus.corpus.sharedEntities(arabic, english)
        XCTAssertTrue(shared.contains("khan_sheikhoun"), "\(shared)")
        // The English title names Khan Shaykhun ("KHAN SHAYKHOON"): cyan, as in the Arabic column.
        let englishStyles = d.styles(of: "KHAN SHAYKHOON")
        XCTAssertEqual(englishStyles?.map(\.foreground), Array(repeating: .cyan, count: 14))
        let screen = d.backend.screen
        let arabicColumn = d.state.layout.reader!
        let cyanInArabic = (arabicColumn.y..<arabicColumn.maxY).flatMap { y in
            (arabicColumn.x..<arabicColumn.maxX).filter { screen[$0, y].style.foreground == .cyan }
        }
        XCTAssertFalse(cyanInArabic.isEmpty, "shared entities are cyan in the Arabic column too")
        // Entities only the English side names keep their type colours there.
        let englishColumn = d.state.layout.otherColumn!
        let typeColours = Set(EntityCategory.allCases.map(\.color))
        let colouredByType = (englishColumn.y + 1..<englishColumn.maxY).contains { y in
            (englishColumn.x..<englishColumn.maxX).contains { typeColours.contains(screen[$0, y].style.foreground) }
        }
        XCTAssertTrue(colouredByType, "an entity named on one side only keeps its type colour")
        // The sidebar, beside the focused column, marks the shared ones the same way.
        d.focus(.sidebar)
        let sidebar = d.state.layout.sidebar!
        let khanRow = d.state.sidebar.rows.firstIndex { $0 == .entity(id: "khan_sheikhoun", count: SeedCorpus.corpus.mentions[arabic].counts["khan_sheikhoun"]!) }!
        let y = sidebar.y + 1 + khanRow - d.state.sidebar.top
        let named = (sidebar.x..<sidebar.maxX).filter { d.backend.screen[$0, y].text != " " }
        XCTAssertTrue(named.contains { d.backend.screen[$0, y].style.foreground == .cyan }, d.rows[y])
    }

    func testTShowsTheOtherLanguagesNameAfterEachMentionWithoutBreakingTheLayout() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        XCTAssertNil(d.row(containing: "[Khan Shaykhun]"))
        d.press("t")
        XCTAssertTrue(d.state.showsOtherLanguageNames)
        XCTAssertNotNil(d.row(containing: "[Khan Shaykhun]"), "English names follow Arabic mentions")
        // Arabic names follow English mentions: shaped Arabic letters inside brackets in the English column.
        let english = d.state.split!.other.document!
        let inserted = english.lines.flatMap { $0.content.cells.filter(\.isInserted) }
        XCTAssertTrue(inserted.contains { $0.text.unicodeScalars.contains { (0xFE70...0xFEFC).contains($0.value) } })
        for doc in [d.state.reader.document!, english] {
            for line in doc.lines {
                XCTAssertLessThanOrEqual(line.content.width, doc.width, "no line wider than its column")
            }
        }
        // Inserted names are not article text: the mention stops and their lines are found as before.
        for stop in d.state.reader.document!.stops {
            XCTAssertEqual(d.state.reader.document!.line(of: stop.mention.part, range: stop.mention.range), stop.line)
        }
        d.press("t")
        XCTAssertNil(d.row(containing: "[Khan Shaykhun]"))
    }

    func testInsertedNamesMapBackToTheParagraphAndAreNotArticleText() {
        let corpus = FixtureCorpus.corpus()
        let english = 1   // "Fighting broke out between Hayat Tahrir al-Sham and Fa Ithbatu near Idlib." ...
        let doc = ReaderDocument(corpus: corpus, articleIndex: english, width: 40, text: TerminalTextEngine(),
                                 otherLanguageNames: true)
        let shown = doc.lines.map { $0.content.cells.map(\.text).joined() }.joined(separator: "\n")
        XCTAssertTrue(shown.contains("["), shown)
        for line in doc.lines {
            guard let part = line.part else { continue }
            let source = Array(corpus.text(article: english, part: part).unicodeScalars)
            for cell in line.content.cells where !cell.isInserted {
                // Every cell of article text points at the scalar it shows (English: no shaping).
                XCTAssertEqual(cell.text, String(source[cell.logicalIndex]), "\(part) at \(cell.logicalIndex)")
            }
            XCTAssertLessThanOrEqual(line.content.width, 40)
        }
        // Each inserted name follows the end of a mention of its entity.
        let mentions = corpus.mentions[english]
        for line in doc.lines {
            guard let part = line.part else { continue }
            for cell in line.content.cells where cell.isInserted {
                XCTAssertTrue(mentions.mentions(in: part).contains { $0.range.upperBound == cell.logicalIndex })
            }
        }
        // Search looks at the article's own words, not at the names inserted after them.
        var d = BrowserDriver(corpus: corpus, width: 100, height: 24)
        d.press("g", "Enter", "t")   // the Arabic article, newest
        XCTAssertNotNil(d.row(containing: "[Idlib]"))
        d.press("/"); d.type("Idlib"); d.press("Enter")
        XCTAssertTrue(d.rows.last!.contains("Not found: Idlib"), d.rows.last!)
    }

    func testLinkedScrollingMovesBothColumnsByProportion() {
        var d = open(Self.khanShaykhunLessons, width: 100, height: 30)
        d.press("s")
        d.press("j")
        XCTAssertEqual(d.state.split?.other.top, 0, "unlinked, the other column stays")
        d.press("L")
        XCTAssertEqual(d.state.split?.linksScrolling, true)
        d.press("G")
        let other = d.state.split!.other
        XCTAssertEqual(other.top, other.document!.lines.count - d.state.readerPageHeight, "both at the bottom")
        d.press("g")
        XCTAssertEqual(d.state.split?.other.top, 0)
        let range = d.state.reader.document!.lines.count - d.state.readerPageHeight
        for digit in String(range / 2) { d.press(String(digit)) }
        d.press("j")
        let otherRange = other.document!.lines.count - d.state.readerPageHeight
        XCTAssertEqual(Double(d.state.split!.other.top), Double(otherRange) / 2, accuracy: 1.5, "half way down both")
        d.press("L", "g")
        XCTAssertNotEqual(d.state.split?.other.top, 0, "unlinked again")
    }

    func testFocusMovesBetweenColumnsAndTheSidebarFollows() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        let arabic = d.state.currentArticle!, english = otherArticle(d)!
        d.press("w")
        XCTAssertEqual(d.state.split?.focusedSide, .left)
        XCTAssertEqual(d.state.currentArticle, english)
        XCTAssertEqual(otherArticle(d), arabic)
        XCTAssertEqual(d.state.sidebar.rows, sidebarRows(of: english), "the sidebar lists the focused article's entities")
        d.press("Right")
        XCTAssertEqual(d.state.currentArticle, arabic)
        d.press("Left")
        XCTAssertEqual(d.state.currentArticle, english)
        // Tab walks the left column's mentions on screen, then the right column's, then the sidebar.
        var seen: [(Pane, SplitSide?)] = []
        for _ in 0..<200 where d.state.focus == .reader {
            seen.append((d.state.focus, d.state.split?.focusedSide))
            d.press("Tab")
        }
        XCTAssertEqual(d.state.focus, .sidebar)
        XCTAssertTrue(seen.contains { $0.1 == .left } && seen.contains { $0.1 == .right })
        XCTAssertEqual(seen.first?.1, .left)
        XCTAssertEqual(seen.last?.1, .right)
        d.press("S-Tab")
        XCTAssertEqual(d.state.focus, .reader)
        XCTAssertEqual(d.state.split?.focusedSide, .right)
    }

    func testTheListReplacesTheFocusedColumnAndHistoryStillWorks() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        let arabic = d.state.currentArticle!, english = otherArticle(d)!
        d.press("w")   // focus the English column
        // Choose another English article from the list: it replaces the focused column.
        d.press("S-Tab")
        XCTAssertEqual(d.state.focus, .list)
        XCTAssertNotNil(d.state.split, "the split stays open while choosing")
        let choice = d.state.list.order.first { $0 != english && $0 != arabic && SeedCorpus.corpus.articles[$0].lang == .en }!
        d.press("g")
        for _ in 0..<d.state.list.order.firstIndex(of: choice)! { d.press("j") }
        d.press("Enter")
        XCTAssertEqual(d.state.currentArticle, choice)
        XCTAssertEqual(d.state.split?.focusedSide, .left)
        XCTAssertEqual(otherArticle(d), arabic, "the other column keeps its article")
        d.press("w")
        XCTAssertEqual(d.state.currentArticle, arabic)
        // Arabic beside Arabic works too: Tab leaves the right column for the sidebar, then the list.
        let otherArabic = d.state.list.order.first { $0 != arabic && SeedCorpus.corpus.articles[$0].lang == .ar }!
        d.focus(.list)
        XCTAssertEqual(d.state.split?.focusedSide, .right)
        d.press("g")
        for _ in 0..<d.state.list.order.firstIndex(of: otherArabic)! { d.press("j") }
        d.press("Enter")
        XCTAssertEqual(d.state.currentArticle, otherArabic)
        XCTAssertEqual(otherArticle(d), choice)
        d.press("BSpace")
        XCTAssertEqual(d.state.currentArticle, choice, "back to the last article opened")
        XCTAssertNotNil(d.state.split)
    }

    func testEscapeClearsTheMentionFirstThenClosesAndSClosesToo() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s", "Tab")
        XCTAssertNotNil(d.state.reader.selectedMention)
        d.press("Escape")
        XCTAssertNil(d.state.reader.selectedMention)
        XCTAssertNotNil(d.state.split)
        d.press("Escape")
        XCTAssertNil(d.state.split)
        XCTAssertEqual(title(d.state.currentArticle), Self.khanShaykhunLessons)
        XCTAssertNotNil(d.row(containing: "Entities"), "the three panes are back")
        d.press("s")
        XCTAssertNotNil(d.state.split)
        d.press("s")
        XCTAssertNil(d.state.split)
    }

    func testTheDividerNeverMoves() {
        var d = open(Self.khanShaykhunLessons)
        d.press("s")
        let divider = d.state.layout.otherColumn!.maxX
        for keys in [["t"], ["]"], ["]"], ["w"], ["G"], ["t"], ["L", "g"]] {
            for key in keys { d.press(key) }
            for y in 0..<(d.state.height - 1) {
                XCTAssertEqual(d.backend.screen[divider, y].text, "│", "row \(y) after \(keys)")
            }
        }
    }

    func testNarrowTerminalsShowOneColumnAtATime() {
        var d = open(Self.khanShaykhunLessons, width: 70, height: 24)
        d.press("s")
        XCTAssertTrue(d.state.layout.showsOneColumn)
        XCTAssertNil(d.state.layout.otherColumn)
        XCTAssertNotNil(d.row(containing: "AR (right of 2)"))
        XCTAssertNotNil(d.row(containing: "w shows EN"))
        d.assertSnapshot("split-70x24-arabic")
        d.press("w")
        XCTAssertNotNil(d.row(containing: "EN (left of 2)"))
        XCTAssertNotNil(d.row(containing: "KHAN SHAYKHOON"))
        d.resize(20, 5)
        XCTAssertTrue(d.rows[0].hasPrefix("Too small"))
        d.press("w", "t", "]", "j", "L", "p", "Escape")
        d.resize(160, 50)
        XCTAssertNotNil(d.state.layout.otherColumn, "two columns again")
    }

    func testWithoutAPairTheOtherColumnWaitsForAChoiceFromTheList() {
        // English articles only: nothing in another language to pair with.
        let english = Array(FixtureCorpus.articles.prefix(3))
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(articles: english), width: 120, height: 30)
        d.press("Enter", "s")
        XCTAssertNotNil(d.state.split)
        XCTAssertNil(otherArticle(d))
        XCTAssertTrue(d.rows.last!.contains("No article in the other language"), d.rows.last!)
        XCTAssertNotNil(d.row(containing: "No pair found"))
        d.press("]")
        XCTAssertNil(otherArticle(d))
        d.press("w")
        XCTAssertEqual(d.state.split?.focusedSide, .right)
        XCTAssertNil(d.state.currentArticle)
        XCTAssertNotNil(d.row(containing: "Empty: choose an article in the list"))
        d.press("]")
        XCTAssertTrue(d.rows.last!.contains("No ranked pair"), d.rows.last!)
        d.focus(.list)
        d.press("G", "Enter")
        XCTAssertEqual(d.state.split?.focusedSide, .right)
        XCTAssertEqual(d.state.currentArticle, d.state.list.order.last)
        XCTAssertNotNil(otherArticle(d), "English beside English")
    }

    func testSnapshots160x50And100x30() {
        for (width, height) in [(160, 50), (100, 30)] {
            var d = open(Self.khanShaykhunLessons, width: width, height: height)
            d.press("s")
            d.assertSnapshot("split-\(width)x\(height)-khan-shaykhun")
            d.press("t")
            d.assertSnapshot("split-\(width)x\(height)-khan-shaykhun-names")
        }
    }

    /// The sidebar rows the single reader shows for `article`.
    private func sidebarRows(of article: Int) -> [SidebarState.Row] {
        var state = BrowserState(corpus: SeedCorpus.corpus, text: TerminalTextEngine(), width: 160, height: 50)
        state.openArticle(article)
        return state.sidebar.rows
    }
}
