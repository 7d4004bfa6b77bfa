import XCTest
@testable import QariStore

/// Entity ids as terms of the entity full-text table.
final class EntityTermsTests: XCTestCase {
    func testTermsAreOnePlainWordAndGiveTheIdBack() {
        let ids = ["hts", "discovered:faction:jaysh al-izza", "هيئة تحرير الشام", "a\"b OR c", "", "x", "NEAR(", "e\u{301}"]
        for id in ids {
            let term = EntityTerms.term(id)
            XCTAssertTrue(term.utf8.allSatisfy { $0 == 0x78 || (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, term)
            XCTAssertEqual(EntityTerms.id(ofTerm: term), id)
        }
        // Distinct ids, distinct terms; and terms sort as the ids' UTF-8 bytes (as SQLite sorts text).
        let sorted = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        XCTAssertEqual(sorted.map(EntityTerms.term), ids.map(EntityTerms.term).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        XCTAssertEqual(Set(ids.map(EntityTerms.term)).count, ids.count)
        XCTAssertNil(EntityTerms.id(ofTerm: "y00"))
        XCTAssertNil(EntityTerms.id(ofTerm: "x0"))
        XCTAssertNil(EntityTerms.id(ofTerm: "xzz"))
        XCTAssertNil(EntityTerms.id(ofTerm: "xff"), "not UTF-8")
    }

    func testTheTextRepeatsEachTermOncePerMention() {
        XCTAssertEqual(EntityTerms.text([("hts", 2), ("saa", 1)]), "x687473 x687473 x736161")
        XCTAssertEqual(EntityTerms.text([]), "")
        XCTAssertEqual(EntityTerms.match("hts"), "\"x687473\"")
    }

    /// The bytes the writer binds are each entity's term, once per mention, joined by spaces;
    /// entities with no mention add nothing. Compared with that definition on random lists.
    func testTheBytesAreTheTermsJoinedOncePerMention() {
        var generator = SystemRandomNumberGenerator()
        let ids = ["hts", "saa", "discovered:faction:jaysh al-izza", "هيئة تحرير الشام", "e\u{301}", "x"]
        for _ in 0..<500 {
            var perEntity: [(entity: String, mentions: Int)] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                perEntity.append((ids.randomElement(using: &generator)!, Int.random(in: 0...3, using: &generator)))
            }
            let plain = perEntity.flatMap { Array(repeating: EntityTerms.term($0.entity), count: $0.mentions) }.joined(separator: " ")
            XCTAssertEqual(EntityTerms.bytes(perEntity), Array(plain.utf8), "\(perEntity)")
            XCTAssertEqual(EntityTerms.text(perEntity), plain)
        }
    }
}
