import XCTest
import TerminalText

final class TruncationTests: XCTestCase {
    func testTextThatFitsIsWhole() {
        let line = TerminalText.truncate("Hello world", width: 20)
        XCTAssertEqual(line.text, "Hello world")
        XCTAssertEqual(line.width, 11)
        XCTAssertEqual(line.indent, 0)
    }

    func testLeftToRightKeepsTheBeginning() {
        XCTAssertEqual(TerminalText.truncate("Hello world", width: 8).text, "Hello w…")
        XCTAssertEqual(TerminalText.truncate("Hello world", width: 7).text, "Hello…", "no space before the ellipsis")
        XCTAssertEqual(TerminalText.truncate("Hello world", width: 1).text, "…")
        XCTAssertEqual(TerminalText.truncate("Hello world", width: 0).text, "")
        XCTAssertEqual(TerminalText.truncate("Hello world", width: 6, ellipsis: "...").text, "Hel...")
        XCTAssertEqual(TerminalText.truncate("Hello world", width: 2, ellipsis: "...").text, "He",
                       "an ellipsis wider than the line is left out")
    }

    func testRightToLeftKeepsTheBeginningWithTheEllipsisOnTheLeft() {
        let title = "انتصار حلب بعشرة"
        let line = TerminalText.truncate(title, width: 9)
        XCTAssertTrue(line.isRTL)
        XCTAssertLessThanOrEqual(line.width, 9)
        XCTAssertEqual(line.cells.first?.text, "…")
        XCTAssertEqual(line.cells.last?.logicalIndex, 0, "the title's first letter is at the right end")
        // The ellipsis stands for everything cut off.
        let ellipsis = line.cells[0]
        XCTAssertEqual(ellipsis.logicalIndex + ellipsis.logicalLength, title.unicodeScalars.count)
        let shown = line.cells.dropFirst().map(\.logicalIndex)
        XCTAssertTrue(shown.allSatisfy { $0 < ellipsis.logicalIndex })
    }

    func testEnglishTitleWithArabicTail() {
        let line = TerminalText.truncate("Aleppo حلب الشهباء", width: 12)
        XCTAssertFalse(line.isRTL)
        XCTAssertEqual(line.cells.last?.text, "…", "a left-to-right title ends on the right")
        // "Aleppo حلب" and the ellipsis; the space before the cut goes.
        XCTAssertEqual(line.width, 11)
        XCTAssertEqual(line.cells.first?.text, "A")
    }

    func testNeverWiderThanAsked() {
        let titles = ["مرحبا بالعالم", "中文标题很长", "Syrian army الجيش", "e\u{301}e\u{301}e\u{301}e\u{301}", "لا لا لا لا"]
        for title in titles {
            for width in 0 ... 20 {
                let line = TerminalText.truncate(title, width: width)
                XCTAssertLessThanOrEqual(line.width, width, "\(title) at \(width): \(line.text)")
            }
        }
    }

    func testSanitisesTitles() {
        XCTAssertEqual(TerminalText.truncate("\u{1B}[31mred\u{1B}[0m\ntitle", width: 20).text, "red title")
    }
}
