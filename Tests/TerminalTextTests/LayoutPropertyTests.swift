import Foundation
import XCTest
import TerminalText

/// Random paragraphs of mixed Arabic, English, CJK, combining marks, controls and
/// escape sequences (seeded, so every run sees the same ones), laid out at random
/// widths from 1 to 200 with random options.
final class LayoutPropertyTests: XCTestCase {
    /// One piece of a generated paragraph, and whether its scalars must be seen.
    private struct Piece {
        var text: String
        /// Printable: must appear in exactly one cell. Spaces may be dropped at line
        /// breaks; controls, escape sequences, bidi controls and joiners never appear.
        var mustAppear: Bool
    }

    private static let mirrorPairs: [Unicode.Scalar: Unicode.Scalar] = [
        "(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«",
    ]

    private func randomPiece(_ random: inout SeededGenerator) -> Piece {
        func scalar(_ range: ClosedRange<UInt32>) -> String {
            String(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
        }
        switch Int.random(in: 0 ..< 100, using: &random) {
        case 0 ..< 25: return Piece(text: scalar(0x61 ... 0x7A), mustAppear: true)
        case 25 ..< 45: return Piece(text: scalar(0x621 ... 0x64A), mustAppear: true)
        case 45 ..< 50: return Piece(text: "\u{644}" + ["\u{627}", "\u{622}", "\u{623}", "\u{625}"].randomElement(using: &random)!,
                                     mustAppear: true)
        case 50 ..< 55: return Piece(text: scalar(0x64B ... 0x652), mustAppear: true)
        case 55 ..< 58: return Piece(text: scalar(0x300 ... 0x36F), mustAppear: true)
        case 58 ..< 64: return Piece(text: scalar(0x4E00 ... 0x9FA5), mustAppear: true)
        case 64 ..< 66: return Piece(text: scalar(0x1F600 ... 0x1F64F), mustAppear: true)
        case 66 ..< 80: return Piece(text: " ", mustAppear: false)
        case 80 ..< 84: return Piece(text: scalar(0x30 ... 0x39) + scalar(0x660 ... 0x669), mustAppear: true)
        case 84 ..< 88: return Piece(text: ["(", ")", "[", "]", "{", "}", "<", ">", "«", "»", ".", ",", "-", "!", "؟", "،"]
                                        .randomElement(using: &random)!, mustAppear: true)
        case 88: return Piece(text: scalar(0x5D0 ... 0x5EA), mustAppear: true)
        case 89: return Piece(text: "\t", mustAppear: false)
        case 90: return Piece(text: "\n", mustAppear: false)
        case 91, 92:
            // A lone ESC would rightly take the next character with it; escape
            // sequences come whole from case 94.
            let control = scalar(0x00 ... 0x1F)
            return Piece(text: control == "\u{1B}" ? "\u{7}" : control, mustAppear: false)
        case 93: return Piece(text: scalar(0x7F ... 0x8F), mustAppear: false)
        case 94: return Piece(text: ["\u{1B}[31m", "\u{1B}[0m", "\u{1B}]0;title\u{07}", "\u{1B}]8;;http://x\u{1B}\\",
                                     "\u{9B}2J", "\u{1B}(B", "\u{1B}7", "\u{1B}[?25l"].randomElement(using: &random)!,
                                    mustAppear: false)
        case 95, 96: return Piece(text: ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
                                         "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{61C}"].randomElement(using: &random)!,
                                        mustAppear: false)
        case 97: return Piece(text: ["\u{200D}", "\u{200C}", "\u{200B}", "\u{FEFF}"].randomElement(using: &random)!,
                              mustAppear: false)
        default: return Piece(text: scalar(0x41 ... 0x5A), mustAppear: true)
        }
    }

