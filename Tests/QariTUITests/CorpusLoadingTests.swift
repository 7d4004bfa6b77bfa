import Foundation
import XCTest
@testable import QariTUI

final class CorpusLoadingTests: XCTestCase {
    func testUnreadableFilesBecomeProblemsAndTheRestLoads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qari-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let seed = URL(fileURLWithPath: SeedCorpus.seedsPath).appendingPathComponent("002_1bc29e67b69ba144.txt")
        try FileManager.default.copyItem(at: seed, to: dir.appendingPathComponent("good.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(to: dir.appendingPathComponent("image.png"))
        try Data().write(to: dir.appendingPathComponent("empty.txt"))

        let corpus = try BrowserCorpus.load(paths: [dir.path], name: "tmp", knowledgeDirectory: SeedCorpus.noUserKnowledge)
        XCTAssertEqual(corpus.articles.count, 1)
        XCTAssertEqual(Set(corpus.problems.map { URL(fileURLWithPath: $0.path).lastPathComponent }), ["image.png", "empty.txt"])
        XCTAssertFalse(corpus.mentions[0].paragraphs.joined().isEmpty, "entities are found in the article")

        var d = BrowserDriver(corpus: corpus, width: 100, height: 24)
        XCTAssertTrue(d.rows.last!.contains("2 files could not be read (! lists them)"))
        d.press("!")
        XCTAssertNotNil(d.row(containing: "empty file"))
    }

    func testMissingPathIsAnErrorAUserCanRead() {
        XCTAssertThrowsError(try BrowserCorpus.load(paths: ["/nonexistent/qari-corpus"], name: "x",
                                                    knowledgeDirectory: SeedCorpus.noUserKnowledge)) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/qari-corpus"), "\(error)")
        }
    }
}
