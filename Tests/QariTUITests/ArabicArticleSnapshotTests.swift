import XCTest
@testable import QariTUI

/// An Arabic article from the seeds on screen: right to left, letters joined.
final class ArabicArticleSnapshotTests: XCTestCase {
    func testArabicArticle80x24() { openArabicArticle(width: 80, height: 24) }
    func testArabicArticle160x50() { openArabicArticle(width: 160, height: 50) }

    private func openArabicArticle(width: Int, height: Int) {
        var d = BrowserDriver(corpus: SeedCorpus.corpus, width: width, height: height)
        d.press("&"); d.type("Arabic"); d.press("Enter")
        XCTAssertFalse(d.state.list.order.isEmpty)
        let first = d.state.list.order[0]
        XCTAssertEqual(SeedCorpus.corpus.articles[first].lang, .ar)
        d.press("Enter")
        d.assertSnapshot("arabic-article-\(width)x\(height)")

        // Every body line of the reader ends at the right margin or is the last of its paragraph.
        let reader = d.state.layout.reader!
        let screen = d.backend.screen
        var rightAligned = 0
        for y in (reader.y + 4)..<reader.maxY {
            let occupied = (reader.x..<reader.maxX).filter { screen[$0, y].text != " " && screen[$0, y].text != "│" }
            if occupied.last == reader.maxX - 2 { rightAligned += 1 }
        }
        XCTAssertGreaterThan(rightAligned, (reader.height - 6) / 2, "most lines are flush right")
        // Joined: the reader shows Arabic presentation forms (initial, medial, final shapes).
        let shaped = screen.cells.filter { $0.text.unicodeScalars.contains { (0xFE70...0xFEFC).contains($0.value) } }.count
        XCTAssertGreaterThan(shaped, 100)
    }
}
