import Foundation
import XCTest
@testable import QariCore

/// A rule whose every match starts with one of its cue words (`RelationRule.matchStart`) is run
/// from the starts of those words' hits only. These tests compare that run with the run from
/// every unit, rule by rule and stretch by stretch, on the seed corpus and on random text made of
/// the rules' words in several cases, words that hold them ("ahead", "mischief") and fillers.
final class RelationMatchStartTests: XCTestCase {
    /// The rules' opening words in several cases, inside other words, and what follows them.
    private static let fillers: [String] = [
        "leader of ", "Leader of the ", "LEADER OF ", "head of ", "Head of the ", "ahead of ", "overhead of ", "chief of ",
        "mischief of ", "emir of ", "founder of the ", "director of ", "Director of ", "commander of ", "Commander of the ",
        "deputy leader of ", "This group ", "this very faction ", "This coalition’s members ", "thistle group ", "This ",
        "The group ", "the faction ", "The militant group’s members ", "the organisation ", "the organization ", "Theirs group ",
        "the Group ", "the ", " attacked ", " fought ", " struck ", " clashed with ", " targeted ", " not ", ", ", ", ", ", ",
        " ", " ", " and ", " of ", "Abu ", "Mr. ", ".", ";", "!", "?", "x", "é", "😀", "حليف",
        "Turkish", "turkish", "TURKISH", "Syrian", "Syria", "Syrians", "Iraqi", "Iraq", "Western", "western", "American",
        "-backed ", "-trained ", " air strikes targeted ", " airstrike hit ", " forces on ", " jets ", " against ",
        " President ", " Prime Minister ", " counterpart ", " leader ",
    ]

    private static let entities: [String: (isPlace: Bool, acting: EntityType?)] = [
        "hts": (false, .faction), "isis": (false, .faction), "syria": (false, .state_actor), "idlib": (true, .place),
        "abu": (false, .person), "media": (false, .organization),
    ]

    private static let started = RelationRule.all.filter { $0.matchStart != .anywhere }

    private func describe(_ matches: [RelationMatch]) -> [String] {
        matches.map { "\($0.range) \($0.s.map { "\($0)" } ?? "-") \($0.o.map { "\($0)" } ?? "-")" }
    }

    /// Compares the run from the hits with the run from every unit on every stretch of the
    /// template; returns how many stretches had matches (and how many of those for a rule that
    /// starts with a nationality adjective), and how many had a unit that can start a match (one
    /// of the pattern's first letters) that the hits left out.
    private func compare(_ template: RelationTemplate, _ label: String,
                         file: StaticString = #filePath, line: UInt = #line) -> (matched: Int, adjective: Int, skipped: Int) {
        var matched = 0, adjective = 0, skipped = 0
        for rule in Self.started {
            let set = rule.startCueSet!
            let stretches: [RelationTemplate.Segment]
            switch rule.scope {
            case .sentence: stretches = template.segments
            case .clause: stretches = template.clauses
            case .line: stretches = [template.wholeLine]
            }
            for stretch in stretches {
                let plain = describe(template.matches(rule.pattern!, subjectGroup: rule.subjectGroup, objectGroup: rule.objectGroup,
                                                      in: stretch.range))
                let fast = describe(template.matches(rule.pattern!, subjectGroup: rule.subjectGroup, objectGroup: rule.objectGroup,
                                                     in: stretch.range, startCues: (set, stretch.hits)))
                XCTAssertEqual(fast, plain, "\(rule.shorthand): \(label)", file: file, line: line)
                if !plain.isEmpty {
                    matched += 1
                    if rule.shorthand.hasPrefix("{D:") { adjective += 1 }
                }
                let starts = Set(stretch.hits.filter { set.contains(Int(template.cueHits[$0].id)) }.map { Int(template.cueHits[$0].start) })
                let letters: Set<UInt16> = [0x6C, 0x63, 0x68, 0x65, 0x66, 0x44, 0x64, 0x43, 0x54, 0x74, 0x53, 0x49]   // l c h e f D d C T t S I
                let range = stretch.range.location..<(stretch.range.location + stretch.range.length)
                if range.contains(where: { letters.contains(template.units[$0]) && !starts.contains($0) }) { skipped += 1 }
            }
        }
        return (matched, adjective, skipped)
    }

    /// The rules so marked: the leaders' "(?:leader|chief|...) of", "this faction", "the group",
    /// and the three that start with a nationality adjective.
    func testRulesThatStartWithACueWordAreMarked() {
        XCTAssertEqual(Self.started.count, 6)
        XCTAssertEqual(Self.started.filter { $0.shorthand.hasPrefix("{D:") }.count, 3)
        XCTAssertEqual(RelationRule.all.filter { $0.shorthand.hasPrefix("{D:") }.count, 3)
        for rule in Self.started {
            XCTAssertNotNil(rule.pattern, rule.shorthand)
            // The words the set holds are the rule's own.
            let words = rule.matchStart == .cue ? rule.cues : rule.moreCues
            XCTAssertFalse(words.isEmpty, rule.shorthand)
            for word in words {
                XCTAssertTrue(rule.startCueSet!.contains(RelationRule.cueWords.firstIndex(of: word)!), word)
            }
        }
    }

    func testRunFromTheHitsKeepsEveryMatchOnRandomText() {
        var generator = SplitMix(state: 20_261_209)
        let ids = Self.entities.keys.sorted()
        var matched = 0, adjective = 0, skipped = 0
        for _ in 0..<8000 {
            let (template, text) = generator.templateWithNames(of: Self.fillers, ids: ids, most: 24) { Self.entities[$0] ?? (false, nil) }
            let counts = compare(template, text.debugDescription)
            matched += counts.matched
            adjective += counts.adjective
            skipped += counts.skipped
        }
        // The random text reaches the patterns, and the hits leave starts out.
        XCTAssertGreaterThan(matched, 500)
        XCTAssertGreaterThan(adjective, 100)
        XCTAssertGreaterThan(skipped, 2000)
    }

    func testRunFromTheHitsKeepsEveryMatchOnTheSeeds() {
        var matched = 0
        for (template, place) in EntityGoldCorpus.shared.blockLineTemplates {
            matched += compare(template, place).matched
        }
        XCTAssertGreaterThanOrEqual(matched, 5)
    }
}
