import XCTest
@testable import QariCore

final class ScriptStatisticsTests: XCTestCase {
    /// The reference: one scalar at a time, by Unicode blocks.
    private func reference(_ s: String) -> (Int, Int) {
        var a = 0, l = 0
        for c in s.unicodeScalars {
            let v = c.value
            if v < 0x80 { if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { l += 1 } }
            else if (v >= 0x0620 && v <= 0x064A) || (v >= 0x066E && v <= 0x06D3) || (v >= 0x0750 && v <= 0x077F) { a += 1 }
            else if v >= 0xC0 && v <= 0x17F { l += 1 }
        }
        return (a, l)
    }

    func testEightBytesAtATimeCountsLikeOneAtATime() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["Hayat Tahrir al-Sham ", "خان شيخون ", "12, [x] @`{ ", "Ma’arat ", "é ", "\u{A0}", "Z", "ة", "  "]
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<60, using: &rng) { s += pieces.randomElement(using: &rng)! }
            let got = ScriptStatistics(s)
            let want = reference(s)
            if s.utf8.count <= 2048 {
                XCTAssertEqual(got.arabic, want.0, s)
                XCTAssertEqual(got.latin, want.1, s)
            }
        }
    }

    func testLanguageDecision() {
        XCTAssertEqual(ScriptStatistics("The Syrian Army entered Khan Shaykhun.").language, .en)
        XCTAssertEqual(ScriptStatistics("دخل الجيش السوري خان شيخون").language, .ar)
        XCTAssertEqual(ScriptStatistics("The army دخل الجيش السوري خان entered").language, .mixed)
    }
}
