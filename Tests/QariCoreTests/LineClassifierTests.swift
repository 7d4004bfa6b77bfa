import XCTest
@testable import QariCore

final class LineClassifierTests: XCTestCase {
    let classifier = LineClassifier()
    private func kind(_ s: String, markdown: Bool = false) -> LineKind {
        classifier.classify(number: 1, raw: s[...], markdown: markdown).kind
    }

    func testSeparatorsAndFurniture() {
        XCTAssertEqual(kind("Related News"), .separator)
        XCTAssertEqual(kind("Also Read"), .separator)
        XCTAssertEqual(kind("مقالات متعلقة"), .separator)
        XCTAssertEqual(kind("%d bloggers like this:"), .pageFooter)
        XCTAssertEqual(kind("ALSO READ  Syrian Army seizes rocket launchers"), .boilerplate)
        XCTAssertEqual(kind("Click to see the full-size image"), .boilerplate)
        XCTAssertEqual(kind("\\*", markdown: true), .boilerplate)
        XCTAssertEqual(kind("Region: [Middle East & North Africa](#)", markdown: true), .boilerplate)
        XCTAssertEqual(kind("[War Agenda](#)", markdown: true), .boilerplate)
    }

    func testMetadataLines() {
        XCTAssertEqual(kind("By Aram Mirzaei for the Saker blog"), .byline)
        XCTAssertEqual(kind("South Front"), .publisherName)
        XCTAssertEqual(kind("ST"), .publisherName)
        XCTAssertEqual(kind("Source"), .sourceLabel)
        XCTAssertEqual(kind("Global Research, May 12, 2020"), .date)
        XCTAssertEqual(kind("[1] The Syria Effect: Al-Qaeda Fractures"), .reference)
    }

    func testTitles() {
        XCTAssertTrue(LineClassifier.looksLikeTitle("SYRIAN WAR REPORT – AUGUST 22, 2019: KHAN SHAYKHUN LIBERATED"))
        XCTAssertTrue(LineClassifier.looksLikeTitle("انتصار حلب بعشرة"))
        XCTAssertFalse(LineClassifier.looksLikeTitle("Militants’ defense in southern Idlib and northern Hama has collapsed."))
        XCTAssertTrue(LineClassifier.looksLikeName("Basma Qaddour"))
        XCTAssertFalse(LineClassifier.looksLikeName("Here are the towns that were liberated"))
    }
}
