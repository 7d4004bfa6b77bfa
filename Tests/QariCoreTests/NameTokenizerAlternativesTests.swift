import XCTest
@testable import QariCore

/// `NameTokenizer.alternativeIndices(of:)`, where the matcher reads a word's Arabic alternatives
/// by index, against `alternatives(of:)`: the same alternatives, in order, for every word of
/// random texts of Arabic words with and without proclitics, and Latin words (none); and the
/// tokenizer's list against `procliticAlternatives` of each word alone.
final class NameTokenizerAlternativesTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testAlternativeIndicesAreTheAlternatives() {
        let pieces = ["حلب", "وحلب", "بحلب", "والرقة", "بالرقة", "لحماة", "فإدلب", "وبدمشق", "دمشق", "كالشام", "وللشام", "هيئة",
                      "تحرير", "الشام", "Aleppo", "wal", "US", ", ", "."]
        var withAlternatives = 0
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: " ")
            let tokenizer = NameTokenizer(text)
            for token in tokenizer.tokens {
                let plain = Array(tokenizer.alternatives(of: token))
                let indices = tokenizer.alternativeIndices(of: token)
                let read = indices.map { tokenizer.arabicAlternatives[$0] }
                XCTAssertEqual(read.map(\.key), plain.map(\.key), text)
                XCTAssertEqual(read.map(\.coreStart), plain.map(\.coreStart), text)
                if token.alternativesIndex < 0 { XCTAssertTrue(indices.isEmpty, text) }
                if !plain.isEmpty { withAlternatives += 1 }
            }
        }
        XCTAssertGreaterThan(withAlternatives, 500)
    }

    /// Where a word's n-th letter is (`letterOffset`, which answers a word without harakat or
    /// tatweel at once) against the walk over its scalars, on words of letters, harakat and tatweel.
    func testLetterOffsetIsTheWalk() {
        let alphabet = Array("وفبلكحلبةالرقى".unicodeScalars) + [Unicode.Scalar(0x64E)!, Unicode.Scalar(0x651)!, Unicode.Scalar(0x640)!]
        var withoutMarks = 0
        for _ in 0..<20000 {
            let scalars = (0..<Int.random(in: 1...9, using: &generator)).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0 ? alphabet.randomElement(using: &generator)! : alphabet[Int.random(in: 0..<14, using: &generator)]
            }
            let start = Int.random(in: 0..<scalars.count, using: &generator)
            let range = start..<Int.random(in: start...scalars.count, using: &generator)
            var letters: [UInt8] = []
            NameKey.appendArabicNormalized(scalars, range, into: &letters)
            if letters.count == range.count { withoutMarks += 1 }
            for n in 0...4 {
                XCTAssertEqual(NameTokenizer.letterOffset(n, scalars: scalars, range: range, letterCount: letters.count),
                               NameTokenizer.letterOffsetByWalking(n, scalars: scalars, range: range),
                               "\(String(String.UnicodeScalarView(scalars))) \(range) \(n)")
            }
        }
        XCTAssertGreaterThan(withoutMarks, 5000)
    }

    /// The list the tokenizer writes into its scratch (a header, then the keys, for each word)
    /// holds for every word what `procliticAlternatives` gives for the word alone: texts of many
    /// words, read one after the other through one scratch, short and long (it grows).
    func testTheListHoldsEachWordsAlternatives() {
        let pieces = ["وحلب", "بالرقة", "وللشام", "فبدمشق", "للجيش", "حلب", "و", "لل", "Aleppo", "،", " "]
        let scratch = NameTokenScratch(capacity: 8)
        var withAlternatives = 0
        for _ in 0..<1000 {
            let text = (0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: " ")
            let tokenizer = NameTokenizer(text, scratch: scratch)
            let scalars = Array(text.unicodeScalars)
            for token in tokenizer.tokens {
                var letters: [UInt8] = []
                NameKey.appendArabicNormalized(scalars, token.coreStart..<token.range.upperBound, into: &letters)
                let alone = token.script == .arabic
                    ? NameTokenizer.procliticAlternatives(letters, scalars: scalars, range: token.coreStart..<token.range.upperBound) : []
                let listed = tokenizer.alternatives(of: token)
                XCTAssertEqual(listed.map(\.key), alone.map(\.key), text)
                XCTAssertEqual(listed.map(\.coreStart), alone.map(\.coreStart), text)
                if !listed.isEmpty { withAlternatives += 1 }
            }
        }
        XCTAssertGreaterThan(withAlternatives, 1000)
    }
}
