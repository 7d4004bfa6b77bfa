import XCTest
@testable import QariTUI

final class ArticleListTests: XCTestCase {
    func testListShowsTitlesDatesSourcesBadgesAndEntityCountsNewestFirst() {
        let d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        let titles = d.state.list.order.map { FixtureCorpus.articles[$0].title }
        XCTAssertEqual(titles.first, "هيئة تحرير الشام تهاجم فاثبتوا في إدلب", "2020-06-25 is the newest")
        XCTAssertEqual(titles.last, "Infighting Among Idlib Radicals Resumes", "undated items go last")
        let row = d.row(containing: "2020-06-16")!
        XCTAssertTrue(d.rows[row].contains("South Front"))
        XCTAssertTrue(d.rows[row].contains("EN 5e"), d.rows[row])   // Idlib, Horas, Fa Ithbatu, HTS, Turkey
        XCTAssertNotNil(d.row(containing: "AR 3e"))
    }

    func testOrderKeyCyclesThroughDateTitleAndSource() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("o")
        XCTAssertEqual(d.state.list.sort, .title)
        XCTAssertEqual(FixtureCorpus.articles[d.state.list.order[0]].title, "Al-Qaeda Factions Create New Coalition in Idlib")
        XCTAssertTrue(d.rows.last!.contains("Sorted by title"))
        d.press("o")
        XCTAssertEqual(d.state.list.sort, .source)
        XCTAssertEqual(FixtureCorpus.articles[d.state.list.order[0]].source, "Al-Masdar News")
        d.press("o")
        XCTAssertEqual(d.state.list.sort, .date)
    }

    func testOpeningMarksTheArticleReadAndCountsItsPosition() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("j", "Enter")
        XCTAssertEqual(d.state.focus, .reader)
        XCTAssertEqual(d.state.currentArticle, 0)
        XCTAssertTrue(d.rows.last!.contains("fixture · article 2 of 4"), d.rows.last!)
        XCTAssertNotNil(d.row(containing: "▶ Al-Qaeda Factions"))
        d.press("S-Tab", "j", "Enter")
        XCTAssertEqual(d.state.currentArticle, 2)
        // The coalition article is now read but no longer open.
        XCTAssertNotNil(d.row(containing: "✓ Al-Qaeda Factions"))
        XCTAssertNotNil(d.row(containing: "▶ Turkey Builds"))
    }

    func testArabicTitleIsRightAlignedAndShaped() {
        let d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        let listRect = d.state.layout.list!
        let y = 1
        let screen = d.backend.screen
        // The last column of the title area holds a letter: the title ends at the right edge.
        let rightmost = (listRect.x..<(listRect.maxX - 1)).last { screen[$0, y].text != " " }!
        XCTAssertGreaterThanOrEqual(rightmost, listRect.maxX - 3)
        let text = (listRect.x..<listRect.maxX).map { screen[$0, y].text }.joined()
        // Shaped: Arabic presentation forms, not the plain letters of the source.
        XCTAssertTrue(text.unicodeScalars.contains { (0xFE70...0xFEFF).contains($0.value) }, text)
        XCTAssertFalse(text.contains("هيئة"))
    }

    func testLongTitlesAreTruncatedWithAnEllipsisInEitherDirection() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 80, height: 24)
        d.render()
        let list = d.state.layout.list!
        for y in 1..<(1 + 2 * 4) {
            let row = String(d.rows[y].prefix(list.width))
            XCTAssertLessThanOrEqual(row.count, list.width)
        }
        XCTAssertTrue(d.rows.contains { $0.contains("…") })
    }
}

final class ArticleListPagingTests: XCTestCase {
    func testPagesInTheListMoveByTheArticlesOnScreen() {
        let many = (0..<60).map {
            FixtureCorpus.article(100 + $0, title: "Report \($0)", date: String(format: "2020-01-%02d", 1 + $0 % 28),
                                  source: "South Front", lang: .en, paragraphs: ["Text \($0)."])
        }
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(articles: many), width: 80, height: 24)
        let onScreen = d.state.listPageItems
        XCTAssertEqual(onScreen, 11)   // 22 rows under the header, two rows an article
        d.press("PgDn")
        XCTAssertEqual(d.state.list.selected, onScreen - 1)
        d.press("C-d")
        XCTAssertEqual(d.state.list.selected, onScreen - 1 + onScreen / 2)
        d.press("G", "PgUp")
        XCTAssertEqual(d.state.list.selected, 59 - (onScreen - 1))
    }
}
