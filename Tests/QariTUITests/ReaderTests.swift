import XCTest
@testable import QariTUI

final class ReaderTests: XCTestCase {
    /// An article long enough to scroll.
    static func longCorpus() -> BrowserCorpus {
        let paragraphs = (1...40).map { "Paragraph \($0): fighting near Idlib continued as Hayat Tahrir al-Sham and Fa Ithbatu exchanged fire." }
        let article = FixtureCorpus.article(9, title: "A Long Report From Idlib", date: "2021-01-01",
                                            source: "South Front", lang: .en, paragraphs: paragraphs)
        return FixtureCorpus.corpus(articles: [article] + FixtureCorpus.articles)
    }

    /// Each mention stop is on the first line showing the mention (found by halving over the
    /// lines' spans): the same line `line(of:range:)` finds by looking at every line, on every
    /// seed article at three widths, with and without the other language's names.
    func testMentionStopsAreOnTheFirstLineShowingThem() {
        let corpus = SeedCorpus.corpus
        var checked = 0
        for i in corpus.articles.indices {
            for width in [20, 43, 80] {
                for glossed in [false, true] {
                    let doc = ReaderDocument(corpus: corpus, articleIndex: i, width: width, text: TerminalTextEngine(),
                                             otherLanguageNames: glossed)
                    for stop in doc.stops {
                        let expected = doc.line(of: stop.mention.part, range: stop.mention.range)
                            ?? doc.lines.firstIndex { $0.part == stop.mention.part }
                        XCTAssertEqual(stop.line, expected, "article \(i) width \(width) \(stop.mention)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testScrollByLineHalfPagePageTopAndBottom() {
        var d = BrowserDriver(corpus: Self.longCorpus(), width: 80, height: 24)
        d.press("Enter")
        XCTAssertEqual(d.state.reader.top, 0)
        d.press("j")
        XCTAssertEqual(d.state.reader.top, 1)
        d.press("5", "j")
        XCTAssertEqual(d.state.reader.top, 6)
        d.press("C-d")
        let half = d.state.readerPageHeight / 2
        XCTAssertEqual(d.state.reader.top, 6 + half)
        d.press("C-u", "k")
        XCTAssertEqual(d.state.reader.top, 5)
        d.press("PgDn")
        XCTAssertEqual(d.state.reader.top, 5 + d.state.readerPageHeight - 1)
        d.press("G")
        let doc = d.state.reader.document!
        XCTAssertEqual(d.state.reader.top, doc.lines.count - d.state.readerPageHeight)
        XCTAssertTrue(d.screenText.contains("Paragraph 40"))
        d.press("g")
        XCTAssertEqual(d.state.reader.top, 0)
        XCTAssertTrue(d.screenText.contains("A Long Report From Idlib"))
    }

    func testPositionIsKeptPerArticle() {
        var d = BrowserDriver(corpus: Self.longCorpus(), width: 80, height: 24)
        d.press("Enter", "1", "2", "j")
        XCTAssertEqual(d.state.reader.top, 12)
        d.press("S-Tab", "j", "Enter")
        XCTAssertEqual(d.state.reader.top, 0)
        d.press("h")
        XCTAssertEqual(d.state.currentArticle, 0)
        XCTAssertEqual(d.state.reader.top, 12)
        // Narrower, the article is laid out again; going back still finds the same text at the top.
        let before = d.state.reader.document!.lines[d.state.reader.top]
        let offset = before.content.logicalSpan!.lowerBound
        d.press("l")
        d.resize(100, 24)
        d.press("h")
        let after = d.state.reader.document!.lines[d.state.reader.top]
        XCTAssertEqual(after.part, before.part)
        XCTAssertTrue(after.content.logicalSpan!.contains(offset))
    }

    func testMentionsAreColouredByType() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 30)
        d.press("j", "Enter")
        XCTAssertEqual(d.styles(of: "Horas al-Din")?.first?.foreground, .red)     // faction
        XCTAssertEqual(d.styles(of: "while Turkey")?.last?.foreground, .blue)  // state actor
        XCTAssertEqual(d.styles(of: "while Turkey")?.first?.foreground, .default)
    }

    func testBracketsStepThroughMentionsAndEnterOpensTheEntityPage() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 30)
        d.press("j", "Enter", "]")
        XCTAssertEqual(d.state.reader.selectedMention?.entityID, "idlib")   // in the title
        d.press("]", "]")
        XCTAssertEqual(d.state.reader.selectedMention?.entityID, "hurras_al_din")
        XCTAssertEqual(d.styles(of: "Horas al-Din")?.first?.reverse, true)
        d.press("[")
        XCTAssertEqual(d.state.reader.selectedMention?.entityID, "idlib")
        d.press("]", "Enter")
        XCTAssertEqual(d.state.page, .entity)
        XCTAssertNotNil(d.row(containing: "Hurras al-Din"))
        XCTAssertNotNil(d.row(containing: "Member of"))
    }

    func testTabStepsThroughVisibleMentionsThenMovesFocusOn() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("j", "Enter")
        let stops = d.state.reader.document!.stops.count
        for _ in 0..<stops {
            d.press("Tab")
            XCTAssertEqual(d.state.focus, .reader)
        }
        d.press("Tab")
        XCTAssertEqual(d.state.focus, .sidebar)
        XCTAssertNil(d.state.reader.selectedMention)
    }

    func testSidebarGroupsEntitiesByTypeAndHighlightsTheSelectedOnesMentions() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 30)
        d.press("j", "Enter")
        d.focus(.sidebar)
        let rows = d.rows.map { String($0.suffix(d.state.layout.sidebar!.width)) }
        let factions = rows.firstIndex { $0.contains("Factions") }!
        let states = rows.firstIndex { $0.contains("State forces") }!
        let places = rows.firstIndex { $0.contains("Places") }!
        XCTAssertLessThan(factions, states)
        XCTAssertLessThan(states, places)
        XCTAssertTrue(rows[factions + 1].contains("Fa Ithbatu") && rows[factions + 1].hasSuffix(" 2 "), rows[factions + 1])
        // Fa Ithbatu is selected first: its mentions are underlined in the reader.
        XCTAssertEqual(d.styles(of: "dubbed Fa Ithbatu")?.last?.underline, true)
        d.press("j")
        XCTAssertEqual(d.state.sidebar.selectedEntityID, "hts")
        XCTAssertEqual(d.styles(of: "dubbed Fa Ithbatu")?.last?.underline, false)
        XCTAssertEqual(d.styles(of: "room. Hayat Tahrir")?.last?.underline, true)
    }

    func testArabicParagraphIsRightAlignedAndJoined() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 120, height: 30)
        d.press("Enter")  // the Arabic article is the newest
        let reader = d.state.layout.reader!
        let screen = d.backend.screen
        let bodyRow = (0..<screen.height).first { y in
            (reader.x..<reader.maxX).contains { screen[$0, y].text.unicodeScalars.contains { (0xFE70...0xFEFF).contains($0.value) } }
            && y > 3
        }!
        let occupied = (reader.x..<reader.maxX).filter { screen[$0, bodyRow].text != " " }
        XCTAssertEqual(occupied.last, reader.maxX - 2, "flush against the right margin")
        XCTAssertGreaterThan(occupied.first!, reader.x + 1, "a short line starts right of the left margin")
        // The mention of HTS is coloured as a faction in the Arabic text too.
        XCTAssertTrue((reader.x..<reader.maxX).contains { screen[$0, bodyRow].style.foreground == .red })
    }
}
