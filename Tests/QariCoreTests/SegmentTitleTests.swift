import XCTest
@testable import QariCore

/// `ArticleSegmenter.titleFromTextByCharacter` keeps the title's Character count as it goes;
/// the plain definition counts the title again at every word. Both on random text whose
/// pieces stress Character boundaries next to spaces (combining marks, joiners, prepends,
/// flags, CR LF), with titles long enough to be cut.
final class SegmentTitleTests: XCTestCase {
    private static func plainTitle(_ text: Substring) -> String {
        var out = ""
        for word in text.prefix(400).split(separator: " ") {
            if out.count + word.count > 72 { return out + "…" }
            out += out.isEmpty ? String(word) : " " + word
        }
        if out.isEmpty { return String(text.prefix(72)) + (text.count > 72 ? "…" : "") }
        return out
    }

    func testKeptCountGivesThePlainTitle() {
        let pieces = ["word", "خان", "شيخون", " ", " ", "  ", "e\u{301}", "\u{301}", "\u{200D}", "\u{600}", "\u{64B}",
                      "🇸🇾", "🇱", "👨\u{200D}👩", "\r\n", "\r", "\u{A0}", "…", "Ma’arat", "al-Sham", "x"]
        var rng = SplitMix(state: 0x5E67_71E5)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...120, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(ArticleSegmenter.titleFromTextByCharacter(text[...]), Self.plainTitle(text[...]),
                           "\(Array(text.unicodeScalars))")
        }
    }
}
