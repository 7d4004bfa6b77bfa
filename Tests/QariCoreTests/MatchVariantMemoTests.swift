import XCTest
@testable import QariCore

/// The matcher's memo of variant spellings against matching without it: a text matched again,
/// whose variants are then answered from the memo, and other texts sharing its words give what a
/// matcher without the memo gives.
final class MatchVariantMemoTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()
    private static let plain = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled(), memoizesVariants: false)

    /// Spellings near known names, the words that look like them, and words to join them.
    private static let pieces: [String] = [
        "Idlib", "Idleb", "Edlib", "Haleb", "Aleppo", "Alepo", "Sheikhoun", "Shaykhun", "Khan", "Kafarzita", "Kafr Zita",
        "Syria", "Syrian", "Syrians", "Iraq", "Iraqi", "Riyadh", "Riad", "READ", "Read", "Deal", "Diyala", "Houthi", "Houthis",
        "Hama", "Hamah", "Homs", "Hims", "Damascus", "Dimashq", "Daraa", "Deraa", "Dar'a", "Raqqa", "Rakka", "ar-Raqqah",
        "Tahrir", "Tahreer", "al-Sham", "ash-Sham", "Hayat", "Hayaat", "Jisr", "al-Shughur", "Shugur", "Turkey", "Turkish",
        "Iran", "Iranian", "Lebanon", "Lebanese", "the", "of", "and", "in", "near", "town", " ", " ", ",", ".", "-", "’s",
    ]

    private func randomText() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...12, using: &generator) {
            text += Self.pieces.randomElement(using: &generator)!
            if Int.random(in: 0..<4, using: &generator) != 0 { text += " " }
        }
        return text
    }

    private func assertSame(_ a: [EntityMatcher.Match], _ b: [EntityMatcher.Match], _ text: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.map(\.tokens), b.map(\.tokens), text, file: file, line: line)
        XCTAssertEqual(a.map(\.scalarRange), b.map(\.scalarRange), text, file: file, line: line)
        XCTAssertEqual(a.map(\.alias), b.map(\.alias), text, file: file, line: line)
    }

    func testVariantsFromTheMemoAreTheVariantsWithout() {
        let memo = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())
        for _ in 0..<1500 {
            let text = randomText()
            for caseSensitive in [true, false] {
                let expected = Self.plain.knownMatches(in: NameTokenizer(text), caseSensitive: caseSensitive)
                for _ in 0..<2 {
                    assertSame(memo.knownMatches(in: NameTokenizer(text), caseSensitive: caseSensitive), expected, text)
                }
            }
            XCTAssertEqual(memo.mentions(in: text), Self.plain.mentions(in: text), text)
        }
        // The texts reached the memo: variants were answered from it.
        XCTAssertGreaterThan(memo.memoizedVariantCount, 20)
        XCTAssertEqual(Self.plain.memoizedVariantCount, 0)
    }

    /// One scratch kept across texts, as a workspace keeps it: its own answers for variants
    /// (`CandidateText.knownVariant`), in front of the memo, give what a matcher without either gives.
    func testVariantsFromTheScratchAreTheVariantsWithout() {
        let memo = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())
        var scratch = EntityMatcher.MatchScratch()
        for _ in 0..<3000 {
            let text = randomText()
            for caseSensitive in [true, false] {
                let expected = Self.plain.knownMatches(in: NameTokenizer(text), caseSensitive: caseSensitive)
                let found = memo.knownMatches(in: NameTokenizer(text), caseSensitive: caseSensitive, keyedByFirstWords: false,
                                              scratch: &scratch)
                assertSame(found, expected, text)
                scratch.matches = found
            }
        }
        XCTAssertGreaterThan(scratch.text.knownVariantCount, 1000)
    }
}
