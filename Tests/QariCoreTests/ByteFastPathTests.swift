import XCTest
@testable import QariCore

/// The byte-level fast paths of the parsing core give what the simple (Character- or
/// byte-at-a-time) definitions give, on random text made of the pieces that matter.
final class ByteFastPathTests: XCTestCase {
    private var rng = SystemRandomNumberGenerator()

    /// Random text from pieces chosen to hit every branch: ASCII, Arabic letters and digits,
    /// combining marks, Arabic prepends, NBSP, curly quotes, dots, controls.
    private func randomText(maxPieces: Int = 60) -> String {
        let pieces = ["a", "Z", "q", " ", " ", ".", "...", ",", ":", ")", "'", "-", "1", "9", "\t", "\r", "\u{1B}", "\u{01}",
                      "\u{0}", "ب", "ق", "ل", "م", "ا", "أ", "ء", "ؤ", "٣", "۵", "\u{64B}", "\u{670}", "\u{600}", "\u{6DD}",
                      "\u{61C}", "ـ", "é", "e\u{301}", "ü", "Ł", "ő", "\u{A0}", "\u{2019}", "\u{201C}", "\u{200D}",
                      "\u{200C}", "\u{37E}", "ア", "😀", "\u{FFFD}", "ʼ", "Ø", "þ"]
        let n = Int.random(in: 0...maxPieces, using: &rng)
        return (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    func testScriptCountsMatchTheByteLoop() {
        func reference(_ b: [UInt8]) -> (Int, Int) {
            var a = 0, l = 0, prev: UInt8 = 0
            for x in b {
                if x < 0x80 { l += (x | 0x20) &- 0x61 < 26 ? 1 : 0 }
                else if x < 0xC0 {
                    if prev == 0xD8 { if x >= 0xA0 { a += 1 } }
                    else if prev == 0xD9 { if x <= 0x8A || x >= 0xAE { a += 1 } }
                    else if prev == 0xDA || prev == 0xDB { a += 1 }
                    else if prev == 0xC3 || prev == 0xC4 || prev == 0xC5 { l += 1 }
                }
                prev = x
            }
            return (a, l)
        }
        for _ in 0..<20_000 {
            var bytes = Array(randomText().utf8)
            if Bool.random(using: &rng), !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            let fast = bytes.withUnsafeBufferPointer { ScriptStatistics.count($0) }
            let slow = reference(bytes)
            XCTAssertTrue(fast.arabic == slow.0 && fast.latin == slow.1, "\(bytes)")
        }
    }

    func testTitleMeasureMatchesTheByteLoop() {
        func reference(_ b: [UInt8]) -> (Int, Int)? {
            var scalars = 0, words = 0, inWord = false
            for x in b {
                if x & 0xC0 != 0x80 { scalars += 1; if scalars > 250 { return nil } }
                if x == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
                if words > 30 { return nil }
            }
            return (scalars, words)
        }
        for _ in 0..<20_000 {
            let bytes = Array(randomText(maxPieces: 300).utf8)
            let fast = bytes.withUnsafeBufferPointer { LineClassifier.fastMeasure($0) }
            let slow = reference(bytes)
            XCTAssertTrue(fast?.scalars == slow?.0 && fast?.words == slow?.1, "\(bytes)")
        }
    }

    func testNamesEllipsesAndTitlesMatchTheCharacterRules() {
        for _ in 0..<20_000 {
            let s = randomText(maxPieces: 12)[...]
            XCTAssertEqual(LineClassifier.looksLikeName(s), LineClassifier.looksLikeNameByCharacter(s), "\(Array(s.unicodeScalars))")
            XCTAssertEqual(LineClassifier.endsWithEllipsis(s), s.hasSuffix("..."), "\(Array(s.unicodeScalars))")
            let long = randomText(maxPieces: 200)[...]
            XCTAssertEqual(ArticleSegmenter.titleFromText(long), ArticleSegmenter.titleFromTextByCharacter(long))
        }
        XCTAssertTrue(LineClassifier.looksLikeName("Nasser Kandil"))
        XCTAssertTrue(LineClassifier.looksLikeName("ناصر قنديل"))
        XCTAssertFalse(LineClassifier.looksLikeName("ناصر قنديل ٣"))
    }

    func testTrimmingMatchesTheCharacterRule() {
        func reference(_ s: Substring, _ set: String) -> Substring {
            let chars = Set(set)
            var s = s
            while let f = s.first, chars.contains(f) { s = s.dropFirst() }
            while let l = s.last, chars.contains(l) { s = s.dropLast() }
            return s
        }
        for _ in 0..<20_000 {
            let s = randomText(maxPieces: 10)[...]
            for set in [" :.,", " \u{A0}.,:;"] {
                XCTAssertEqual(String(s.trimming(set)), String(reference(s, set)), "\(Array(s.unicodeScalars))")
            }
        }
    }

    func testNBSPReplacementMatchesTheByteLoop() {
        for _ in 0..<20_000 {
            let s = randomText()
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: s.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 })
            let expected = String(scalars)
            XCTAssertEqual(ByteSearch.replacingNBSP(s[...]), expected)
        }
    }

