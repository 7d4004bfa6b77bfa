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

    /// `SeenKeys` (a list while short, a set past `most` keys) answers as a set of the keys
    /// inserted, for lines with few relations and with many; keys equal in text but written
    /// apart (canonically equivalent accents) are one key, as in a set.
    func testSeenKeysAnswerAsASet() {
        let pieces = ["isis", "hts", "fights", "|", "al-Qaeda", "é", "e\u{301}", "😀", "x"]
        var generator = SplitMix(state: 20_261_211)
        var largest = 0
        for _ in 0..<400 {
            var seen = RelationExtractor.SeenKeys()
            var plain = Set<String>()
            let pool = (0..<Int.random(in: 1...60, using: &generator)).map { _ in
                (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            for _ in 0..<Int.random(in: 0...80, using: &generator) {
                let key = pool.randomElement(using: &generator)!
                XCTAssertEqual(seen.contains(key), plain.contains(key), key)
                if Bool.random(using: &generator) {
                    seen.insert(key)
                    plain.insert(key)
                }
            }
            for key in pool { XCTAssertEqual(seen.contains(key), plain.contains(key), key) }
            largest = max(largest, plain.count)
        }
        // Some lines pass the list's length and go on in the set.
        XCTAssertGreaterThan(largest, RelationExtractor.SeenKeys.most + 5)
    }
}
