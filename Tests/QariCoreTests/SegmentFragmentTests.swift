import XCTest
@testable import QariCore

/// `LineClassifier.hasFragment` finds the boilerplate fragments by a rare byte of each; compared
/// with a search for each fragment from its first byte, on random lowercase text made of the
/// fragments, pieces of them and their anchors, at every place in the text (edges included).
final class SegmentFragmentTests: XCTestCase {
    func testAnchoredSearchFindsWhatTheFirstByteSearchFinds() {
        let fragments = LineClassifier.boilerplateFragments
        var pieces = fragments + ["p", "y", "b", "/", ".", " ", "pay", "share", "button", "cross", "post", "copy", "right",
                                  "patreon", ".com", "don", "donate", "خان", "é"]
        pieces += fragments.map { String($0.dropFirst()) } + fragments.map { String($0.dropLast()) }
        var rng = SplitMix(state: 0xF4A6_3E17)
        var foundSeen = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let bytes = Array(text.utf8)
            let want = fragments.contains { f in bytes.withUnsafeBufferPointer { ByteSearch.contains($0, Array(f.utf8)) } }
            let got = bytes.withUnsafeBufferPointer { LineClassifier.hasFragment($0) }
            XCTAssertEqual(got, want, "\(text)")
            if want { foundSeen += 1 }
        }
        XCTAssertGreaterThan(foundSeen, 2_000)
    }
}
