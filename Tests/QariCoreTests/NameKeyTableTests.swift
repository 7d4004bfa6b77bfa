import XCTest
@testable import QariCore

/// `KeyTable` against a dictionary: random keys (some sharing their filter slice or their first
/// probe), looked up present and absent, with their payloads.
final class NameKeyTableTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testTableIsADictionary() {
        for round in 0..<300 {
            var entries: [UInt64: Int] = [:]
            let n = round % 7 == 0 ? 0 : Int.random(in: 1...400, using: &generator)
            for _ in 0..<n {
                // Keys that differ only in their low bits share their filter bit.
                let key = Bool.random(using: &generator) ? UInt64.random(in: 1...UInt64.max, using: &generator)
                    : (UInt64(0xABCD) << 50) | UInt64.random(in: 1...1000, using: &generator)
                entries[key] = Int.random(in: 0...1000, using: &generator)
            }
            let table = KeyTable(entries.map { (key: $0.key, payload: $0.value) })
            for (key, payload) in entries {
                XCTAssertTrue(table.contains(key))
                XCTAssertEqual(table.payload(key), payload)
            }
            for _ in 0..<500 {
                let key = Bool.random(using: &generator) ? UInt64.random(in: 1...UInt64.max, using: &generator)
                    : (UInt64(0xABCD) << 50) | UInt64.random(in: 1...2000, using: &generator)
                XCTAssertEqual(table.contains(key), entries[key] != nil, "\(key)")
                XCTAssertEqual(table.payload(key), entries[key], "\(key)")
            }
            XCTAssertFalse(table.contains(0))
        }
        XCTAssertFalse(KeyTable.empty.contains(12345))
    }
}
