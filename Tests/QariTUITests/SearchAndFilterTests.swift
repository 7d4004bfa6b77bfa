import XCTest
@testable import QariTUI

final class SearchAndFilterTests: XCTestCase {
    func testListSearchIsIncrementalAndNStepsThroughMatches() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("/")
        XCTAssertTrue(d.rows.last!.hasPrefix("/"))
        d.type("id")
        // "Idlib" in two English titles; the newest of them is selected as soon as it is typed.
        XCTAssertEqual(FixtureCorpus.articles[d.state.list.order[d.state.list.selected]].title,
                       "Al-Qaeda Factions Create New Coalition in Idlib")
        XCTAssertTrue(d.rows.last!.contains("2 matches"), d.rows.last!)
        d.press("Enter")
        XCTAssertEqual(d.styles(of: "Idlib")?.first, Theme.searchMatch)
        d.press("n")
        XCTAssertEqual(FixtureCorpus.articles[d.state.list.order[d.state.list.selected]].title,
                       "Infighting Among Idlib Radicals Resumes")
        d.press("n")
        XCTAssertTrue(d.rows.last!.contains("wrapped"))
        d.press("N")
        XCTAssertEqual(FixtureCorpus.articles[d.state.list.order[d.state.list.selected]].title,
                       "Infighting Among Idlib Radicals Resumes")
    }

    func testEscapeCancelsASearchAndReturnsToWhereItStarted() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("/")
        d.type("Turkey")
        XCTAssertEqual(d.state.list.selected, 2)
        d.press("Escape")
        XCTAssertEqual(d.state.list.selected, 0)
        XCTAssertNil(d.state.search)
        XCTAssertNil(d.state.input)
    }

    func testReaderSearchHighlightsMatchesInTheText() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 30)
        d.press("j", "Enter", "/")
        d.type("coalition")
        d.press("Enter")
        XCTAssertEqual(d.state.search?.scope, .article)
        XCTAssertEqual(d.styles(of: "coalition dubbed")?.first, Theme.searchMatch)
        XCTAssertNotEqual(d.styles(of: "coalition dubbed")?.last, Theme.searchMatch)
        // Case-insensitive: the title's "Coalition" is marked too.
        XCTAssertEqual(d.styles(of: "New Coalition in")?.dropFirst(4).first, Theme.searchMatch)
    }

    func testArabicSearchFoldsLetterVariants() {
        // إدلب typed with a bare alef still finds it.
        XCTAssertEqual(TextSearch.ranges(of: "ادلب", in: "في ريف إدلب"), [7..<11])
        XCTAssertEqual(TextSearch.ranges(of: "IDLIB", in: "near Idlib and idlib"), [5..<10, 15..<20])
    }

    func testFilterByEntityInEitherScriptAndByLanguageThenClear() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("&")
        d.type("هيئة تحرير الشام")
        d.press("Enter")
        XCTAssertEqual(d.state.list.filter, .entity("hts"))
        XCTAssertEqual(Set(d.state.list.order), [0, 1, 3])
        XCTAssertTrue(d.rows.last!.contains("3 of 4 articles"), d.rows.last!)
        d.press("&")
        d.type("horas al din")
        d.press("Enter")
        XCTAssertEqual(d.state.list.filter, .entity("hurras_al_din"))
        XCTAssertEqual(d.state.list.order, [0])
        d.press("&")
        d.type("Arabic")
        d.press("Enter")
        XCTAssertEqual(d.state.list.filter, .language(.ar))
        XCTAssertEqual(d.state.list.order, [3])
        XCTAssertTrue(d.rows.last!.contains("& AR"))
        d.press("&", "Enter")
        XCTAssertNil(d.state.list.filter)
        XCTAssertEqual(d.state.list.order.count, 4)
    }

    func testFilterCompletesWithTab() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("&")
        d.type("Hu")
        XCTAssertTrue(d.rows.last!.contains("Hurras al-Din"), d.rows.last!)
        d.press("Tab", "Enter")
        XCTAssertEqual(d.state.list.filter, .entity("hurras_al_din"))
    }

    func testUnknownFilterSaysSoAndKeepsTheList() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("&")
        d.type("zzqx")
        d.press("Enter")
        XCTAssertNil(d.state.list.filter)
        XCTAssertTrue(d.rows.last!.contains("No entity or language matches"), d.rows.last!)
    }
}
