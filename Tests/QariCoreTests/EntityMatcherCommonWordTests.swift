import XCTest
@testable import QariCore

/// `EntityMatcher.isCommonWordMisread` against its plain definition, `isCommonWordMisreadPlain`:
/// every word of random texts of common words in any case, names, acronyms and non-ASCII words,
/// read as a match of aliases the matcher finds (acronyms among them) and of words of other lengths.
final class EntityMatcherCommonWordTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testCommonWordMisreadIsItsPlainDefinition() {
        let matcher = EntityMatcherFastPathTests.matcher
        let pieces = ["may", "May", "MAY", "the", "The", "US", "us", "Us", "AN", "an", "it", "IT", "who", "WHO", "new", "New",
                      "Aleppo", "Idlib", "HTS", "SDF", "ISIS", "Hama", "état", "Şam", "a", "A", "Ma", "M5", "tahrir", "Hayat Tahrir al-Sham",
                      "Free Syrian Army", "Turkey", "Russia", "Damascus", "of", "for", "and", "ab", "abcdefgh", "have", "HAVE"]
        // Aliases the matcher finds, case as written and ignored.
        var aliases = Set<Int>()
        for text in [pieces.joined(separator: " "), pieces.joined(separator: ", ").lowercased(), pieces.joined(separator: " ").uppercased()] {
            for caseSensitive in [true, false] {
                for match in matcher.knownMatches(in: NameTokenizer(text), caseSensitive: caseSensitive) { aliases.insert(match.alias) }
            }
        }
        XCTAssertGreaterThan(aliases.count, 5)
        let aliasList = aliases.sorted()
        var misread = 0, checked = 0
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: " ")
            let tokenizer = NameTokenizer(text)
            for k in tokenizer.tokens.indices {
                let token = tokenizer.tokens[k]
                for alias in [aliasList.randomElement(using: &generator)!, aliasList.randomElement(using: &generator)!] {
                    for (tokens, range) in [(k..<k + 1, token.range), (k..<k + 1, token.coreStart..<token.range.upperBound),
                                            (k..<min(k + 2, tokenizer.tokens.count), token.range)] {
                        let match = EntityMatcher.Match(tokens: tokens, scalarRange: range, alias: alias)
                        let plain = matcher.isCommonWordMisreadPlain(match, tokenizer: tokenizer)
                        XCTAssertEqual(matcher.isCommonWordMisread(match, tokenizer: tokenizer), plain, "\(text) \(k) \(alias)")
                        if plain { misread += 1 }
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(misread, 100)
        XCTAssertGreaterThan(checked - misread, 100)
    }
}
