import Foundation
import XCTest
@testable import QariCore

/// A rule that runs from an actor to an actor is run only from the starts before the last of its
/// cue words that lies between two actors (`RelationTemplate.lastCueStart`). These tests compare
/// that run with the unbounded one, rule by rule and stretch by stretch, on the seed corpus and
/// on random text made of cue words, list joints and fillers.
final class RelationStartBoundTests: XCTestCase {
    private static let fillers: [String] = [
        " ", " ", " ", ", ", " and ", ", and ", " as well as ", " or ", " the ", " its ", "“", "”", "\"", "’s ", "'s ",
        "-backed ", "-linked ", " not ", " never ", " would ", " near ", " in ", " by ", " from ", " of ", "Turkish", ".", ";", "!",
        "?", "(", ")", "x", "Idlib", "HTS", "ISIS", "2018", "é", "😀", "حليف", "و",
    ]

    private static let entities: [String: (isPlace: Bool, acting: EntityType?)] = [
        "hts": (false, .faction), "isis": (false, .faction), "syria": (false, .state_actor), "idlib": (true, .place),
        "abu": (false, .person), "media": (false, .organization), "unknown": (false, nil),
    ]

    private static let ruled = RelationRule.all.filter { $0.cueBetweenActors }

    private func describe(_ matches: [RelationMatch]) -> [String] {
        matches.map { "\($0.range) \($0.s.map { "\($0)" } ?? "-") \($0.o.map { "\($0)" } ?? "-")" }
    }

    /// Compares the bounded and the unbounded runs on every stretch of the template; returns how
    /// many stretches had matches and how many of those had a bound before their end.
    @discardableResult
    private func assertBoundKeepsMatches(_ template: RelationTemplate, _ label: String,
                                         file: StaticString = #filePath, line: UInt = #line) -> (matched: Int, bounded: Int) {
        var matched = 0, bounded = 0
        for (index, rule) in Self.ruled.enumerated() {
            let gate = rule.gate
            let stretches = rule.scope == .sentence ? template.segments : template.clauses
            for segment in stretches {
                let plain = template.matches(rule, in: segment.range)
                let startLimit = template.lastCueStart(of: gate, betweenActorsIn: segment)
                XCTAssertEqual(startLimit >= 0, template.hasCue(of: gate, betweenActorsIn: segment), label, file: file, line: line)
                guard startLimit >= 0 else {
                    XCTAssertEqual(describe(plain), [], "rule \(index) matches without a cue between actors: \(label)",
                                   file: file, line: line)
                    continue
                }
                let fast = template.matches(rule, in: segment.range, startsBefore: startLimit)
                XCTAssertEqual(describe(fast), describe(plain), "rule \(index): \(label)", file: file, line: line)
                if !plain.isEmpty {
                    matched += 1
                    if startLimit < segment.range.location + segment.range.length { bounded += 1 }
                }
            }
        }
        return (matched, bounded)
    }

    func testStartBoundKeepsEveryMatchOnRandomText() {
        var generator = SplitMix(state: 20_261_207)
        let pieces = RelationRule.cueWords + Self.fillers
        let ids = Self.entities.keys.sorted()
        var matched = 0
        for _ in 0..<3000 {
            let (template, text) = generator.templateWithNames(of: pieces, ids: ids, most: 30) { Self.entities[$0] ?? (false, nil) }
            matched += assertBoundKeepsMatches(template, text.debugDescription).matched
        }
        // The random text does reach the patterns.
        XCTAssertGreaterThan(matched, 100)
    }

    func testStartBoundKeepsEveryMatchOnTheSeeds() {
        var matched = 0, bounded = 0
        for (template, place) in EntityGoldCorpus.shared.blockLineTemplates {
            let counts = assertBoundKeepsMatches(template, place)
            matched += counts.matched
            bounded += counts.bounded
        }
        XCTAssertGreaterThan(matched, 20)
        XCTAssertGreaterThan(bounded, 10)
    }
}
