import Foundation
import XCTest
@testable import QariCore

/// A relation's evidence is cut from the source's UTF-8 (`RelationTemplate.textString`); its plain
/// definition makes it from the text's scalars (`EntityMatcher.string`).
final class RelationEvidenceTests: XCTestCase {
    private func assertSameText(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        var bytes = text
        let template = bytes.withUTF8 { utf8 in
            RelationTemplate.fromUTF8(text, utf8, sortedMentions: [], layout: RelationLayout(utf8, [], classify: { _ in (false, nil) }))
        }
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        var bounds = Set([0, n, n / 2, n / 3])
        for k in stride(from: 0, through: n, by: max(1, n / 12)) { bounds.insert(k) }
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
}
