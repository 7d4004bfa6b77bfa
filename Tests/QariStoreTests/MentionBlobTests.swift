import XCTest
import QariCore
@testable import QariStore

/// The one-value-per-article form of mentions gives back what was stored, and refuses bytes it
/// did not write.
final class MentionBlobTests: XCTestCase {
    private func randomMentions(_ generator: inout SystemRandomNumberGenerator) -> [IndexedMention] {
        let ids = ["hts", "saa", "idlib", "discovered:jaysh al-izza", "هيئة", ""]
        let surfaces = ["HTS", "Hay’at Tahrir al-Sham", "هيئة تحرير الشام", "", "x", String(repeating: "long ", count: 60)]
        let parts: [ArticlePart] = [.title, .paragraph(0), .paragraph(7), .paragraph(65_000), .boilerplate(0), .boilerplate(12)]
        return (0..<Int.random(in: 0...60, using: &generator)).map { _ in
            let start = Int.random(in: 0...200_000, using: &generator)
            return IndexedMention(entityID: ids.randomElement(using: &generator)!, part: parts.randomElement(using: &generator)!,
                                  range: start..<(start + Int.random(in: 0...300, using: &generator)),
                                  surface: surfaces.randomElement(using: &generator)!, line: Int.random(in: 1...2_000_000, using: &generator))
        }
    }

    /// The counts by entity that come with the blob: title and body mentions of each entity,
    /// entities in the order first named (anywhere), none without such a mention.
    func testCountsByEntityAreTheTitleAndBodyMentions() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let mentions = randomMentions(&generator)
            let (bytes, perEntity) = MentionBlob.encodeCounting(mentions)
            XCTAssertEqual(bytes, MentionBlob.encode(mentions))
            var expected: [String: Int] = [:]
            for m in mentions where m.partCode >= -1 { expected[m.entityID, default: 0] += 1 }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: perEntity.map { ($0.entity, $0.mentions) }), expected)
            XCTAssertEqual(perEntity.count, expected.count)
            var firstNamed: [String] = []
            for m in mentions where !firstNamed.contains(m.entityID) { firstNamed.append(m.entityID) }
            XCTAssertEqual(perEntity.map(\.entity), firstNamed.filter { expected[$0] != nil })
        }
    }

    func testMentionsComeBackAsStored() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let mentions = randomMentions(&generator)
            let bytes = MentionBlob.encode(mentions)
            XCTAssertEqual(MentionBlob.decode(bytes), mentions)
            // Picking by entity and part gives the same as filtering afterwards.
            XCTAssertEqual(MentionBlob.decode(bytes) { id, part in id == "hts" && part >= 0 },
                           mentions.filter { $0.entityID == "hts" && $0.partCode >= 0 })
        }
    }

    /// `names`, read from the bytes, says what the decoded mentions say: a title or body
    /// mention of the entity (boilerplate mentions do not count).
    func testNamesIsATitleOrBodyMention() {
        var generator = SystemRandomNumberGenerator()
        var named = 0
        for _ in 0..<500 {
            let mentions = randomMentions(&generator)
            let bytes = MentionBlob.encode(mentions)
            for id in ["hts", "saa", "idlib", "discovered:jaysh al-izza", "هيئة", "", "absent", "ht"] {
                let expected = mentions.contains { $0.entityID == id && $0.partCode >= -1 }
                let found = bytes.withUnsafeBytes { b in
                    var id = id
                    return id.withUTF8 { MentionBlob.names(b, entity: UnsafeRawBufferPointer($0)) }
                }
                XCTAssertEqual(found, expected, id)
                if expected { named += 1 }
            }
        }
        XCTAssertGreaterThan(named, 100)
        var id = "hts"
        XCTAssertNil(id.withUTF8 { e in [UInt8]([2, 3, 0x68]).withUnsafeBytes { MentionBlob.names($0, entity: UnsafeRawBufferPointer(e)) } })
    }

    func testDamagedBytesAreRefused() {
        var generator = SystemRandomNumberGenerator()
        var mentions: [IndexedMention] = []
        while mentions.count < 3 { mentions = randomMentions(&generator) }
        let bytes = MentionBlob.encode(mentions)
        XCTAssertNil(MentionBlob.decode(Array(bytes.dropLast())), "cut short")
        XCTAssertNil(MentionBlob.decode(bytes + [0]), "trailing bytes")
        XCTAssertNil(MentionBlob.decode([0xFF, 0xFF, 0xFF]), "an unfinished number")
        XCTAssertNil(MentionBlob.decode([5, 1, 0x61]), "more ids than bytes")
        XCTAssertEqual(MentionBlob.decode(MentionBlob.encode([])), [])
    }
}
