import Foundation
import XCTest
@testable import QariCore

/// The relation template built from a text's UTF-8 in one pass (`RelationLayout`,
/// `RelationTemplate.fromUTF8`) against its plain definition (`RelationTemplate.init(scalars:...)`,
/// which copies scalars and then runs `CueTable.scan`), on random text and on the seed corpus.
final class RelationTemplateFastPathTests: XCTestCase {
    /// Cue words and their neighbours, in several cases, marks, parentheses, modifiers, private-use
    /// characters that read as placeholders, characters of two UTF-16 units, Arabic.
    private static let pieces: [String] = [
        "known as", "Known As", "(formerly", "(", ")", "((", "))", "split from", "a breakaway faction of", "-linked", "-backed",
        "US-backed", "pro-", "Pro-", "anti-", "ANTI-", "nti-", "-", "‐", "‑", " of ", "of", " from ", "’s", "'s", "group’s",
        "Group's", "the group", "The Group", "this ", "This", "attack", "Attacked by", "war ", "war", "leader", "Commander-in-Chief",
        "commander", "ally", "allies", "حليف", "حلي", "وحليف", "ل", "و", "،", ".", ";", "!", "?", "...", "?!", ",", " ", "  ",
        "\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}", "\u{E005}", "\u{E006}", "\u{E007}", "\u{E008}", "\u{FFFD}", "😀", "𝐍𝐞𝐰𝐬",
        "é", "Élysée", "ẞ", "Hayat", "Tahrir", "al-Sham", "HTS", "ISIS", "Idlib", "حلب", "spokesman", "spokeswoman", "officials",
        "prime minister", "Prime Minister", "a", "an", "th", "the", "x", "1", "2018", "\n", "\u{A0}", "\u{2019}", "\u{2014}",
    ]

    /// Entities the mentions name, with their role in a template: places and actors of each type.
    private static let entities: [String: (isPlace: Bool, acting: EntityType?)] = [
        "hts": (false, .faction), "isis": (false, .faction), "syria": (false, .state_actor), "idlib": (true, .place),
        "abu": (false, .person), "media": (false, .organization), "unknown": (false, nil), "aleppo": (true, .place),
    ]

    private static func classify(_ id: String) -> (isPlace: Bool, acting: EntityType?) {
        entities[id] ?? (false, nil)
    }

