import XCTest
@testable import QariCore

/// The tokenizer's short reading of plain words (ASCII letters, lower case after the first)
/// against the general reading of every word, on random text made to reach the edges of the
/// short way: articles, abbreviations, possessives, digits, apostrophes and non-ASCII letters
/// right after a word.
final class NameTokenizerPlainWordTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private static let pieces: [String] = [
        "al", "Al", "AL", "el", "ash", "as", "an", "the", "of", "a", "I", "A", "U", "U.", "U.S.", "No.", "Hama", "hama",
        "Aleppo", "aleppo", "Idlib", "US", "HTS", "HaD", "iPhone", "Şam", "é", "-", "‐", "‑", "'", "’", "`", "'s", "’s",
        ".", ",", ";", ":", "!", "?", "(", ")", "\"", "“", "”", " ", " ", " ", "\u{A0}", "\n", "\t", "5", "٣", "M5", "حلب", "وحلب",
    ]

    private func randomText() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...25, using: &generator) {
            if Int.random(in: 0..<4, using: &generator) == 0 {
                let alphabet = Array("abdehilmsuyzADHILSUZ'’`-.,é5 ")
                text += String((0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            } else {
                text += Self.pieces.randomElement(using: &generator)!
            }
            if Int.random(in: 0..<3, using: &generator) == 0 { text += " " }
        }
        return text
    }

    private func assertSameTokens(_ text: String, keyed: KeyTable?, file: StaticString = #filePath, line: UInt = #line) {
        let short = NameTokenizer(text, keyedLowercaseWords: keyed)
        let general = NameTokenizer(text, keyedLowercaseWords: keyed, plainWordsFirst: false)
        XCTAssertEqual(short.tokens.count, general.tokens.count, text, file: file, line: line)
        guard short.tokens.count == general.tokens.count else { return }
        for k in short.tokens.indices {
            let a = short.tokens[k], b = general.tokens[k]
            XCTAssertEqual(a.range, b.range, text, file: file, line: line)
            XCTAssertEqual(a.coreStart, b.coreStart, text, file: file, line: line)
            XCTAssertEqual(a.script, b.script, text, file: file, line: line)
            XCTAssertEqual(a.joinsPrevious, b.joinsPrevious, text, file: file, line: line)
            XCTAssertEqual(a.hasArticle, b.hasArticle, text, file: file, line: line)
            XCTAssertEqual(a.startsUppercase, b.startsUppercase, text, file: file, line: line)
            XCTAssertEqual(a.uppercaseCount, b.uppercaseCount, text, file: file, line: line)
            XCTAssertEqual(a.lowercaseCount, b.lowercaseCount, text, file: file, line: line)
            XCTAssertEqual(a.wordKey, b.wordKey, text, file: file, line: line)
            XCTAssertEqual(a.acronymKey, b.acronymKey, text, file: file, line: line)
            XCTAssertEqual(a.exactLowercaseKey, b.exactLowercaseKey, text, file: file, line: line)
            XCTAssertEqual(short.alternatives(of: a).map(\.key), general.alternatives(of: b).map(\.key), text, file: file, line: line)
        }
    }

    func testPlainWordsReadShortAreReadAsInGeneral() {
        let matcher = EntityMatcherFastPathTests.matcher
        // Some lower-case words keyed, as `mentions(in:)` keys the first words of names.
        let keyed = KeyTable(keys: ["the", "of", "al", "hama", "a"].map { NameKey.exactKey(Array($0.utf8)) })
        for _ in 0..<5000 {
            let text = randomText()
            assertSameTokens(text, keyed: nil)
            assertSameTokens(text, keyed: keyed)
            assertSameTokens(text, keyed: matcher.lowercaseFirstWords)
        }
    }

    /// Articles recognised in scratch bytes as in arrays: every word of up to four letters over
    /// the letters of the articles.
    func testArticlesInScratchBytesAreTheArticles() {
        let alphabet = Array("adehlnrstuzc".utf8)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        defer { storage.deallocate() }
        var words: [[UInt8]] = [[]]
        for _ in 0..<4 { words += words.filter { $0.count == words.last!.count }.flatMap { w in alphabet.map { w + [$0] } } }
        XCTAssertGreaterThan(words.count, 20000)
        var articles = 0
        for word in words {
            var scratch = ScratchBytes(storage)
            for b in word { scratch.append(b) }
            for hyphenated in [false, true] {
                XCTAssertEqual(NameKey.isArticle(scratch, hyphenated: hyphenated), NameKey.isArticle(word, hyphenated: hyphenated), "\(word)")
                if NameKey.isArticle(word, hyphenated: hyphenated) { articles += 1 }
            }
        }
        XCTAssertGreaterThan(articles, 15)
    }

    /// The bits of `endsPlainWord` against their definition, for every ASCII scalar.
    func testPlainStopBitsAreTheirDefinition() {
        var stops = 0
        for v in UInt32(0)..<0x80 {
            let expected = !NameTokenizer.isLatinLetter(v) && !NameTokenizer.isDigit(v) && !NameTokenizer.isApostrophe(v)
                && v != 0x2E && !NameTokenizer.isHyphen(v)
            XCTAssertEqual(NameTokenizer.endsPlainWord(v), expected, "\(v)")
            if expected { stops += 1 }
        }
        XCTAssertEqual(stops, 128 - 52 - 10 - 4)
    }

    /// Each stop after a plain word that the short reading must leave to the general one.
    func testEdgesOfPlainWords() {
        for text in ["al Baghdadi", "Al Baghdadi", "al-Sham", "as-Suwayda", "ash-Sham", "U.S. forces", "U. N.", "A. Smith",
                     "Aleppo's", "Aleppo’s", "Hay'at", "M5 road", "abc5", "Idlibé", "the-end", "and-so", "No. 9", "x`y", "al", "Al\tBaghdadi", "al\u{A0}Baghdadi", "Al\u{2009}Qaeda"] {
            assertSameTokens(text, keyed: nil)
            assertSameTokens(text, keyed: EntityMatcherFastPathTests.matcher.lowercaseFirstWords)
        }
    }
}
