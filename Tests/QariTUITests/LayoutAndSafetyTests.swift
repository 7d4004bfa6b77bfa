import XCTest
@testable import QariTUI

final class LayoutAndSafetyTests: XCTestCase {
    func testPanesFollowTheTerminalWidth() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 30)
        XCTAssertNotNil(d.state.layout.list); XCTAssertNotNil(d.state.layout.reader); XCTAssertNotNil(d.state.layout.sidebar)
        d.resize(80, 24)
        XCTAssertNotNil(d.state.layout.list); XCTAssertNotNil(d.state.layout.reader); XCTAssertNil(d.state.layout.sidebar)
        d.resize(50, 20)
        XCTAssertNotNil(d.state.layout.list); XCTAssertNil(d.state.layout.reader)
        d.press("Enter")
        XCTAssertNil(d.state.layout.list); XCTAssertEqual(d.state.layout.reader?.width, 50)
        XCTAssertTrue(d.screenText.contains("Al-Qaeda") || d.screenText.contains("ﻫ"))
    }

    func testTinyTerminalsShowOneClearLineAndNothingBreaks() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 20, height: 5)
        XCTAssertEqual(d.rows[0], "Too small: need 21x6")
        for (w, h) in [(1, 1), (0, 0), (5, 20), (21, 6), (3, 2), (200, 3), (21, 5), (20, 6)] {
            d.resize(w, h)
            d.press("Enter", "j", "]", "Tab", "G", "/", "x", "Enter", "&", "Enter", "?", "Escape", "h")
            XCTAssertEqual(d.rows.count, max(h, 0))
            if w <= 20 || h <= 5, h > 0 { XCTAssertTrue(d.rows[0].hasPrefix("Too small".prefix(w)) || d.rows[0].hasPrefix("Terminal too small")) }
        }
        d.resize(21, 6)
        XCTAssertFalse(d.screenText.contains("too small"))
    }

    func testResizeKeepsTheSameTextAtTheTop() {
        var d = BrowserDriver(corpus: ReaderTests.longCorpus(), width: 160, height: 30)
        d.press("Enter", "3", "0", "j")
        let firstLine = d.state.reader.document!.lines[d.state.reader.top]
        let anchor = firstLine.content.logicalSpan!.lowerBound
        d.resize(90, 30)
        let after = d.state.reader.document!.lines[d.state.reader.top]
        XCTAssertEqual(after.part, firstLine.part)
        XCTAssertTrue(after.content.logicalSpan!.contains(anchor))
    }

    func testUntrustedTextNeverReachesTheScreenUnsanitised() {
        let evil = "Evil \u{1B}]0;pwned\u{07}title \u{1B}[2J\u{202E}reversed\u{9B}31m end"
        let article = FixtureCorpus.article(7, title: evil, date: "2030-01-01\u{1B}[5m", source: "Src\u{1B}[31m",
                                            lang: .en, paragraphs: [evil, "plain"])
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(articles: [article]), width: 120, height: 20)
        d.press("Enter", "H", "Escape", "/")
        d.type("\u{1B}[1m")
        let forbidden: (Unicode.Scalar) -> Bool = {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
        let screen = d.backend.screen
        for cell in screen.cells {
            XCTAssertFalse(cell.text.unicodeScalars.contains(where: forbidden), "control in cell: \(cell.text.debugDescription)")
        }
        XCTAssertTrue(d.screenText.contains("Evil"))
    }

    func testProblemsAreReportedAndListed() {
        let problems = [CorpusProblem(path: "bad/one.bin", reason: "not text (PNG image)"),
                        CorpusProblem(path: "bad/two.txt", reason: "empty file"),
                        CorpusProblem(path: "bad/three.txt", reason: "cannot be read (permission denied)")]
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(problems: problems), width: 100, height: 24)
        XCTAssertTrue(d.rows.last!.contains("3 files could not be read (! lists them)"), d.rows.last!)
        d.press("!")
        XCTAssertNotNil(d.row(containing: "Files that could not be read"))
        XCTAssertNotNil(d.row(containing: "bad/one.bin"))
        XCTAssertNotNil(d.row(containing: "not text (PNG image)"))
        d.press("Escape")
        XCTAssertNil(d.state.overlay)
        XCTAssertTrue(d.rows.last!.contains("3 not read (!)"))
    }

    func testNoticesFadeAfterQuietTicksButErrorsStay() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus())
        d.press("o")
        XCTAssertNotNil(d.state.message)
        for _ in 0..<(BrowserState.ticksToKeepNotice - 1) { d.state.update(.tick) }
        XCTAssertNotNil(d.state.message)
        d.state.update(.tick)
        XCTAssertNil(d.state.message)
        XCTAssertFalse(d.state.open(name: "nobody"))
        for _ in 0..<100 { d.state.update(.tick) }
        XCTAssertEqual(d.state.message?.isError, true)
    }

    func testHelpListsEveryKey() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 40)
        d.press("?")
        var shown = d.screenText
        d.press("G")
        shown += d.screenText
        for keys in ["Tab  S-Tab", "C-d  C-u", "]  [", "Backspace h M-Left", "l  M-Right", "H", "/", "n  N", "&", "q  C-c", "!",
                     "o", "s", "p", "w  Left Right", "t", "L"] {
            XCTAssertTrue(shown.contains(keys), "help lacks \(keys)")
        }
        d.press("?")
        XCTAssertNil(d.state.overlay)
    }

    func testHelpWrapsAndScrollsAt80x24() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 80, height: 24)
        d.press("?")
        d.assertSnapshot("help-80x24-top")
        d.press("G")
        XCTAssertTrue(d.screenText.contains("q  C-c"), "the last key is reachable")
        d.assertSnapshot("help-80x24-bottom")
    }

    func testQuitKeys() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus())
        d.press("q")
        XCTAssertTrue(d.state.shouldQuit)
        var e = BrowserDriver(corpus: FixtureCorpus.corpus())
        e.press("/", "q")
        XCTAssertFalse(e.state.shouldQuit, "q typed into a search is text")
        e.press("C-c")
        XCTAssertNil(e.state.input)
        e.press("C-c")
        XCTAssertTrue(e.state.shouldQuit)
    }
}

final class EmptyCorpusTests: XCTestCase {
    func testAnEmptyCorpusStillBrowsesAndOpensEntityPages() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(articles: []), width: 100, height: 24)
        XCTAssertNotNil(d.row(containing: "No articles in this corpus"))
        d.press("Enter", "j", "Tab", "Tab", "]", "/", "x", "Enter", "n", "&", "Enter", "o", "s", "t", "h", "l")
        XCTAssertTrue(d.state.open(name: "HTS"))
        d.render()
        XCTAssertNotNil(d.row(containing: "Not named in any article"))
        d.press("Enter")
        XCTAssertEqual(d.state.entityPage.document?.entityID, "al_nusra")
    }
}
