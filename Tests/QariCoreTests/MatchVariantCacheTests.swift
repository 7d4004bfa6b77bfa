import XCTest
@testable import QariCore

/// `MatchVariantCache` against a dictionary of every answer kept: an answer it gives is the last one
/// kept for the same alias, letters and last word's start. The keys are drawn from few aliases,
/// letters, starts and hashes, and more aliases than slots (the hash given with letters need not be theirs here), so that keys
/// that differ in one of them share slots all the time.
final class MatchVariantCacheTests: XCTestCase {
    private struct Key: Hashable {
        var alias: Int
        var letters: [UInt8]
        var lastStart: Int
        var lettersHash: UInt64
    }

    func testAnswersAreTheLastKeptForTheirKey() {
        var generator = SplitMix(state: 0xCA_C4E)
        let cache = MatchVariantCache()
        var kept: [Key: VariantMemoValue] = [:]
        var answered = 0
        for _ in 0..<200_000 {
            let count = Int.random(in: 0...2, using: &generator)
                + (Int.random(in: 0..<10, using: &generator) == 0 ? MatchVariantCache.maxLetters - 1 : 0)
            let letters = (0..<count).map { _ in UInt8.random(in: 0x61...0x62, using: &generator) }
            let key = Key(alias: Int.random(in: 0..<300, using: &generator), letters: letters,
                          lastStart: Int.random(in: 0..<2, using: &generator), lettersHash: UInt64.random(in: 0..<2, using: &generator))
            letters.withUnsafeBufferPointer { buffer in
                if Int.random(in: 0..<2, using: &generator) == 0 {
                    let value = VariantMemoValue(score: Int.random(in: 0..<3, using: &generator) == 0 ? nil : Double.random(in: 0...1, using: &generator))
                    cache.keep(value, alias: key.alias, letters: buffer, lastStart: key.lastStart, lettersHash: key.lettersHash)
                    if count <= MatchVariantCache.maxLetters { kept[key] = value }
                } else if let answer = cache.score(alias: key.alias, letters: buffer, lastStart: key.lastStart, lettersHash: key.lettersHash) {
                    XCTAssertEqual(answer.score, kept[key]?.score, "\(key)")
                    XCTAssertNotNil(kept[key], "\(key)")
                    answered += 1
                }
            }
        }
        XCTAssertGreaterThan(answered, 1000)
        XCTAssertEqual(cache.hits, answered)
    }
}
