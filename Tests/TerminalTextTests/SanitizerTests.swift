import XCTest
import TerminalText

final class SanitizerTests: XCTestCase {
    func testRemovesWholeEscapeSequences() {
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[31;1mb\u{1B}[0mc"), "abc")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[?1049hb"), "ab")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[1 kb"), "ab", "intermediate bytes belong to the sequence")
        XCTAssertEqual(TerminalText.sanitize("x\u{1B}]0;evil title\u{07}y"), "xy", "OSC ended by BEL")
        XCTAssertEqual(TerminalText.sanitize("x\u{1B}]8;;http://e.com\u{1B}\\link\u{1B}]8;;\u{1B}\\y"), "xlinky",
                       "OSC ended by ESC \\")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}Pq#0;2;0;0;0#0~~\u{1B}\\b"), "ab", "DCS")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}_app\u{9C}b"), "ab", "APC ended by C1 ST")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}(Bb\u{1B}#8c"), "abc", "nF escapes")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}7b\u{1B}cc"), "abc", "two-character escapes")
        XCTAssertEqual(TerminalText.sanitize("a\u{9B}2Jb"), "ab", "C1 CSI")
        XCTAssertEqual(TerminalText.sanitize("a\u{9D}2;x\u{07}b"), "ab", "C1 OSC")
        XCTAssertEqual(TerminalText.sanitize("ab\u{1B}"), "ab", "lone ESC at the end")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}]0;never ends"), "a", "an unterminated string runs to the end")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[31\u{18}b"), "ab", "CAN cancels a sequence")
        XCTAssertEqual(TerminalText.sanitize("a\u{1B}[3مb"), "aمb", "a malformed sequence ends where it breaks")
    }

    func testRemovesControls() {
        XCTAssertEqual(TerminalText.sanitize("a\u{0}b\u{7}c\u{8}d\u{7F}e\u{80}f\u{8D}g\u{1F}h"), "abcdefgh")
    }

    func testRemovesExplicitBidiControls() {
        let controls = "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{61C}"
        XCTAssertEqual(TerminalText.sanitize("a" + controls + "b"), "ab")
        XCTAssertEqual(TerminalText.sanitize("\u{202E}txt.exe"), "txt.exe")
    }

    func testExpandsTabsAndJoinsLines() {
        XCTAssertEqual(TerminalText.sanitize("a\tb"), "a       b")
        XCTAssertEqual(TerminalText.sanitize("\t"), "        ")
        XCTAssertEqual(TerminalText.sanitize("中\tx"), "中      x", "tab stops count wide characters as 2")
        XCTAssertEqual(TerminalText.sanitize("a\nb\r\nc\rd\u{2029}e"), "a b c d e")
    }

    func testKeepsTextAndReplacesUnknownWidths() {
        XCTAssertEqual(TerminalText.sanitize("مَرْحَبًا ‍ 中文 é"), "مَرْحَبًا ‍ 中文 é")
        XCTAssertEqual(TerminalText.sanitize("a\u{378}b"), "a\u{FFFD}b", "unassigned")
        XCTAssertEqual(TerminalText.sanitize("a\u{FFFF}b"), "a\u{FFFD}b", "non-character")
    }

    func testLogicalIndicesPointIntoTheOriginalText() {
        // "a" 0, ESC [ 3 1 m 1...5, "b" 6, BEL 7, "c" 8, RLO 9, "d" 10
        let line = TerminalText.layout("a\u{1B}[31mb\u{7}c\u{202E}d", options: LayoutOptions(width: 10))[0]
        XCTAssertEqual(line.text, "abcd")
        XCTAssertEqual(line.cells.map(\.logicalIndex), [0, 6, 8, 10])
        XCTAssertEqual(line.cells.map(\.logicalLength), [1, 1, 1, 1])
    }

    func testTabCellsPointAtTheTab() {
        let line = TerminalText.layout("a\tb", options: LayoutOptions(width: 20))[0]
        XCTAssertEqual(line.text, "a       b")
        XCTAssertEqual(line.cells.map(\.logicalIndex), [0, 1, 1, 1, 1, 1, 1, 1, 2])
    }

    func testDisplayWidth() {
        XCTAssertEqual(TerminalText.displayWidth("hello"), 5)
        XCTAssertEqual(TerminalText.displayWidth("中文"), 4)
        XCTAssertEqual(TerminalText.displayWidth("مَرْحَبًا"), 5, "harakat take no column")
        XCTAssertEqual(TerminalText.displayWidth("سلام"), 3, "the lam-alef ligature takes one column")
        XCTAssertEqual(TerminalText.displayWidth("a\u{1B}[31mb\u{200D}c"), 3)
        XCTAssertEqual(TerminalText.displayWidth("e\u{301}"), 1)
        XCTAssertEqual(TerminalText.displayWidth(""), 0)
    }

    func testExplicitBidiModeSequences() {
        XCTAssertEqual(TerminalText.enterExplicitBidiMode, "\u{1B}[8l\u{1B}[1 k")
        XCTAssertEqual(TerminalText.leaveExplicitBidiMode, "\u{1B}[8h\u{1B}[0 k")
    }
}
