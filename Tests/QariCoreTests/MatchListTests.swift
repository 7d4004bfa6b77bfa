import XCTest
@testable import QariCore

/// `MatchList`, written into memory of its own, against its plain definition, an array emptied
/// with `removeAll(keepingCapacity:)`: random appends and emptyings, growing well past the first
/// room (16 elements), read back element by element.
final class MatchListTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    func testMatchListIsAnArray() {
        for _ in 0..<300 {
            var list = MatchList<(node: Int32, coreStart: Int)>()
            var plain: [(node: Int32, coreStart: Int)] = []
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                if Int.random(in: 0..<5, using: &generator) == 0 {
                    list.removeAll()
                    plain.removeAll(keepingCapacity: true)
                }
                for _ in 0..<Int.random(in: 0...(Int.random(in: 0..<4, using: &generator) == 0 ? 200 : 10), using: &generator) {
                    let element = (node: Int32.random(in: .min ... .max, using: &generator), coreStart: Int.random(in: 0..<1_000_000, using: &generator))
                    list.append(element)
                    plain.append(element)
                }
                XCTAssertEqual(list.count, plain.count)
                XCTAssertEqual(list.isEmpty, plain.isEmpty)
                for k in plain.indices {
                    XCTAssertEqual(list[k].node, plain[k].node)
                    XCTAssertEqual(list[k].coreStart, plain[k].coreStart)
                }
            }
        }
    }
}
