import Foundation
import XCTest
@testable import QariCore

final class EntityKnowledgeBaseTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("qari-kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testBundledKnowledgeBaseIsCleanAndHasUniqueIDs() throws {
        let base = try KnowledgeBase.bundled()
        XCTAssertFalse(base.entities.isEmpty)
        XCTAssertEqual(Set(base.entities.map(\.id)).count, base.entities.count)
        let ids = Set(base.entities.map(\.id))
        for entity in base.entities {
            for relation in entity.relations {
                XCTAssertTrue(ids.contains(relation.to), "\(entity.id) \(relation.kind) -> unknown id \(relation.to)")
            }
            if let target = entity.metonymFor { XCTAssertTrue(ids.contains(target), "\(entity.id) metonym_for \(target)") }
        }
    }

    func testUserFileExtendsAndOverridesAndReportsBrokenLines() throws {
        let text = """
        # my additions
        {"id":"liwa_test","type":"faction","name":"Liwa Test Brigade","aliases":["LTB"],"relations":[{"kind":"allied_with","to":"hts"}]}

        {"id":"hts","aliases":["Hayat Tahrir ash-Sham"]}
        {"id":"broken", "type":"faction"
        {"id":"no_type","name":"Nameless"}
        {"id":"bad_kind","type":"planet","name":"Mars"}
        {"id":"bad_relation","type":"faction","name":"X Front","relations":[{"kind":"likes","to":"hts"}]}
        """
        try text.write(to: directory.appendingPathComponent("knowledge.jsonl"), atomically: true, encoding: .utf8)
        let (base, issues) = KnowledgeBase.load(userDirectory: directory)
        let bundledCount = try KnowledgeBase.bundled().entities.count

        XCTAssertEqual(base.entity(id: "liwa_test")?.name, "Liwa Test Brigade")
        XCTAssertEqual(base.entity(id: "liwa_test")?.relations, [CuratedRelation(kind: .allied_with, to: "hts")])
        let htsIsBundled = try KnowledgeBase.bundled().entity(id: "hts") != nil
        // A new id adds an entity; "hts" extends the bundled entry, or is skipped (no type/name) when there is none.
        XCTAssertEqual(base.entities.count, bundledCount + 1)
        if htsIsBundled {
            XCTAssertTrue(base.entity(id: "hts")?.aliases.contains("Hayat Tahrir ash-Sham") ?? false)
        }
        XCTAssertEqual(issues.map(\.line), htsIsBundled ? [5, 6, 7, 8] : [4, 5, 6, 7, 8])
        XCTAssertTrue(issues.allSatisfy { $0.path.hasSuffix("knowledge.jsonl") && !$0.reason.isEmpty })
        XCTAssertTrue(issues.last!.description.contains("knowledge.jsonl:8:"))

        let matcher = EntityMatcher(knowledgeBase: base)
        XCTAssertEqual(matcher.resolve("LTB")?.id, "liwa_test")
    }

    func testUserEntryWithExistingIDKeepsOldSpellings() throws {
        let base = KnowledgeBase(entities: [
            Entity(id: "hama", type: .place, kind: "city", name: "Hama", aliases: ["Hamah"]),
            Entity(id: "hama", type: .place, name: "Hama City", aliases: ["حماة"]),
        ])
        XCTAssertEqual(base.entities.count, 1)
        XCTAssertEqual(base.entity(id: "hama")?.name, "Hama City")
        XCTAssertEqual(base.entity(id: "hama")?.kind, "city")
        XCTAssertEqual(base.entity(id: "hama")?.aliases, ["Hamah", "حماة"])
    }

    func testMissingUserDirectoryIsNotAnIssue() {
        let (base, issues) = KnowledgeBase.load(userDirectory: directory.appendingPathComponent("absent"))
        XCTAssertEqual(issues, [])
        XCTAssertFalse(base.entities.isEmpty)
    }
}