    func testRandomParagraphsAtRandomWidths() {
        var random = SeededGenerator(seed: 0x71_61_72_69)
        var checkedCells = 0
        for round in 0 ..< 600 {
            var pieces: [Piece] = []
            for _ in 0 ..< Int.random(in: 0 ... 160, using: &random) { pieces.append(randomPiece(&random)) }
            // Controls in escape sequences must not swallow their neighbours: the
            // generator only emits complete sequences.
            let paragraph = pieces.map(\.text).joined()
            var mustAppear: [Bool] = []
            for piece in pieces {
                mustAppear += Array(repeating: piece.mustAppear, count: piece.text.unicodeScalars.count)
            }
            let originals = Array(paragraph.unicodeScalars)
            let width = round < 40 ? round % 4 + 1 : Int.random(in: 1 ... 200, using: &random)
            let options = LayoutOptions(width: width,
                                        direction: [.auto, .auto, .ltr, .rtl].randomElement(using: &random)!,
                                        shaping: Bool.random(using: &random),
                                        ligatures: Bool.random(using: &random),
                                        alignRTL: Bool.random(using: &random))
            let lines = TerminalText.layout(paragraph, options: options)
            let context = "round \(round), width \(width), \(options), paragraph \(paragraph.unicodeScalars.map { String($0.value, radix: 16) })"

            XCTAssertFalse(lines.isEmpty, context)
            var seen = [Int](repeating: 0, count: originals.count)
            for line in lines {
                XCTAssertLessThanOrEqual(line.width, width, context)
                XCTAssertEqual(line.width, line.indent + line.cells.reduce(0) { $0 + $1.width }, context)
                XCTAssertEqual(line.text, String(repeating: " ", count: line.indent) + line.cellText, context)
                for scalar in line.text.unicodeScalars {
                    XCTAssertFalse(scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value), "control in output; \(context)")
                    XCTAssertFalse([0x61C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                    0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF].contains(scalar.value),
                                   "bidi control or filler in output; \(context)")
                }
                for cell in line.cells {
                    checkedCells += 1
                    XCTAssertTrue((1 ... 2).contains(cell.width), context)
                    XCTAssertEqual(TerminalText.displayWidth(cell.text) == cell.width
                                   || cell.text.unicodeScalars.first == "\u{A0}", true,
                                   "cell \(cell) width; \(context)")
                    var expected = String.UnicodeScalarView()
                    for index in cell.logicalRange where mustAppear[index] {
                        seen[index] += 1
                        expected.append(originals[index])
                    }
                    if expected.isEmpty {
                        XCTAssertEqual(cell.text.trimmingCharacters(in: .whitespaces), "", "cell \(cell) shows nothing printable; \(context)")
                        continue
                    }
                    XCTAssertTrue(Self.showsTheSameText(cell: cell, expected: String(expected), width: width),
                                  "cell \(cell) does not show \(String(expected)); \(context)")
                }
            }
            for index in originals.indices where mustAppear[index] {
                XCTAssertEqual(seen[index], 1, "scalar \(index) U+\(String(originals[index].value, radix: 16)) seen \(seen[index]) times; \(context)")
            }
        }
        XCTAssertGreaterThan(checkedCells, 10_000)
    }

    func testRandomTitlesTruncated() {
        var random = SeededGenerator(seed: 0x7469_746C_65)
        for round in 0 ..< 400 {
            var title = ""
            for _ in 0 ..< Int.random(in: 0 ... 60, using: &random) { title += randomPiece(&random).text }
            let width = Int.random(in: 0 ... 80, using: &random)
            let line = TerminalText.truncate(title, width: width)
            let context = "round \(round), width \(width), title \(title.unicodeScalars.map { String($0.value, radix: 16) })"
            XCTAssertLessThanOrEqual(line.width, width, context)
            XCTAssertEqual(line.indent, 0, context)
            let whole = TerminalText.displayWidth(title)
            let ellipses = line.cells.filter { $0.text == "…" && $0.logicalIndex + $0.logicalLength == title.unicodeScalars.count && !title.unicodeScalars.contains("…") }
            if whole <= width {
                XCTAssertEqual(line.width, whole, context)
                XCTAssertTrue(ellipses.isEmpty, context)
            } else if width > 0 {
                XCTAssertEqual(ellipses.count, 1, context)
                if let ellipsis = ellipses.first {
                    // The ellipsis sits at the logical end: the right end of a
                    // left-to-right title, the left end of a right-to-left one.
                    XCTAssertEqual(line.isRTL ? line.cells.first : line.cells.last, ellipsis, context)
                    for cell in line.cells where cell != ellipsis {
                        XCTAssertLessThan(cell.logicalIndex, ellipsis.logicalIndex, "cells after the cut; \(context)")
                    }
                }
            }
        }
    }

    /// The cell draws the expected scalars, up to Arabic presentation forms and
    /// ligatures (compared through NFKC), mirroring of a bracket, a no-break space
    /// carrying marks that had no base, and U+FFFD for a wide character in one column.
    private static func showsTheSameText(cell: Cell, expected: String, width: Int) -> Bool {
        if cell.text == "\u{FFFD}" && width == 1 { return TerminalText.displayWidth(expected) == 2 }
        // A space (or a no-break space standing in for none) may carry marks; spaces
        // themselves are not among the expected scalars.
        func normalized(_ text: String) -> String {
            String(text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { $0 != " " })
        }
        let shown = normalized(cell.text)
        if shown == normalized(expected) { return true }
        var mirrored = expected.unicodeScalars
        if let first = mirrored.first, let mirror = mirrorPairs[first] {
            mirrored.replaceSubrange(mirrored.startIndex ... mirrored.startIndex, with: [mirror])
        }
        return shown == normalized(String(mirrored))
    }
}
