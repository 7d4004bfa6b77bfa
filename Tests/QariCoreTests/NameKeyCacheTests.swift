import XCTest
@testable import QariCore

/// The key cache against the keys it stands for: words of every length around the 8 and 16
/// letters it packs, many sharing an entry, looked up in any order, through arrays and through
/// scratch memory (which it reads 8 bytes at a time); and tokens read with a cache against
/// tokens read without one.
final class NameKeyCacheTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testCachedKeysAreTheKeys() {
        let cache = NameKeyCache()
        let alphabet = Array("aeiouyhkstdqcwbz0".utf8)
        // Few distinct words, so that most look-ups find their word, and many more words than
        // entries, so that words displace one another.
        let words: [[UInt8]] = (0..<20000).map { _ in
            (0..<Int.random(in: 1...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 20 + 16)
        defer { storage.deallocate() }
        // Bytes past the word that must be masked off.
        storage.initialize(repeating: 0x61, count: 20 + 16)
        for round in 0..<60000 {
            let word = round % 3 == 0 ? words[Int.random(in: 0..<50, using: &generator)] : words.randomElement(using: &generator)!
            let expected = NameKeyCache.computedKey(word)
            var skeleton: [UInt8] = []
            NameKey.latinSkeleton(word, into: &skeleton)
            XCTAssertEqual(expected, NameKey.hash(skeleton), "\(word)")
            XCTAssertEqual(cache.latinKey(word), expected, "\(word)")
            var scratch = ScratchBytes(storage)
            for b in word { scratch.append(b) }
            XCTAssertEqual(cache.latinKey(scratch), expected, "\(word)")
            storage.update(repeating: UInt8.random(in: 0x61...0x7A, using: &generator), count: 20 + 16)
        }
    }

    func testTokensReadWithACacheAreTheTokens() {
        let cache = NameKeyCache()
        let matcher = EntityMatcherFastPathTests.matcher
        let pieces = ["Aleppo", "Idlib", "Hama", "the", "The", "al-Sham", "Hayat", "Tahrir", "Kafarzita", "Sheikhoun", "US",
                      "HTS", "Şam", "M5", "Deir", "ez-Zor", "Abcdefghijklmnopq", "Abcdefghijklmnop", "Abcdefgh", "Abcdefghi",
                      "حلب", " ", ", ", ". ", "-", "’s"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...20, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined(separator: " ")
            for keyed in [nil, matcher.lowercaseFirstWords] {
                let plain = NameTokenizer(text, keyedLowercaseWords: keyed)
                let cached = NameTokenizer(text, keyedLowercaseWords: keyed, keyCache: cache)
                XCTAssertEqual(plain.tokens.map(\.wordKey), cached.tokens.map(\.wordKey), text)
                XCTAssertEqual(plain.tokens.map(\.range), cached.tokens.map(\.range), text)
                XCTAssertEqual(plain.tokens.indices.map { plain.wordKey($0) }, cached.tokens.indices.map { cached.wordKey($0) }, text)
            }
        }
    }
}
