import Foundation
import XCTest
@testable import QariCore

/// The plain values a rule is set up with, against their plain definitions.
final class RelationRuleSetupTests: XCTestCase {
    /// `PlaceholderCounts(pattern:)` counts markers by bytes; the plain count splits the pattern.
    func testPlaceholderCountsAreThoseOfSplittingThePattern() {
        func plain(_ pattern: String) -> String {
            func count(_ marker: String) -> Int { pattern.components(separatedBy: marker).count - 1 }
            let actors = count("{A:") + count("{L:")
            let any = actors + count("{M:") + count("{P:") + count("{X:")
            return "\(actors) \(count("{M:")) \(count("{P:")) \(any) \(count("{D:") > 0)"
        }
        func fast(_ pattern: String) -> String {
            let c = PlaceholderCounts(pattern: pattern)
            return "\(c.actors) \(c.modifiers) \(c.parentheticals) \(c.any) \(c.demonym)"
        }
        let pieces = ["{A:s}", "{L:s}", "{M:o}", "{P:o}", "{X:o}", "{D:s}", "{A", "A:", "{", ":", "}", "{{A:", "{A:{L:",
                      "{W}", "{N}{0,80}?", "é", "حليف", "😀", " of ", "\\b", "(?:the )?"]
        var state: UInt64 = 7
        var patterns: [String] = pieces
        for _ in 0..<2000 {
            var pattern = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(state >> 60) {
                pattern += pieces[Int((state >> UInt64(k * 4)) & 0xFFFF) % pieces.count]
            }
            patterns.append(pattern)
        }
        for pattern in patterns {
            XCTAssertEqual(fast(pattern), plain(pattern), pattern)
        }
    }

    /// A rule reads the types a subject or object must act as from its masks, not from its sets:
    /// for a selector that reads names from the match the mask is the set, one bit a type.
    func testTypeMasksAreTheTypeSets() {
        let all = EntityType.allCases
        XCTAssertEqual(Set(all.map { TypeMask($0).bits }).count, all.count)
        for type in all { XCTAssertEqual(TypeMask(type).bits.nonzeroBitCount, 1) }
        for (index, rule) in RelationRule.all.enumerated() {
            for (selector, types, mask) in [(rule.subjects, rule.subjectTypes, rule.subjectMask),
                                            (rule.objects, rule.objectTypes, rule.objectMask)] {
                switch selector {
                case .group, .people:
                    for type in all {
                        XCTAssertEqual(mask.intersects(TypeMask(type)), types.contains(type), "rule \(index) \(type)")
                    }
                case .antecedent, .topic, .demonym:
                    break
                }
            }
        }
    }
}
