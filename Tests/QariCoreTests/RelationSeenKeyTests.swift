import XCTest
@testable import QariCore

/// `RelationExtractor.seenKey` (one string of the right capacity) writes what `seenKeyPlainly`
/// (the concatenation) writes, for every kind and random ids: short (stored in place), long,
/// non-ASCII, empty, holding "|".
final class RelationSeenKeyTests: XCTestCase {
    func testSeenKeyIsTheConcatenation() {
        let pieces = ["", "a", "isis", "Q1234", "|", "al-Qaeda", "حزب الله", "é", "e\u{301}", "😀", "Hay’at Tahrir al-Sham", "x|y", " "]
        var generator = SplitMix(state: 20261207)
        func id() -> String {
            (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        var compared = 0
        for kind in RelationKind.allCases {
            for _ in 0..<200 {
                let subject = id(), object = id()
                let key = RelationExtractor.seenKey(subject, kind.rawValue, object)
                XCTAssertEqual(key, RelationExtractor.seenKeyPlainly(subject, kind.rawValue, object))
                XCTAssertEqual(Array(key.utf8), Array(RelationExtractor.seenKeyPlainly(subject, kind.rawValue, object).utf8))
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 1000)
    }

    /// `SeenKeys` (parts compared while short, a set of key strings past `most` keys) answers as
    /// a set of the keys (`seenKeyPlainly`) inserted, for lines with few relations and with many;
    /// keys equal in text but written apart (canonically equivalent accents) are one key, as in a
    /// set, and so are keys whose bars fall apart ("a|fights" fights "b" and "a" fights "fights|b").
    func testSeenKeysAnswerAsASet() {
        let pieces = ["isis", "hts", "fights", "|", "al-Qaeda", "é", "e\u{301}", "😀", "x", "|fights", "fights|", "a|fights|b"]
        let kinds: [RelationKind] = [.fights, .allied_with, .member_of]
        var generator = SplitMix(state: 20_261_211)
        var largest = 0, barredHits = 0
        for _ in 0..<400 {
            var seen = RelationExtractor.SeenKeys()
            var plain = Set<String>()
            let ids = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let pool = (0..<Int.random(in: 1...60, using: &generator)).map { _ in
                (ids.randomElement(using: &generator)!, kinds.randomElement(using: &generator)!, ids.randomElement(using: &generator)!)
            } + [("a|fights", .fights, "b"), ("a", .fights, "fights|b"), ("a|fights|b", .allied_with, "c")]
            for _ in 0..<Int.random(in: 0...80, using: &generator) {
                let (s, k, o) = pool.randomElement(using: &generator)!
                let key = RelationExtractor.seenKeyPlainly(s, k.rawValue, o)
                XCTAssertEqual(seen.contains(s, k, o), plain.contains(key), key)
                if plain.contains(key) && key.contains("|fights|fights|") { barredHits += 1 }
                if Bool.random(using: &generator) {
                    seen.insert(s, k, o)
                    plain.insert(key)
                }
            }
            for (s, k, o) in pool { XCTAssertEqual(seen.contains(s, k, o), plain.contains(RelationExtractor.seenKeyPlainly(s, k.rawValue, o))) }
            largest = max(largest, plain.count)
        }
        // Some lines pass the list's length and go on in the set; keys with bars in their ids were found.
        XCTAssertGreaterThan(largest, RelationExtractor.SeenKeys.most + 5)
        XCTAssertGreaterThan(barredHits, 0)
    }

    /// `RelationRule.IDs` (the first id in place) holds what an array holds: the ids appended, in
    /// order, for lists of none, one and many.
    func testIDsAreAnArray() {
        let pieces = ["isis", "hts", "turkey", "é", "e\u{301}", "a-very-long-identifier-of-an-entity", ""]
        var generator = SplitMix(state: 20_261_208)
        var longest = 0
        for _ in 0..<500 {
            var ids = RelationRule.IDs()
            var plain: [String] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let id = pieces.randomElement(using: &generator)!
                XCTAssertEqual(ids.contains(id), plain.contains(id), id)
                if !plain.contains(id) {
                    ids.append(id)
                    plain.append(id)
                }
                XCTAssertEqual(ids.isEmpty, plain.isEmpty)
            }
            var read: [String] = []
            ids.forEach { read.append($0) }
            XCTAssertEqual(read, plain)
            for id in pieces { XCTAssertEqual(ids.contains(id), plain.contains(id), id) }
            longest = max(longest, plain.count)
        }
        XCTAssertGreaterThan(longest, 2)
        var one: [String] = []
        RelationRule.IDs("isis").forEach { one.append($0) }
        XCTAssertEqual(one, ["isis"])
    }
}
