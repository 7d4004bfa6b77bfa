import Foundation
import XCTest
@testable import QariCore

/// Matching behaviour on a small in-memory knowledge base, so each case states its own premises.
final class EntityMatcherTests: XCTestCase {
    static let knowledgeBase = KnowledgeBase(entities: [
        Entity(id: "hts", type: .faction, name: "Hayat Tahrir al-Sham", arabic: "هيئة تحرير الشام", aliases: ["HTS", "Tahrir al-Sham"]),
        Entity(id: "al_qaeda", type: .faction, name: "al-Qaeda"),
        Entity(id: "isis", type: .faction, name: "ISIS", aliases: ["Islamic State"]),
        Entity(id: "jaysh_al_izza", type: .faction, name: "Jaysh al-Izza"),
        Entity(id: "ansar_al_din", type: .faction, name: "Ansar al-Din"),
        Entity(id: "ansar_al_tawhid", type: .faction, name: "Ansar al-Tawhid"),
        Entity(id: "hama", type: .place, kind: "city", name: "Hama", arabic: "حماة"),
        Entity(id: "homs", type: .place, kind: "city", name: "Homs"),
        Entity(id: "hamas", type: .faction, name: "Hamas"),
        Entity(id: "hama_airport", type: .place, kind: "base", name: "Hama Military Airport"),
        Entity(id: "khan_sheikhoun", type: .place, kind: "town", name: "Khan Sheikhoun", arabic: "خان شيخون"),
        Entity(id: "kafr_zita", type: .place, kind: "town", name: "Kafr Zita", arabic: "كفر زيتا"),
        Entity(id: "latamneh", type: .place, kind: "town", name: "al-Lataminah"),
        Entity(id: "aleppo", type: .place, kind: "city", name: "Aleppo", arabic: "حلب"),
        Entity(id: "syria", type: .state_actor, name: "Syria", arabic: "سورية", aliases: ["سوريا"]),
        Entity(id: "turkey", type: .state_actor, name: "Turkey", arabic: "تركيا"),
        Entity(id: "israel", type: .state_actor, name: "Israel"),
        Entity(id: "russia", type: .state_actor, name: "Russia", arabic: "روسيا"),
        Entity(id: "united_states", type: .state_actor, name: "United States", aliases: ["US", "U.S."]),
        Entity(id: "syrian_army", type: .state_actor, name: "Syrian Arab Army", arabic: "الجيش السوري", aliases: ["Syrian Army", "SAA"]),
        Entity(id: "us_led_coalition", type: .state_actor, name: "US-led coalition"),
    ])
    let matcher = EntityMatcher(knowledgeBase: EntityMatcherTests.knowledgeBase)

    /// `entityType(id:)` answers from its table what `entity(id:)?.type` answers: for every
    /// entity of the bundled knowledge base, for names discovered in the seeds, and for ids
    /// no one knows.
    func testEntityTypeIsTheTypeOfTheEntity() throws {
        let bundled = EntityMatcher(knowledgeBase: try KnowledgeBase.bundled())
        var discovered = Set<String>()
        for a in try CorpusLoader().load([Repo.seeds]).articles {
            for p in a.paragraphs {
                for m in bundled.mentions(in: p.text) where m.entityID.hasPrefix("disc:") { discovered.insert(m.entityID) }
            }
        }
        XCTAssertGreaterThanOrEqual(discovered.count, 3)
        let ids = bundled.knowledgeBase.entities.map(\.id) + discovered.sorted() + ["", "nobody", "disc:nobody"]
        XCTAssertGreaterThan(ids.count, 150)
        for id in ids {
            XCTAssertEqual(bundled.entityType(id: id), bundled.entity(id: id)?.type, id)
        }
        XCTAssertEqual(bundled.entityType(id: "hts"), .faction)
        XCTAssertNotNil(bundled.entityType(id: try XCTUnwrap(discovered.first)))
    }

    private func ids(_ text: String) -> [String] { matcher.mentions(in: text).map(\.entityID) }

    func testUnseenSpellingsResolveToTheirEntry() {
        XCTAssertEqual(matcher.resolve("Khan Sheikhun")?.id, "khan_sheikhoun")
        XCTAssertEqual(matcher.resolve("Khan Shaykhun")?.id, "khan_sheikhoun")
        XCTAssertEqual(matcher.resolve("KHAN SHAYKHOON")?.id, "khan_sheikhoun")
        XCTAssertEqual(matcher.resolve("Kafarzita")?.id, "kafr_zita")
        XCTAssertEqual(matcher.resolve("Hay’et Tahrir al-Sham")?.id, "hts")
        XCTAssertEqual(matcher.resolve("Jaish al-Izza")?.id, "jaysh_al_izza")
        XCTAssertEqual(matcher.resolve("كفرزيتا")?.id, "kafr_zita")
        XCTAssertEqual(matcher.resolve("Lataminah")?.id, "latamneh")
        XCTAssertEqual(matcher.resolve("هيئة تحرير الشّام")?.id, "hts", "harakat are ignored")
    }

