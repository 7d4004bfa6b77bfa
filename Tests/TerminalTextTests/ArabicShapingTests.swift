import XCTest
import TerminalText

final class ArabicShapingTests: XCTestCase {
    func testSalamWithLamAlefLigature() {
        let lines = TerminalText.layout("سلام", options: LayoutOptions(width: 80))
        XCTAssertEqual(lines.count, 1)
        let line = lines[0]
        XCTAssertEqual(line.cells.map(\.text), ["\u{FEE1}", "\u{FEFC}", "\u{FEB3}"])
        XCTAssertEqual(line.cells.map(\.width), [1, 1, 1])
        XCTAssertEqual(line.width, 80, "a right-to-left line is right-aligned")
        XCTAssertEqual(line.indent, 77)
        // The ligature stands for lam (offset 1) and alef (offset 2).
        XCTAssertEqual(line.cells[1].logicalIndex, 1)
        XCTAssertEqual(line.cells[1].logicalLength, 2)
        XCTAssertEqual(line.cells.map(\.logicalIndex), [3, 1, 0])
    }

    func testSalamWithoutLigature() {
        let line = TerminalText.layout("سلام", options: LayoutOptions(width: 80, ligatures: false))[0]
        XCTAssertEqual(line.cells.map(\.text), ["\u{FEE1}", "\u{FE8E}", "\u{FEE0}", "\u{FEB3}"])
        XCTAssertEqual(line.cells.map(\.logicalIndex), [3, 2, 1, 0])
        XCTAssertEqual(line.width, 80)
    }

    func testNoShapingKeepsLettersAndStillReorders() {
        let line = TerminalText.layout("سلام", options: LayoutOptions(width: 4, shaping: false))[0]
        XCTAssertEqual(line.text, "مالس")
    }

    func testLigaturesNeedShaping() {
        let line = TerminalText.layout("سلام", options: LayoutOptions(width: 4, shaping: false, ligatures: true))[0]
        XCTAssertEqual(line.cells.count, 4)
    }

    func testHarakatStayInTheCellOfTheirLetter() {
        // بَيْت: beh + fatha, yeh + sukun, teh.
        let line = TerminalText.layout("بَيْت", options: LayoutOptions(width: 10, alignRTL: false))[0]
        XCTAssertEqual(line.cells.count, 3)
        XCTAssertEqual(line.width, 3)
        XCTAssertEqual(line.cells.map(\.text), ["\u{FE96}", "\u{FEF4}\u{652}", "\u{FE91}\u{64E}"])
        XCTAssertEqual(line.cells.map(\.logicalIndex), [4, 2, 0])
        XCTAssertEqual(line.cells.map(\.logicalLength), [1, 2, 2])
    }

    func testBracketsAreMirroredInRightToLeftText() {
        let text = "مرحبا [عالم]"
        let line = TerminalText.layout(text, options: LayoutOptions(width: 80, alignRTL: false))[0]
        XCTAssertTrue(line.isRTL)
        // Logical "[" (offset 6) opens the phrase on its right and is drawn as "]";
        // logical "]" (offset 11) closes it on the left and is drawn as "[".
        XCTAssertEqual(line.cells.first?.text, "[")
        XCTAssertEqual(line.cells.first?.logicalIndex, 11)
        let opening = line.cells.first { $0.logicalIndex == 6 }
        XCTAssertEqual(opening?.text, "]")
        let closingColumn = line.column(ofLogicalIndex: 11)!
        let openingColumn = line.column(ofLogicalIndex: 6)!
        let wordColumn = line.column(ofLogicalIndex: 8)!
        XCTAssertLessThan(closingColumn, wordColumn)
        XCTAssertLessThan(wordColumn, openingColumn)
    }

    func testNumbersInsideArabicKeepTheirDigitOrder() {
        let text = "في عام 2020 قتل 37 جنديا"
        let line = TerminalText.layout(text, options: LayoutOptions(width: 80, alignRTL: false))[0]
        let year = line.cells.filter { (7 ..< 11).contains($0.logicalIndex) }.map(\.text).joined()
        XCTAssertEqual(year, "2020")
        let count = line.cells.filter { (16 ..< 18).contains($0.logicalIndex) }.map(\.text).joined()
        XCTAssertEqual(count, "37")
        // The sentence runs right to left: 37 is left of 2020, which is left of "في".
        XCTAssertLessThan(line.column(ofLogicalIndex: 16)!, line.column(ofLogicalIndex: 7)!)
        XCTAssertLessThan(line.column(ofLogicalIndex: 7)!, line.column(ofLogicalIndex: 0)!)
        XCTAssertEqual(line.cells.last?.logicalIndex, 0)
    }

    func testArabicIndicDigitsKeepTheirOrder() {
        let line = TerminalText.layout("سنة ٢٠١٩", options: LayoutOptions(width: 80, alignRTL: false))[0]
        XCTAssertEqual(line.cells.prefix(4).map(\.text).joined(), "٢٠١٩")
    }

    func testParagraphDirectionFromFirstStrongCharacter() {
        XCTAssertEqual(TerminalText.paragraphDirection("123 مرحبا"), .rtl)
        XCTAssertEqual(TerminalText.paragraphDirection("(abc) مرحبا"), .ltr)
        XCTAssertEqual(TerminalText.paragraphDirection("123 !?"), .ltr)
        XCTAssertEqual(TerminalText.paragraphDirection(""), .ltr)
        // An RLM is an explicit bidi control: removed before direction is resolved.
        XCTAssertEqual(TerminalText.paragraphDirection("\u{200F}abc"), .ltr)
        XCTAssertTrue(TerminalText.layout("123 مرحبا", options: LayoutOptions(width: 20))[0].isRTL)
        XCTAssertFalse(TerminalText.layout("(abc) مرحبا", options: LayoutOptions(width: 20))[0].isRTL)
    }

    func testRightToLeftParagraphWithLeadingNumber() {
        let line = TerminalText.layout("123 مرحبا", options: LayoutOptions(width: 20, alignRTL: false))[0]
        // Right to left: the number comes first, at the right end, digits in order.
        XCTAssertEqual(line.cells.suffix(3).map(\.text).joined(), "123")
        XCTAssertEqual(line.cells.first?.logicalIndex, 8)
    }

    func testExplicitDirectionOverridesTheText() {
        let rtl = TerminalText.layout("abc def", options: LayoutOptions(width: 10, direction: .rtl))[0]
        XCTAssertTrue(rtl.isRTL)
        XCTAssertEqual(rtl.text, "   abc def")
        let ltr = TerminalText.layout("مرحبا", options: LayoutOptions(width: 10, direction: .ltr))[0]
        XCTAssertFalse(ltr.isRTL)
        XCTAssertEqual(ltr.indent, 0)
        XCTAssertEqual(ltr.cells.last?.logicalIndex, 0)
    }

    func testEnglishWithAnArabicWordKeepsEnglishOrder() {
        let line = TerminalText.layout("The word سلام means peace", options: LayoutOptions(width: 80))[0]
        XCTAssertFalse(line.isRTL)
        XCTAssertEqual(line.indent, 0)
        XCTAssertEqual(line.text, "The word \u{FEE1}\u{FEFC}\u{FEB3} means peace")
    }
}
