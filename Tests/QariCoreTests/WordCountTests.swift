import Foundation
import XCTest
@testable import QariCore

/// `Article.words(in:)` counts on scalars; it must agree with splitting the characters.
final class WordCountTests: XCTestCase {
    private func characterCount(_ s: String) -> Int { s.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).count }

    func testAgreesWithSplittingCharacters() {
        let cases = [
            "", " ", "  a  b ", "one two\u{A0}three", "“Quoted” words — and ’apostrophes’", "tab\tis not a space",
            "قال المرصد السوري إن", "ب ً", "a \u{301}b", "a \u{200D}b", "x \u{1F3FB}y", "\u{600} 5", "\u{A0}\u{A0}x",
            "a \u{903}b", "emoji 👍🏽 ok", "line\nbreak words", "🇸🇾 🇹🇷",
        ]
        for c in cases { XCTAssertEqual(Article.words(in: c), characterCount(c), c.debugDescription) }
    }

    func testAgreesOnEverySeedParagraph() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds").path
        let corpus = try CorpusLoader().load([seeds])
        var paragraphs = 0
        for a in corpus.articles {
            for p in a.paragraphs {
                XCTAssertEqual(Article.words(in: p.text), characterCount(p.text))
                paragraphs += 1
            }
        }
        XCTAssertGreaterThan(paragraphs, 200)
    }

    func testRandomTextsAgree() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "ب", " ", "\u{A0}", "\u{64E}", "\u{301}", "\u{200D}", "\u{600}", "’", "x", "\u{903}", "👍", "\u{1F3FD}", "\r", "\n",
                      "\u{6DD}", "\u{70F}", "\u{890}", "\u{8E2}", "\u{110BD}", "à", "\u{C2}", "中", "\u{2060}", "\u{FE0F}"]
        for _ in 0..<5000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(Article.words(in: s), characterCount(s), s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
    }
}
