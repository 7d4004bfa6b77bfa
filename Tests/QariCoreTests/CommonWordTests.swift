import XCTest
@testable import QariCore

/// Ordinary English words are never read as short names whose key comes close.
final class CommonWordTests: XCTestCase {
    static let matcher = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())

    func testFunctionWordsAreNotNames() {
        let text = "Dear friends, I read the report. They made a deal. His forces rose. It does not matter, days passed. "
            + "Once upon a time, he said it. Red flags were raised, and the raid failed. HAD THEY KNOWN. As is, the Russian soldiers left."
        XCTAssertEqual(Self.matcher.mentions(in: text).map(\.surface), [])
    }

    func testRealShortNamesStillMatch() {
        let text = "The US and Russia met in Daraa; HTS and the SAA clashed near Heish, and Hama fell."
        XCTAssertEqual(Self.matcher.mentions(in: text).map(\.entityID),
                       ["united_states", "russia", "daraa", "hts", "syrian_army", "heish", "hama"])
    }
}
