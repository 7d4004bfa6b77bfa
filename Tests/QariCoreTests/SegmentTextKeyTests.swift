import XCTest
@testable import QariCore

/// `ArticleSegmenter.asciiSameKey` decides `textKey(a) == textKey(b)` by bytes for ASCII text;
/// compared with the String definition on random pairs, the second often the first with its
/// case and its runs of spaces changed (so that both answers come up), and nil on non-ASCII.
final class SegmentTextKeyTests: XCTestCase {
    func testByteKeyComparisonMatchesTheStringKeys() {
        let pieces = ["Syrian", "ARMY", "liberates", "Khan", "al-Sham", "x", "X", " ", "  ", "\t", "\r", ".", ":", "1", "", "–"]
        var rng = SplitMix(state: 0x7E47_2E45)
        var equalSeen = 0
        for _ in 0..<20_000 {
            let a = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            var b = ""
            if Bool.random(using: &rng) {
                // The same words: each byte's case flipped at random, each space run made one to three spaces.
                var inSpaces = false
                for c in a.unicodeScalars {
                    if c == " " {
                        if !inSpaces { b += String(repeating: " ", count: Int.random(in: 1...3, using: &rng)) }
                        inSpaces = true
                        continue
                    }
                    inSpaces = false
                    b += Bool.random(using: &rng) ? String(c).uppercased() : String(c).lowercased()
                }
                if Bool.random(using: &rng) { b = " " + b }
            } else {
                b = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            }
            let want = ArticleSegmenter.textKey(a[...]) == ArticleSegmenter.textKey(b[...])
            let got = Array(a.utf8).withUnsafeBufferPointer { x in
                Array(b.utf8).withUnsafeBufferPointer { y in ArticleSegmenter.asciiSameKey(x, y) }
            }
            if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
                XCTAssertEqual(got, want, "\(Array(a.utf8)) \(Array(b.utf8))")
                if want { equalSeen += 1 }
            } else {
                XCTAssertNil(got)
            }
        }
        XCTAssertGreaterThan(equalSeen, 1_000)
    }

    /// `sameText` compares the lengths a line's facts keep (`SegmentLine.byteCount`) before it
    /// reads the texts: each must be the UTF-8 length of its text as classified (after Markdown
    /// cleaning, the NBSP replacement and trimming), on random Markdown and plain files.
    func testFactsKeepTheirTextsLength() {
        let pieces = ["Syrian", "ARMY", "**liberates**", "[Khan](http://x.y/z)", "خان شيخون", "\u{A0}", " \u{A0} ", "# ", "* ",
                      "\n", "\n\n", "\r\n", " ", "\t", "By ", "March 3, 2019", "|", "---"]
        var rng = SplitMix(state: 0xB17E_C0DE)
        let segmenter = ArticleSegmenter()
        for round in 0..<500 {
            let text = (0..<Int.random(in: 0...60, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let (facts, texts) = segmenter.classifyLines(text, markdown: round % 2 == 0)
            XCTAssertEqual(facts.count, texts.count)
            for (fact, line) in zip(facts, texts) { XCTAssertEqual(fact.byteCount, line.utf8.count, "\(text)") }
        }
    }
}
