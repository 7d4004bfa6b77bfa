import XCTest
@testable import QariCore

/// `ByteSearch.withLowercasedHead` hands its body what `lowercasedHead` returns, from a
/// temporary allocation instead of an array; on random text, at limits below, at and above
/// the text's length.
final class SegmentLowercaseTests: XCTestCase {
    func testTemporaryHeadIsTheArrayHead() {
        let pieces = ["Global", "RESEARCH", "south front", "خان", "É", "Ł", "\u{A0}", "[", "@", "Z", "a", " ", "0", "`", "{"]
        var rng = SplitMix(state: 0x10BE_4CA5)
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let line = text[...]
            for limit in [0, 1, 12, 64, 200, Int.random(in: 0...300, using: &rng), Int.max] {
                let array = ByteSearch.lowercasedHead(line, limit: limit)
                ByteSearch.withLowercasedHead(line, limit: limit) { head in
                    XCTAssertEqual(Array(head), array, "\(Array(text.utf8)) \(limit)")
                }
            }
        }
    }
}
