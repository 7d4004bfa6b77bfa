import XCTest
@testable import QariCore

/// The tokenizer's decoder (eight ASCII bytes or four two-byte sequences at a time, the bytes of
/// the scalars beside them) against the String's own scalars, on text made of runs of one-, two-,
/// three- and four-byte scalars of every length, so that the blocks start and stop at every offset.
final class NameTokenizerDecodeTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testDecodedScalarsAreTheTextsScalars() {
        let alphabets: [[Unicode.Scalar]] = [
            Array("abc XYZ-.,0".unicodeScalars),
            Array("حلبوفكالسميـًّé߿ĀӿÞ ".unicodeScalars),   // two bytes, U+0080 to U+07FF, and the space between Arabic words
            Array("ࠀ‐’ﻻ\u{FEFF}".unicodeScalars),
            Array("😀𝔸".unicodeScalars),
        ]
        for _ in 0..<20000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                let alphabet = Int.random(in: 0..<4, using: &generator) < 2
                    ? alphabets[1] : alphabets.randomElement(using: &generator)!
                for _ in 0..<Int.random(in: 1...13, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
            }
            let string = String(text)
            XCTAssertEqual(NameTokenizer.scalars(of: string), Array(string.unicodeScalars), string)
            XCTAssertEqual(Array(NameTokenizer(string).scalars), Array(string.unicodeScalars), string)
            // With a byte for each scalar: its own when ASCII, 0x80 for the others.
            let n = string.utf8.count
            let scalars = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: n + 8)
            let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 8)
            defer { scalars.deallocate(); bytes.deallocate() }
            let count = NameTokenizer.decode(string, into: scalars, bytes: bytes, capacity: n)
            XCTAssertEqual(Array(UnsafeBufferPointer(start: scalars, count: count)), Array(string.unicodeScalars), string)
            XCTAssertEqual(Array(UnsafeBufferPointer(start: bytes, count: count)),
                           string.unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : 0x80 }, string)
        }
    }

    /// The plain-word reading's letters from the scalars' bytes (`lowercaseBlock(bytes:firstIsLetter:)`)
    /// against the same from the scalars (`lowercaseBlock`), on eight scalars of every kind:
    /// the letters and the bytes around them (0x60, 0x7B, 0xE1 is "a" + 0x80), other ASCII and
    /// other scalars, whose byte is 0x80.
    func testLettersFromBytesAreTheLettersFromScalars() {
        let alphabet: [UInt32] = [0x61, 0x62, 0x6D, 0x79, 0x7A, 0x41, 0x5A, 0x60, 0x7B, 0x40, 0x5B, 0x20, 0x00, 0x7F, 0x2E,
                                  0xE1, 0xFA, 0x627, 0x2019, 0x1_F600]
        let scalars = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: 8)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        defer { scalars.deallocate(); bytes.deallocate() }
        for round in 0..<100_000 {
            // Mostly letters, so that runs reach every length.
            for k in 0..<8 {
                let v = Int.random(in: 0..<3, using: &generator) > 0 ? UInt32.random(in: 0x61...0x7A, using: &generator)
                    : alphabet.randomElement(using: &generator)!
                scalars[k] = Unicode.Scalar(v)!
                bytes[k] = v < 0x80 ? UInt8(v) : 0x80
            }
            let firstIsLetter = round % 2 == 0
            if firstIsLetter {
                // (The tokenizer asks so only of a word's first scalar, an ASCII letter of either case.)
                let v = UInt32.random(in: 0..<2, using: &generator) == 0 ? UInt32.random(in: 0x41...0x5A, using: &generator)
                    : UInt32.random(in: 0x61...0x7A, using: &generator)
                scalars[0] = Unicode.Scalar(v)!
                bytes[0] = UInt8(v)
            }
            let fromScalars = NameTokenizer.lowercaseBlock(scalars, firstIsLetter: firstIsLetter)
            let fromBytes = NameTokenizer.lowercaseBlock(bytes: bytes, firstIsLetter: firstIsLetter)
            let text = (0..<8).map { String(scalars[$0].value, radix: 16) }.joined(separator: " ")
            XCTAssertEqual(fromBytes.letters, fromScalars.letters, text)
            XCTAssertEqual(fromBytes.count, fromScalars.count, text)
        }
    }
}
