import XCTest
@testable import QariCore

/// The first-word test of an Arabic word with proclitics (`startNode`), which answers that no
/// name starts there when none of its keys leads from the trie's root, against the search for
/// the longest name without that test: wherever the test answers so, the search finds nothing.
final class MatchArabicStartTests: XCTestCase {
    private static let pieces: [String] = [
        "وحلب", "بحلب", "لحلب", "بروسيا", "وروسيا", "للجيش", "وللجيش", "فالجيش", "وسوريا", "بسوريا", "وإدلب", "كإدلب",
        "وقد", "بين", "وما", "ولا", "فقط", "بعد", "وهيئة", "هيئة", "تحرير", "الشام", "والشام", "بالشام", "وتركيا", "حلب",
        "Idlib", "the", " ", " ", " ", "،", ".", "-",
    ]

    func testNoNameStartsWhereNoKeyOfTheWordLeadsFromTheRoot() {
        let matcher = EntityMatcherFastPathTests.matcher
        var generator = SplitMix(state: 0xA1AB_1C)
        var none = 0, some = 0
        for _ in 0..<3000 {
            let text = generator.text(of: Self.pieces, most: 10)
            let tokenizer = NameTokenizer(text, keyedLowercaseWords: matcher.lowercaseFirstWords)
            for caseSensitive in [true, false] {
                for k in 0..<tokenizer.tokens.count where tokenizer.tokens[k].alternativesIndex >= 0 {
                    let node = matcher.startNode(tokenizer, at: k, caseSensitive: caseSensitive, keyedByFirstWords: true)
                    if node == EntityMatcher.startsNoName {
                        none += 1
                        XCTAssertNil(matcher.longestMatchWithoutFirstWordTest(in: tokenizer, at: k, caseSensitive: caseSensitive), text)
                    } else {
                        some += 1
                        XCTAssertEqual(node, EntityMatcher.wordNodeUnknown, text)
                    }
                }
            }
        }
        // Both answers are reached.
        XCTAssertGreaterThan(none, 1000)
        XCTAssertGreaterThan(some, 1000)
    }
}