    private func randomText(_ generator: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            text += Self.pieces.randomElement(using: &generator)!
            if Int.random(in: 0..<3, using: &generator) == 0 { text += " " }
        }
        return text
    }

    /// Random mentions of the text, sorted by their starts; some overlap, some touch, some are empty.
    private func randomMentions(_ count: Int, _ generator: inout SplitMix) -> [EntityMention] {
        guard count > 0 else { return [] }
        let ids = Array(Self.entities.keys).sorted()
        var mentions: [EntityMention] = []
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            let start = Int.random(in: 0..<count, using: &generator)
            let end = min(count, start + Int.random(in: 0...6, using: &generator))
            mentions.append(EntityMention(entityID: ids.randomElement(using: &generator)!, range: start..<end, surface: ""))
        }
        return mentions.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private func assertSameTemplate(_ text: String, _ sorted: [EntityMention],
                                    classify: (String) -> (isPlace: Bool, acting: EntityType?) = RelationTemplateFastPathTests.classify,
                                    file: StaticString = #filePath, line: UInt = #line) {
        let scalars = Array(text.unicodeScalars)
        let plain = RelationTemplate(scalars: scalars, sortedMentions: sorted, classify: classify)
        var utf8 = text
        let (fast, nonPlace, passed) = utf8.withUTF8 { bytes in RelationLayout.with(bytes, sorted, classify: classify) { layout in
            // As `RelationExtractor.relations` builds it: from the events `mayPass` recorded, when it passes
            // (it stops testing gates at the first that passes, not recording).
            let passed = RelationCueEvents.recording { events in
                RelationGatePrefilter.mayPass(bytes, layout: layout, key: RelationGatePrefilter.candidateKey(layout), events: &events)
                    ? RelationTemplate.fromUTF8(text, bytes, sortedMentions: sorted, layout: layout, events: events) : nil
            }
            return (RelationTemplate.fromUTF8(text, bytes, sortedMentions: sorted, layout: layout), layout.nonPlaceCount, passed)
        } }
        let message = "\(text.debugDescription) \(sorted.map { "\($0.entityID)@\($0.range)" })"
        XCTAssertEqual(min(nonPlace, 2), RelationTemplate.nonPlaceCount(scalars, sorted, classify: classify), message, file: file, line: line)
        if let passed {
            assertSameTemplate(passed, plain, message, file: file, line: line)
            passedTemplates += 1
        }
        assertSameTemplate(fast, plain, message, file: file, line: line)
    }

    /// The templates `mayPass` passed and `assertSameTemplate` compared.
    private var passedTemplates = 0

    private func assertSameTemplate(_ fast: RelationTemplate, _ plain: RelationTemplate, _ message: String, file: StaticString, line: UInt) {
        XCTAssertEqual(fast.units, plain.units, message, file: file, line: line)
        XCTAssertEqual(fast.roles, plain.roles, message, file: file, line: line)
        XCTAssertEqual(fast.text, plain.text, message, file: file, line: line)
        XCTAssertEqual(fast.placeholders.map { "\($0.units) \($0.text)" }, plain.placeholders.map { "\($0.units) \($0.text)" }, message, file: file, line: line)
        XCTAssertEqual(Self.describe(fast.placeholderCounts), Self.describe(plain.placeholderCounts), message, file: file, line: line)
        XCTAssertTrue(fast.cues.bits == plain.cues.bits, message, file: file, line: line)
        XCTAssertEqual(fast.actingTypes.bits, plain.actingTypes.bits, message, file: file, line: line)
        XCTAssertEqual(fast.cueHits.map { "\($0.start)-\($0.end):\($0.id)" }, plain.cueHits.map { "\($0.start)-\($0.end):\($0.id)" },
                       message, file: file, line: line)
        XCTAssertEqual(fast.segments.map(Self.describe), plain.segments.map(Self.describe), message, file: file, line: line)
    }

    private static func describe(_ counts: PlaceholderCounts) -> String {
        "\(counts.actors) \(counts.modifiers) \(counts.parentheticals) \(counts.any) \(counts.demonym)"
    }

    private static func describe(_ segment: RelationTemplate.Segment) -> String {
        "\(segment.range) \(describe(segment.counts)) \(segment.cues.bits) \(segment.end) \(segment.firstActorEnd) "
            + "\(segment.lastActorStart) \(segment.hits) \(segment.actingTypes.bits)"
    }

    /// `forEachMentionIndex` (four units at a time outside placeholders) gives the indexes its
    /// plain definition gives, over random ranges of random templates: texts with characters that
    /// read as placeholders' (U+E000...U+E008), digits, and long stretches with none of them.
    func testMentionIndexesAreThePlainOnes() {
        var generator = SplitMix(state: 20_261_208)
        var found = 0
        for _ in 0..<3000 {
            var text = randomText(&generator)
            if Bool.random(using: &generator) {
                text += String(repeating: "a long stretch of words ", count: Int.random(in: 1...4, using: &generator)) + randomText(&generator)
            }
            let scalars = Array(text.unicodeScalars)
            let template = RelationTemplate(scalars: scalars, sortedMentions: randomMentions(scalars.count, &generator), classify: Self.classify)
            let count = template.units.count
            for _ in 0..<4 {
                let start = Int.random(in: 0...count, using: &generator)
                let range = NSRange(location: start, length: Int.random(in: start...count, using: &generator) - start)
                var fast: [Int] = [], plain: [Int] = []
                template.forEachMentionIndex(in: range) { fast.append($0) }
                template.forEachMentionIndexPlainly(in: range) { plain.append($0) }
                XCTAssertEqual(fast, plain, "\(text.debugDescription) \(range)")
                found += plain.count
            }
        }
        XCTAssertGreaterThan(found, 1000)
    }

    func testTemplateFromUTF8IsThePlainTemplateOnRandomText() {
        var generator = SplitMix(state: 20_261_207)
        for _ in 0..<4000 {
            let text = randomText(&generator)
            assertSameTemplate(text, randomMentions(text.unicodeScalars.count, &generator))
        }
        XCTAssertGreaterThan(passedTemplates, 300)
    }

    /// Every cue word, alone and between names, is found where the plain scan finds it.
    func testEveryCueWordIsFoundAsThePlainScanFindsIt() {
        for cue in RelationRule.cueWords {
            for text in [cue, cue.uppercased(), "HTS " + cue + " ISIS.", "HTS" + cue + "ISIS", "x" + cue.dropLast()] {
                let count = text.unicodeScalars.count
                assertSameTemplate(text, [])
                if count >= 3 {
                    assertSameTemplate(text, [EntityMention(entityID: "hts", range: 0..<1, surface: ""),
                                              EntityMention(entityID: "isis", range: (count - 1)..<count, surface: "")])
                }
            }
        }
    }

    /// The seed articles' lines with the mentions the matcher finds in them.
    func testTemplateFromUTF8IsThePlainTemplateOnTheSeeds() {
        let matcher = EntityGoldCorpus.matcher
        var lines = 0
        for line in EntityGoldCorpus.shared.blockLines {
            let mentions = matcher.mentions(in: line.text).sorted { $0.range.lowerBound < $1.range.lowerBound }
            assertSameTemplate(line.text, mentions, classify: matcher.relationRole)
            lines += 1
        }
        XCTAssertGreaterThan(lines, 100)
        XCTAssertGreaterThan(passedTemplates, 50)
    }
}

