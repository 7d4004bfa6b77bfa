import XCTest
import QariCore
@testable import QariStore

/// The one-value-per-article form of paragraphs and boilerplate gives back what was stored,
/// and refuses bytes it did not write.
final class BodyBlobTests: XCTestCase {
    private func randomBody(_ generator: inout SystemRandomNumberGenerator) -> ([Paragraph], [BoilerplateLine]) {
        let texts = ["", "Idlib", "هيئة تحرير الشام في إدلب", "line\nbreak", "\u{202E}bidi\u{0000}nul", String(repeating: "long ", count: 400)]
        let paragraphs = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
            Paragraph(text: texts.randomElement(using: &generator)!, lang: [.en, .ar, .mixed].randomElement(using: &generator)!,
                      direction: [.ltr, .rtl].randomElement(using: &generator)!, line: Int.random(in: 0...2_000_000, using: &generator),
                      joinedLines: (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                          Paragraph.JoinedLine(offset: Int.random(in: 0...100_000, using: &generator),
                                               line: Int.random(in: 0...2_000_000, using: &generator))
                      })
        }
        let boilerplate = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
            BoilerplateLine(line: Int.random(in: 0...2_000_000, using: &generator), text: texts.randomElement(using: &generator)!,
                            role: [.boilerplate, .metadata, .references].randomElement(using: &generator)!)
        }
        return (paragraphs, boilerplate)
    }

    func testRandomBodiesComeBackAsStored() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let (paragraphs, boilerplate) = randomBody(&generator)
            let bytes = BodyBlob.encode(paragraphs: paragraphs, boilerplate: boilerplate)
            let decoded = BodyBlob.decode(bytes)
            XCTAssertEqual(decoded?.paragraphs, paragraphs)
            XCTAssertEqual(decoded?.boilerplate, boilerplate)
            XCTAssertEqual(BodyBlob.paragraphTexts(bytes), paragraphs.map(\.text))
        }
    }

    /// Every article of the seeds, as the index stores it.
    func testSeedArticlesComeBackAsStored() throws {
        let corpus = try CorpusLoader().load([Repo.seeds.path])
        XCTAssertGreaterThan(corpus.articles.count, 10)
        for a in corpus.articles {
            let bytes = BodyBlob.encode(paragraphs: a.paragraphs, boilerplate: a.boilerplate)
            let decoded = try XCTUnwrap(BodyBlob.decode(bytes), a.id)
            XCTAssertEqual(decoded.paragraphs, a.paragraphs, a.id)
            XCTAssertEqual(decoded.boilerplate, a.boilerplate, a.id)
        }
    }

    func testDamagedBytesAreRefused() {
        var generator = SystemRandomNumberGenerator()
        var body: ([Paragraph], [BoilerplateLine]) = ([], [])
        while body.0.count < 2 || body.1.isEmpty { body = randomBody(&generator) }
        let bytes = BodyBlob.encode(paragraphs: body.0, boilerplate: body.1)
        XCTAssertNil(BodyBlob.decode(Array(bytes.dropLast())), "cut short")
        XCTAssertNil(BodyBlob.decode(bytes + [0]), "trailing bytes")
        XCTAssertNil(BodyBlob.decode([0xFF, 0xFF, 0xFF]), "an unfinished number")
        XCTAssertNil(BodyBlob.decode([9, 1, 0x61]), "more paragraphs than bytes")
        XCTAssertNil(BodyBlob.paragraphTexts([2, 200, 0x61]), "a text longer than the bytes")
        XCTAssertNil(BodyBlob.decode([]), "nothing")
        let empty = BodyBlob.encode(paragraphs: [], boilerplate: [])
        XCTAssertEqual(BodyBlob.decode(empty)?.paragraphs, [])
        XCTAssertEqual(BodyBlob.decode(empty)?.boilerplate, [])
    }
}
