import Foundation
import XCTest
@testable import QariCore

/// Paths of the repository, found from this file: tests read the shipped seeds and gold fixtures.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("seeds").path
    static let gold = root.appendingPathComponent("Tests/QariCoreTests/Fixtures/gold")

    static func goldJSON(_ name: String) throws -> Any {
        let data = try Data(contentsOf: gold.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data)
    }

    /// A fresh temporary folder, removed by the caller's teardown.
    static func temporaryFolder() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("qari-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The gold articles of the seeds (shared/gold/articles.json).
struct GoldArticle {
    var index: Int
    var file: String
    var kind: String
    var firstLine: Int
    var lastLine: Int
    var title: String
    var date: String?
    var source: String?
    var lang: String

    static func all() throws -> [GoldArticle] {
        let list = try Repo.goldJSON("articles.json") as! [[String: Any]]
        return list.map { d in
            GoldArticle(index: d["index"] as! Int, file: d["file"] as! String, kind: d["kind"] as! String,
                        firstLine: d["first_line"] as! Int, lastLine: d["last_line"] as! Int,
                        title: d["title_clean"] as! String, date: d["date"] as? String,
                        source: d["source"] as? String, lang: d["lang"] as! String)
        }
    }
}
