import Foundation
import XCTest
@testable import QariCore

/// A relation's evidence is cut from the source's UTF-8 (`RelationTemplate.textString`); its plain
/// definition makes it from the text's scalars (`EntityMatcher.string`).
final class RelationEvidenceTests: XCTestCase {
    /// `mentions`: sorted by their starts; `textString` starts from the byte offset of a placeholder's mention.
    private func assertSameText(_ text: String, mentions: [EntityMention] = [], file: StaticString = #filePath, line: UInt = #line) {
        var bytes = text
        let template = bytes.withUTF8 { utf8 in
            RelationLayout.with(utf8, mentions, classify: { _ in (false, nil) }) { layout in
                RelationTemplate.fromUTF8(text, utf8, sortedMentions: mentions, layout: layout)
            }
        }
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        var bounds = Set([0, n, n / 2, n / 3])
        for k in stride(from: 0, through: n, by: max(1, n / 12)) { bounds.insert(k) }
        for mention in mentions {
            for k in [mention.range.lowerBound - 1, mention.range.lowerBound, mention.range.lowerBound + 1, mention.range.upperBound]
            where k >= 0 && k <= n { bounds.insert(k) }
        }
        for lower in bounds {
            for upper in bounds where upper >= lower {
                XCTAssertEqual(template.textString(lower..<upper), EntityMatcher.string(scalars, lower..<upper),
                               "\(text.debugDescription) \(lower)..<\(upper)", file: file, line: line)
            }
        }
    }

    func testEvidenceTextIsThatOfTheScalarsOnMixedText() {
        for text in ["", "a", "é", "😀", "حليف", "HTS 😀 attacked ISIS é in Idlib.", "𝐍𝐞𝐰𝐬 — Élysée; ẞ\u{E000}1\u{E001} 2018",
                     String(repeating: "ab😀é中", count: 30)] {
            assertSameText(text)
        }
    }

    func testEvidenceTextIsThatOfTheScalarsOnTheSeeds() {
        var lines = 0
        for line in EntityGoldCorpus.shared.blockLines {
            assertSameText(line.text)
            lines += 1
        }
        XCTAssertGreaterThan(lines, 100)
    }

    func testEvidenceTextIsThatOfTheScalarsOnTheSeedsWithMentions() {
        let matcher = EntityGoldCorpus.matcher
        var placed = 0
        for line in EntityGoldCorpus.shared.blockLines {
            let mentions = matcher.mentions(in: line.text).sorted { $0.range.lowerBound < $1.range.lowerBound }
            assertSameText(line.text, mentions: mentions)
            placed += mentions.count
        }
        XCTAssertGreaterThan(placed, 100)
    }

    func testEvidenceTextIsThatOfTheScalarsWithRandomMentions() {
        var generator = SplitMix(state: 5)
        let pieces = ["a", "é", "😀", "حليف", " ", "HTS", "(", "中", "\u{E000}"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...30, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let n = text.unicodeScalars.count
            var mentions: [EntityMention] = []
            var next = 0
            while n > 0 && next < n {
                let start = Int.random(in: next...n - 1, using: &generator)
                let end = min(n, start + Int.random(in: 0...4, using: &generator))
                mentions.append(EntityMention(entityID: "x", range: start..<end, surface: ""))
                next = max(end, start + 1) + Int.random(in: 0...3, using: &generator)
            }
            assertSameText(text, mentions: mentions)
        }
    }
}