    func testCloseButDistinctNamesStayApart() {
        XCTAssertNil(matcher.resolve("Latmin"), "Latmin is not al-Lataminah")
        XCTAssertEqual(matcher.resolve("Homs")?.id, "homs")
        XCTAssertEqual(matcher.resolve("Hama")?.id, "hama")
        XCTAssertEqual(matcher.resolve("Hamas")?.id, "hamas")
        XCTAssertEqual(matcher.resolve("Ansar al-Din")?.id, "ansar_al_din")
        XCTAssertEqual(matcher.resolve("Ansar al-Tawhid")?.id, "ansar_al_tawhid")
        XCTAssertEqual(ids("Hamas praised the attack on Homs near Hama."), ["hamas", "homs", "hama"])
    }

    func testLongestNameWins() {
        let mentions = matcher.mentions(in: "Jets struck near Hama Military Airport and the US-led coalition replied.")
        XCTAssertEqual(mentions.map(\.entityID), ["hama_airport", "us_led_coalition"])
        XCTAssertEqual(mentions.first?.surface, "Hama Military Airport")
    }

    func testCaseSeparatesNamesFromOrdinaryWords() {
        XCTAssertEqual(ids("Tell us what the US did."), ["united_states"])
        XCTAssertEqual(ids("the U.S. envoy"), ["united_states"])
        XCTAssertEqual(ids("a hama of sorts"), [])
    }

    func testAdjectivesAndDemonymsAreNotMentions() {
        XCTAssertEqual(ids("Syrian and Turkish officials met Israeli and Russian envoys."), [])
        XCTAssertEqual(ids("قال المسؤول السوري إن القوات التركية والسورية"), [])
    }

    func testCompoundsCountAsMentions() {
        let mentions = matcher.mentions(in: "the al-Qaeda-linked group, an anti-ISIS raid and US-backed forces")
        XCTAssertEqual(mentions.map(\.entityID), ["al_qaeda", "isis", "united_states"])
        XCTAssertEqual(mentions.map(\.surface), ["al-Qaeda", "ISIS", "US"])
    }

