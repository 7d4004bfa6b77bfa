import Foundation
import XCTest
@testable import QariCore

/// Throughput of mention matching over the seed corpus. Printed, never asserted: the machine's
/// load decides wall-clock time. Run in release mode for a meaningful number:
/// `swift test -c release -Xswiftc -enable-testing --filter QariCoreTests.EntityMatcherSpeedTests`.
final class EntityMatcherSpeedTests: XCTestCase {
    func testMatchingThroughputOverTheSeeds() throws {
        let gold = GoldCorpus.shared
        let lines = gold.files.keys.sorted().flatMap { gold.files[$0]! }
        let bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        let matcher = GoldCorpus.matcher
        let reference = lines.map { matcher.mentions(in: $0) }
        XCTAssertGreaterThan(reference.reduce(0) { $0 + $1.count }, 500)

        let repetitions = 20
        var total = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repetitions {
            for line in lines { total += matcher.mentions(in: line).count }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        XCTAssertEqual(total, repetitions * reference.reduce(0) { $0 + $1.count }, "matching is deterministic")
        let megabytes = Double(bytes * repetitions) / 1_000_000

        // The same pass split into its stages, to show where the time goes.
        var tokens = 0
        let tokenizeStart = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repetitions {
            for line in lines { tokens += NameTokenizer(line).tokens.count }
        }
        let tokenizeSeconds = Double(DispatchTime.now().uptimeNanoseconds - tokenizeStart) / 1e9
        var known = 0
        let knownStart = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repetitions {
            for line in lines { known += matcher.knownMatches(in: NameTokenizer(line), caseSensitive: true).count }
        }
        let knownSeconds = Double(DispatchTime.now().uptimeNanoseconds - knownStart) / 1e9
        XCTAssertGreaterThan(tokens, known)
        print(String(format: "  tokenising alone: %.1f MB/s; tokenising + knowledge-base matching: %.1f MB/s",
                     megabytes / tokenizeSeconds, megabytes / knownSeconds))
        print(String(format: "entity matching: %.1f MB in %.3f s = %.1f MB/s (one core, %d lines)",
                     megabytes, seconds, megabytes / seconds, lines.count))
    }
}
