import Foundation
import XCTest
@testable import QariCore

/// `RelationLayout` places a mention that lies before the first byte above ASCII of a text with
/// no "(" without walking to it. These texts are mostly ASCII, with and without parentheses,
/// with a character above ASCII here and there; the layout must place each mention where its
/// scalars are, in the role the plain template gives it.
final class RelationLayoutASCIITests: XCTestCase {
    private static let pieces: [String] = [
        "HTS", "ISIS", "Idlib", " ", " ", " ", "the ", "of ", "-backed ", "US-backed", "pro-", "anti-", "-", ", ", ". ",
        "(", ")", "(formerly ", "x", "2018", "attacked", "known as",
    ]
    private static let others: [String] = ["é", "’", "“", "😀", "حلب", "\u{E001}", "\u{A0}"]

    private static let entities: [String: (isPlace: Bool, acting: EntityType?)] = [
        "hts": (false, .faction), "syria": (false, .state_actor), "idlib": (true, .place), "abu": (false, .person),
    ]

    func testMentionsArePlacedWhereTheirScalarsAreOnMostlyASCIIText() {
        var generator = SplitMix(state: 20_261_209)
        let ids = Self.entities.keys.sorted()
        var shortcut = 0
        for round in 0..<4000 {
            var text = ""
            let withParentheses = round % 3 == 0
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                var piece = Self.pieces.randomElement(using: &generator)!
                if !withParentheses && piece.contains("(") { piece = " " }
                if Int.random(in: 0..<12, using: &generator) == 0 { piece = Self.others.randomElement(using: &generator)! }
                text += piece
            }
            let scalars = Array(text.unicodeScalars)
            var mentions: [EntityMention] = []
            if !scalars.isEmpty {
                for _ in 0..<Int.random(in: 0...10, using: &generator) {
                    let start = Int.random(in: 0..<scalars.count, using: &generator)
                    let end = min(scalars.count, start + Int.random(in: 0...6, using: &generator))
                    mentions.append(EntityMention(entityID: ids.randomElement(using: &generator)!, range: start..<end, surface: ""))
                }
            }
            mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
            let classify = { (id: String) in Self.entities[id] ?? (false, nil) }
            let plain = RelationTemplate(scalars: scalars, sortedMentions: mentions, classify: classify)
            // A scalar offset's UTF-8 offset, by counting.
            func byteOffset(_ scalar: Int) -> Int { scalars[..<scalar].reduce(0) { $0 + String($1).utf8.count } }
            var utf8 = text
            utf8.withUTF8 { bytes in RelationLayout.with(bytes, mentions, classify: classify) { layout in
                let message = "\(text.debugDescription) \(mentions.map { "\($0.entityID)@\($0.range)" })"
                XCTAssertEqual(layout.placed.count, plain.placeholders.count, message)
                for (k, placed) in zip(layout.placed.indices, layout.placed) where k < plain.placeholders.count {
                    let range = plain.placeholders[k].text
                    XCTAssertEqual(placed.bytes, byteOffset(range.lowerBound)..<byteOffset(range.upperBound), message)
                    XCTAssertEqual(placed.role, plain.roles[placed.index], message)
                }
                let ascii = bytes.prefix { $0 < 0x80 }.count
                if !text.contains("("), let last = layout.placed.last, last.bytes.upperBound <= ascii, layout.placed.count > 1 { shortcut += 1 }
            } }
        }
        // Many texts are placed by the shortcut alone.
        XCTAssertGreaterThan(shortcut, 500)
    }
}
