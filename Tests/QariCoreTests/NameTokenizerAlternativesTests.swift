import XCTest
@testable import QariCore

/// `NameTokenizer.alternativeIndices(of:)`, where the matcher reads a word's Arabic alternatives
/// by index, against `alternatives(of:)`: the same alternatives, in order, for every word of
/// random texts of Arabic words with and without proclitics, and Latin words (none).
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
}
