import XCTest
@testable import QariStore

final class IndexProgressTests: XCTestCase {
    /// Slow stages keep their rate: two articles in 15 s read "0.1 articles/s", not "0".
    func testRatesBelowTenKeepOneDecimal() {
        XCTAssertEqual(IndexProgress.rate(0), "0")
        XCTAssertEqual(IndexProgress.rate(.nan), "0")
        XCTAssertEqual(IndexProgress.rate(2.0 / 15.0), "0.1")
        XCTAssertEqual(IndexProgress.rate(0.04), "0.0")
        XCTAssertEqual(IndexProgress.rate(9.94), "9.9")
        XCTAssertEqual(IndexProgress.rate(9.96), "10")
        XCTAssertEqual(IndexProgress.rate(2_310.4), "2,310")
    }

    func testSummaryLinesShowTheRate() {
        let reading = IndexProgress(stage: .reading, filesDone: 5, filesTotal: 5, bytesDone: 10_485_760, bytesTotal: 10_485_760,
                                    articles: 2, elapsed: 15, isFinished: true)
        XCTAssertEqual(reading.summaryLine, "indexed 5/5 files · 10.0/10.0 MB · 0.1 articles/s · 15.0 s")
        let relations = IndexProgress(stage: .relations, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, articles: 0,
                                      relationArticlesDone: 2_000, relationArticlesTotal: 4_000, elapsed: 2)
        XCTAssertEqual(relations.summaryLine, "finding relations in 2,000/4,000 articles · 1,000 articles/s · 0:02 left")
    }
}