/// `RelationGatePrefilter.mayPass` against its plain definition: some rule's gate passes on the
/// whole template (what `RelationExtractor.relations` tests first).
extension RelationTemplateFastPathTests {
    /// True when some gate passes on the template; and what the prefilter says.
    private func gatesPass(_ text: String, _ sorted: [EntityMention],
                           classify: (String) -> (isPlace: Bool, acting: EntityType?) = RelationTemplateFastPathTests.classify) -> (plain: Bool, prefilter: Bool) {
        var utf8 = text
        return utf8.withUTF8 { bytes in RelationLayout.with(bytes, sorted, classify: classify) { layout in
            let template = RelationTemplate.fromUTF8(text, bytes, sortedMentions: sorted, layout: layout)
            let plain = RelationRule.gates.contains { gate in
                template.placeholderCounts.satisfies(gate.needs) && gate.cuesFit(template.cues) && gate.typesFit(template.actingTypes)
            }
            return (plain, RelationGatePrefilter.mayPass(bytes, layout: layout))
        } }
    }

    func testPrefilterPassesEveryTemplateAGatePassesOnRandomText() {
        var generator = SplitMix(state: 4_2026)
        var passed = 0, refused = 0
        for _ in 0..<6000 {
            let text = randomText(&generator)
            let mentions = randomMentions(text.unicodeScalars.count, &generator)
            let (plain, prefilter) = gatesPass(text, mentions)
            XCTAssertEqual(prefilter, plain, "\(text.debugDescription) \(mentions.map { "\($0.entityID)@\($0.range)" })")
            if plain { passed += 1 }
            if !prefilter { refused += 1 }
        }
        // Both answers are given often: the test says something about each.
        XCTAssertGreaterThan(passed, 300)
        XCTAssertGreaterThan(refused, 300)
    }

    func testPrefilterPassesEveryTemplateAGatePassesOnTheSeeds() {
        let matcher = EntityGoldCorpus.matcher
        var passed = 0, refused = 0, exact = 0, lines = 0
        for line in EntityGoldCorpus.shared.blockLines {
            let mentions = matcher.mentions(in: line.text).sorted { $0.range.lowerBound < $1.range.lowerBound }
            let (plain, prefilter) = gatesPass(line.text, mentions, classify: matcher.relationRole)
            XCTAssertEqual(prefilter, plain, line.text)
            if plain { passed += 1 }
            if !prefilter { refused += 1 }
            if plain == prefilter { exact += 1 }
            lines += 1
        }
        XCTAssertGreaterThan(passed, 50)
        XCTAssertGreaterThan(refused, 50)
        XCTAssertEqual(exact, lines)
    }