    func testBinarySniffingCountsControlBytesExactly() {
        for _ in 0..<5_000 {
            let n = Int.random(in: 1...300, using: &rng)
            let density = Double.random(in: 0...0.3, using: &rng)
            let bytes: [UInt8] = (0..<n).map { _ in
                Double.random(in: 0...1, using: &rng) < density ? UInt8.random(in: 1...0x1F, using: &rng) : UInt8.random(in: 0x20...0xFF, using: &rng)
            }
            var controls = 0
            for b in bytes where b < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains(b) { controls += 1 }
            let kind = bytes.withUnsafeBufferPointer { TextSniffer.binaryKind($0) }
            let starts = [[0x25, 0x50, 0x44, 0x46], [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B], [0x89, 0x50, 0x4E, 0x47],
                          [0xFF, 0xD8, 0xFF], [0x7F, 0x45, 0x4C, 0x46], [0x53, 0x51, 0x4C, 0x69, 0x74, 0x65]]
            if starts.contains(where: { bytes.starts(with: $0.map(UInt8.init)) }) { continue }
            XCTAssertEqual(kind == "binary data: mostly control bytes", controls * 10 > n, "\(bytes)")
        }
    }

    func testFormatSniffingMatchesThePatternSearch() {
        func reference(_ text: String) -> TextFormat {
            let head = Array(Array(text.utf8).prefix(262_144))
            func contains(_ p: String) -> Bool {
                let n = Array(p.utf8)
                guard head.count >= n.count else { return false }
                return (0...(head.count - n.count)).contains { Array(head[$0..<($0 + n.count)]) == n }
            }
            var signals = 0
            for pattern in ["\n## ", "\n# ", "\n### ", "](", "\\_", "\\*", "\n**"] where contains(pattern) { signals += 1 }
            var links = 0
            if head.count >= 2 { for i in 0..<(head.count - 1) where head[i] == 0x5D && head[i + 1] == 0x28 { links += 1 } }
            if links >= 3 { signals += 1 }
            if head.starts(with: Array("## ".utf8)) || head.starts(with: Array("# ".utf8)) { signals += 1 }
            return signals >= 2 ? .markdown : .plain
        }
        let pieces = ["\n", "#", "# ", "## ", "### ", "**", "](", "]", "(", "\\_", "\\*", "\\", "_", "*", "word ", "é"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...25, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(TextSniffer.format(of: text), reference(text), text.debugDescription)
        }
    }

    func testArticleIDsAreTheFormattedHex() {
        for _ in 0..<10_000 {
            let h = UInt64.random(in: 0...UInt64.max, using: &rng)
            let o = Int.random(in: 0...500, using: &rng)
            XCTAssertEqual(ArticleID.make(contentHash: h, ordinal: o), ArticleID.makeByFormatting(contentHash: h, ordinal: o))
        }
    }

    func testISODatesAreTheFormattedDigits() {
        for y in [0, 7, 99, 1900, 2024, 9999, 10_000, -1] {
            for (m, d) in [(1, 1), (12, 31), (0, 0), (100, 5)] {
                let date = FoundDate(year: y, month: m, day: d, range: 0..<1)
                func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
                XCTAssertEqual(date.iso, "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))")
            }
        }
    }
}
