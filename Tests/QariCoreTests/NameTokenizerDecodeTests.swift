import XCTest
@testable import QariCore

/// The tokenizer's decoder (eight ASCII bytes or four two-byte sequences at a time) against the
/// String's own scalars, on text made of runs of one-, two-, three- and four-byte scalars of
/// every length, so that the blocks start and stop at every offset.
final class NameTokenizerDecodeTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testDecodedScalarsAreTheTextsScalars() {
        let alphabets: [[Unicode.Scalar]] = [
            Array("abc XYZ-.,0".unicodeScalars),
            Array("حلبوفكالسميـًّé߿ĀӿÞ".unicodeScalars),   // two bytes, U+0080 to U+07FF
            Array("ࠀ‐’ﻻ\u{FEFF}".unicodeScalars),
            Array("😀𝔸".unicodeScalars),
        ]
        for _ in 0..<20000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let alphabet = Int.random(in: 0..<4, using: &generator) < 2
                    ? alphabets[1] : alphabets.randomElement(using: &generator)!
                for _ in 0..<Int.random(in: 1...13, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            }
            let string = String(text)
            XCTAssertEqual(NameTokenizer.scalars(of: string), Array(string.unicodeScalars), string)
            XCTAssertEqual(Array(NameTokenizer(string).scalars), Array(string.unicodeScalars), string)
        }
    }
}
