import XCTest
@testable import QariCore

/// `knownMatches` starts a name from the trie node its first-word test found (`startNode`);
/// against the plain definition, where each word is tried by `longestMatch(in:at:)`, which
/// tests the word and looks its key up again.
final class MatchStartNodeTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private static let pieces: [String] = [
        "Hayat", "Tahrir", "al-Sham", "Jaysh", "al-Izza", "Idlib", "Hama", "hama", "HTS", "US", "U.S.", "Aleppo’s",
        "Khan", "Sheikhoun", "Kafarzita", "Kafr", "Zita", "the", "The", "of", "Army", "army", "Free", "Syrian", "Iran",
        "Iranian", "Russia", "Turkey", "SAA", "HaD", "Said", "His", "READ", "Deal", "Abu", "Omar", "al-Shami",
        "حلب", "وحلب", "بروسيا", "للجيش", "هيئة", "تحرير", "الشام", "كفرزيتا", " ", " ", " ", "-", ",", ".",
    ]

    private func plainMatches(_ matcher: EntityMatcher, _ tokenizer: NameTokenizer, caseSensitive: Bool) -> [EntityMatcher.Match] {
        var matches: [EntityMatcher.Match] = []
        var i = 0
        while i < tokenizer.tokens.count {
            if let match = matcher.longestMatch(in: tokenizer, at: i, caseSensitive: caseSensitive),
               !matcher.isCommonWordMisread(match, tokenizer: tokenizer) {
                matches.append(match)
                i = match.tokens.upperBound
            } else {
                i += 1
            }
        }
        return matches
    }

    func testMatchesFromTheStartNodeAreThePlainMatches() {
        let matcher = EntityMatcherFastPathTests.matcher
        var found = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...14, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "")
            let tokenizer = NameTokenizer(text)
            for caseSensitive in [true, false] {
                let fast = matcher.knownMatches(in: tokenizer, caseSensitive: caseSensitive)
                let plain = plainMatches(matcher, tokenizer, caseSensitive: caseSensitive)
                XCTAssertEqual(fast.map(\.tokens), plain.map(\.tokens), text)
                XCTAssertEqual(fast.map(\.scalarRange), plain.map(\.scalarRange), text)
                XCTAssertEqual(fast.map(\.alias), plain.map(\.alias), text)
                found += fast.count
            }
        }
        XCTAssertGreaterThan(found, 1000)
    }

    /// On a text keyed by first words, as `mentions(in:)` reads it, `startNode` answers every token
    /// as it does on the same text with every key made, where a lower-case word's first-word test
    /// looks its exact key up: so its one test for a word key of 0 answers those words rightly.
    func testKeyedStartNodesAreTheStartNodesWithEveryKey() {
        let matcher = EntityMatcherFastPathTests.matcher
        var generator = SplitMix(state: 0x57A2_7E0D)
        var unkeyed = 0, keyedLowercase = 0
        for _ in 0..<3000 {
            let text = generator.text(of: Self.pieces, most: 14)
            let keyed = NameTokenizer(text, keyedLowercaseWords: matcher.lowercaseFirstWords)
            let eager = NameTokenizer(text)
            XCTAssertEqual(keyed.tokens.count, eager.tokens.count, text)
            for k in 0..<min(keyed.tokens.count, eager.tokens.count) {
                let fast = matcher.startNode(keyed, at: k, caseSensitive: true, keyedByFirstWords: true)
                let plain = matcher.startNode(eager, at: k, caseSensitive: true, keyedByFirstWords: false)
                XCTAssertEqual(fast, plain, "\(text) \(k)")
                if keyed.tokens[k].wordKey == 0 {
                    unkeyed += 1
                } else if keyed.tokens[k].script == .latin && !keyed.tokens[k].startsUppercase {
                    keyedLowercase += 1
                }
            }
        }
        // Both kinds of lower-case word are met.
        XCTAssertGreaterThan(unkeyed, 300)
        XCTAssertGreaterThan(keyedLowercase, 100)
    }
}
