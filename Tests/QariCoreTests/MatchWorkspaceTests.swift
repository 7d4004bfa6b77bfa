import XCTest
@testable import QariCore

/// `mentions(in:)` works in pooled workspaces whose arrays served the texts before: texts of
/// very different lengths, one after the other, give the matches that a tokenizer and working
/// lists of their own give.
final class MatchWorkspaceTests: XCTestCase {
    private var generator = SystemRandomNumberGenerator()

    private static let pieces: [String] = [
        "Idlib", "Aleppo", "Hama", "Hayat Tahrir al-Sham", "HTS", "Khan Sheikhoun", "Kafarzita", "US", "U.S.", "Turkey",
        "the", "of", "and", "near", "town", "Jaysh al-Izza", "Abu Omar al-Shami", "حلب", "وحلب", "بروسيا", "للجيش",
        "هيئة تحرير الشام", "Syrian", "army", "“", "”", "’s", ",", ".", " ", " ",
    ]

    private func randomText() -> String {
        // Mostly short texts, some long ones, so that reused arrays are both too large and too small.
        let words = Int.random(in: 0..<5, using: &generator) == 0 ? Int.random(in: 100...400, using: &generator)
            : Int.random(in: 0...15, using: &generator)
        return (0..<words).map { _ in Self.pieces.randomElement(using: &generator)! }.joined(separator: " ")
    }

    func testMentionsInReusedWorkspacesAreTheMatchesOfFreshOnes() {
        let matcher = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())
        for _ in 0..<600 {
            let text = randomText()
            let mentions = matcher.mentions(in: text)
            let tokenizer = NameTokenizer(text, keyedLowercaseWords: matcher.lowercaseFirstWords)
            let matches = matcher.knownMatches(in: tokenizer, caseSensitive: true, keyedByFirstWords: true)
            let known = mentions.filter { !$0.entityID.hasPrefix("disc:") }
            XCTAssertEqual(known.map(\.range), matches.map(\.scalarRange), text)
            XCTAssertEqual(known.map(\.entityID), matches.map { matcher.knowledgeBase.entities[matcher.entityIndex(ofAlias: $0.alias)].id }, text)
            XCTAssertEqual(mentions.map(\.surface), mentions.map { String(String.UnicodeScalarView(Array(text.unicodeScalars)[$0.range])) }, text)
        }
    }

    /// The index's workers share one matcher: texts read on four threads at once, each taking a
    /// workspace from the pool and giving it back, give what they give one at a time.
    func testMentionsOnSeveralThreadsAreTheMentionsOnOne() {
        let matcher = EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled())
        let texts = (0..<400).map { _ in randomText() }
        let expected = texts.map { matcher.mentions(in: $0) }
        let results = UnsafeMutableBufferPointer<[EntityMention]>.allocate(capacity: texts.count)
        results.initialize(repeating: [])
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for k in stride(from: thread, to: texts.count, by: 4) { results[k] = matcher.mentions(in: texts[k]) }
        }
        for k in texts.indices { XCTAssertEqual(results[k], expected[k], texts[k]) }
    }
}
