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

extension RelationRuleSetupTests {
    /// `expand` (one pass over bytes) gives what `expandPlainly` (marker by marker) gives, on every
    /// rule's pattern and on random patterns made of markers, fillers and other text.
    func testExpandIsThePlainExpansion() {
        for (index, rule) in RelationRule.all.enumerated() {
            XCTAssertEqual(RelationRule.expand(rule.shorthand), RelationRule.expandPlainly(rule.shorthand), "rule \(index)")
            XCTAssertEqual(rule.expanded, RelationRule.expandPlainly(rule.shorthand), "rule \(index)")
        }
        let pieces = ["{A:s}", "{L:s}", "{M:o}", "{P:o}", "{X:o}", "{D:s}", "{A:other}", "{N}", "{W}", "{W}{0,60}?", "{N}{0,80}?",
                      "{", "}", ":", "{B}", "{A}", "{Q:s}", "{NN}", "é", "حليف", "😀", " of ", "\\b", "(?:the )?", "\\x{E000}"]
        var random = SplitMix(state: 11)
        for _ in 0..<3000 {
            var pattern = ""
            for _ in 0..<Int.random(in: 0..<9, using: &random) { pattern += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            // The plain expansion traps on a marker without its closing brace.
            for letter in ["A", "M", "P", "X", "L", "D"] where pattern.contains("{\(letter):") {
                let tail = pattern.components(separatedBy: "{\(letter):").last!
                if !tail.contains("}") { pattern += "}" }
            }
            XCTAssertEqual(RelationRule.expand(pattern), RelationRule.expandPlainly(pattern), pattern)
        }
    }

    /// The table of character properties below U+3100 is `properties` of each character.
    func testPropertyTableIsThePropertiesOfEachCharacter() {
        XCTAssertEqual(RelationPattern.bmpProperties.count, 0x3100)
        for c in 0..<0x3100 {
            XCTAssertEqual(RelationPattern.bmpProperties[c], RelationPattern.properties(UInt32(c)), String(c, radix: 16))
        }
    }

    /// The demonyms' states, kept per matcher, are what the matcher resolves them to; a second
    /// matcher (another knowledge base) gets its own.
    func testDemonymStatesAreWhatTheMatcherResolves() {
        let turkey = Entity(id: "turkey", type: .state_actor, name: "Turkey")
        let russia = Entity(id: "russia", type: .state_actor, name: "Russia")
        let first = EntityMatcher(knowledgeBase: KnowledgeBase(entities: [turkey, russia]))
        let second = EntityMatcher(knowledgeBase: KnowledgeBase(entities: [
            Entity(id: "tr", type: .state_actor, name: "Turkey"),
        ]))
        let states = RelationDemonymStates()
        for _ in 0..<3 {
            for matcher in [first, second, first] {
                for (_, state) in RelationExtractor.demonyms where !state.isEmpty {
                    XCTAssertEqual(states.resolve(state, matcher: matcher), matcher.resolve(state), state)
                }
            }
        }
        XCTAssertEqual(states.resolve("Turkey", matcher: second)?.id, "tr")
        XCTAssertEqual(states.resolve("Turkey", matcher: first)?.id, "turkey")
    }
}

extension RelationRuleSetupTests {
    /// Ranks of relation kinds compare as their raw values do.
    func testKindRanksCompareAsRawValues() {
        for a in RelationKind.allCases {
            for b in RelationKind.allCases {
                XCTAssertEqual(a.rawValueRank < b.rawValueRank, a.rawValue < b.rawValue, "\(a) \(b)")
                XCTAssertEqual(a.rawValueRank == b.rawValueRank, a == b, "\(a) \(b)")
            }
        }
    }

    /// `containsDemonym` (one pass) answers as a search for each adjective, on random text and the seeds.
    func testContainsDemonymIsASearchForEachAdjective() {
        let pieces = ["Turkish", "Turk", "TURKISH", "turkish", "Russian", "Russia", "Western", "Wester", "Saudi", "Saud", "Qatari",
                      "Emirati", "American", "é", "ş", "حلب", " ", "  ", "x", "Ab", "Z", "[", "@", "\u{C1}", "😀", "ISIS", "Iraqi", "Iraq",
                      "Lebanese", "Chinese", "British", "French", "Egyptian", "Israeli", "Jordanian", "Syrian", "Iranian"]
        var generator = SplitMix(state: 99)
        var found = 0
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                var piece = pieces.randomElement(using: &generator)!
                if Int.random(in: 0..<4, using: &generator) == 0 && piece.count > 2 { piece = String(piece.dropFirst()) }
                text += piece
            }
            let plain = RelationExtractor.containsDemonymPlainly(text)
            XCTAssertEqual(RelationExtractor.containsDemonym(text), plain, text.debugDescription)
            if plain { found += 1 }
        }
        XCTAssertGreaterThan(found, 500)
        for line in EntityGoldCorpus.shared.blockLines {
            XCTAssertEqual(RelationExtractor.containsDemonym(line.text), RelationExtractor.containsDemonymPlainly(line.text), line.text)
        }
    }
}
