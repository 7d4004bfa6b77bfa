import XCTest
@testable import QariTUI

final class ScreenBufferTests: XCTestCase {
    func testWideCharacterAtClipEdgeBecomesBlank() {
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("語", columns: 2, x: 3, y: 0, style: .plain, clip: b.area)
        XCTAssertEqual(b.rows, ["    "])
        b.put("語", columns: 2, x: 1, y: 0, style: .plain, clip: b.area)
        XCTAssertEqual(b.rows, [" 語 "])
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("語", columns: 2, x: 0, y: 0, style: .plain, clip: b.area)
        b.put("x", columns: 1, x: 1, y: 0, style: .plain, clip: b.area)
        XCTAssertEqual(b.rows, [" x  "])
    }

    func testDrawingOutsideTheBufferIsClipped() {
        var b = ScreenBuffer(width: 3, height: 2)
        b.drawLabel("abcdef", x: 1, y: 1, clip: Rect(x: -5, y: -5, width: 100, height: 100), style: .bold)
        b.drawLabel("zz", x: 0, y: 5, clip: b.area, style: .plain)
        XCTAssertEqual(b.rows, ["   ", " ab"])
    }
}
