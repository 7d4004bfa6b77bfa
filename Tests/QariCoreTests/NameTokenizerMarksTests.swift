import XCTest
@testable import QariCore

/// The tokens' marks (`NameTokenizer.marksPlaceCues`), set as the tokens are written, against
/// their definition asked of every token: a Latin word that starts with a capital, or another
/// Latin word whose exact key is a lower-case place cue. Read by both ways of reading plain
/// words, on random text with place cues in both cases, articles, possessives, Arabic words,
/// digits and keyed words (some of them cues too); the keys themselves are those of a table
/// without marks.
final class NameTokenizerMarksTests: XCTestCase {
    private static let pieces: [String] = [
        "town", "towns", "Town", "village", "villages", "near", "Near", "NEAR", "city", "area", "areas", "hill", "hills",
        "district", "countryside", "outskirts", "the", "of", "and", "al-", "al-town", "town’s", "to'wn", "Jaysh", "Liwa",
        "Abu", "Hama", "hama", "iPhone", "Şam", "élan", "U.S.", "5", "M5", "حلب", "وحلب", ",", ".", "-", " ",
    ]

    private static func exactKey(_ word: String) -> UInt64 { NameKey.exactKey(Array(word.utf8)) }

    func testMarksAreTheLatinCapitalisedWordsAndLowercasePlaceCues() {
        var generator = SplitMix(state: 0x3A4B_5C6D)
        let cues = Set(NameDiscovery.lowercasePlaceCueKeyList)
        // Keyed words, two of them place cues ("near", "city").
        let keys = ["the", "of", "hama", "near", "city"].map(Self.exactKey)
        let marking = NameTokenizer.keyedWords(keys)
        let plain = KeyTable(keys: keys)
        var marked = 0, cueMarks = 0
        for _ in 0..<3000 {
            let text = generator.text(of: Self.pieces, most: 24)
            for plainWordsFirst in [true, false] {
                let tokenizer = NameTokenizer(text, keyedLowercaseWords: marking, plainWordsFirst: plainWordsFirst)
                let keyedOnly = NameTokenizer(text, keyedLowercaseWords: plain, plainWordsFirst: plainWordsFirst)
                XCTAssertTrue(tokenizer.marksPlaceCues)
                XCTAssertFalse(keyedOnly.marksPlaceCues)
                let count = tokenizer.tokens.count
                XCTAssertEqual(count, keyedOnly.tokens.count, text)
                tokenizer.tokens.withUnsafeBufferPointerAndMarks { tokens, marks in
                    for k in 0..<count {
                        let token = tokens[k]
                        let expected = token.script == .latin && (token.startsUppercase || cues.contains(token.exactLowercaseKey))
                        XCTAssertEqual(marks[k >> 6] >> UInt64(k & 63) & 1 == 1, expected, "\(text) token \(k)")
                        XCTAssertEqual(token.wordKey, keyedOnly.tokens[k].wordKey, "\(text) token \(k)")
                        if expected { marked += 1 }
                        if expected && !token.startsUppercase { cueMarks += 1 }
                    }
                    // The bits past the last token are clear.
                    for k in count..<((count >> 6) + 1) * 64 {
                        XCTAssertEqual(marks[k >> 6] >> UInt64(k & 63) & 1, 0, text)
                    }
                }
            }
        }
        // The texts reach marked tokens of both kinds.
        XCTAssertGreaterThan(cueMarks, 1000)
        XCTAssertGreaterThan(marked, cueMarks + 1000)
    }

    /// `NameMarks.nextMarked` against a plain search of the bits, over words of random density
    /// and lengths around multiples of 64.
    func testNextMarkedIsTheFirstSetBitFromStart() {
        var generator = SplitMix(state: 0x6E78_7421)
        for _ in 0..<2000 {
            let tokenCount = Int.random(in: 0...200, using: &generator)
            let density = Int.random(in: 1...40, using: &generator)
            var words = [UInt64](repeating: 0, count: tokenCount / 64 + 1)
            for k in 0..<tokenCount where Int.random(in: 0..<density, using: &generator) == 0 { words[k >> 6] |= 1 << UInt64(k & 63) }
            words.withUnsafeBufferPointer { buffer in
                for start in 0...tokenCount {
                    var expected = start
                    while expected < tokenCount && buffer[expected >> 6] >> UInt64(expected & 63) & 1 == 0 { expected += 1 }
                    XCTAssertEqual(NameMarks.nextMarked(buffer.baseAddress!, from: start, tokenCount: tokenCount), expected)
                }
            }
        }
    }
}
