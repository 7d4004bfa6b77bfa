import XCTest
@testable import QariCore

/// `EntityMatcher.surface`, which makes the text of an all-ASCII range from its scalars without
/// the passes of `string(_:_:)`, against `string(_:_:)` and against the text's own scalars: on
/// every range of random text, ASCII and not, short (a String of up to 15 bytes is stored in
/// itself) and long.
final class MatchSurfaceTests: XCTestCase {
    private static let pieces: [String] = [
        "Idlib", "Hayat Tahrir al-Sham", "US", "a", "’", "é", "حلب", "😀", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}",
        "\u{FFFF}", "\u{10000}", " ", "-", "Kafr Zita", "Jaysh al-Izza Brigade", "\u{0}", "x",
    ]

    func testSurfacesAreTheTextOfTheirScalars() {
        var generator = SplitMix(state: 0x5C_A1A5)
        var ascii = 0
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let tokenizer = NameTokenizer(text)
            let scalars = Array(text.unicodeScalars)
            for lower in 0...scalars.count {
                for upper in lower...scalars.count {
                    let surface = EntityMatcher.surface(lower..<upper, tokenizer: tokenizer)
                    XCTAssertEqual(surface, EntityMatcher.string(scalars, lower..<upper), text)
                    XCTAssertEqual(Array(surface.unicodeScalars), Array(scalars[lower..<upper]), text)
                    if scalars[lower..<upper].allSatisfy(\.isASCII) { ascii += 1 }
                }
            }
        }
        XCTAssertGreaterThan(ascii, 1000)
    }
}
