import XCTest
@testable import QariCore

/// `NameToken.exactLowercaseKey` against its plain definition, from every place that makes one:
/// `NameKey.exactKey`, the tokenizer's plain words (packed eight scalars at a time) and its
/// general reading, the lower-case first words of the matcher's names and the lower-case place
/// cues of `NameDiscovery`. Random words of every length up to past two blocks of 8.
final class NameKeyExactKeyTests: XCTestCase {
    /// The definition, written out: the letters cut into blocks of 8, each packed the first letter
    /// in the lowest byte; every block but the last mixed into the seed in turn; the key the mix of
    /// that with the last block (0 taken as 1).
    static func definition(_ letters: [UInt8]) -> UInt64 {
        let blocks = stride(from: 0, to: max(letters.count, 1), by: 8).map { start -> UInt64 in
            letters[start..<min(start + 8, letters.count)].enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        }
        var h = NameKey.exactSeed
        for block in blocks.dropLast() { h = NameKey.exactMix(h ^ block) }
        let key = NameKey.exactMix(h ^ blocks.last!)
        return key == 0 ? 1 : key
    }

    /// The letters of a word as the tokenizer keys them (`appendLatinLetter` of each scalar).
    static func letters(_ scalars: some Sequence<Unicode.Scalar>) -> [UInt8] {
        var letters: [UInt8] = []
        for scalar in scalars { NameKey.appendLatinLetter(scalar.value, into: &letters) }
        return letters
    }

    func testExactKeyIsTheDefinition() {
        var random = SplitMix(state: 11)
        for _ in 0..<20000 {
            let count = Int.random(in: 0...40, using: &random)
            let letters = (0..<count).map { _ in UInt8.random(in: 1...255, using: &random) }
            XCTAssertEqual(NameKey.exactKey(letters), Self.definition(letters), "\(letters)")
        }
    }

    /// A mix is a bijection: words of up to 8 letters (no letter 0) never share a key. Every word
    /// of up to 3 letters of a-z, and random longer ones.
    func testShortWordsHaveKeysOfTheirOwn() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var words: [[UInt8]] = [[]]
        var last: [[UInt8]] = [[]]
        for _ in 0..<3 {
            last = last.flatMap { word in alphabet.map { word + [$0] } }
            words += last
        }
        var random = SplitMix(state: 12)
        for _ in 0..<50000 {
            words.append((0..<Int.random(in: 4...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        }
        var seen: [UInt64: [UInt8]] = [:]
        for word in words.dropFirst() {
            let key = NameKey.exactKey(word)
            if let other = seen[key], other != word { XCTFail("\(word) and \(other) share \(key)") }
            seen[key] = word
        }
        XCTAssertGreaterThan(seen.count, 60000)
    }

    private static let pieces: [String] = [
        "a", "of", "the", "near", "eighths", "strength", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
        "internationalisation", "Aleppo", "Hama", "iPhone", "HTS", "al", "Al", "al-", "ash-", "Hay’at", "Hay'at", "Aleppo’s",
        "town’s", "U.S.", "No.", "M5", "abc5", "été", "Şam", "çarşı", "naïve", "ẞ", "ı", "5", "٣", "حلب", "-", "’", ".", ",",
        " ", " ", " ", "\u{A0}", "\n", "(",
    ]

    private static func randomWord(_ random: inout SplitMix) -> String {
        // Letters mostly lower case, sometimes a capital, an accented letter or an apostrophe
        // inside; 1 to 26 of them, across the blocks of 8.
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzAZéüŞı’'")
        let count = Int.random(in: 1...26, using: &random)
        return String((0..<count).map { _ in alphabet.randomElement(using: &random)! })
    }

    private static func randomText(_ random: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...20, using: &random) {
            text += Bool.random(using: &random) ? randomWord(&random) : pieces.randomElement(using: &random)!
            if Int.random(in: 0..<3, using: &random) != 0 { text += " " }
        }
        return text
    }

    /// Every Latin token that does not start with a capital has the definition's key of its
    /// letters, read the short way or the general way, with or without keyed words; the others 0.
    func testTokenizerExactKeysAreTheDefinition() {
        var random = SplitMix(state: 13)
        let keyed = NameTokenizer.keyedWords(["the", "of", "abcdefghi", "strength"].map { Self.definition(Array($0.utf8)) })
        var checked = 0, long = 0
        for _ in 0..<5000 {
            let text = Self.randomText(&random)
            for (plainWordsFirst, table) in [(true, nil), (false, nil), (true, keyed), (false, keyed)] as [(Bool, KeyTable?)] {
                let tokenizer = NameTokenizer(text, keyedLowercaseWords: table, plainWordsFirst: plainWordsFirst)
                for token in tokenizer.tokens {
                    guard token.script == .latin && !token.startsUppercase else {
                        XCTAssertEqual(token.exactLowercaseKey, 0, text)
                        continue
                    }
                    let letters = Self.letters(tokenizer.scalars[token.coreStart..<token.range.upperBound])
                    XCTAssertEqual(token.exactLowercaseKey, Self.definition(letters), "\(text) \(letters)")
                    checked += 1
                    if letters.count > 8 { long += 1 }
                }
            }
        }
        XCTAssertGreaterThan(checked, 50000)
        XCTAssertGreaterThan(long, 10000)
    }

    /// Words at the very end of a text (the tokenizer reads eight scalars at a time, past it).
    func testWordsAtTheEndOfTheText() {
        for text in ["a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq", "x abcdefgh",
                     "Abcdefgh", "Abcdefghijklmnop", "the end", "the End"] {
            let tokenizer = NameTokenizer(text)
            let token = tokenizer.tokens.last!
            XCTAssertEqual(token.range.upperBound, text.unicodeScalars.count, text)
            let word = Self.letters(tokenizer.scalars[token.coreStart..<token.range.upperBound])
            XCTAssertEqual(token.exactLowercaseKey, token.startsUppercase ? 0 : Self.definition(word), text)
        }
    }

    /// The matcher's lower-case first words and the discovery's lower-case place cues.
    func testOtherProducersAreTheDefinition() {
        let matcher = EntityMatcherFastPathTests.matcher
        var firstWords = 0
        for entity in matcher.knowledgeBase.entities {
            for name in entity.allNames {
                let tokenizer = NameTokenizer(name)
                guard let first = tokenizer.tokens.first, first.script == .latin,
                      tokenizer.tokens.count >= 2 || !first.startsUppercase else { continue }
                let letters = Self.letters(tokenizer.scalars[first.coreStart..<first.range.upperBound])
                XCTAssertTrue(matcher.lowercaseFirstWords.contains(Self.definition(letters)), name)
                firstWords += 1
            }
        }
        XCTAssertGreaterThan(firstWords, 100)
        let cues = NameDiscovery.placeCues.keys.filter { $0.unicodeScalars.first!.value &- 0x61 < 26 }
        XCTAssertEqual(Set(NameDiscovery.lowercasePlaceCueKeyList), Set(cues.map { Self.definition(Self.letters($0.unicodeScalars)) }))
        XCTAssertFalse(cues.isEmpty)
    }
}
