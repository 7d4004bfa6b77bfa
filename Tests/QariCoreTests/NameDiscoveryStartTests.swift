import XCTest
@testable import QariCore

/// `NameDiscovery.nextPossibleStart`, the loop that passes over the words no discovery pattern
/// starts at, against `mayStartPattern` asked of every token, on random text with capitalised
/// words, place cues in both cases, articles and Arabic words, and random covered tokens.
final class NameDiscoveryStartTests: XCTestCase {
    private static let pieces: [String] = [
        "town", "towns", "Town", "village", "villages", "near", "Near", "NEAR", "city", "area", "areas", "hill", "hills",
        "district", "countryside", "outskirts", "the", "of", "and", "al-", "al-town", "Jaysh", "Liwa", "Abu", "Brigade",
        "Hama", "hama", "Aleppo", "US", "HTS", "iPhone", "Şam", "élan", "5", "حلب", "وحلب", "’s", ",", ".", "-", " ", " ",
    ]

    func testNextPossibleStartIsTheFirstTokenAPatternMayStartAt() {
        var generator = SplitMix(state: 0x5EED_D15C)
        var starts = 0
        // Keyed words as `EntityMatcher.mentions` keys them, one a place cue.
        let keyed = NameTokenizer.keyedWords(["the", "of", "near"].map { NameKey.exactKey(Array($0.utf8)) })
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                text += Self.pieces.randomElement(using: &generator)!
                if Int.random(in: 0..<3, using: &generator) != 0 { text += " " }
            }
            // Without marks (every token read) and with them (the marked tokens read).
            for tokenizer in [NameTokenizer(text), NameTokenizer(text, keyedLowercaseWords: keyed)] {
                let count = tokenizer.tokens.count
                let taken = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(count, 1))
                defer { taken.deallocate() }
                for k in 0..<taken.count { taken[k] = Int.random(in: 0..<4, using: &generator) == 0 }
                for from in 0...count {
                    var expected = from
                    while expected < count && !NameDiscovery.mayStartPattern(tokenizer.tokens, taken: taken, at: expected) { expected += 1 }
                    XCTAssertEqual(NameDiscovery.nextPossibleStart(tokenizer, taken: taken, from: from), expected, text)
                    if expected < count { starts += 1 }
                }
            }
        }
        // The texts reach both answers.
        XCTAssertGreaterThan(starts, 2000)
    }
}
