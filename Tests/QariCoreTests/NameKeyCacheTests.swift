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

    /// Words that share their first 8 letters, which an entry holds beside the key, differ in
    /// letters 8-15, which the cache reads apart and only for words of 8 letters or more: many
    /// such words, more than the entries, displace one another in shared entries, and each
    /// look-up answers its own word's key (or, `storedKey`, nothing). Words of up to 8 letters
    /// of the same start are answered from their first 8 letters alone.
    func testWordsSharingTheirFirstEightLettersKeepTheirKeys() {
        var generator = SplitMix(state: 0x6d61_7463_6838)
        let cache = NameKeyCache()
        let start = Array("kafrnbsd".utf8)
        let consonants = Array("bkstdqzwhc".utf8)
        // (About one and a half times the entries.)
        let words: [[UInt8]] = (0..<12000).map { _ in
            let more = Int.random(in: 0...8, using: &generator)
            if more == 0 { return Array(start[..<Int.random(in: 1...8, using: &generator)]) }
            return start + (0..<more).map { _ in consonants.randomElement(using: &generator)! }
        }
        var stored = 0
        for _ in 0..<60000 {
            let word = words.randomElement(using: &generator)!
            let expected = NameKeyCache.computedKey(word)
            var low: UInt64 = 0, high: UInt64 = 0
            for (k, b) in word.enumerated() {
                if k < 8 { low |= UInt64(b) << UInt64(8 * k) } else { high |= UInt64(b) << UInt64(8 * (k - 8)) }
            }
            if let key = cache.storedKey(low: low, high: high) {
                XCTAssertEqual(key, expected, "\(word)")
                stored += 1
            }
            XCTAssertEqual(cache.latinKey(word), expected, "\(word)")
        }
        // (Most look-ups find their word stored: the test reads both answers.)
        XCTAssertGreaterThan(stored, 30000)
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

    /// `NameTokenizer.cachedLowercaseWordKey`, which packs a lower-case word's scalars itself,
    /// against the keys: it answers every word of 1 to 16 lower-case ASCII letters once the cache
    /// holds its key (computing it stores it), with the key, and no other word.
    func testLowercaseWordKeysReadFromTheCacheAreTheKeys() {
        let letters = Array("aeiouyhkstdqcwbz")
        let others = ["é", "’", "A", "Q", "ç", "1"]
        var answered = 0
        for _ in 0..<3000 {
            let cache = NameKeyCache()
            let words: [String] = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                var word = String((0..<Int.random(in: 1...19, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    let at = word.index(word.startIndex, offsetBy: Int.random(in: 0..<word.count, using: &generator))
                    word.insert(contentsOf: others.randomElement(using: &generator)!, at: at)
                }
                return Int.random(in: 0..<6, using: &generator) == 0 ? "al-" + word : word
            }
            let text = words.joined(separator: " ")
            let eager = NameTokenizer(text, keyCache: cache)
            let lazy = NameTokenizer(text, keyedLowercaseWords: KeyTable(keys: []), keyCache: cache)
            let plain = NameTokenizer(text)
            XCTAssertEqual(eager.tokens.count, plain.tokens.count, text)
            guard eager.tokens.count == plain.tokens.count, lazy.tokens.count == plain.tokens.count else { continue }
            for k in plain.tokens.indices where plain.tokens[k].script == .latin {
                let token = plain.tokens[k]
                let core = plain.scalars[token.coreStart..<token.range.upperBound]
                let packable = (1...16).contains(core.count) && core.allSatisfy { $0.value >= 0x61 && $0.value <= 0x7A }
                XCTAssertEqual(eager.tokens[k].wordKey, token.wordKey, text)
                XCTAssertEqual(lazy.computedLatinWordKey(lazy.tokens[k]), token.wordKey, text)
                // Computing the key stores it; the look-up right after finds it.
                let cached = lazy.cachedLowercaseWordKey(lazy.tokens[k])
                XCTAssertEqual(lazy.wordKey(k), token.wordKey, text)
                XCTAssertEqual(lazy.latinWordKey(lazy.tokens[k]), token.wordKey, text)
                XCTAssertNil(plain.cachedLowercaseWordKey(token), text)
                if packable {
                    XCTAssertEqual(cached, token.wordKey, text)
                    if cached != nil { answered += 1 }
                } else {
                    XCTAssertNil(cached, text)
                }
            }
        }
        XCTAssertGreaterThan(answered, 1000)
    }
}
