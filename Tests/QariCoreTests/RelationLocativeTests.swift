import Foundation
import XCTest
@testable import QariCore

/// `RelationRule.isLocative` (which skips the expression where no match can end) against its plain
/// definition, the expression on every window.
final class RelationLocativeTests: XCTestCase {
    private static let pieces = [
        "in ", "In ", "IN ", "across ", "near ", "into ", "inside ", "throughout ", "the ", "THE ", "The ", "of ", "from ", "to ",
        "on ", "north ", "northern ", "north-western ", "northwestern ", "north-Eastern ", "western ", "Central ", "south",
        "within ", "inn ", "x", "5", "_", "-", "é", "حلب ", " ", "  ", "\u{E000}1\u{E001}", "\u{E000}", ",", ".", "\n", "😀",
        "by ", "and ", "rebels ", "Idlib ", "in", "the", "ern ",
        // Letters whose case folding is ASCII's ("ſ" folds to "s"): text that holds one is not fold free.
        "acroſs ", "inſide ", "ſouthern ",
    ]

    func testIsLocativeIsTheExpressionOnEveryWindow() {
        var generator = SplitMix(state: 3_0_1)
        var locative = 0
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &generator) { text += Self.pieces.randomElement(using: &generator)! }
            let template = RelationTemplate(scalars: Array(text.unicodeScalars), sortedMentions: [], classify: { _ in (false, nil) })
            for location in 0...template.units.count {
                let range = NSRange(location: location, length: 0)
                let plain = RelationRule.isLocativePlainly(before: range, in: template)
                XCTAssertEqual(RelationRule.isLocative(before: range, in: template), plain, "\(text.debugDescription) \(location)")
                if plain { locative += 1 }
            }
        }
        XCTAssertGreaterThan(locative, 500)
    }
}
