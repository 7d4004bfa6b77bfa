import Foundation
import XCTest
@testable import QariCore

/// A rule with a `cueReach` is run only from the starts before the last actor that one of its cue
/// words follows within that many characters (`RelationTemplate.reachBound`). These tests compare
/// that run with the unbounded one, rule by rule and stretch by stretch, on the seed corpus and on
/// random text made of cue words, the words a pattern allows before them, and fillers of many lengths.
final class RelationReachBoundTests: XCTestCase {
    private static let fillers: [String] = [
        " ", " ", " ", ", ", " and ", ", and ", " as well as ", " or ", " the ", " its ", "“", "”", "\"", "’s ",
        " not ", " never ", " would ", " will ", " reportedly ", " allegedly ", " previously ", " formerly ", " became ",
        " an ", " a ", " founding ", " is ", " were ", " was ", "counter", "air", "s ", " group", " faction", " new ",
        " in 2018", " from ", " by ", " of ", ".", ";", "!", "?", "(", ")", "x", "😀", "é", "حليف", "\u{E001}", "\u{E000}7",
        ". The ", ". the ", " The ", "new ", "operations room", "coalition", "umbrella", ",", "”. The new operations room,",
        "\". The new operations room,", ". The new operations room,", " the new operations room", ". The coalition,",
        "some words", " and more words here", " with a longer run of plain words in between them",
        " and then a very long stretch of words that goes on for more than eighty characters in all",
    ]

    private static let entities: [String: (isPlace: Bool, acting: EntityType?)] = [
        "hts": (false, .faction), "isis": (false, .faction), "syria": (false, .state_actor), "idlib": (true, .place),
        "abu": (false, .person), "media": (false, .organization),
    ]

    private static let reached = RelationRule.all.filter { $0.cueReach != nil }

    private func describe(_ matches: [RelationMatch]) -> [String] {
        matches.map { "\($0.range) \($0.s.map { "\($0)" } ?? "-") \($0.o.map { "\($0)" } ?? "-")" }
    }

    /// Compares the bounded and the unbounded runs on every stretch of the template, with each
    /// rule's reach and with `scale` times it; returns how many stretches had matches, how many of
    /// those had a bound that leaves out the start of an actor, and how many lost matches under
    /// the scaled reach.
    private func compare(_ template: RelationTemplate, _ label: String, scale: Double,
                         file: StaticString = #filePath, line: UInt = #line) -> (matched: Int, bounded: Int, lostScaled: Int) {
        var matched = 0, bounded = 0, lostScaled = 0
        for rule in Self.reached {
            let gate = rule.gate
            let reach = rule.cueReach!
            let stretches: [RelationTemplate.Segment]
            switch rule.scope {
            case .sentence: stretches = template.segments
            case .clause: stretches = template.clauses
            case .line: stretches = [template.wholeLine]
            }
            for segment in stretches {
                let plain = describe(template.matches(rule, in: segment.range))
                let bound = template.reachBound(of: gate, reach: reach, in: segment)
                if bound < 0 {
                    XCTAssertEqual(plain, [], "\(rule.shorthand) matches with no actor its cue word follows closely: \(label)",
                                   file: file, line: line)
                    continue
                }
                let fast = describe(template.matches(rule, in: segment.range, startsBefore: bound))
                XCTAssertEqual(fast, plain, "\(rule.shorthand): \(label)", file: file, line: line)
                if !plain.isEmpty {
                    matched += 1
                    if bound <= segment.lastActorStart { bounded += 1 }   // an actor's start is left out
                    let scaled = template.reachBound(of: gate, reach: Int(Double(reach) * scale), in: segment)
                    if scaled < 0 || describe(template.matches(rule, in: segment.range, startsBefore: scaled)) != plain { lostScaled += 1 }
                }
            }
        }
        return (matched, bounded, lostScaled)
    }

    func testReachIsGivenToRulesThatStartWithAnActor() {
        XCTAssertGreaterThanOrEqual(Self.reached.count, 10)
        for rule in Self.reached {
            XCTAssertTrue(rule.shorthand.hasPrefix("{A:") || rule.shorthand.hasPrefix("{L:"), rule.shorthand)
        }
        // One of the line: its stretch is the whole template.
        XCTAssertTrue(Self.reached.contains { $0.scope == .line })
    }

