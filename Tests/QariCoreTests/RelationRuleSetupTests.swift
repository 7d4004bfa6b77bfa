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
}
