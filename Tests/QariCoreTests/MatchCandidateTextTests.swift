import XCTest
@testable import QariCore

/// `EntityMatcher.CandidateText` writes a candidate's letters into a buffer that only grows and
/// keeps bytes of earlier, longer candidates past its count: its letters, hash and last word must
/// still be those of the plain definition (each token's core read with `appendLatinLetter`).
final class MatchCandidateTextTests: XCTestCase {
    private static let texts = [
        "Hay’at Tahrir al-Sham near Khan Sheikhoun and Kafarzita",
        "the Élysée and U.S. forces in Şam",
        "HTS",
        "Jaysh al-Izza Brigade of Abu Omar al-Shami in Idlib’s south",
        "M5 road to Aleppo’s east",
        "كفرزيتا وحلب",
        "a",
    ]

    /// The letters of tokens `range` by the plain definition, and where the last word starts.
    private func plainLetters(_ tokenizer: NameTokenizer, _ range: Range<Int>) -> (letters: [UInt8], lastStart: Int) {
        var letters: [UInt8] = []
        var lastStart = 0
        for k in range {
            lastStart = letters.count
            let token = tokenizer.tokens[k]
            for s in token.coreStart..<token.range.upperBound {
                NameKey.appendLatinLetter(tokenizer.scalars[s].value, into: &letters)
            }
        }
        return (letters, lastStart)
    }

    func testLettersMatchPlainDefinitionAcrossReuse() {
        var text = EntityMatcher.CandidateText()
        var checked = 0
        // Every stretch of tokens of every text, long ones before short ones and the other way
        // round, all read into one CandidateText.
        for order in [Self.texts, Self.texts.reversed()] {
            for source in order {
                let tokenizer = NameTokenizer(source)
                let n = tokenizer.tokens.count
                var ranges: [Range<Int>] = []
                for start in 0..<n { for end in (start + 1)...n { ranges.append(start..<end) } }
                for range in ranges + ranges.reversed() {
                    let plain = plainLetters(tokenizer, range)
                    text.read(tokenizer, range)
                    XCTAssertEqual(text.count, plain.letters.count, "\(source) \(range)")
                    XCTAssertEqual(text.lettersHash, NameKey.hash(plain.letters), "\(source) \(range)")
                    XCTAssertEqual(text.lastStart, plain.lastStart, "\(source) \(range)")
                    XCTAssertEqual(Array(text.lastLetters), Array(plain.letters[plain.lastStart...]), "\(source) \(range)")
                    XCTAssertEqual(text.letters, plain.letters, "\(source) \(range)")
                    plain.letters.withUnsafeBufferPointer { XCTAssertTrue(text.hasLetters($0, start: 0), "\(source) \(range)") }
                    if let last = plain.letters.last {
                        // One byte different: not the same letters.
                        var other = plain.letters
                        other[other.count - 1] = last ^ 1
                        other.withUnsafeBufferPointer { XCTAssertFalse(text.hasLetters($0, start: 0), "\(source) \(range)") }
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// `EntityMatcher.tokensSpell` (the letters compared as they are read, for `isSpelling`)
    /// against the letters `read` writes, for every stretch of tokens of every text: true for
    /// those letters, false for them with a letter changed, one fewer or one more.
    func testTokensSpellIsTheComparisonOfTheLettersRead() {
        var text = EntityMatcher.CandidateText()
        var checked = 0
        for source in Self.texts + ["ÀÉÎ Õ-Ü 12 ٣٤ o’clock", "A.B.C. al-Ḥasan"] {
            let tokenizer = NameTokenizer(source)
            let n = tokenizer.tokens.count
            for start in 0..<n {
                for end in (start + 1)...n {
                    text.read(tokenizer, start..<end)
                    let letters = text.letters
                    XCTAssertEqual(letters, plainLetters(tokenizer, start..<end).letters, "\(source) \(start..<end)")
                    var others: [[UInt8]] = [letters + [0x61]]
                    if let last = letters.last {
                        var changed = letters
                        changed[changed.count - 1] = last ^ 1
                        others += [changed, Array(letters.dropLast())]
                    }
                    // (Copied with room past the count: `tokensSpell` must read only `count` letters.)
                    let padded = [0x7A] + letters + [0x61, 0x62]
                    padded.withUnsafeBufferPointer { all in
                        XCTAssertTrue(EntityMatcher.tokensSpell(tokenizer, start..<end, UnsafeBufferPointer(rebasing: all[1..<(1 + letters.count)])),
                                      "\(source) \(start..<end)")
                    }
                    for other in others {
                        other.withUnsafeBufferPointer {
                            XCTAssertFalse(EntityMatcher.tokensSpell(tokenizer, start..<end, $0), "\(source) \(start..<end) \(other)")
                        }
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// `hasLetters` (eight letters at a time) against `hasLettersPlain` on words of 1 to 40
    /// letters, compared at every offset of a longer buffer that holds them, with one letter
    /// changed at every position, or none.
    func testHasLettersIsThePlainComparison() {
        var generator = SplitMix(state: 0x1E77_E25)
        var text = EntityMatcher.CandidateText()
        var equal = 0, unequal = 0
        for length in 1...40 {
            let word = String((0..<length).map { _ in "abcdefgh".randomElement(using: &generator)! })
            let tokenizer = NameTokenizer(word)
            XCTAssertEqual(tokenizer.tokens.count, 1)
            text.read(tokenizer, 0..<1)
            let letters = Array(word.utf8)
            for start in 0...3 {
                for changed in -1..<length {
                    var other = (0..<start).map { _ in UInt8(0x61) } + letters + (0..<Int.random(in: 0...9, using: &generator)).map { _ in UInt8(0x7A) }
                    if changed >= 0 { other[start + changed] ^= 0x20 }
                    other.withUnsafeBufferPointer { buffer in
                        let plain = text.hasLettersPlain(buffer, start: start)
                        XCTAssertEqual(text.hasLetters(buffer, start: start), plain, "\(word) \(start) \(changed)")
                        if plain { equal += 1 } else { unequal += 1 }
                    }
                }
            }
        }
        XCTAssertEqual(equal, 160)
        XCTAssertGreaterThan(unequal, 1000)
    }
}
