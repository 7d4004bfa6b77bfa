import XCTest
@testable import QariTUI

final class FrameBenchmarkTests: XCTestCase {
    /// The benchmark drives real frames: every scenario produces the frames it promises.
    /// (Speed itself is measured by `make bench`, never asserted here.)
    func testBenchmarkRunsEveryScenarioOnTheSeeds() {
        let report = FrameBenchmark.run(corpus: SeedCorpus.corpus, width: 120, height: 40, frames: 60)
        XCTAssertEqual(report.listMove.frames, 60)
        XCTAssertEqual(report.readerScroll.frames, 60)
        XCTAssertEqual(report.openArticle.frames, 6)
        XCTAssertEqual(report.openSplit.frames, 6)
        XCTAssertEqual(report.splitScroll.frames, 60)
        XCTAssertGreaterThan(report.readerScroll.max, 0)
        XCTAssertTrue(report.readerScroll.description.contains("over 60 frames"))
        print("frame times (this build): reader scroll \(report.readerScroll); list \(report.listMove); open \(report.openArticle); "
              + "open split \(report.openSplit); split scroll \(report.splitScroll)")
    }
}
