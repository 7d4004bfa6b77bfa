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
}
