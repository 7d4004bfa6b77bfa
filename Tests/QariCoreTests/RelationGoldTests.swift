import Foundation
import XCTest
@testable import QariCore

/// Relations read from the seed articles against the gold relations.
///
/// A found relation matches a gold one when subject, kind, object and article agree; `fights` and
/// `allied_with` match in either direction. Each side is a set: a relation stated twice in one
/// article counts once.
final class RelationGoldTests: XCTestCase {
    let gold = EntityGoldCorpus.shared
    let matcher = EntityGoldCorpus.matcher

    static func key(_ subject: String, _ kind: String, _ object: String, _ article: Int) -> String {
        let symmetric = RelationKind(rawValue: kind)?.isSymmetric ?? false
        let (a, b) = symmetric && object < subject ? (object, subject) : (subject, object)
        return "\(a) \(kind) \(b) #\(article)"
    }

    func testRelationsOnTheSeedsMeetTheFloors() {
        var found: [String: String] = [:]
        for line in gold.blockLines {
            let mentions = matcher.mentions(in: line.text)
            for relation in RelationExtractor.relations(in: line.text, mentions: mentions, matcher: matcher) {
                XCTAssertTrue(line.text.contains(relation.evidence), "evidence is a substring of its line")
                let scalars = Array(line.text.unicodeScalars)
                XCTAssertEqual(String(String.UnicodeScalarView(scalars[relation.range])), relation.evidence)
                let key = Self.key(relation.subject, relation.kind.rawValue, relation.object, line.article)
                if found[key] == nil { found[key] = "\(line.file.prefix(3)) L\(line.line): \(relation.evidence)" }
            }
        }
        let expected = Set(gold.relations.map { Self.key($0.subject, $0.relation, $0.object, $0.article) })
        var score = EntityGoldScore()
        for key in Set(found.keys).union(expected).sorted() {
            switch (found[key] != nil, expected.contains(key)) {
            case (true, true): score.truePositives += 1
            case (true, false): score.falsePositives += 1; print("extra relation: \(key) | \(found[key]!)")
            case (false, true): score.falseNegatives += 1; print("missed relation: \(key)")
            default: break
            }
        }
        print("relations:", score)
        XCTAssertGreaterThanOrEqual(score.precision, 0.9)
        XCTAssertGreaterThanOrEqual(score.recall, 0.7)
    }
}