    /// Counts packed a byte a role compare as `PlaceholderCounts.satisfies` does.
    func testPackedCountsSatisfyAsCountsDo() {
        var generator = SplitMix(state: 77)
        func random() -> PlaceholderCounts {
            var counts = PlaceholderCounts()
            counts.actors = Int.random(in: 0...4, using: &generator) == 0 ? Int.random(in: 0...300, using: &generator) : Int.random(in: 0...3, using: &generator)
            counts.modifiers = Int.random(in: 0...3, using: &generator)
            counts.parentheticals = Int.random(in: 0...3, using: &generator)
            counts.any = counts.actors + counts.modifiers + counts.parentheticals + Int.random(in: 0...2, using: &generator)
            return counts
        }
        for _ in 0..<20_000 {
            let have = random()
            let needs = RelationRule.gates.randomElement(using: &generator)!.needs
            XCTAssertEqual(RelationGatePrefilter.satisfies(RelationGatePrefilter.packed(have), RelationGatePrefilter.packed(needs)),
                           have.satisfies(needs))
            let other = random()
            if other.actors < 128 && other.any < 128 {
                XCTAssertEqual(RelationGatePrefilter.satisfies(RelationGatePrefilter.packed(have), RelationGatePrefilter.packed(other)),
                               have.satisfies(other))
            }
        }
        XCTAssertEqual(RelationGatePrefilter.gates.count, RelationRule.gates.count)
    }
}

/// The record of the automaton's events keeps them in order past its stack memory (64 events).
extension RelationTemplateFastPathTests {
    func testEventsAreKeptInOrderPastTheStackMemory() {
        for count in [0, 1, 63, 64, 65, 200, 1000] {
            RelationCueEvents.recording { events in
                for k in 0..<count { events.append(offset: 3 * k + 1, step: UInt32(k) | RelationCueBytes.stepMark) }
                XCTAssertEqual(events.count, count)
                XCTAssertEqual((0..<events.count).map { events.offset($0) }, (0..<count).map { 3 * $0 + 1 })
                XCTAssertEqual((0..<events.count).map { events.step($0) }, (0..<count).map { UInt32($0) | RelationCueBytes.stepMark })
            }
        }
    }
}

/// `RelationLayout.advance` (eight bytes at a time) against a walk scalar by scalar.
extension RelationTemplateFastPathTests {
    func testAdvanceIsAWalkScalarByScalar() {
        var generator = SplitMix(state: 1_207)
        let pieces = ["a", "(", ")", "é", "حلب", "😀", "𝐍", " ", "((x))", "abcdefgh", "\u{E000}", "ـ", "ü(", ")ش"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let scalars = Array(text.unicodeScalars)
            var utf8 = text
            utf8.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                var i = 0, position = 0, depth = 0
                var plainI = 0, plainPosition = 0, plainDepth = 0
                while position < scalars.count {
                    let target = min(scalars.count, position + Int.random(in: 0...12, using: &generator))
                    let counting = Bool.random(using: &generator)
                    RelationLayout.advance(base, bytes.count, &i, &position, to: target, countingParentheses: counting, depth: &depth)
                    while plainPosition < target {
                        let v = scalars[plainPosition].value
                        if counting { if v == 0x28 { plainDepth += 1 } else if v == 0x29 { plainDepth = max(0, plainDepth - 1) } }
                        plainI += String(scalars[plainPosition]).utf8.count
                        plainPosition += 1
                    }
                    XCTAssertEqual(i, plainI, text.debugDescription)
                    XCTAssertEqual(position, plainPosition, text.debugDescription)
                    XCTAssertEqual(depth, plainDepth, text.debugDescription)
                    if i != plainI || position != plainPosition { return }
                }
            }
        }
    }
}
