import Foundation
import XCTest
@testable import QariCore

/// The gold annotation of the seed corpus, and the seed files cut into article blocks by it.
struct EntityGoldCorpus {
    struct GoldEntity: Decodable {
        var id: String
        var type: String
        var canonical: String
        var aliases_in_corpus: [String]
        var articles: [Int]
    }
    struct GoldArticle: Decodable {
        var index: Int
        var file: String
        var block_first_line: Int
        var block_last_line: Int
        var first_line: Int
        var last_line: Int
    }
    struct GoldRelation: Decodable {
        var subject: String
        var relation: String
        var object: String
        var file: String
        var line: Int
        var evidence: String
        var article: Int
    }

    let entities: [GoldEntity]
    let articles: [GoldArticle]
    let relations: [GoldRelation]
    /// Lines of each seed file, 1-based through `line(_:_:)`.
    let files: [String: [String]]

    static let shared: EntityGoldCorpus = {
        do { return try EntityGoldCorpus() } catch { fatalError("gold fixtures unreadable: \(error)") }
    }()

    init() throws {
        let gold = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("gold")
        let decoder = JSONDecoder()
        entities = try decoder.decode([GoldEntity].self, from: Data(contentsOf: gold.appendingPathComponent("entities.json")))
        articles = try decoder.decode([GoldArticle].self, from: Data(contentsOf: gold.appendingPathComponent("articles.json")))
        relations = try decoder.decode([GoldRelation].self, from: Data(contentsOf: gold.appendingPathComponent("relations.json")))
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
        var files: [String: [String]] = [:]
        for article in articles where files[article.file] == nil {
            let text = try String(contentsOf: seeds.appendingPathComponent(article.file), encoding: .utf8)
            files[article.file] = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        self.files = files
    }

    func line(_ file: String, _ number: Int) -> String { files[file]![number - 1] }

    /// Every line of every article block: (article index, file, line number, text).
    var blockLines: [(article: Int, file: String, line: Int, text: String)] {
        articles.flatMap { article in
            (article.block_first_line...article.block_last_line).map { (article.index, article.file, $0, line(article.file, $0)) }
        }
    }

    /// The relation template of every block line, with the shared matcher's mentions and roles,
    /// and where the line is ("file:line").
    var blockLineTemplates: [(template: RelationTemplate, place: String)] {
        let matcher = Self.matcher
        return blockLines.map { line in
            let mentions = matcher.mentions(in: line.text).sorted { $0.range.lowerBound < $1.range.lowerBound }
            return (RelationTemplate(scalars: Array(line.text.unicodeScalars), sortedMentions: mentions, classify: matcher.relationRole),
                    "\(line.file):\(line.line)")
        }
    }

    static func kbType(_ goldType: String) -> String { goldType == "other_org" ? EntityType.organization.rawValue : goldType }

    /// Shared matcher over the bundled knowledge base.
    static let matcher: EntityMatcher = {
        do { return EntityMatcher(knowledgeBase: try KnowledgeBase.bundled()) } catch { fatalError("bundled knowledge base: \(error)") }
    }()
}

/// Precision and recall of a set of found items against a gold set.
struct EntityGoldScore: CustomStringConvertible {
    var truePositives = 0, falsePositives = 0, falseNegatives = 0
    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var description: String {
        String(format: "P=%.3f R=%.3f (tp %d, fp %d, fn %d)", precision, recall, truePositives, falsePositives, falseNegatives)
    }
}

final class EntityGoldTests: XCTestCase {
    let gold = EntityGoldCorpus.shared
    let matcher = EntityGoldCorpus.matcher

    /// For every gold entity, the articles whose block names it: found vs gold.
    func testArticleSetsOfGoldEntitiesMeetTargets() {
        let goldTypes = Dictionary(uniqueKeysWithValues: gold.entities.map { ($0.id, EntityGoldCorpus.kbType($0.type)) })
        var found = Set<String>()   // "id#article"
        var evidence: [String: String] = [:]
        for line in gold.blockLines {
            for mention in matcher.mentions(in: line.text) where goldTypes[mention.entityID] != nil {
                let key = "\(mention.entityID)#\(line.article)"
                if found.insert(key).inserted { evidence[key] = "\(line.file.prefix(3)) L\(line.line) \"\(mention.surface)\"" }
            }
        }
        var expected = Set<String>()
        for entity in gold.entities { for article in entity.articles { expected.insert("\(entity.id)#\(article)") } }

        var overall = EntityGoldScore()
        var byType: [String: EntityGoldScore] = [:]
        for key in found.union(expected) {
            let id = String(key.split(separator: "#")[0])
            let type = goldTypes[id]!
            var score = byType[type] ?? EntityGoldScore()
            if found.contains(key) && expected.contains(key) {
                score.truePositives += 1; overall.truePositives += 1
            } else if found.contains(key) {
                score.falsePositives += 1; overall.falsePositives += 1
                print("extra:", key, evidence[key] ?? "")
            } else {
                score.falseNegatives += 1; overall.falseNegatives += 1
                print("missed:", key)
            }
            byType[type] = score
        }
        print("entity-article overall:", overall)
        for (type, score) in byType.sorted(by: { $0.key < $1.key }) { print("entity-article \(type):", score) }
        XCTAssertGreaterThanOrEqual(overall.precision, 0.95)
        XCTAssertGreaterThanOrEqual(overall.recall, 0.9)
        for (type, score) in byType {
            XCTAssertGreaterThanOrEqual(score.precision, 0.95, "precision for \(type)")
            XCTAssertGreaterThanOrEqual(score.recall, 0.9, "recall for \(type)")
        }
    }

    /// Every corpus spelling of a faction, state force, person or place resolves to its own entity.
    func testGoldSpellingsResolveToTheirOwnEntity() {
        let resolvedTypes: Set<String> = ["faction", "state_actor", "person", "place"]
        let goldIDs = Set(gold.entities.map(\.id))
        var spellings = 0, unresolved = 0
        var entities = 0, split = 0
        var merged: [String] = []
        for entity in gold.entities where resolvedTypes.contains(entity.type) {
            entities += 1
            var targets = Set<String>()
            for alias in entity.aliases_in_corpus {
                spellings += 1
                guard let resolved = matcher.resolve(alias) else {
                    unresolved += 1
                    print("unresolved: \(entity.id) \"\(alias)\"" + (matcher.knowledgeBase.entity(id: entity.id) == nil ? " (not in KB)" : ""))
                    continue
                }
                targets.insert(resolved.id)
                if resolved.id != entity.id && goldIDs.contains(resolved.id) {
                    merged.append("\(entity.id) \"\(alias)\" -> \(resolved.id)")
                }
            }
            if targets.count > 1 || (targets.count == 1 && targets.first != entity.id) {
                split += 1
                print("split: \(entity.id) -> \(targets.sorted())" + (matcher.knowledgeBase.entity(id: entity.id) == nil ? " (not in KB)" : ""))
            }
        }
        print("spellings \(spellings), unresolved \(unresolved); entities \(entities), split \(split); merged \(merged)")
        XCTAssertLessThanOrEqual(Double(unresolved), 0.02 * Double(spellings))
        XCTAssertLessThanOrEqual(Double(split), 0.02 * Double(entities))
        XCTAssertEqual(merged, [])
    }
}
