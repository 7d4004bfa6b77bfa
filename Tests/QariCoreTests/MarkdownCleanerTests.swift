import XCTest
@testable import QariCore

final class MarkdownCleanerTests: XCTestCase {
    private func clean(_ s: String) -> String { MarkdownCleaner.clean(s[...]) }

    func testWhatAReaderSees() {
        XCTAssertEqual(clean("## Video: Al-Qaeda Launches Attack"), "Video: Al-Qaeda Launches Attack")
        XCTAssertEqual(clean("By [South Front](#)"), "By South Front")
        XCTAssertEqual(clean("[War Agenda](#), [US NATO](http://x.org/a_(b))"), "War Agenda, US NATO")
        XCTAssertEqual(clean("IMR\\_11\\_05"), "IMR_11_05")
        XCTAssertEqual(clean("*The southern part of the Idlib zone.*"), "The southern part of the Idlib zone.")
        XCTAssertEqual(clean("**Disclaimer:** The contents"), "Disclaimer: The contents")
        XCTAssertEqual(clean("snake_case_name and file_2.mp4 stay"), "snake_case_name and file_2.mp4 stay")
        XCTAssertEqual(clean("\\*"), "*")
        XCTAssertEqual(clean("[خان شيخون](#) و *حلب*"), "خان شيخون و حلب")
        XCTAssertEqual(clean("5 * 3 = 15"), "5 * 3 = 15")
    }
}
