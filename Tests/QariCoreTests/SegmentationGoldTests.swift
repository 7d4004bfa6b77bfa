import XCTest
@testable import QariCore

/// Segmentation of the seeds measured against the hand-made gold annotation.
final class SegmentationGoldTests: XCTestCase {
    /// Outlet names compared as a reader would: case and a trailing "(ST)"-style abbreviation aside.
    private func sameSource(_ a: String?, _ b: String?) -> Bool {
        func key(_ s: String?) -> String? {
            guard var s = s?.lowercased() else { return nil }
            if let r = s.range(of: " (") { s = String(s[..<r.lowerBound]) }
            return s
        }
        return key(a) == key(b)
    }

    func testSeedsMatchGoldArticles() throws {
        let corpus = try CorpusLoader().load([Repo.seeds])
        XCTAssertEqual(corpus.problems, [])
        let gold = try GoldArticle.all()
        var matched = Set<String>()
        var found = 0, boundaries = 0, titles = 0, dates = 0, sources = 0, langs = 0
        for g in gold {
            guard let a = corpus.articles.first(where: {
                $0.file == g.file && abs($0.firstLine - g.firstLine) <= 2 && !matched.contains($0.id)
            }) else {
                XCTFail("gold article \(g.index) '\(g.title)' not found")
                continue
            }
            matched.insert(a.id)
            found += 1
            if abs(a.lastLine - g.lastLine) <= 2 { boundaries += 1 } else {
                XCTFail("article \(g.index): last line \(a.lastLine), gold \(g.lastLine)")
            }
            if a.title == g.title { titles += 1 } else { XCTFail("article \(g.index): title '\(a.title)'") }
            if a.date == g.date { dates += 1 } else { XCTFail("article \(g.index): date \(a.date ?? "nil"), gold \(g.date ?? "nil")") }
            if sameSource(a.source, g.source) { sources += 1 } else {
                XCTFail("article \(g.index): source \(a.source ?? "nil"), gold \(g.source ?? "nil")")
            }
            if a.lang.rawValue == g.lang { langs += 1 }
            XCTAssertEqual(a.isPromo, g.kind == "promo", "article \(g.index) promo flag")
        }
        let spurious = corpus.articles.filter { !matched.contains($0.id) }
        XCTAssertEqual(spurious.map(\.title), [], "articles the gold does not have")
        // Pinned: every one of the 28 gold items, with title, date, source and language right.
        XCTAssertEqual(gold.count, 28)
        XCTAssertEqual(found, 28)
        XCTAssertEqual(boundaries, 28)
        XCTAssertEqual(titles, 28)
        XCTAssertEqual(dates, 28)
        XCTAssertEqual(sources, 28)
        XCTAssertEqual(langs, 28)
    }

    func testBoilerplateIsOutOfTheBodyButKept() throws {
        let corpus = try CorpusLoader().load([Repo.seeds])
        let a = try XCTUnwrap(corpus.articles.first { $0.title.hasPrefix("Video: Al-Qaeda Launches") })
        let body = a.paragraphs.map(\.text).joined(separator: "\n")
        XCTAssertFalse(body.contains("Note to readers"))
        XCTAssertFalse(body.contains("PayPal"))
        XCTAssertFalse(body.contains("Disclaimer"))
        XCTAssertFalse(body.contains("](#)"), "markdown links show as their text")
        XCTAssertTrue(a.boilerplate.contains { $0.text.hasPrefix("Note to readers") && $0.role == .boilerplate })
        XCTAssertTrue(a.boilerplate.contains { $0.text.hasPrefix("Disclaimer") })
        // The italic lead loses its markers; the sentence broken by a blank line (L33/L35) is one paragraph.
        XCTAssertTrue(a.paragraphs[0].text.hasPrefix("The southern part of the Idlib zone"))
        XCTAssertTrue(a.paragraphs.contains { $0.text.contains("on the commercial traffic there.") })
        XCTAssertEqual(a.publisher, "Global Research")
        XCTAssertEqual(a.source, "South Front")
        // Captions repeating the title (Al-Ahed) are boilerplate, not body.
        let ahed = try XCTUnwrap(corpus.articles.first { $0.title.hasPrefix("Al-Ahed News in Khan Sheikhoun") })
        XCTAssertFalse(ahed.paragraphs.contains { $0.text == ahed.title })
        XCTAssertGreaterThanOrEqual(ahed.boilerplate.filter { $0.text == ahed.title }.count, 9)
    }

    func testArabicArticlesAreRightToLeft() throws {
        let corpus = try CorpusLoader().load([Repo.seeds])
        let arabic = corpus.articles.filter { $0.lang == .ar }
        XCTAssertEqual(arabic.map(\.title), ["انتصار حلب بعشرة", "أهمّ دروس تحرير خان شيخون"])
        for a in arabic {
            XCTAssertTrue(a.paragraphs.allSatisfy { $0.direction == .rtl && $0.lang == .ar })
            XCTAssertEqual(a.source, "Nasser Kandil")
            XCTAssertEqual(a.author, "ناصر قنديل")
        }
    }

    func testIdsAreStableAndDistinct() throws {
        let one = try CorpusLoader().load([Repo.seeds]).articles.map(\.id)
        let two = try CorpusLoader().load([Repo.seeds]).articles.map(\.id)
        XCTAssertEqual(one, two)
        XCTAssertEqual(Set(one).count, one.count)
    }
}
