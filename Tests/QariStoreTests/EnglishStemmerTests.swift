import Foundation
import XCTest
@testable import QariStore

/// The stemmer works in place on the key being written (`EnglishStemmer.Word`); this compares it
/// with the array version it replaced, kept here as the reference, on every a-z word of the
/// seeds and on random words made of the endings step 1 looks at.
final class EnglishStemmerTests: XCTestCase {
    func testPortersExamplesOfStepOne() {
        let expected = ["caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
                        "feed": "feed", "agreed": "agree", "plastered": "plaster", "bled": "bled", "motoring": "motor",
                        "sing": "sing", "conflated": "conflate", "troubled": "trouble", "sized": "size", "hopping": "hop",
                        "tanned": "tan", "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail",
                        "filing": "file", "happy": "happi", "sky": "sky", "clashes": "clash", "boxes": "box"]
        for (word, stem) in expected {
            var w = Array(word.utf8)
            EnglishStemmer.step1(&w)
            XCTAssertEqual(String(decoding: w, as: UTF8.self), stem, word)
        }
    }

    func testInPlaceStemsEqualTheArrayStemmers() throws {
        var words = Set<String>()
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where !name.hasPrefix(".") {
            let text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8).lowercased()
            for w in text.split(whereSeparator: { !("a"..."z").contains($0) }) { words.insert(String(w)) }
        }
        XCTAssertGreaterThan(words.count, 2000)
        // A fixed sequence (xorshift), the same on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        let pieces = ["a", "e", "i", "o", "u", "y", "b", "l", "s", "t", "z", "at", "bl", "iz", "ss", "es", "ies", "sses",
                      "ches", "shes", "xes", "zzes", "ed", "eed", "ing", "y", "w", "x", "h", "p", "n"]
        for _ in 0..<20_000 {
            var w = ""
            for _ in 0..<(1 + Int(next() % 5)) { w += pieces[Int(next() % UInt64(pieces.count))] }
            words.insert(w)
        }
        for word in words {
            var stemmed = Array(word.utf8)
            EnglishStemmer.step1(&stemmed)
            var reference = Array(word.utf8)
            ReferenceStemmer.step1(&reference)
            XCTAssertEqual(stemmed, reference, word)
        }
    }
}

/// `EnglishStemmer.step1` on arrays as it was before it worked in place.
private enum ReferenceStemmer {
    static func step1(_ w: inout [UInt8]) {
        // 1a
        if ends(w, "sses") || ends(w, "ches") || ends(w, "shes") || ends(w, "xes") || ends(w, "zzes") {
            // Beyond Porter's 1a: "clashes" and "boxes" meet "clash" and "box" without his later steps.
            w.removeLast(2)
        } else if ends(w, "ies") {
            w.removeLast(2)
        } else if ends(w, "ss") {
        } else if ends(w, "s") {
            w.removeLast()
        }
        // 1b
        var restore = false
        if ends(w, "eed") {
            if measure(w, upTo: w.count - 3) > 0 { w.removeLast() }
        } else if ends(w, "ed"), hasVowel(w, upTo: w.count - 2) {
            w.removeLast(2)
            restore = true
        } else if ends(w, "ing"), hasVowel(w, upTo: w.count - 3) {
            w.removeLast(3)
            restore = true
        }
        if restore {
            if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
                w.append(0x65)
            } else if w.count >= 2, w[w.count - 1] == w[w.count - 2], isConsonant(w, w.count - 1),
                      ![0x6C, 0x73, 0x7A].contains(w[w.count - 1]) {
                w.removeLast()
            } else if measure(w, upTo: w.count) == 1, endsCVC(w) {
                w.append(0x65)
            }
        }
        // 1c
        if w.count > 1, w[w.count - 1] == 0x79, hasVowel(w, upTo: w.count - 1) {
            w[w.count - 1] = 0x69
        }
    }

    private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        return suffix.withUTF8Buffer { s in
            var i = 0
            while i < n {
                if w[w.count - n + i] != s[i] { return false }
                i += 1
            }
            return true
        }
    }

    private static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case 0x61, 0x65, 0x69, 0x6F, 0x75: return false
        case 0x79: return i == 0 ? true : !isConsonant(w, i - 1)
        default: return true
        }
    }

    /// Porter's m: the number of vowel-consonant sequences in w[0..<end].
    private static func measure(_ w: [UInt8], upTo end: Int) -> Int {
        var m = 0
        var i = 0
        while i < end && isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(w, i) { i += 1 }
            if i >= end { break }
            m += 1
            while i < end && isConsonant(w, i) { i += 1 }
        }
        return m
    }

    private static func hasVowel(_ w: [UInt8], upTo end: Int) -> Bool {
        (0..<max(0, end)).contains { !isConsonant(w, $0) }
    }

    /// Consonant-vowel-consonant at the end, the last consonant not w, x or y ("hop", not "snow").
    private static func endsCVC(_ w: [UInt8]) -> Bool {
        let n = w.count
        guard n >= 3 else { return false }
        return isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
            && ![0x77, 0x78, 0x79].contains(w[n - 1])
    }
}