    func testRangesAreScalarOffsetsAndSkipPossessives() {
        let text = "Aleppo’s countryside and Russia's base"
        let mentions = matcher.mentions(in: text)
        XCTAssertEqual(mentions.map(\.surface), ["Aleppo", "Russia"])
        let scalars = Array(text.unicodeScalars)
        for mention in mentions {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[mention.range])), mention.surface)
        }
    }

    func testNoBreakSpaceInsideANameIsASpace() {
        XCTAssertEqual(ids("forces of Hayat\u{A0}Tahrir al-Sham"), ["hts"])
    }

    func testArabicProcliticsAreStrippedButTheArticleIsNot() {
        let mentions = matcher.mentions(in: "وحلب بروسيا لسورية والجيش السوري")
        XCTAssertEqual(mentions.map(\.entityID), ["aleppo", "russia", "syria", "syrian_army"])
        XCTAssertEqual(mentions.map(\.surface), ["حلب", "روسيا", "سورية", "الجيش السوري"])
        XCTAssertEqual(ids("الحكومة السورية"), [], "السورية is an adjective")
        XCTAssertEqual(ids("مدينة حماه"), ["hama"], "taa marbuta and haa are one letter")
    }

    func testUnknownNamesAreDiscoveredAndGroupedByKey() {
        let first = matcher.mentions(in: "fighters of Liwa al-Fatah al-Mubin attacked the village of Tell Abbas")
        XCTAssertEqual(first.map(\.surface), ["Liwa al-Fatah al-Mubin", "Tell Abbas"])
        XCTAssertTrue(first.allSatisfy { $0.entityID.hasPrefix("disc:") })
        XCTAssertEqual(matcher.discoveredEntity(id: first[0].entityID)?.type, .faction)
        XCTAssertEqual(matcher.discoveredEntity(id: first[1].entityID)?.type, .place)
        XCTAssertEqual(matcher.discoveredEntity(id: first[1].entityID)?.discovered, true)

        let a = matcher.mentions(in: "members of Jaish al-Nasr said")
        let b = matcher.mentions(in: "members of Jaysh al-Nasr said")
        XCTAssertEqual(a.first?.entityID, b.first?.entityID)
        XCTAssertNotNil(a.first.flatMap { matcher.discoveredEntity(id: $0.entityID) })

        let people = matcher.mentions(in: "Lt. Col. Ahmed Mohamed and Abu Omar al-Shami were killed near Kafr Nabl.")
        XCTAssertEqual(people.map(\.surface), ["Ahmed Mohamed", "Abu Omar al-Shami", "Kafr Nabl"])
        XCTAssertEqual(people.compactMap { matcher.discoveredEntity(id: $0.entityID)?.type }, [.person, .person, .place])

        XCTAssertEqual(matcher.mentions(in: "the leader of Hurras al-Din Abu Hammam al-Suri").map(\.surface),
                       ["Hurras al-Din", "Abu Hammam al-Suri"])

        let brigade = matcher.mentions(in: "the Sultan Murad Brigade and the Fath al-Mubin Operations Room")
        XCTAssertEqual(brigade.map(\.surface), ["Sultan Murad Brigade", "Fath al-Mubin Operations Room"])
    }

    func testResolveBuildsADiscoveredFactionFromAFactionShapedName() {
        let entity = matcher.resolve("Jaysh al-Nasr")
        XCTAssertEqual(entity?.discovered, true)
        XCTAssertEqual(entity?.type, .faction)
        XCTAssertEqual(entity?.id, matcher.resolve("Jaish al-Nasr")?.id)
        XCTAssertNil(matcher.resolve("the weather today"))
    }

    func testResolveFallsBackToIgnoringCase() {
        XCTAssertEqual(matcher.resolve("hayat tahrir al-sham")?.id, "hts")
        XCTAssertEqual(matcher.resolve("hts")?.id, "hts")
        XCTAssertEqual(matcher.resolve("the Syrian Army")?.id, "syrian_army")
    }

    func testConcurrentUseGivesTheSameAnswers() {
        let lines = ["Hamas praised the attack on Homs near Hama.", "members of Jaysh al-Karama said", "وحلب بروسيا لسورية"]
        let expected = lines.map { matcher.mentions(in: $0) }
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 64)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            results[i] = matcher.mentions(in: lines[i % 3]) == expected[i % 3]
        }
        XCTAssertTrue(results.allSatisfy { $0 })
        XCTAssertNotNil(matcher.discoveredEntity(id: expected[1][0].entityID))
    }

    /// Odd input never crashes and every reported range is the reported surface.
    func testRangesHoldOnOddInput() {
        let odd = [
            "", " ", "-", "al-", "al- ", "-al", "’s", "U.", "U.S", "U.S.", "A.B.C.D.", "M-", "M5", "5M", "No. ", "Lt. Col.",
            "Abu", "Abu al-", "town of", "near", "Jaysh", "Jaysh al-", "\u{1F600}Hama\u{1F600}", "Ha\u{301}ma", "\u{202E}Homs\u{202C}",
            "و", "وال", "لل", "ولل", "كفر زيتا\u{651}", "حماة\u{640}\u{640}", "\u{0}\u{1B}[31mHTS", "HTS-HTS-HTS", "Hayat\u{A0}\u{A0}Tahrir",
            String(repeating: "a", count: 300), String(repeating: "Hama ", count: 50),
        ]
        let lines = odd + EntityGoldCorpus.shared.files.values.flatMap { $0 }
        let seeded = EntityGoldCorpus.matcher
        for line in lines {
            let scalars = Array(line.unicodeScalars)
            for matcher in [matcher, seeded] {
                let mentions = matcher.mentions(in: line)
                for mention in mentions {
                    XCTAssertTrue(mention.range.lowerBound >= 0 && mention.range.upperBound <= scalars.count && !mention.range.isEmpty)
                    XCTAssertEqual(String(String.UnicodeScalarView(scalars[mention.range])), mention.surface)
                }
                for relation in RelationExtractor.relations(in: line, mentions: mentions, matcher: matcher) {
                    XCTAssertEqual(String(String.UnicodeScalarView(scalars[relation.range])), relation.evidence)
                }
                _ = matcher.resolve(line)
            }
            for figure in FactExtractor.casualties(in: line) { XCTAssertTrue(figure.range.upperBound <= scalars.count) }
            for date in FactExtractor.dates(in: line) { XCTAssertTrue(date.range.upperBound <= scalars.count) }
        }
    }

    /// The issue's examples against the bundled knowledge base: unseen variants resolve, close names stay apart.
    func testIssueExamplesOnTheBundledKnowledgeBase() {
        let bundled = EntityGoldCorpus.matcher
        let expected: [(String, String)] = [
            ("Khan Sheikhun", "khan_sheikhoun"), ("Kafarzita", "kafr_zita"), ("Hay’et Tahrir al-Sham", "hts"),
            ("Jaish al-Izza", "jaysh_al_izza"), ("كفرزيتا", "kafr_zita"), ("Latmin", "latmin"), ("al-Lataminah", "latamneh"),
            ("Homs", "homs"), ("Hama", "hama"), ("Hamas", "hamas"), ("Ansar al-Din", "ansar_al_din"),
            ("Ansar al-Tawhid", "ansar_al_tawhid"), ("US", "united_states"),
        ]
        for (name, id) in expected {
            XCTAssertEqual(bundled.resolve(name)?.id, id, name)
        }
        XCTAssertEqual(bundled.mentions(in: "Syrian and Turkish troops told us").map(\.entityID), [])
        XCTAssertEqual(bundled.mentions(in: "قالت المصادر السورية والتركية").map(\.entityID), [])
    }
}
