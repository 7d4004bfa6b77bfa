import XCTest
import TerminalText

final class LayoutTests: XCTestCase {
    private func texts(_ paragraph: String, width: Int, alignRTL: Bool = true) -> [String] {
        TerminalText.layout(paragraph, options: LayoutOptions(width: width, alignRTL: alignRTL)).map(\.text)
    }

    func testWrapsAtSpacesAndDropsThem() {
        XCTAssertEqual(texts("the quick brown fox jumps", width: 10), ["the quick", "brown fox", "jumps"])
        XCTAssertEqual(texts("the   quick", width: 5), ["the", "quick"])
        XCTAssertEqual(texts("a b", width: 3), ["a b"])
    }

    func testBreaksWordsLongerThanTheLine() {
        XCTAssertEqual(texts("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(texts("ab abcdefgh", width: 4), ["ab", "abcd", "efgh"])
    }

    func testBreaksAfterHyphens() {
        XCTAssertEqual(texts("al-Qaeda-linked groups", width: 10), ["al-Qaeda-", "linked", "groups"])
        XCTAssertEqual(texts("a -5 b", width: 3), ["a", "-5", "b"])
    }

    func testWideCharacters() {
        XCTAssertEqual(texts("中文字", width: 3), ["中", "文", "字"])
        XCTAssertEqual(texts("中文字", width: 4), ["中文", "字"])
        let narrow = TerminalText.layout("中a", options: LayoutOptions(width: 1))
        XCTAssertEqual(narrow.map(\.text), ["\u{FFFD}", "a"], "a wide character cannot fit one column")
        XCTAssertEqual(narrow[0].cells[0].logicalIndex, 0)
    }

    func testCombiningMarksStayWithTheirBase() {
        let lines = TerminalText.layout("e\u{301}e\u{301}e\u{301}", options: LayoutOptions(width: 2))
        XCTAssertEqual(lines.map(\.text), ["e\u{301}e\u{301}", "e\u{301}"])
        XCTAssertEqual(lines[0].width, 2)
        XCTAssertEqual(lines[1].cells[0].logicalIndex, 4)
        XCTAssertEqual(lines[1].cells[0].logicalLength, 2)
    }

    func testMarkWithoutABaseGetsANoBreakSpace() {
        let line = TerminalText.layout("\u{301}a", options: LayoutOptions(width: 5))[0]
        XCTAssertEqual(line.cells.map(\.text), ["\u{A0}\u{301}", "a"])
        XCTAssertEqual(line.width, 2)
    }

    func testRightToLeftLinesAreRightAligned() {
        let lines = TerminalText.layout("مرحبا بالعالم الجميل", options: LayoutOptions(width: 13))
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines.map(\.indent), [0, 7])
        for line in lines {
            XCTAssertTrue(line.isRTL)
            XCTAssertEqual(line.width, 13)
            XCTAssertEqual(line.indent + line.cells.count, 13)
        }
        // Wrapping is logical: the first line holds the first two words.
        XCTAssertEqual(lines[0].cells.last?.logicalIndex, 0)
        XCTAssertEqual(Set(lines[0].cells.map(\.logicalIndex)).isSuperset(of: [6, 12]), true)
        let unaligned = TerminalText.layout("مرحبا", options: LayoutOptions(width: 12, alignRTL: false))[0]
        XCTAssertEqual(unaligned.indent, 0)
        XCTAssertEqual(unaligned.width, 5)
    }

    func testEachLineIsReorderedOnItsOwn() {
        // An English phrase inside Arabic, broken across lines: each line keeps its
        // English words in reading order, and the line's first word (logically) is
        // at its right end.
        let paragraph = "قال the quick brown fox إنه"
        let lines = TerminalText.layout(paragraph, options: LayoutOptions(width: 14, shaping: false))
        XCTAssertEqual(lines.map { $0.cellText }, ["the quick لاق", "هنإ brown fox"])
        XCTAssertEqual(lines.map(\.indent), [1, 1])
    }

    func testEmptyAndZeroWidth() {
        XCTAssertEqual(TerminalText.layout("", options: LayoutOptions(width: 10)).map(\.text), [""])
        XCTAssertEqual(TerminalText.layout("\u{1B}[0m", options: LayoutOptions(width: 10)).map(\.text), [""])
        XCTAssertEqual(TerminalText.layout("abc", options: LayoutOptions(width: 0)), [])
    }

    func testNewlinesInsideAParagraphAreSpaces() {
        XCTAssertEqual(texts("one\ntwo", width: 20), ["one two"])
    }

    func testColumnOfLogicalIndex() {
        let line = TerminalText.layout("ab مرحبا", options: LayoutOptions(width: 20))[0]
        XCTAssertEqual(line.column(ofLogicalIndex: 0), 0)
        XCTAssertEqual(line.column(ofLogicalIndex: 3), 7, "the first Arabic letter is the rightmost")
        XCTAssertNil(line.column(ofLogicalIndex: 50))
    }

    func testEveryWidthFromOneUp() {
        let paragraph = "Syrian army الجيش السوري (SAA) 中文 e\u{301} لَا 2020."
        for width in 1 ... 60 {
            for line in TerminalText.layout(paragraph, options: LayoutOptions(width: width)) {
                XCTAssertLessThanOrEqual(line.width, width, "width \(width): \(line.text)")
                // What ncursesw will count for the printed text, indent included.
                XCTAssertEqual(line.width, TerminalText.displayWidth(line.text), "width \(width): \(line.text)")
            }
        }
    }
}
