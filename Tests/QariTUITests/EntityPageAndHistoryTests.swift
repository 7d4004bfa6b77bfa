import XCTest
@testable import QariTUI

final class EntityPageAndHistoryTests: XCTestCase {
    func testEntityPageShowsNamesTypeRelationsAndMentionsWithSentences() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 40)
        XCTAssertTrue(d.state.open(name: "HTS"))
        d.render()
        let text = d.screenText
        for expected in ["Hayat Tahrir al-Sham", "faction · jihadist coalition", "Also: HTS, Tahrir al-Sham",
                         "Former names", "al-Nusra Front", "Rivals", "Fa Ithbatu", "Backers", "Turkey",
                         "Leaders", "Abu Mohammad al-Jolani", "Named 5 times in 3 articles",
                         "› Fighting broke out between Hayat Tahrir al-Sham and Fa Ithbatu near Idlib."] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)\n\(text)")
        }
        // The Arabic name is shaped and set against the right edge.
        XCTAssertFalse(text.contains("هيئة تحرير الشام"))
    }

    func testEnterOnAMentionOpensTheArticleScrolledToIt() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 40)
        d.state.open(name: "al-Jolani")
        let doc = d.state.entityPage.document!
        let mention = doc.items.firstIndex { if case .mention = $0.action { return true }; return false }!
        for _ in 0..<mention { d.press("j") }
        d.press("Enter")
        XCTAssertEqual(d.state.page, .article)
        XCTAssertEqual(d.state.currentArticle, 1)
        XCTAssertEqual(d.state.reader.selectedMention?.entityID, "jolani")
        XCTAssertEqual(d.styles(of: "Abu Mohammad")?.first?.reverse, true)
    }

    func testBackAndForwardAcrossArticlesAndEntityPagesAndTheHistoryList() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus(), width: 160, height: 40)
        d.press("j", "Enter", "]", "]", "]", "Enter")          // article a0, then Hurras al-Din
        XCTAssertEqual(d.state.entityPage.document?.entityID, "hurras_al_din")
        d.press("Enter")                                       // Member of: Fa Ithbatu
        XCTAssertEqual(d.state.entityPage.document?.entityID, "fa_ithbatu")
        d.press("h")
        XCTAssertEqual(d.state.entityPage.document?.entityID, "hurras_al_din")
        d.press("Backspace")
        XCTAssertEqual(d.state.page, .article)
        XCTAssertEqual(d.state.reader.selectedMention?.entityID, "hurras_al_din", "the mention stays selected")
        d.press("h")
        XCTAssertTrue(d.rows.last!.contains("Nothing to go back to"))
        d.press("M-Right", "l")
        XCTAssertEqual(d.state.entityPage.document?.entityID, "fa_ithbatu")
        d.press("H")
        XCTAssertNotNil(d.row(containing: "History"))
        XCTAssertNotNil(d.row(containing: "article Al-Qaeda Factions Create New Coalition in Idlib"))
        XCTAssertNotNil(d.row(containing: "▶ entity  Fa Ithbatu"))
        d.press("g", "Enter")
        XCTAssertNil(d.state.overlay)
        XCTAssertEqual(d.state.page, .article)
        d.press("l")
        XCTAssertEqual(d.state.entityPage.document?.entityID, "hurras_al_din")
    }

    func testOpenByNameAcceptsAnySpellingEitherScriptOrAnArticleID() {
        var d = BrowserDriver(corpus: FixtureCorpus.corpus())
        XCTAssertTrue(d.state.open(name: "جبهة النصرة"))
        XCTAssertEqual(d.state.entityPage.document?.entityID, "al_nusra")
        XCTAssertTrue(d.state.open(name: "jabhat al nusra"))
        XCTAssertEqual(d.state.entityPage.document?.entityID, "al_nusra")
        XCTAssertTrue(d.state.open(name: "a2"))
        XCTAssertEqual(d.state.currentArticle, 2)
        XCTAssertFalse(d.state.open(name: "nobody at all"))
        d.render()
        XCTAssertTrue(d.rows.last!.contains("No entity or article named nobody at all"))
    }

    func testOpenOnTheSeedsFindsHTSFromItsArabicName() {
        var d = BrowserDriver(corpus: SeedCorpus.corpus, width: 160, height: 50)
        XCTAssertTrue(d.state.open(name: "هيئة تحرير الشام"))
        XCTAssertEqual(d.state.entityPage.document?.entityID, "hts")
        // The list and sidebar around it show an article that names HTS.
        XCTAssertNotNil(d.state.currentArticle)
        d.render()
        XCTAssertNotNil(d.row(containing: "Former names"))
    }
}

final class SentenceFinderTests: XCTestCase {
    func testTheSentenceAroundAMention() {
        let text = "First one. Then HTS attacked near Idlib. Last one."
        let hts = 16..<19
        let s = SentenceFinder.sentence(in: text, around: hts)
        XCTAssertEqual(s.text, "Then HTS attacked near Idlib.")
        let scalars = Array(s.text.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[(hts.lowerBound - s.offset)..<(hts.upperBound - s.offset)])), "HTS")
    }

    func testAVeryLongSentenceIsCutToAWindowAroundTheMention() {
        let words = (0..<200).map { "w\($0)" }
        let text = (words[..<100] + ["HTS"] + words[100...]).joined(separator: " ")
        let start = text.unicodeScalars.count - words[100...].joined(separator: " ").unicodeScalars.count - 4
        let s = SentenceFinder.sentence(in: text, around: start..<(start + 3))
        XCTAssertTrue(s.text.hasPrefix("… ") && s.text.hasSuffix(" …"), s.text)
        XCTAssertLessThanOrEqual(s.text.unicodeScalars.count, SentenceFinder.maximumLength + 4)
        let scalars = Array(s.text.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[(start - s.offset)..<(start + 3 - s.offset)])), "HTS")
    }
}
