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

    /// The byte table of prepended marks' last bytes is exactly the last bytes of the marks
    /// `words(in:)` checks for; the Arabic letter test is exactly U+0620-064A.
    func testNeighbourTablesMatchTheirDefinitions() {
        let marks: [UInt32] = [0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD]
        let lastBytes = Set(marks.map { String(Unicode.Scalar($0)!).utf8.last! })
        for byte in 0x80...0xFF { XCTAssertEqual(Article.mayEndPrependedMark(UInt8(byte)), lastBytes.contains(UInt8(byte)), String(byte, radix: 16)) }
        for v in 0x80...0x7FF {
            let bytes = Array(String(Unicode.Scalar(UInt32(v))!).utf8)
            let isLetter = bytes.withUnsafeBufferPointer { Article.startsArabicLetter($0, at: 0) }
            XCTAssertEqual(isLetter, (0x620...0x64A).contains(v), String(v, radix: 16))
        }
    }

    /// Longer texts, so that the eight-byte reading meets every piece at every place in its
    /// eight bytes and across them: Arabic letters whose last byte is that of a prepended mark
    /// (ل م end in 84, 85 like U+0604, U+0605), no-break spaces and « » (C2), marks after spaces.
    func testLongRandomTextsAgree() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["word", "ab", " ", " ", "  ", "\u{A0}", "«", "»", "م", "ل", "قال", "\u{64E}", "\u{301}", "\u{200D}", "\u{600}",
                      "\u{605}", "\u{6DD}", "\u{70F}", "\u{891}", "\u{8E2}", "\u{110CD}", "’", "\u{903}", "👍", "\u{1F3FD}", "\n",
                      "ی", "\u{620}", "\u{64A}", "\u{64B}", "中", "é"]
        for _ in 0..<5000 {
            let s = (0..<Int.random(in: 0...60, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(Article.words(in: s), characterCount(s), s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
    }
}
