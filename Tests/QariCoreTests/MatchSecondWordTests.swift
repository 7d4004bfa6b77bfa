import XCTest
@testable import QariCore

/// `EntityMatcher.needsMissingSecondWord`, the test by which `knownMatches` passes over a word
/// whose names all need a next word that is not there, against `longestMatch`: on random text
/// of first words of longer names ("the" of "The Saker", "Syrian", "Free"), their second words
/// and other words, wherever the test answers that no name starts, none does.
final class MatchSecondWordTests: XCTestCase {
    private static let pieces: [String] = [
        "the", "The", "THE", "Saker", "saker", "blog", "Syrian", "syrian", "Arab", "Army", "army", "Free", "Turkish",
        "Armed", "Forces", "Hayat", "Tahrir", "al-Sham", "Jaysh", "al-Izza", "Kafr", "Zita", "Khan", "Sheikhoun",
        "HTS", "US", "SAA", "YPG", "Hama", "Idlib", "of", "official", "military", "Russian", "Aerospace", "On", "In",
        "حلب", "وحلب", "هيئة", "تحرير", "الشام", " ", " ", " ", "-", ",", ".", "’s",
    ]

    func testNoNameStartsWhereTheSecondWordIsMissing() {
        let matcher = EntityMatcherFastPathTests.matcher
        var generator = SplitMix(state: 0x5EC0_4D)
        var skipped = 0, tried = 0
        for _ in 0..<3000 {
            let text = generator.text(of: Self.pieces, most: 12)
            for keyed in [false, true] {
                let tokenizer = keyed ? NameTokenizer(text, keyedLowercaseWords: matcher.lowercaseFirstWords) : NameTokenizer(text)
                for caseSensitive in [true, false] {
                    for k in 0..<tokenizer.tokens.count {
                        let node = matcher.startNode(tokenizer, at: k, caseSensitive: caseSensitive, keyedByFirstWords: keyed)
                        guard node != EntityMatcher.startsNoName else { continue }
                        let missing = tokenizer.tokens.withUnsafeBufferPointer {
                            matcher.needsMissingSecondWord(tokenizer, $0, at: k, wordNode: node)
                        }
                        if missing {
                            skipped += 1
                            XCTAssertNil(matcher.longestMatch(in: tokenizer, at: k, caseSensitive: caseSensitive), text)
                        } else if node >= 0 {
                            tried += 1
                        }
                    }
                }
            }
        }
        // Both answers are reached from trie nodes.
        XCTAssertGreaterThan(skipped, 1000)
        XCTAssertGreaterThan(tried, 1000)
    }
}
