import Foundation
import XCTest
@testable import TerminalText

/// Unicode's own bidi conformance files, run through the reordering path `layout`
/// uses (`BidiParagraph`: FriBidi types, brackets, levels, then one line reordered
/// with rules L1 and L2), shaping off. The explicit formatting characters these
/// files exercise are removed by the sanitiser before `layout` ever sees them, so
/// the files go straight to the bidi engine.
///
/// The files come from Debian's unicode-data (Unicode 15) while FriBidi 1.0.8
/// carries Unicode 10 character data, so some cases could in principle fail; the
/// failures are counted and the counts pinned, so that any change, up or down,
/// fails the test. Measured: every one of the 91,707 character cases and 770,241
/// class cases passes (the characters the files use kept their bidi data since
/// Unicode 10, and the algorithm itself has not changed), so both counts are 0.
final class BidiConformanceTests: XCTestCase {
    static let characterTestPath = "/usr/share/unicode/BidiCharacterTest.txt"
    static let classTestPath = "/usr/share/unicode/BidiTest.txt"

    /// Cases of BidiCharacterTest.txt 15.0 that FriBidi 1.0.8 fails.
    static let expectedCharacterTestFailures = 0
    /// Cases of BidiTest.txt 15.0 that FriBidi 1.0.8 fails.
    static let expectedClassTestFailures = 0

    func testBidiCharacterTest() throws {
        let data = try Self.load(Self.characterTestPath)
        var run = ConformanceRun()
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let first = line.first, first != UInt8(ascii: "#") else { continue }
            var fields: [ArraySlice<UInt8>] = []
            var fieldStart = line.startIndex
            for index in line.indices where line[index] == UInt8(ascii: ";") {
                fields.append(line[fieldStart ..< index])
                fieldStart = index + 1
            }
            fields.append(line[fieldStart...])
            guard fields.count >= 5 else { continue }
            let scalars = Self.hexNumbers(fields[0])
            let direction: BaseDirection
            switch fields[1].first {
            case UInt8(ascii: "0"): direction = .ltr
            case UInt8(ascii: "1"): direction = .rtl
            default: direction = .auto
            }
            let paragraphLevel = Int(Self.decimalNumbers(fields[2]).first ?? 0)
            let levels = Self.levels(fields[3])
            let order = Self.decimalNumbers(fields[4])
            run.check(scalars: scalars, direction: direction, expectedParagraphLevel: paragraphLevel,
                      expectedLevels: levels, expectedOrder: order, source: line)
        }
        run.report(file: "BidiCharacterTest.txt")
        XCTAssertGreaterThan(run.cases, 90_000, "BidiCharacterTest.txt looks truncated")
        XCTAssertEqual(run.failures, Self.expectedCharacterTestFailures,
                       "failing cases of BidiCharacterTest.txt changed; first ones:\n" + run.examples.joined(separator: "\n"))
    }

    func testBidiTest() throws {
        let data = try Self.load(Self.classTestPath)
        var run = ConformanceRun()
        var levels: [Int] = []
        var order: [Int] = []
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            guard let first = line.first, first != UInt8(ascii: "#") else { continue }
            if first == UInt8(ascii: "@") {
                if line.starts(with: Array("@Levels:".utf8)) {
                    levels = Self.levels(line.dropFirst(8))
                } else if line.starts(with: Array("@Reorder:".utf8)) {
                    order = Self.decimalNumbers(line.dropFirst(9))
                }
                continue
            }
            // Data lines are most of the file; a plain byte loop keeps this test fast
            // in debug builds, where generic collection code is slow.
            var scalars: [UInt32] = []
            var key: UInt32 = 0
            var index = line.startIndex
            while index < line.endIndex && line[index] != UInt8(ascii: ";") {
                let byte = line[index]
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                    if key != 0 { scalars.append(Self.representative(key: key)) }
                    key = 0
                } else {
                    key = key << 8 | UInt32(byte)
                }
                index += 1
            }
            if key != 0 { scalars.append(Self.representative(key: key)) }
            guard index < line.endIndex else { continue }
            let directions = Self.decimalNumbers(line[(index + 1)...]).first ?? 0
            for (bit, direction) in [(1, BaseDirection.auto), (2, .ltr), (4, .rtl)] where directions & bit != 0 {
                run.check(scalars: scalars, direction: direction, expectedParagraphLevel: nil,
                          expectedLevels: levels, expectedOrder: order, source: line)
            }
        }
        run.report(file: "BidiTest.txt")
        XCTAssertGreaterThan(run.cases, 700_000, "BidiTest.txt looks truncated")
        XCTAssertEqual(run.failures, Self.expectedClassTestFailures,
                       "failing cases of BidiTest.txt changed; first ones:\n" + run.examples.joined(separator: "\n"))
    }

    /// The checker itself must be able to fail, or the counts above mean nothing.
    func testCheckerRejectsWrongLevelsAndOrder() {
        var run = ConformanceRun()
        let hebrewThenLatin: [UInt32] = [0x5D0, 0x5D1, 0x20, 0x41]
        run.check(scalars: hebrewThenLatin, direction: .ltr, expectedParagraphLevel: 0,
                  expectedLevels: [1, 1, 0, 0], expectedOrder: [1, 0, 2, 3], source: [])
        XCTAssertEqual(run.failures, 0)
        run.check(scalars: hebrewThenLatin, direction: .ltr, expectedParagraphLevel: 0,
                  expectedLevels: [1, 1, 0, 0], expectedOrder: [0, 1, 2, 3], source: [])
        run.check(scalars: hebrewThenLatin, direction: .ltr, expectedParagraphLevel: 0,
                  expectedLevels: [1, 1, 1, 0], expectedOrder: [1, 0, 2, 3], source: [])
        run.check(scalars: hebrewThenLatin, direction: .auto, expectedParagraphLevel: 0,
                  expectedLevels: [1, 1, 1, 2], expectedOrder: [3, 2, 1, 0], source: [])
        XCTAssertEqual(run.failures, 3)
        XCTAssertEqual(run.cases, 4)
    }

    // MARK: - Parsing

    private static func load(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MissingUnicodeData(path: path)
        }
        return [UInt8](data)
    }

    /// A character of each bidi class; none is a bracket, as BidiTest.txt assumes.
    private static let representatives: [String: UInt32] = [
        "L": 0x41, "R": 0x5D0, "AL": 0x627, "EN": 0x30, "ES": 0x2B, "ET": 0x24, "AN": 0x660, "CS": 0x2C,
        "NSM": 0x300, "BN": 0xAD, "B": 0x2029, "S": 0x09, "WS": 0x20, "ON": 0x21,
        "LRE": 0x202A, "RLE": 0x202B, "PDF": 0x202C, "LRO": 0x202D, "RLO": 0x202E,
        "LRI": 0x2066, "RLI": 0x2067, "FSI": 0x2068, "PDI": 0x2069,
    ]

    /// The same, keyed by the class name's bytes packed into an integer: the file
    /// has millions of class names, and building a String for each made this test
    /// several times slower in debug builds.
    private static let representativesByKey: [UInt32: UInt32] = Dictionary(
        uniqueKeysWithValues: representatives.map { (key(Array($0.key.utf8)[...]), $0.value) })

    private static func key(_ name: ArraySlice<UInt8>) -> UInt32 {
        name.reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func representative(key: UInt32) -> UInt32 {
        guard let scalar = representativesByKey[key] else {
            fatalError("unknown bidi class with key \(String(key, radix: 16))")
        }
        return scalar
    }

    private static func hexNumbers(_ text: ArraySlice<UInt8>) -> [UInt32] {
        var numbers: [UInt32] = []
        var current: UInt32? = nil
        for byte in text {
            let digit: UInt32?
            switch byte {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            default: digit = nil
            }
            if let digit {
                current = (current ?? 0) << 4 | digit
            } else if let value = current {
                numbers.append(value)
                current = nil
            }
        }
        if let value = current { numbers.append(value) }
        return numbers
    }

    private static func decimalNumbers(_ text: ArraySlice<UInt8>) -> [Int] {
        var numbers: [Int] = []
        var current: Int? = nil
        for byte in text {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                current = (current ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
            } else if let value = current {
                numbers.append(value)
                current = nil
            }
        }
        if let value = current { numbers.append(value) }
        return numbers
    }

    /// Levels with -1 for "x" (a character removed by rule X9).
    private static func levels(_ text: ArraySlice<UInt8>) -> [Int] {
        var levels: [Int] = []
        var current: Int? = nil
        for byte in text {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                current = (current ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
            } else {
                if let value = current { levels.append(value) }
                current = nil
                if byte == UInt8(ascii: "x") { levels.append(-1) }
            }
        }
        if let value = current { levels.append(value) }
        return levels
    }
}

