import Foundation
import XCTest
@testable import QariCore

/// Throughput of mention matching over the seed corpus. Printed, never asserted: the machine's
/// load decides wall-clock time. Time is the thread's CPU time, so that other processes on a
/// busy machine count less. Run in release mode for a meaningful number:
/// `swift test -c release -Xswiftc -enable-testing --filter QariCoreTests.EntityMatcherSpeedTests`.
final class EntityMatcherSpeedTests: XCTestCase {
    private func threadCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    func testMatchingThroughputOverTheSeeds() throws {
        let gold = EntityGoldCorpus.shared
        let lines = gold.files.keys.sorted().flatMap { gold.files[$0]! }
        let bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        let matcher = EntityGoldCorpus.matcher
        let reference = lines.map { matcher.mentions(in: $0) }
        XCTAssertGreaterThan(reference.reduce(0) { $0 + $1.count }, 500)

        let repetitions = 20
        var total = 0
        let start = threadCPUNanoseconds()
        for _ in 0..<repetitions {
            for line in lines { total += matcher.mentions(in: line).count }
        }
        let seconds = Double(threadCPUNanoseconds() - start) / 1e9
        XCTAssertEqual(total, repetitions * reference.reduce(0) { $0 + $1.count }, "matching is deterministic")
        let megabytes = Double(bytes * repetitions) / 1_000_000

        // The same pass split into its stages, to show where the time goes.
        var tokens = 0
        let tokenizeStart = threadCPUNanoseconds()
        for _ in 0..<repetitions {
            for line in lines { tokens += NameTokenizer(line).tokens.count }
        }
        let tokenizeSeconds = Double(threadCPUNanoseconds() - tokenizeStart) / 1e9
        var known = 0
        let knownStart = threadCPUNanoseconds()
        for _ in 0..<repetitions {
            for line in lines { known += matcher.knownMatches(in: NameTokenizer(line), caseSensitive: true).count }
        }
        let knownSeconds = Double(threadCPUNanoseconds() - knownStart) / 1e9
        XCTAssertGreaterThan(tokens, known)
        print(String(format: "  tokenising alone: %.1f MB/s; tokenising + knowledge-base matching: %.1f MB/s",
                     megabytes / tokenizeSeconds, megabytes / knownSeconds))
        print(String(format: "entity matching: %.1f MB in %.3f s CPU = %.1f MB/s (one core, %d lines)",
                     megabytes, seconds, megabytes / seconds, lines.count))
    }
}