    func testReachBoundKeepsEveryMatchOnRandomText() {
        var generator = SplitMix(state: 20_261_208)
        let cues = Self.reached.flatMap { $0.cues.map { " " + $0 + " " } }
        let pieces = cues + cues + Self.fillers
        let ids = Self.entities.keys.sorted()
        var matched = 0, bounded = 0, lostScaled = 0
        for _ in 0..<4000 {
            let (template, text) = generator.templateWithNames(of: pieces, ids: ids, most: 24) { Self.entities[$0] ?? (false, nil) }
            let counts = compare(template, text.debugDescription, scale: 0.75)
            matched += counts.matched
            bounded += counts.bounded
            lostScaled += counts.lostScaled
        }
        // The random text reaches the patterns, the bound leaves starts out, and a reach a quarter
        // shorter would lose matches: the comparison can tell a reach that is too short.
        XCTAssertGreaterThan(matched, 1000)
        XCTAssertGreaterThan(bounded, 500)
        XCTAssertGreaterThan(lostScaled, 10)
    }

    func testReachBoundKeepsEveryMatchOnTheSeeds() {
        var matched = 0, bounded = 0
        for (template, place) in EntityGoldCorpus.shared.blockLineTemplates {
            let counts = compare(template, place, scale: 1)
            matched += counts.matched
            bounded += counts.bounded
        }
        XCTAssertGreaterThan(matched, 20)
        XCTAssertGreaterThan(bounded, 10)
    }

    /// For each rule with a reach, a text whose cue word lies exactly that many characters after
    /// the actor before it (the longest filler and words the pattern allows): the rule matches,
    /// the bound keeps the match, and a reach one shorter loses it. A reach too short for its
    /// pattern fails here. "@" is a name.
    func testEveryReachIsTheLongestGapItsPatternAllows() {
        let texts: [(rule: String, text: String)] = [
            ("{A:s}{W}{0,60}?(?:formerly", "@" + String(repeating: "x", count: 60) + "previously known as @"),
            ("{A:s}{W}{0,80}?\\b(?:split", "@ " + String(repeating: "y", count: 78) + " split from @"),
            ("{L:s}{W}{0,40}?(?:allied", "@”" + String(repeating: "z", count: 40) + "allied with @"),
            ("{A:s}{W}{0,60}?\\b(?:financed", "@ " + String(repeating: "w", count: 58) + " financed by @"),
            ("{A:o}{W}{0,40}?(?:led|headed", "@" + String(repeating: "v", count: 40) + "headed by @"),
            ("{L:s}\\.? (?:The|the)", "@”. The new operations room, dubbed @"),
            ("{L:s}{W}{0,40}?(?:is|are", "@”" + String(repeating: "u", count: 40) + "became an founding member of @"),
            ("{A:s}{W}{0,80}?(?:, (?:a|an)", "@ " + String(repeating: "t", count: 78) + " became an part of @"),
            ("{L:s}{N}{0,80}?", "@” " + String(repeating: "q", count: 78) + " counteroffensives against @"),
            ("{A:s}{W}{0,80}?\\b(?:at the hands", "@ " + String(repeating: "p", count: 78) + " at the hands of @"),
            ("{A:o}{W}{0,40}? (?:will", "@" + String(repeating: "k", count: 40) + " would reportedly supports the new group"),
            ("{L:s}{W}{0,80}?\\banti-", "@” " + String(repeating: "j", count: 78) + " anti-@"),
            ("{A:o}{W}{0,40}?(?:was|were)", "@" + String(repeating: "g", count: 40) + "were attacked by @"),
        ]
        var covered = Set<String>()
        for (prefix, shape) in texts {
            let rules = Self.reached.filter { $0.shorthand.hasPrefix(prefix) }
            XCTAssertEqual(rules.count, 1, prefix)
            guard let rule = rules.first, let reach = rule.cueReach else { continue }
            covered.insert(rule.shorthand)
            // Each "@" becomes a name the template replaces.
            var text = "", mentions: [EntityMention] = []
            for character in shape {
                if character == "@" {
                    let start = text.unicodeScalars.count
                    text += "Name"
                    mentions.append(EntityMention(entityID: "hts", range: start..<(start + 4), surface: "Name"))
                } else {
                    text.append(character)
                }
            }
            let template = RelationTemplate(scalars: Array(text.unicodeScalars), sortedMentions: mentions) {
                Self.entities[$0] ?? (false, nil)
            }
            let stretch = rule.scope == .line ? template.wholeLine : template.segments[0]
            let plain = describe(template.matches(rule, in: stretch.range))
            XCTAssertFalse(plain.isEmpty, "\(rule.shorthand) on \(text)")
            let bound = template.reachBound(of: rule.gate, reach: reach, in: stretch)
            XCTAssertEqual(bound < 0 ? [] : describe(template.matches(rule, in: stretch.range, startsBefore: bound)), plain, text)
            let shorter = template.reachBound(of: rule.gate, reach: reach - 1, in: stretch)
            XCTAssertNotEqual(shorter < 0 ? [] : describe(template.matches(rule, in: stretch.range, startsBefore: shorter)), plain,
                              "a reach of \(reach - 1) keeps the match: \(rule.shorthand)")
        }
        XCTAssertEqual(covered.count, Self.reached.count)
    }
}