/// Thrown (failing the test, never skipping it) when a conformance file is absent.
private struct MissingUnicodeData: Error, CustomStringConvertible {
    let path: String
    var description: String {
        "\(path) is missing: install Unicode's data files (Debian/Ubuntu: apt-get install unicode-data)"
    }
}

/// Tally of one conformance file.
private struct ConformanceRun {
    var cases = 0
    var failures = 0
    var examples: [String] = []

    mutating func check(scalars: [UInt32], direction: BaseDirection, expectedParagraphLevel: Int?,
                        expectedLevels: [Int], expectedOrder: [Int], source: ArraySlice<UInt8>) {
        cases += 1
        var paragraph = BidiParagraph(scalars: scalars, direction: direction)
        let order = paragraph.visualOrder(of: 0 ..< scalars.count)
        var passed = expectedLevels.count == scalars.count
        if let expectedParagraphLevel, expectedParagraphLevel != (paragraph.isRTL ? 1 : 0) { passed = false }
        var index = 0
        while passed && index < expectedLevels.count {
            if expectedLevels[index] >= 0 && Int(paragraph.levels[index]) != expectedLevels[index] { passed = false }
            index += 1
        }
        // Characters removed by X9 have no place in the expected order.
        var position = 0
        index = 0
        while passed && index < order.count {
            if expectedLevels[order[index]] >= 0 {
                if position >= expectedOrder.count || expectedOrder[position] != order[index] { passed = false }
                position += 1
            }
            index += 1
        }
        if position != expectedOrder.count { passed = false }
        if !passed {
            failures += 1
            if examples.count < 12 {
                examples.append("\(String(decoding: source, as: UTF8.self)) [\(direction)] -> levels "
                                + paragraph.levels.map(String.init).joined(separator: " ")
                                + " order " + order.map(String.init).joined(separator: " "))
            }
        }
    }

    func report(file: String) {
        print("\(file): \(cases) cases, \(failures) failures")
    }
}
