import XCTest
@testable import QariCore

/// `DateParser.isDateLine` stops the date search at the first date it finds and counts the
/// other words without collecting them; compared with the first of all the dates and a
/// word count by the allowance, on random lines made of dates' pieces.
final class SegmentDateLineTests: XCTestCase {
    func testFirstDateAndAllowanceMatchTheFullSearch() {
        let pieces = ["May", "12", "2020", "11", "August", "23rd", "2019", "23.08.2019", "2019-08-23", "Global Research",
                      "South Front", ",", ".", " ", "أغسطس", "24", "آب", "SEPTEMBER", "1999", "31", "Feb", "29"]
        var rng = SplitMix(state: 0xDA7E_11E5)
        var datesSeen = 0
        for _ in 0..<20_000 {
            let line = (0..<Int.random(in: 1...9, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                .joined(separator: Int.random(in: 0..<3, using: &rng) == 0 ? "" : " ")[...]
            guard line.utf8.count < 120 else { continue }
            let all = DateParser.dates(in: line)
            // With any number of other words allowed, the line's date is the first of all its dates.
            XCTAssertEqual(DateParser.isDateLine(line, allowedWords: Int.max), all.first, "\(line)")
            if all.first != nil { datesSeen += 1 }
            // With fewer allowed, the same date or none; and none with no words allowed past the date's own.
            for allowed in 0...4 {
                let got = DateParser.isDateLine(line, allowedWords: allowed)
                XCTAssertTrue(got == nil || got == all.first, "\(line)")
            }
        }
        XCTAssertGreaterThan(datesSeen, 1_000)
    }
}
