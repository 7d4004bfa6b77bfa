import XCTest
@testable import QariTUI

/// The path through the seeds the issue describes, every screen pinned at 80x24 and 160x50.
final class SeedPathSnapshotTests: XCTestCase {
    func testSeedPath80x24() { walkSeedPath(width: 80, height: 24) }
    func testSeedPath160x50() { walkSeedPath(width: 160, height: 50) }
    /// The same screens when the browser reads the seeds from the index, as `qari` does.
    func testSeedPathThroughTheIndex80x24() { walkSeedPath(width: 80, height: 24, corpus: IndexedSeedCorpus.corpus) }
    func testSeedPathThroughTheIndex160x50() { walkSeedPath(width: 160, height: 50, corpus: IndexedSeedCorpus.corpus) }

    private func walkSeedPath(width: Int, height: Int, corpus: BrowserCorpus = SeedCorpus.corpus) {
        let size = "\(width)x\(height)"
        var d = BrowserDriver(corpus: corpus, width: width, height: height)
        d.assertSnapshot("seed-path-\(size)-01-open-seeds")

        let title = "Al-Qaeda Factions Create New Coalition in Idlib"
        let position = d.state.list.order.firstIndex { SeedCorpus.corpus.articles[$0].title.hasSuffix(title) }
        XCTAssertNotNil(position, "the seeds hold \(title)")
        d.press("g")
        for _ in 0..<(position ?? 0) { d.press("j") }
        d.press("Enter")
        XCTAssertTrue(SeedCorpus.corpus.articles[d.state.currentArticle!].title.hasSuffix(title))
        d.assertSnapshot("seed-path-\(size)-02-open-coalition-article")

        d.focus(.sidebar)
        d.assertSnapshot("seed-path-\(size)-03-focus-sidebar")

        d.press("/"); d.type("Fa Ithbatu"); d.press("Enter", "Enter")
        XCTAssertEqual(d.state.page, .entity)
        XCTAssertEqual(d.state.entityPage.document?.entityID, "fa_ithbatu")
        d.assertSnapshot("seed-path-\(size)-04-entity-fa-ithbatu")

        jump(&d, to: "Hurras al-Din", id: "hurras_al_din")
        d.assertSnapshot("seed-path-\(size)-05-entity-hurras-al-din")
        jump(&d, to: "Hayat Tahrir al-Sham", id: "hts")
        d.assertSnapshot("seed-path-\(size)-06-entity-hts")
        jump(&d, to: "al-Nusra Front", id: "al_nusra")
        d.assertSnapshot("seed-path-\(size)-07-entity-al-nusra")

        d.press("Backspace", "h", "M-Left")
        XCTAssertEqual(d.state.entityPage.document?.entityID, "fa_ithbatu")
        d.assertSnapshot("seed-path-\(size)-08-back-three-times")
        d.press("l")
        XCTAssertEqual(d.state.entityPage.document?.entityID, "hurras_al_din")
        d.assertSnapshot("seed-path-\(size)-09-forward-once")
    }

    /// On an entity page, selects the related entity named `name` and presses Enter.
    private func jump(_ d: inout BrowserDriver, to name: String, id: String, line: UInt = #line) {
        guard let doc = d.state.entityPage.document,
              let item = doc.items.firstIndex(where: { $0.action == .entity(id) }) else {
            XCTFail("\(name) is not related to \(d.state.entityPage.document?.entityID ?? "nothing")", line: line)
            return
        }
        let from = d.state.entityPage.selectedItem ?? 0
        for _ in 0..<abs(item - from) { d.press(item > from ? "j" : "k") }
        XCTAssertTrue(d.screenText.contains(name), line: line)
        d.press("Enter")
        XCTAssertEqual(d.state.entityPage.document?.entityID, id, line: line)
    }
}
