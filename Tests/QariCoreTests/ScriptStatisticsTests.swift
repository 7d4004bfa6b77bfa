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

    /// `count` (sixteen bytes a step, the last step overlapping, counts summed in blocks) against
    /// its byte loop on random bytes: UTF-8 of both scripts, Latin-1 letters, lone lead and
    /// continuation bytes at every position, and buffers long enough for several blocks.
    func testSixteenBytesAtATimeCountsLikeTheByteLoop() {
        var rng = SplitMix(state: 0x5EC2)
        let pieces: [[UInt8]] = ["خان شيخون ", "ة", "ۓ", "ﻻ", "Ma’arat ", "é", "Ž", "Z", "a", "{", "@", " ", "\u{A0}", "\u{66E}", "\u{64B}"]
            .map { Array($0.utf8) } + [[0xD8], [0xD9], [0xDA], [0xDB], [0xC3], [0xC5], [0x80], [0x8A], [0x8B], [0xAD], [0xAE], [0xBF], [0xFF]]
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            let most = round % 100 == 0 ? 3000 : 40
            for _ in 0..<Int.random(in: 0...most, using: &rng) {
                bytes += Int.random(in: 0..<4, using: &rng) == 0 ? [UInt8.random(in: 0...255, using: &rng)]
                    : pieces.randomElement(using: &rng)!
            }
            bytes.withUnsafeBufferPointer { buf in
                let got = ScriptStatistics.count(buf), want = ScriptStatistics.countBytes(buf, from: 0)
                XCTAssertEqual(got.arabic, want.arabic, "\(bytes)")
                XCTAssertEqual(got.latin, want.latin, "\(bytes)")
            }
        }
    }

    func testLanguageDecision() {
        XCTAssertEqual(ScriptStatistics("The Syrian Army entered Khan Shaykhun.").language, .en)
        XCTAssertEqual(ScriptStatistics("دخل الجيش السوري خان شيخون").language, .ar)
        XCTAssertEqual(ScriptStatistics("The army دخل الجيش السوري خان entered").language, .mixed)
    }
}
