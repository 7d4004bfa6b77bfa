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
}
