import XCTest
@testable import QariCore

/// `EntityMatcher.knownMatches` asks `isCommonWordMisread` only of aliases that a common word's
/// keys lead to (`commonWordAliases`): no match it returns is a common word misread, for every
/// common word in every case, alone and among names.
final class MatchCommonWordAliasTests: XCTestCase {
    func testNoMatchIsACommonWordMisread() {
        let matcher = EntityMatcherFastPathTests.matcher
        var generator = SplitMix(state: 0xC0_33_0A)
        var oneWordMatches = 0
        for word in EntityMatcher.commonWords.sorted() {
            // Mixed case too: "HaD" is how the acronym it is misread as is written.
            let mixed = String(word.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
            for variant in [word, word.uppercased(), word.capitalized, mixed] {
                let name = ["Idlib", "HTS", "Aleppo", "al-Bab"].randomElement(using: &generator)!
                for text in [variant, "\(variant) \(name)", "\(name), \(variant)"] {
                    for caseSensitive in [true, false] {
                        let tokenizer = NameTokenizer(text)
                        for match in matcher.knownMatches(in: tokenizer, caseSensitive: caseSensitive) {
                            XCTAssertFalse(matcher.isCommonWordMisread(match, tokenizer: tokenizer), "\(text) \(caseSensitive)")
                            if match.tokens.count == 1 { oneWordMatches += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(oneWordMatches, 100)
    }
}
