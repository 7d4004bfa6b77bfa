import XCTest
@testable import QariCore

/// RelationPattern against NSRegularExpression on random patterns built from the shapes the
/// relation rules use: alternations, counted and unbounded repetitions (greedy and lazy) of
/// characters, classes and negated classes, captures, \b and the negation filler's lookahead.
/// They pin the compile-time rewrites of the program (threaded jumps, the split filters read
/// from negated classes, the shared filter table, characters of one unit compared as units) to
/// the plain matcher's answers.
final class RelationPatternRandomTests: XCTestCase {
    private struct Generator {
        var random: SplitMix
        var groups = 0

        mutating func pick(_ choices: [String]) -> String { choices.randomElement(using: &random)! }

        /// A piece that matches at least one character (a repeated body may not match empty).
        mutating func atom(depth: Int) -> String {
            switch Int.random(in: 0..<10, using: &random) {
            case 0, 1, 2: return pick(["a", "b", "n", "t", " ", "\\.", "\\x{E000}", "é", "😀"])
            case 3, 4: return pick(["[ab]", "[^ab.]", "[^\\x{E000}\\x{E001}.;!?]", "[nt ]", "\\w", "[^nt]", "\\d", "[a-c😀]"])
            // The shape of the filler {N}: a negated class, or one of its letters when no word starts there.
            case 5: return pick(["(?:[^abn .]|(?!\\b(?:an|not)\\b)[abn])", "(?:[^nt]|(?!\\b(?:no|to)\\b)[nt])"])
            default:
                guard depth > 0 else { return pick(["a", "[^a ]", "n"]) }
                let inner = alternation(depth: depth - 1, nonEmpty: true)
                if Int.random(in: 0..<3, using: &random) == 0 {
                    groups += 1
                    return "(?<g\(groups)>\(inner))"
                }
                return Int.random(in: 0..<2, using: &random) == 0 ? "(?:\(inner))" : "(\(inner))"
            }
        }

        mutating func quantifier() -> String {
            pick(["", "", "", "?", "??", "*", "*?", "+", "+?", "{0,3}", "{0,3}?", "{1,4}", "{1,4}?", "{2}", "{0,12}?", "{0,12}"])
        }

        /// One to four pieces; with `nonEmpty`, the first always consumes a character.
        mutating func sequence(depth: Int, nonEmpty: Bool) -> String {
            var s = ""
            for k in 0..<Int.random(in: 1...4, using: &random) {
                if k > 0 || !nonEmpty, Int.random(in: 0..<6, using: &random) == 0 {
                    s += pick(["\\b", "(?!\\b(?:an|not)\\b)", "(?!a|b)"])
                    continue
                }
                let piece = atom(depth: depth)
                // A group is repeated only a little: nested unbounded loops backtrack for ever.
                var q = piece.hasPrefix("(") && !piece.hasPrefix("(?:[^") ? pick(["", "", "?", "??", "{0,2}", "{1,2}?"]) : quantifier()
                if k == 0 && nonEmpty && (q.hasPrefix("?") || q.hasPrefix("*") || q.hasPrefix("{0")) { q = "" }
                s += piece + q
            }
            return s
        }

        mutating func alternation(depth: Int, nonEmpty: Bool) -> String {
            (0..<Int.random(in: 1...3, using: &random)).map { _ in sequence(depth: depth, nonEmpty: nonEmpty) }.joined(separator: "|")
        }
    }

    /// Patterns that match no empty string (where an empty match falls after another, the engine
    /// need not agree with ICU, and no rule matches empty).
    func testRandomPatternsAgreeWithICU() {
        var generator = Generator(random: SplitMix(state: 20261207_7))
        let pieces = ["a", "b", "n", "t", " ", ".", "not ", "an ", "no ", "to ", "ab", "nab ", "\u{E000}", "\u{E001}", "é",
                      "e\u{301}", "😀", "1", ";", "tan", "bat "]
        var compiled = 0, compared = 0, matched = 0
        for _ in 0..<1500 {
            generator.groups = 0
            let source = generator.alternation(depth: 2, nonEmpty: true)
            guard let pattern = RelationPattern(source) else { continue }
            compiled += 1
            let regex = try! NSRegularExpression(pattern: source, options: [])
            for _ in 0..<8 {
                let text = generator.random.text(of: pieces, most: 6)
                let units = Array(text.utf16)
                let range = NSRange(location: 0, length: units.count)
                let expected = regex.matches(in: text, options: [], range: range).map { m in
                    (0..<m.numberOfRanges).map { m.range(at: $0) }
                }
                let found = units.withUnsafeBufferPointer { pattern.matches(in: $0, range: range) }.map { [$0.range] + $0.groups }
                XCTAssertEqual(found, expected, "\(source) on \(text.debugDescription)")
                compared += 1
                if !expected.isEmpty { matched += 1 }
            }
        }
        print("random patterns: \(compiled) compiled, \(compared) texts, \(matched) with matches")
        XCTAssertGreaterThan(compiled, 1000)
        XCTAssertGreaterThan(matched, compared / 4, "the random texts must match the patterns often")
    }

    /// The program's instructions stay 16 bytes (see `Instruction`).
    func testInstructionsAreSixteenBytes() {
        XCTAssertEqual(MemoryLayout<RelationPattern.Instruction>.stride, 16)
    }
}
