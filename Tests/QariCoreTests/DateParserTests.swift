import XCTest
@testable import QariCore

final class DateParserTests: XCTestCase {
    private func iso(_ s: String) -> String? { DateParser.dates(in: s).first?.iso }

    func testEveryFormOfTheSeeds() {
        XCTAssertEqual(iso("Global Research, May 12, 2020"), "2020-05-12")
        XCTAssertEqual(iso("[South Front](#) 11 May 2020"), "2020-05-11")
        XCTAssertEqual(iso("Global Research, March 05, 2019"), "2019-03-05")
        XCTAssertEqual(iso("23.08.2019"), "2019-08-23")
        XCTAssertEqual(iso("August 23rd, 2019"), "2019-08-23")
        XCTAssertEqual(iso("أغسطس 24, 2019"), "2019-08-24")
        XCTAssertEqual(iso("SYRIAN WAR REPORT – SEPTEMBER 12, 2019: RUSSIA RESUMES"), "2019-09-12")
        XCTAssertEqual(iso("2019-08-23"), "2019-08-23")
        XCTAssertEqual(iso("24 آب 2019"), "2019-08-24")
        XCTAssertEqual(iso("Sept. 3, 2019"), "2019-09-03")
    }

    func testNotDates() {
        XCTAssertNil(iso("On May 10, fierce clashes erupted"))
        XCTAssertNil(iso("37 soldiers and 24 militants"))
        XCTAssertNil(iso("31.02.2019x 45.13.2019"))
        XCTAssertNil(iso("version 1.2.3"))
    }

    func testDateLines() {
        XCTAssertNotNil(DateParser.isDateLine("February 28, 2020"))
        XCTAssertNotNil(DateParser.isDateLine("Global Research, December 14, 2019"))
        XCTAssertNil(DateParser.isDateLine("On August 21, 2019 the Syrian Arab Army liberated the town of Khan Shaykhun"))
    }
}
