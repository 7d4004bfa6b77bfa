import Foundation
import XCTest
@testable import QariCore

/// `RelationEntityTable` answers what the matcher answers: roles, entities and the entity one acts as.
final class RelationEntityTableTests: XCTestCase {
    private func assertSameAnswers(_ table: RelationEntityTable, _ matcher: EntityMatcher, _ id: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        let role = table.role(id, matcher: matcher), plain = matcher.relationRole(id: id)
        XCTAssertEqual(role.isPlace, plain.isPlace, id, file: file, line: line)
        XCTAssertEqual(role.acting, plain.acting, id, file: file, line: line)
        let entity = table.entity(id, matcher: matcher)
        XCTAssertEqual(entity, matcher.entity(id: id), id, file: file, line: line)
        if let entity {
            XCTAssertEqual(table.acting(entity, matcher: matcher), entity.metonymFor.flatMap { matcher.entity(id: $0) } ?? entity, id,
                           file: file, line: line)
            // The entity acted as, by index: the same, or -1 where the matcher must be asked.
            if let k = table.index(of: id) {
                let acting = table.actingIndex(k)
                if acting >= 0 {
                    XCTAssertEqual(table.entities[acting], entity.metonymFor.flatMap { matcher.entity(id: $0) } ?? entity, id,
                                   file: file, line: line)
                } else {
                    XCTAssertNotNil(entity.metonymFor, id, file: file, line: line)
                }
            }
        }
    }

    func testAnswersAreTheMatchersOnTheBundledKnowledgeBase() {
        let matcher = EntityGoldCorpus.matcher
        let table = RelationEntityTable.of(matcher)
        var found = 0
        for entity in matcher.knowledgeBase.entities {
            assertSameAnswers(table, matcher, entity.id)
            // The same text in a string of its own making: found or not, the answers are the same.
            assertSameAnswers(table, matcher, String(decoding: Array(entity.id.utf8), as: UTF8.self))
            assertSameAnswers(table, matcher, entity.id + "x")
            assertSameAnswers(table, matcher, String(entity.id.dropLast()))
            if table.index(of: entity.id) != nil { found += 1 }
        }
        // Every knowledge-base id is found by its own string.
        XCTAssertEqual(found, matcher.knowledgeBase.entities.count)
        for id in ["", "disc:abu omar", "disc:", "hts ", "HTS", "a-very-long-identifier-that-no-entity-has"] {
            assertSameAnswers(table, matcher, id)
        }
        // The ids of the mentions the matcher finds are found by their bits.
        var mentions = 0, hits = 0
        for line in EntityGoldCorpus.shared.blockLines.prefix(300) {
            for mention in matcher.mentions(in: line.text) {
                assertSameAnswers(table, matcher, mention.entityID)
                mentions += 1
                if table.index(of: mention.entityID) != nil { hits += 1 }
            }
        }
        XCTAssertGreaterThan(hits, mentions / 2)
    }

    /// Metonyms to a state the knowledge base has and to one it lacks; a second matcher gets its own table.
    func testMetonymsAndSecondMatcher() {
        let kb = KnowledgeBase(entities: [
            Entity(id: "turkey", type: .state_actor, name: "Turkey"),
            Entity(id: "ankara", type: .place, kind: "city", name: "Ankara", metonymFor: "turkey"),
            Entity(id: "moscow", type: .place, kind: "city", name: "Moscow", metonymFor: "russia"),
            Entity(id: "idlib", type: .place, kind: "province", name: "Idlib"),
            Entity(id: "a_long_identifier_of_thirty_bytes", type: .faction, name: "Long Name Brigade"),
        ])
        let first = EntityMatcher(knowledgeBase: kb)
        let second = EntityMatcher(knowledgeBase: KnowledgeBase(entities: [Entity(id: "ankara", type: .faction, name: "Ankara")]))
        for _ in 0..<2 {
            for matcher in [first, second] {
                let table = RelationEntityTable.of(matcher)
                XCTAssertTrue(table.entities.map(\.id) == matcher.knowledgeBase.entities.map(\.id))
                for id in ["turkey", "ankara", "moscow", "idlib", "russia", "a_long_identifier_of_thirty_bytes", "nothing"] {
                    assertSameAnswers(table, matcher, id)
                }
            }
        }
    }

