import Foundation
import XCTest
@testable import QariStore

/// `CorpusIndex.sizesAndTimes` stats its paths in slices on several threads: each answer must be
/// the one a plain stat gives for its own path, in order, with nil where stat fails.
final class SizesAndTimesTests: XCTestCase {
    func testEachPathGetsItsOwnSizeAndTime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qari-stat-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Enough paths for several slices, of different sizes, with missing ones among them.
        var paths: [String] = []
        for k in 0..<2500 {
            let path = folder.appendingPathComponent("f\(k).txt").path
            if k % 7 != 3 { try Data(repeating: 0x61, count: k % 97).write(to: URL(fileURLWithPath: path)) }
            paths.append(path)
        }
        let got = CorpusIndex.sizesAndTimes(paths)
        XCTAssertEqual(got.count, paths.count)
        var missing = 0
        for (k, path) in paths.enumerated() {
            var st = stat()
            if stat(path, &st) == 0 {
                XCTAssertEqual(got[k]?.size, Int64(st.st_size), path)
                XCTAssertEqual(got[k]?.mtime, Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), path)
            } else {
                XCTAssertNil(got[k], path)
                missing += 1
            }
        }
        XCTAssertEqual(missing, (0..<2500).filter { $0 % 7 == 3 }.count)
        XCTAssertTrue(CorpusIndex.sizesAndTimes([]).isEmpty)
    }
}
