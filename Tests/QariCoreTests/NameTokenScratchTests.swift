import XCTest
@testable import QariCore

/// Scalars and tokens written into one scratch that serves text after text (longer and shorter
/// ones, so that it both grows and holds more room than needed) are the text's scalars and the
/// tokens of a tokenizer of its own.
final class NameTokenScratchTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private static let pieces: [String] = [
        "Idlib", "Aleppo", "al-Sham", "HTS", "U.S.", "Aleppo’s", "M5", "the", "of", "Şam", "حلب", "وحلب", "للجيش",
        "a", "I", "-", ",", ".", " ", " ", "  ",
    ]

    private func randomText() -> String {
        let words = Int.random(in: 0..<6, using: &generator) == 0 ? Int.random(in: 200...1200, using: &generator)
            : Int.random(in: 0...12, using: &generator)
        return (0..<words).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
    }

    private func assertSameTokens(_ a: NameTokenizer, _ b: NameTokenizer, _ text: String) {
        XCTAssertEqual(a.tokens.count, b.tokens.count, text)
        guard a.tokens.count == b.tokens.count else { return }
        for k in a.tokens.indices {
            let x = a.tokens[k], y = b.tokens[k]
            XCTAssertEqual(x.range, y.range, text)
            XCTAssertEqual(x.coreStart, y.coreStart, text)
            XCTAssertEqual(x.script, y.script, text)
            XCTAssertEqual(x.joinsPrevious, y.joinsPrevious, text)
            XCTAssertEqual(x.hasArticle, y.hasArticle, text)
            XCTAssertEqual(x.uppercaseCount, y.uppercaseCount, text)
            XCTAssertEqual(x.lowercaseCount, y.lowercaseCount, text)
            XCTAssertEqual(x.wordKey, y.wordKey, text)
            XCTAssertEqual(x.acronymKey, y.acronymKey, text)
            XCTAssertEqual(x.exactLowercaseKey, y.exactLowercaseKey, text)
            XCTAssertEqual(a.alternatives(of: x).map(\.key), b.alternatives(of: y).map(\.key), text)
        }
        XCTAssertEqual(a.tokens.withUnsafeBufferPointer { $0.map(\.range) }, b.tokens.map(\.range), text)
    }

    /// A token fits 64 bytes (the tokenizer writes one per word).
    func testTokenLayout() {
        XCTAssertEqual(MemoryLayout<NameToken>.stride, 64)
    }

    func testTokensInAReusedScratchAreTheTokensOfAFreshTokenizer() {
        let scratch = NameTokenScratch(capacity: 4)
        var grew = false
        for _ in 0..<800 {
            let text = randomText()
            let capacity = scratch.capacity
            let reused = NameTokenizer(text, scratch: scratch)
            if scratch.capacity > capacity { grew = true }
            XCTAssertEqual(Array(reused.scalars), Array(text.unicodeScalars), text)
            XCTAssertEqual(reused.scalars.withUnsafeBufferPointer { Array($0) }, Array(text.unicodeScalars), text)
            assertSameTokens(reused, NameTokenizer(text), text)
        }
        XCTAssertTrue(grew)
    }

    /// The same for the plain definition: the tokens one at a time, as the general reading gives them.
    func testTokensOfTheGeneralReadingInAReusedScratch() {
        let scratch = NameTokenScratch(capacity: 1)
        for _ in 0..<300 {
            let text = randomText()
            let reused = NameTokenizer(text, plainWordsFirst: false, scratch: scratch)
            assertSameTokens(reused, NameTokenizer(text, plainWordsFirst: false), text)
        }
    }
}
