import XCTest
@testable import QariStore

/// `SearchText.asciiWordBytes` and `load8`, which read the ASCII words of `indexForm` eight bytes
/// at a time, against their definitions byte by byte.
final class SearchKeyWordBytesTests: XCTestCase {
    /// Each byte's marks: its high bit in `letters` for an ASCII letter, in `word` for an ASCII
    /// letter or digit, whatever the bytes around it.
    private func assertMarks(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let x = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
        let (letters, word) = SearchText.asciiWordBytes(x)
        for (k, b) in bytes.enumerated() {
            let isLetter = (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
            let isDigit = (0x30...0x39).contains(b)
            XCTAssertEqual(letters >> (8 * k) & 0xFF, isLetter ? 0x80 : 0, "letter \(b) at \(k) in \(bytes)", file: file, line: line)
            XCTAssertEqual(word >> (8 * k) & 0xFF, isLetter || isDigit ? 0x80 : 0, "word byte \(b) at \(k) in \(bytes)", file: file, line: line)
        }
    }

    /// Every byte value at every position, among random neighbours (a carry between bytes would
    /// show up in one of them), and random bytes weighted to the edges of the ranges.
    func testWordBytesMarkEachLetterAndDigit() {
        var generator = SystemRandomNumberGenerator()
        let edges: [UInt8] = [0x00, 0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x5F, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80,
                              0xAF, 0xB0, 0xC1, 0xDA, 0xE1, 0xE2, 0xFA, 0xFF]
        func neighbour() -> UInt8 {
            Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
        }
        for b in 0...255 {
            for k in 0..<8 {
                var bytes = (0..<8).map { _ in neighbour() }
                bytes[k] = UInt8(b)
                assertMarks(bytes)
            }
        }
        for _ in 0..<20000 { assertMarks((0..<8).map { _ in neighbour() }) }
    }

    /// Eight bytes from any offset, with zeros past the end.
    func testLoad8ReadsEightBytesOrZerosPastTheEnd() {
        let bytes: [UInt8] = (0..<20).map { UInt8(0x41 + $0) }
        for count in 0...bytes.count {
            bytes[..<count].withUnsafeBufferPointer { buffer in
                // (Up to the end itself: a word that ends on the text's end is read there.)
                for k in 0...count {
                    var expected: UInt64 = 0
                    for j in k..<min(k + 8, count) { expected |= UInt64(bytes[j]) << (8 * (j - k)) }
                    XCTAssertEqual(SearchText.load8(buffer, at: k), expected, "\(count) bytes at \(k)")
                }
            }
        }
    }
}