    /// Each matcher has a table of its own knowledge base, made with it: the same table every
    /// time it is asked, and a matcher of a knowledge base changed since has one of that base.
    func testEachMatcherHasTheTableOfItsKnowledgeBase() {
        var kb = KnowledgeBase(entities: [Entity(id: "turkey", type: .state_actor, name: "Turkey")])
        let first = EntityMatcher(knowledgeBase: kb)
        let table = RelationEntityTable.of(first)
        XCTAssertTrue(RelationEntityTable.of(first) === table)
        XCTAssertEqual(table.entities.map(\.id), ["turkey"])
        kb.entities.append(Entity(id: "ankara", type: .place, kind: "city", name: "Ankara", metonymFor: "turkey"))
        let changed = EntityMatcher(knowledgeBase: kb)
        let other = RelationEntityTable.of(changed)
        XCTAssertFalse(other === table)
        XCTAssertEqual(other.entities.map(\.id), ["turkey", "ankara"])
        for id in ["turkey", "ankara", "nothing"] { assertSameAnswers(other, changed, id) }
        for id in ["turkey", "ankara", "nothing"] { assertSameAnswers(RelationEntityTable.of(first), first, id) }
    }

    /// `role(bits:)`, which the layout asks with the bits of a mention's id read in place, answers
    /// what `role(_:matcher:)` answers for the ids it finds, and finds every knowledge-base id by
    /// its own string; the layout places mentions in the same roles with the table as without.
    func testRoleByBitsIsTheRoleAndTheLayoutReadsTheIDsBits() {
        XCTAssertEqual(MemoryLayout<EntityMention>.offset(of: \EntityMention.entityID), 0)
        let matcher = EntityGoldCorpus.matcher
        let table = RelationEntityTable.of(matcher)
        func bits(_ id: String) -> (UInt64, UInt64) { unsafeBitCast(id, to: (UInt64, UInt64).self) }
        for entity in matcher.knowledgeBase.entities {
            let role = table.role(bits: bits(entity.id)), plain = matcher.relationRole(id: entity.id)
            XCTAssertEqual(role?.isPlace, plain.isPlace, entity.id)
            XCTAssertEqual(role?.acting, plain.acting, entity.id)
        }
        var found = 0, mentions = 0
        for line in EntityGoldCorpus.shared.blockLines.prefix(300) {
            let sorted = matcher.mentions(in: line.text)
            for mention in sorted {
                mentions += 1
                sorted.withUnsafeBufferPointer { buffer in
                    let index = buffer.firstIndex { $0.range == mention.range }!
                    XCTAssertTrue(RelationLayout.idBits(buffer, index) == bits(mention.entityID), mention.entityID)
                }
                guard let role = table.role(bits: bits(mention.entityID)) else { continue }
                found += 1
                let plain = matcher.relationRole(id: mention.entityID)
                XCTAssertEqual(role.isPlace, plain.isPlace, mention.entityID)
                XCTAssertEqual(role.acting, plain.acting, mention.entityID)
            }
            var utf8 = line.text
            utf8.withUTF8 { bytes in
                let classify = { (id: String) in matcher.relationRole(id: id) }
                let plain = RelationLayout.with(bytes, sorted, classify: classify) { layout in layout.placed.map { ($0.index, $0.bytes, $0.role, $0.acting) } }
                let fast = RelationLayout.with(bytes, sorted, table: table, classify: classify) { layout in
                    layout.placed.map { ($0.index, $0.bytes, $0.role, $0.acting) }
                }
                XCTAssertEqual(fast.count, plain.count, line.text)
                for (a, b) in zip(fast, plain) {
                    XCTAssertTrue(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3, line.text)
                }
            }
        }
        XCTAssertGreaterThan(found, mentions / 2)
    }
}
