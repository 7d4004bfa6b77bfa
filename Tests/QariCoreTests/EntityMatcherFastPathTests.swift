import Foundation
import XCTest
@testable import QariCore

/// The matcher's fast paths against their plain definitions, on random input: decoding text to
/// scalars eight ASCII bytes at a time, word keys left to be computed on demand, edit distances
/// that stop early, proclitic keys hashed without arrays, packed common words.
final class EntityMatcherFastPathTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()
    static let matcher = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())

    private static let pieces: [String] = [
        "Hayat", "Tahrir", "al-Sham", "Jaysh", "al-Izza", "Idlib", "Idleb", "Hama", "HTS", "U.S.", "US", "Aleppo’s",
        "Khan", "Sheikhoun", "Shaykhun", "Kafarzita", "the", "The", "of", "and", "near", "town", "Brigade", "Abu",
        "al", "Al", "el-", "as-Suwayda", "Lt.", "Col.", "Ahmed", "Saraqib", "syrian", "Syrian", "Army", "army",
        "Hay’at", "M5", "No.", "9", "٣", "Şam", "Élysée", "ẞ", "iPHONE", "SAA", "Turkish", "Iranian", "Houthis",
        "حلب", "وحلب", "بروسيا", "للجيش", "وللجيش", "فالجيش", "هيئة", "تحرير", "الشّام", "سوريا", "كفرزيتا", "ـ",
        " ", " ", " ", "  ", "-", "–", ",", ".", "’", "'", "\n", "(", ")", "“", "”", "😀", "\u{A0}", "\u{2009}",
    ]

    private func randomText() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...30, using: &generator) {
            if Int.random(in: 0..<6, using: &generator) == 0 {
                // Random letters, ASCII and not.
                let alphabet = Array("abcdehiklmnorstuwyzAEHIKLMSTZ’'-.éçüıḥāḤ0123456789حلبوفكالسمي ")
                text += String((0..<Int.random(in: 1...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            } else {
                text += Self.pieces.randomElement(using: &generator)!
            }
            if Bool.random(using: &generator) { text += " " }
        }
        return text
    }

    /// `mentions(in:)` (the tokens its matches cover marked by one store for a one-word match)
    /// against its plain composition: the known matches, every token of each marked covered, and
    /// the names discovery finds among the others.
    func testMentionsAreTheKnownMatchesAndTheNamesFoundBesideThem() {
        let matcher = Self.matcher
        var compared = 0
        for _ in 0..<3000 {
            var text = randomText()
            if Bool.random(using: &generator) { text += " Kafr Zita Brigade near Hayat Tahrir al-Sham Battalion" }
            let tokenizer = NameTokenizer(text, keyedLowercaseWords: matcher.tokenizerWords)
            let matches = matcher.knownMatches(in: tokenizer, caseSensitive: true, keyedByFirstWords: true)
            var covered = [Bool](repeating: false, count: tokenizer.tokens.count)
            for match in matches {
                for k in match.tokens { covered[k] = true }
            }
            let names = NameDiscovery.find(in: tokenizer, covered: covered)
            let expected = (matches.map { ($0.scalarRange, matcher.knowledgeBase.entities[matcher.entityIndex(ofAlias: $0.alias)].id) }
                + names.map { ($0.scalarRange(in: tokenizer), "disc:" + $0.key) }).sorted { $0.0.lowerBound < $1.0.lowerBound }
            let mentions = matcher.mentions(in: text)
            XCTAssertEqual(mentions.map(\.range), expected.map(\.0), text)
            XCTAssertEqual(mentions.map(\.entityID), expected.map(\.1), text)
            XCTAssertEqual(mentions.map(\.surface), expected.map { EntityMatcher.string(tokenizer.scalars, $0.0) }, text)
            compared += mentions.count
        }
        XCTAssertGreaterThan(compared, 3000)
    }

    func testScalarsAreTheTextsScalars() {
        for _ in 0..<3000 {
            let text = randomText()
            XCTAssertEqual(NameTokenizer.scalars(of: text), Array(text.unicodeScalars), text)
        }
    }

    func testKeysComputedOnDemandAreTheKeys() {
        let knowledgeBase = Self.matcher.knowledgeBase
        var lowercaseWords: [UInt64] = []
        for entity in knowledgeBase.entities.prefix(200) {
            for name in entity.allNames {
                for token in NameTokenizer(name).tokens where token.exactLowercaseKey != 0 { lowercaseWords.append(token.exactLowercaseKey) }
                let lower = NameTokenizer(name.lowercased())
                for token in lower.tokens where token.exactLowercaseKey != 0 { lowercaseWords.append(token.exactLowercaseKey) }
            }
        }
        let keyed = KeyTable(keys: lowercaseWords)
        for _ in 0..<3000 {
            let text = randomText()
            let eager = NameTokenizer(text)
            for table in [keyed, KeyTable(keys: []), Self.matcher.lowercaseFirstWords] {
                let lazy = NameTokenizer(text, keyedLowercaseWords: table)
                XCTAssertEqual(eager.tokens.count, lazy.tokens.count, text)
                guard eager.tokens.count == lazy.tokens.count else { continue }
                for k in eager.tokens.indices {
                    let a = eager.tokens[k], b = lazy.tokens[k]
                    XCTAssertNotEqual(a.wordKey, 0, text)
                    XCTAssertEqual(a.wordKey, lazy.wordKey(k), text)
                    if b.wordKey != 0 { XCTAssertEqual(a.wordKey, b.wordKey, text) }
                    XCTAssertEqual(a.range, b.range, text)
                    XCTAssertEqual(a.coreStart, b.coreStart, text)
                    XCTAssertEqual(a.script, b.script, text)
                    XCTAssertEqual(a.joinsPrevious, b.joinsPrevious, text)
                    XCTAssertEqual(a.hasArticle, b.hasArticle, text)
                    XCTAssertEqual(a.startsUppercase, b.startsUppercase, text)
                    XCTAssertEqual(a.uppercaseCount, b.uppercaseCount, text)
                    XCTAssertEqual(a.lowercaseCount, b.lowercaseCount, text)
                    XCTAssertEqual(a.acronymKey, b.acronymKey, text)
                    XCTAssertEqual(a.exactLowercaseKey, b.exactLowercaseKey, text)
                    XCTAssertEqual(eager.alternatives(of: a).map(\.key), lazy.alternatives(of: b).map(\.key), text)
                    XCTAssertEqual(eager.alternatives(of: a).map(\.coreStart), lazy.alternatives(of: b).map(\.coreStart), text)
                    // The plain definitions of the case counts and of the keys.
                    var upper = 0, lower = 0, startsUpper = false
                    if a.script != .arabic {
                        for s in a.coreStart..<a.range.upperBound {
                            let w = eager.scalars[s].value
                            if (w >= 0x41 && w <= 0x5A) || (w >= 0xC0 && w <= 0xDE && w != 0xD7) {
                                upper += 1
                                if s == a.coreStart { startsUpper = true }
                            } else if NameTokenizer.isLatinLetter(w) {
                                lower += 1
                            }
                        }
                    }
                    XCTAssertEqual(a.uppercaseCount, upper, text)
                    XCTAssertEqual(a.lowercaseCount, lower, text)
                    XCTAssertEqual(a.startsUppercase, startsUpper, text)
                    var letters: [UInt8] = []
                    for s in a.coreStart..<a.range.upperBound { NameKey.appendLatinLetter(eager.scalars[s].value, into: &letters) }
                    if a.script == .arabic {
                        // The key of the word's normalised letters.
                        var normalized: [UInt8] = []
                        NameKey.appendArabicNormalized(eager.scalars, a.coreStart..<a.range.upperBound, into: &normalized)
                        XCTAssertEqual(a.wordKey, NameKey.hash(normalized, seed: NameKey.arabicSeed), text)
                        XCTAssertTrue((a.range.lowerBound..<a.range.upperBound).allSatisfy { NameTokenizer.isArabicWordScalar(eager.scalars[$0].value) }, text)
                    }
                    if a.script == .latin {
                        var skeleton: [UInt8] = []
                        NameKey.latinSkeleton(letters, into: &skeleton)
                        XCTAssertEqual(a.wordKey, NameKey.hash(skeleton), text)
                        XCTAssertEqual(a.exactLowercaseKey, a.startsUppercase ? 0 : NameKey.exactKey(letters), text)
                    }
                }
            }
        }
    }

    /// Proclitic keys as first written, with arrays.
    private func plainProcliticAlternatives(_ letters: [UInt8], scalars: [Unicode.Scalar], range: Range<Int>) -> [ArabicAlternative] {
        guard letters.count >= 3, NameKey.isArabicProclitic(letters[0]) else { return [] }
        var offsets: [Int] = []
        for k in range where NameKey.normalizedArabicByte(scalars[k].value) != nil { offsets.append(k) }
        let lam: UInt8 = 0x44, alef: UInt8 = 0x27
        var result: [ArabicAlternative] = []
        func add(_ letters: [UInt8], from offset: Int) {
            guard letters.count >= 2 else { return }
            result.append(ArabicAlternative(key: NameKey.hash(letters, seed: NameKey.arabicSeed), coreStart: offset))
        }
        add(Array(letters[1...]), from: offsets[1])
        let conjunction = letters[0] == 0x48 || letters[0] == 0x41
        if conjunction, letters.count >= 4, NameKey.isArabicProclitic(letters[1]) {
            add(Array(letters[2...]), from: offsets[2])
        }
        let lilStart = conjunction ? 1 : 0
        if letters.count >= lilStart + 4, letters[lilStart] == lam, letters[lilStart + 1] == lam {
            add([alef, lam] + letters[(lilStart + 2)...], from: offsets[lilStart + 1])
        }
        return result
    }

    func testProcliticKeysAreThePlainOnes() {
        let letters = Array("وفبلكلالجيشحماةًّـ")
        for _ in 0..<5000 {
            let word = String((0..<Int.random(in: 1...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let scalars = Array(word.unicodeScalars)
            var normalized: [UInt8] = []
            NameKey.appendArabicNormalized(scalars, 0..<scalars.count, into: &normalized)
            let fast = NameTokenizer.procliticAlternatives(normalized, scalars: scalars, range: 0..<scalars.count)
            let plain = plainProcliticAlternatives(normalized, scalars: scalars, range: 0..<scalars.count)
            XCTAssertEqual(fast.map(\.key), plain.map(\.key), word)
            XCTAssertEqual(fast.map(\.coreStart), plain.map(\.coreStart), word)
        }
    }

    func testSimilarityWithAThresholdIsTheSimilarity() {
        let alphabet = Array("aeiouybkstdh".utf8)
        for _ in 0..<20000 {
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = Bool.random(using: &generator) ? a.shuffled(using: &generator)
                : (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let score = NameKey.similarity(a, b)
            for threshold in [0.65, 0.8, 0.85, Double.random(in: 0...1, using: &generator)] {
                XCTAssertEqual(NameKey.similarity(a, b, atLeast: threshold), score >= threshold ? score : nil, "\(a) \(b) \(threshold)")
            }
        }
    }

    func testPackedWordsAreEqualExactlyWhenTheWordsAre() {
        let alphabet: [UInt8] = [0, 0x61, 0x62, 0x2E, 0x27, 0xFF]
        for _ in 0..<20000 {
            let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = Bool.random(using: &generator) ? a
                : (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let fitsA = !a.isEmpty && a.count <= 7 && !a.contains(0), fitsB = !b.isEmpty && b.count <= 7 && !b.contains(0)
            XCTAssertEqual(EntityMatcher.packed(a) != nil, fitsA)
            if fitsA && fitsB { XCTAssertEqual(EntityMatcher.packed(a) == EntityMatcher.packed(b), a == b, "\(a) \(b)") }
        }
    }

    /// A key table (with its bit filter) answers as a dictionary of its entries does.
    func testKeyTableIsItsEntries() {
        for size in [0, 1, 5, 50, 2000] {
            var entries: [UInt64: Int] = [:]
            while entries.count < size {
                // Keys that share their high bits too, which the filter is read by.
                let key = Bool.random(using: &generator) ? UInt64.random(in: 1...UInt64.max, using: &generator)
                    : UInt64.random(in: 1...1000, using: &generator)
                entries[key] = Int.random(in: 0...100, using: &generator)
            }
            let table = KeyTable(entries.map { (key: $0.key, payload: $0.value) })
            for (key, payload) in entries {
                XCTAssertEqual(table.payload(key), payload)
                XCTAssertTrue(table.contains(key))
            }
            for _ in 0..<5000 {
                let key = Bool.random(using: &generator) ? UInt64.random(in: 1...UInt64.max, using: &generator)
                    : UInt64.random(in: 1...2000, using: &generator)
                XCTAssertEqual(table.payload(key), entries[key])
                XCTAssertEqual(table.contains(key), entries[key] != nil)
            }
            XCTAssertFalse(table.contains(0))
        }
    }

    /// The trie (with its bit filter) finds every path put in it and no other.
    func testTrieFindsItsPathsOnly() {
        var trie = NameTrie()
        var paths: [[UInt64]] = []
        for entry in 0..<3000 {
            let path = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                Bool.random(using: &generator) ? UInt64.random(in: 1...UInt64.max, using: &generator) : UInt64.random(in: 1...50, using: &generator)
            }
            paths.append(path)
            trie.insert(path, entry: entry)
        }
        trie.freeze()
        var reference: [[UInt64]: Set<Int>] = [:]
        for (entry, path) in paths.enumerated() { reference[path, default: []].insert(entry) }
        var nodes: [[UInt64]: Int32] = [[]: 0]
        for path in paths {
            var node: Int32 = 0
            for (depth, key) in path.enumerated() {
                guard let child = trie.child(of: node, key: key) else { XCTFail("lost \(path)"); break }
                node = child
                nodes[Array(path[...depth])] = node
            }
            XCTAssertTrue(trie.hasEntries(node))
            XCTAssertEqual(Set(trie.entryRange(node).map { trie.entry($0) }), reference[path])
        }
        // Absent edges: a key that no path takes from a node.
        for (prefix, node) in nodes {
            for _ in 0..<5 {
                let key = Bool.random(using: &generator) ? UInt64.random(in: 1...UInt64.max, using: &generator) : UInt64.random(in: 1...60, using: &generator)
                XCTAssertEqual(trie.child(of: node, key: key), nodes[prefix + [key]])
            }
        }
    }

    /// Matching with keys computed on demand finds what matching with every key finds.
    func testMatchingIsTheSameWithKeysOnDemand() {
        let matcher = Self.matcher
        for _ in 0..<2000 {
            let text = randomText()
            let eager = matcher.knownMatches(in: NameTokenizer(text), caseSensitive: true)
            let lazy = matcher.knownMatches(in: NameTokenizer(text, keyedLowercaseWords: KeyTable(keys: [])), caseSensitive: true)
            XCTAssertEqual(eager.map(\.tokens), lazy.map(\.tokens), text)
            XCTAssertEqual(eager.map(\.scalarRange), lazy.map(\.scalarRange), text)
            XCTAssertEqual(eager.map(\.alias), lazy.map(\.alias), text)
            // As `mentions(in:)` matches: lower-case words keyed when a name starts with them, which
            // `knownMatches` then takes as the answer of its first-word test.
            let keyed = matcher.knownMatches(in: NameTokenizer(text, keyedLowercaseWords: matcher.lowercaseFirstWords),
                                             caseSensitive: true, keyedByFirstWords: true)
            XCTAssertEqual(eager.map(\.tokens), keyed.map(\.tokens), text)
            XCTAssertEqual(eager.map(\.scalarRange), keyed.map(\.scalarRange), text)
            XCTAssertEqual(eager.map(\.alias), keyed.map(\.alias), text)
        }
    }
}
