import XCTest
@testable import QariTUI

/// Long scripted sessions of random keys and sizes on the seeds: the browser must never
/// crash, and every screen must be exactly the terminal's height with whole wide characters.
final class RandomSessionTests: XCTestCase {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    func testRandomKeysAndSizesNeverBreakTheScreen() {
        let keys = ["j", "k", "g", "G", "Enter", "Tab", "S-Tab", "]", "[", "C-d", "C-u", "PgDn", "PgUp", "h", "l",
                    "M-Left", "M-Right", "H", "?", "Escape", "/", "&", "n", "N", "s", "5", "BSpace", "a", "ا", "!",
                    "Up", "Down", "Home", "End", "q", "o", "s", "s", "w", "t", "L", "p", "Left", "Right"]
        for seed in [UInt64(1), 2, 3] {
            var rng = SplitMix(state: seed)
            var d = BrowserDriver(corpus: SeedCorpus.corpus, width: 80, height: 24)
            for step in 0..<250 {
                if step % 25 == 0 {
                    let sizes = [(80, 24), (160, 50), (50, 20), (20, 5), (21, 6), (119, 30), (60, 12), (1, 1)]
                    let (w, h) = sizes[Int(rng.next() % UInt64(sizes.count))]
                    d.resize(w, h)
                }
                let name = keys[Int(rng.next() % UInt64(keys.count))]
                // "q" would end the session; in a typed line it is just a letter.
                if name == "q" && d.state.input == nil && d.state.overlay == nil { continue }
                d.press(name)
                let screen = d.backend.screen
                XCTAssertEqual(screen.rows.count, d.state.height, "seed \(seed) step \(step)")
                // A wide character is always followed by its continuation cell.
                for (i, cell) in screen.cells.enumerated() where cell.width == 2 {
                    XCTAssertTrue(i % screen.width + 1 < screen.width && screen.cells[i + 1].width == 0,
                                  "seed \(seed) step \(step): wide cell without its second half")
                }
            }
        }
    }
}
