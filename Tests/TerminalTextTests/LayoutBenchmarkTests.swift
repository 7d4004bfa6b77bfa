import Foundation
import XCTest
import TerminalText

/// Layout throughput over the whole seed corpus, and over its Arabic paragraphs
/// alone, at width 80, printed in MB/s of UTF-8 input. Runs only with
/// QARI_BENCH=1, and is meant for release builds:
/// `QARI_BENCH=1 swift test -c release --filter LayoutBenchmarkTests`. It asserts
/// what it laid out, never how fast (tests must not depend on wall-clock time).
final class LayoutBenchmarkTests: XCTestCase {
    func testSeedCorpusLayoutThroughput() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["QARI_BENCH"] == "1",
                          "benchmark: set QARI_BENCH=1 (and use -c release)")
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds")
        var paragraphs: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted() where file.hasSuffix(".txt") {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            paragraphs += text.components(separatedBy: "\n").filter { !$0.isEmpty }
        }
        let arabic = paragraphs.filter { $0.unicodeScalars.contains { (0x600 ... 0x6FF).contains($0.value) } }
        XCTAssertGreaterThan(arabic.count, 10)
        measureThroughput(paragraphs, label: "seed corpus")
        measureThroughput(arabic, label: "Arabic paragraphs of the seeds")
    }

    private func measureThroughput(_ paragraphs: [String], label: String) {
        let bytes = paragraphs.reduce(0) { $0 + $1.utf8.count }
        let options = LayoutOptions(width: 80)

        func run() -> (lines: Int, seconds: Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            var lines = 0
            var tooWide = 0
            for paragraph in paragraphs {
                let laidOut = TerminalText.layout(paragraph, options: options)
                lines += laidOut.count
                for line in laidOut where line.width > 80 { tooWide += 1 }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            XCTAssertEqual(tooWide, 0)
            return (lines, seconds)
        }

        let warmUp = run()
        XCTAssertGreaterThanOrEqual(warmUp.lines, paragraphs.count)
        var best = Double.infinity
        var rounds = 0
        var total = 0.0
        while rounds < 5 || (total < 1 && rounds < 500) {
            let result = run()
            XCTAssertEqual(result.lines, warmUp.lines)
            best = min(best, result.seconds)
            total += result.seconds
            rounds += 1
        }
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "TerminalText layout at width 80, %@: %d paragraphs, %.1f KB, %d lines; best of %d rounds %.2f ms = %.1f MB/s (mean %.1f MB/s)",
                     label, paragraphs.count, Double(bytes) / 1000, warmUp.lines, rounds,
                     best * 1000, megabytes / best, megabytes * Double(rounds) / total))
    }
}
