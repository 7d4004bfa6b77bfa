import XCTest
@testable import QariCore

/// `MatchSurfaceCache`, which answers a surface made before from its slot, against
/// `EntityMatcher.surface` made every time: on random ranges of random text (many of the same
/// length and scalars differing in one place, ASCII and not, up to and past `maxLength`), with
/// random tags, in caches small enough that slots are shared and overwritten all the time.
/// (A cache of two slots is one set: every surface goes through both of its slots.)
final class MatchSurfaceCacheTests: XCTestCase {
    private static let pieces: [String] = [
        "Idlib", "idlib", "Idlab", "US", "UK", "a", "b", "’", "é", "حلب", "😀", "\u{7F}", "\u{80}", " ", "-", "Kafr Zita",
        "Jaysh al-Izza Brigade", "x", "y",
    ]

    func testCachedSurfacesAreTheSurfacesOfTheirScalars() {
        var generator = SplitMix(state: 0x5EA_F00D)
        var asked = 0
        for slotCount in [2, 4, 64] {
            let cache = MatchSurfaceCache(slotCount: slotCount)
            for _ in 0..<300 {
                let text = generator.text(of: Self.pieces, most: 10)
                let tokenizer = NameTokenizer(text)
                tokenizer.scalars.withUnsafeBufferPointer { scalars in
                    for _ in 0..<40 {
                        let lower = Int.random(in: 0...scalars.count, using: &generator)
                        let upper = Int.random(in: lower...min(scalars.count, lower + MatchSurfaceCache.maxLength + 2), using: &generator)
                        let tag = Int.random(in: 0..<3, using: &generator)
                        let made = EntityMatcher.surface(scalars, lower..<upper)
                        // Asked twice: the second time from the slot the first filled.
                        XCTAssertEqual(cache.surface(scalars, lower..<upper, tag: tag), made, text)
                        XCTAssertEqual(cache.surface(scalars, lower..<upper, tag: tag), made, text)
                        asked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(asked, 10000)
    }

    /// Surfaces of one tag and length that take turns in one set ("Idlib", "IDLIB", "Idlab"):
    /// each is answered from either slot, after the other moved it, as made every time.
    func testSurfacesTakingTurnsInOneSetAreTheirSurfaces() {
        var generator = SplitMix(state: 0x7A4E)
        let text = "Idlib IDLIB Idlab idlib Idlib"
        let tokenizer = NameTokenizer(text)
        let starts = [0, 6, 12, 18, 24]
        let cache = MatchSurfaceCache(slotCount: 2)
        tokenizer.scalars.withUnsafeBufferPointer { scalars in
            for _ in 0..<2000 {
                let start = starts[Int.random(in: 0..<starts.count, using: &generator)]
                XCTAssertEqual(cache.surface(scalars, start..<start + 5, tag: 7), EntityMatcher.surface(scalars, start..<start + 5))
            }
        }
    }
}
