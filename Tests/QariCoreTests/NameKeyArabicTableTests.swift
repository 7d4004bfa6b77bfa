import XCTest
@testable import QariCore

/// The tokenizer's reading of an Arabic word by table (`NameKey.arabicLetters`,
/// `NameTokenizer.arabicRun`) against the plain definitions: `isArabicWordScalar` for where the
/// word ends, `normalizedArabicByte` for its letters and `NameKey.hash` for its key.
final class NameKeyArabicTableTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testTableIsTheNormalisation() {
        for n in 0..<0x100 {
            let v = UInt32(0x600 + n)
            let entry = NameKey.arabicLetters[n]
            if !NameTokenizer.isArabicWordScalar(v) {
                XCTAssertEqual(entry, NameKey.notArabicWordScalar, "U+\(String(v, radix: 16))")
            } else if let byte = NameKey.normalizedArabicByte(v) {
                XCTAssertEqual(entry, byte, "U+\(String(v, radix: 16))")
                XCTAssertGreaterThan(byte, NameKey.droppedArabicScalar)
            } else {
                XCTAssertEqual(entry, NameKey.droppedArabicScalar, "U+\(String(v, radix: 16))")
            }
        }
        // Outside the block no scalar is an Arabic word scalar, which `arabicRun` assumes.
        for v in UInt32(0)..<0x3_0000 where v < 0x600 || v >= 0x700 {
            XCTAssertFalse(NameTokenizer.isArabicWordScalar(v))
        }
    }

    func testArabicRunIsThePlainReading() {
        // Arabic letters, harakat, tatweel, other scalars of the block, and a few outside it.
        let alphabet: [UInt32] = Array(0x600...0x6FF) + [0x20, 0x41, 0x61, 0x5FF, 0x700, 0x750, 0xFE8D, 0x1_F600]
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        defer { storage.deallocate() }
        for _ in 0..<20000 {
            let scalars = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                Unicode.Scalar(alphabet.randomElement(using: &generator)!)!
            }
            // The plain reading.
            var end = 0
            var letters: [UInt8] = []
            while end < scalars.count, NameTokenizer.isArabicWordScalar(scalars[end].value) {
                if let byte = NameKey.normalizedArabicByte(scalars[end].value) { letters.append(byte) }
                end += 1
            }
            var out = ScratchBytes(storage)
            // (Followed by a scalar that ends every word, as the tokenizer's text is: `arabicRun` reads up to it.)
            let run = (scalars + [Unicode.Scalar(0)]).withUnsafeBufferPointer { NameTokenizer.arabicRun($0, from: 0, letters: &out) }
            let text = scalars.map { String($0.value, radix: 16) }.joined(separator: " ")
            XCTAssertEqual(run.end, end, text)
            XCTAssertEqual(Array(out), letters, text)
            XCTAssertEqual(run.hash, NameKey.hash(letters, seed: NameKey.arabicSeed), text)
        }
    }
}
