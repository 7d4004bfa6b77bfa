import XCTest
@testable import QariCore

/// The fused steps the program is rewritten with once compiled, against NSRegularExpression on
/// random patterns of the shapes that get them and random texts that run them: the lazy
/// repetitions of one character (`LazyLoop`: "{W}{0,40}?(?:allied|aligned)", the filler {N}
/// before "\b(attack words by initial)") and the alternations' first-unit dispatch.
final class RelationPatternFusedTests: XCTestCase {
    private func assertAgrees(_ source: String, _ pattern: RelationPattern, _ texts: [String], _ random: inout SplitMix,
                              file: StaticString = #filePath, line: UInt = #line) -> Int {
        let regex = try! NSRegularExpression(pattern: source, options: [])
        var matched = 0
        for text in texts {
            let units = Array(text.utf16)
            var ranges = [NSRange(location: 0, length: units.count)]
            if units.count > 2 {
                // A range that does not cut a surrogate pair (the template's segments never do).
                let a = Int.random(in: 0..<units.count, using: &random), b = Int.random(in: a...units.count, using: &random)
                if (a == 0 || !UTF16.isLeadSurrogate(units[a - 1])) && (b == 0 || !UTF16.isLeadSurrogate(units[b - 1])) {
                    ranges.append(NSRange(location: a, length: b - a))
                }
            }
            for range in ranges {
                let expected = regex.matches(in: text, options: [], range: range).map { m in (0..<m.numberOfRanges).map { m.range(at: $0) } }
                let found = units.withUnsafeBufferPointer { pattern.matches(in: $0, range: range) }.map { [$0.range] + $0.groups }
                XCTAssertEqual(found, expected, "\(source) on \(text.debugDescription) in \(range)", file: file, line: line)
                if !expected.isEmpty { matched += 1 }
            }
        }
        return matched
    }

    /// 400 patterns from `make`, each compiled and compared with ICU on 12 random texts of `pieces`
    /// (at most `most` each): how many compiled, how many of those have the fused step (`fused`),
    /// and how many texts and ranges matched.
    private func trials(_ random: inout SplitMix, pieces: [String], most: Int, make: (inout SplitMix) -> String,
                        fused: (RelationPattern) -> Bool) -> (compiled: Int, fused: Int, matched: Int) {
        var compiled = 0, withStep = 0, matched = 0
        for _ in 0..<400 {
            let source = make(&random)
            guard let pattern = RelationPattern(source) else { continue }
            compiled += 1
            if fused(pattern) { withStep += 1 }
            let texts = (0..<12).map { _ in random.text(of: pieces, most: most) }
            matched += assertAgrees(source, pattern, texts, &random)
        }
        return (compiled, withStep, matched)
    }

    /// `prefix (B{m,n}?) C`, B one character (a class, or the filler's shape: a negated class, or
    /// one of its letters where no negation starts), C what the rules put after their fillers.
    func testLazyRepetitionsOfOneCharacterAgreeWithICU() {
        var random = SplitMix(state: 20261207_9)
        let bodies = ["[^\\x{E000}\\x{E001}.;!?]", "(?:[^\\x{E000}\\x{E001}.;!?nsa]|(?!\\b(?:n(?:ot|ever)|s(?:topped)|a(?:lthough))\\b)[nsa])",
                      "(?:[^abn .]|(?!\\b(?:an|not)\\b)[abn])", "[a-c ]", "[^a]", "\\w", "[^nt]", "[a-cé😀]", "[^ .]"]
        let continuations = ["\\b(?:a(?:ttack(?:ed|s)?|nd)|s(?:truck|trikes)|b(?:omb))\\b", "(?:allied|aligned) with", "\\x{E000}\\d+\\x{E001}",
                             "\\bnot\\b", "(?<c>b+)", " ", "a|\\bt", "(?:a|b)?n", "é"]
        let prefixes = ["", "\\x{E000}\\d+\\x{E001}", "(?<p>[ab]+)", "\\b", "a"]
        let quantifiers = ["{0,2}?", "{0,5}?", "{0,12}?", "{1,6}?", "{2,4}?", "{0,40}?"]
        let pieces = ["a", "b", "n", "t", "s", "not ", "an ", "attack ", "attacked", "struck ", "and", " ", " ", ".", "\u{E000}1\u{E001}",
                      "\u{E000}23\u{E001}", "é", "e\u{301}", "😀", "ba", "allied with ", "aligned", "bomb ", "strikes", "\u{0640}", "حليف ", "x", "never ", "stopped ", "not"]
        let (compiled, fused, matched) = trials(&random, pieces: pieces, most: 14, make: { random in
            prefixes.randomElement(using: &random)! + "(?<f>" + bodies.randomElement(using: &random)!
                + quantifiers.randomElement(using: &random)! + ")" + continuations.randomElement(using: &random)!
        }, fused: { !$0.loops.isEmpty })
        XCTAssertEqual(compiled, 400)
        XCTAssertGreaterThan(fused, 350, "most of these repetitions must be fused")
        XCTAssertGreaterThan(matched, 1000, "the texts must match often")
    }

    /// A filler before an alternation of words, as "{N}{0,80}?\\b(attack words)\\b{N}{0,120}?{A:o}": the
    /// continuation is tried only where the next unit can be its second (`LazyLoop.pairs`). The
    /// texts hold words that share an initial with the alternatives and then part from them
    /// ("an", "at", "st", "bo ", "sh"), words cut short at the range's end, and captures after the
    /// continuation's first unit that the backtracking must undo.
    func testContinuationsTriedByTheirSecondUnitAgreeWithICU() {
        var random = SplitMix(state: 20261207_11)
        let bodies = ["[^\\x{E000}\\x{E001}.;!?]", "(?:[^\\x{E000}\\x{E001}.;!?nsa]|(?!\\b(?:n(?:ot|ever)|s(?:topped)|a(?:lthough))\\b)[nsa])",
                      "[^.]", "[a-z ]", "\\w"]
        let continuations = ["\\b(?:a(?:ttack(?:ed|s)?|t)|s(?:truck|helled)|b(?:omb))\\b", "\\b(?:at|an|st)(?<c>\\w*) ", "(?:sh|s(?<d>t)r)",
                             "\\b(?:a(?:n|t) |b(?:o|a)|é)", "(?:ab|a\\b|x?b?t)", "\\bs(?:t|h)[a-z]*?\\x{E000}\\d+\\x{E001}"]
        let quantifiers = ["{0,3}?", "{0,12}?", "{1,6}?", "{0,40}?"]
        let pieces = ["a", "b", "s", "t", "an ", "at ", "at", "st", "sh", "bo ", "ba", "attack ", "attacked", "struck ", "shelled", "bomb",
                      "not ", "although ", " ", " ", ".", "\u{E000}1\u{E001}", "é", "😀", "str", "x", "ab "]
        let (compiled, paired, matched) = trials(&random, pieces: pieces, most: 14, make: { random in
            ["", "\\x{E000}\\d+\\x{E001}", "\\b"].randomElement(using: &random)! + "(?<f>" + bodies.randomElement(using: &random)!
                + quantifiers.randomElement(using: &random)! + ")" + continuations.randomElement(using: &random)!
        }, fused: { $0.loops.contains { $0.pairs >= 0 } })
        XCTAssertEqual(compiled, 400)
        XCTAssertGreaterThan(paired, 300, "most of these continuations must be tried by their second unit")
        XCTAssertGreaterThan(matched, 1000, "the texts must match often")
    }

    /// The filler {N} whose letters that start a negation are taken where the next unit cannot be
    /// the negation's second (`LazyLoop.lookaheadPairs`): words that share an initial with a
    /// negation and part from it at the second unit ("nab", "sa", "in", "with") or later ("ne",
    /// "stop", "al"), the negations themselves, words cut short at the range's end, and a
    /// lookahead whose body can end after its first unit ("a\\b": its second unit is not read).
    func testNegationLookaheadsReadByTheirSecondUnitAgreeWithICU() {
        var random = SplitMix(state: 20261208_1)
        let bodies = ["(?:[^\\x{E000}\\x{E001}.;!?nsaiw]|(?!\\b(?:n(?:ot|ever|o longer)|s(?:topped)|a(?:lthough)|i(?:f)|w(?:ants?|ould))\\b)[nsaiw])",
                      "(?:[^nsa .]|(?!\\b(?:not|s(?:t|h)op|an?)\\b)[nsa])", "(?:[^ab .]|(?!\\b(?:a|b[a-c]+)\\b)[ab])",
                      "(?:[^n .]|(?!\\b(?:n|no)\\b)[n])"]
        let continuations = ["\\b(?:a(?:ttack(?:ed|s)?|t)|s(?:truck|helled)|b(?:omb))\\b", "\\x{E000}\\d+\\x{E001}", "(?:allied|aligned) with", " ", "\\bs"]
        let quantifiers = ["{0,3}?", "{0,12}?", "{1,6}?", "{0,40}?"]
        let pieces = ["n", "s", "a", "i", "w", "b", "nab ", "no ", "not ", "never ", "ne", "no longer ", "no", "sa ", "stop ", "stopped ",
                      "shop ", "st", "al", "although ", "in ", "if ", "if", "with ", "wants ", "would", "wa", "an ", "a ", "bab ", "attack ",
                      "struck ", "bomb ", "allied with ", " ", " ", ".", "\u{E000}1\u{E001}", "é", "😀", "x"]
        let (compiled, paired, matched) = trials(&random, pieces: pieces, most: 14, make: { random in
            ["", "\\x{E000}\\d+\\x{E001}", "\\b"].randomElement(using: &random)! + "(?<f>" + bodies.randomElement(using: &random)!
                + quantifiers.randomElement(using: &random)! + ")" + continuations.randomElement(using: &random)!
        }, fused: { $0.loops.contains { $0.lookaheadPairs >= 0 } })
        XCTAssertGreaterThan(compiled, 250)
        XCTAssertGreaterThan(paired, 200, "most of these negations must be read by their second unit")
        XCTAssertGreaterThan(matched, 1000, "the texts must match often")
    }

    /// Placeholders read in one step (`RelationPattern.placeholderAt`): each kind, captured or
    /// not, in lists, before fillers and optional words, against texts with well-formed
    /// placeholders and near misses: no digits, digits that are not ASCII (Arabic-Indic, and a
    /// mathematical digit of two units), the wrong closing, an opening or closing alone, and
    /// ranges that cut a placeholder.
    func testPlaceholdersAgreeWithICU() {
        var random = SplitMix(state: 20261208_2)
        let placeholders = ["\\x{E000}\\d+\\x{E001}", "(?<a>\\x{E000}\\d+\\x{E001})", "(?<m>\\x{E002}\\d+\\x{E003})",
                            "(?<p>\\x{E004}\\d+\\x{E005})", "\\x{E006}\\d+\\x{E007}", "[“\"]?\\x{E000}\\d+\\x{E001}[”\"]?"]
        let joints = [" ", ",? ", " and ", "(?:,| and) ", "[^\\x{E000}\\x{E001}.]{0,6}?", "(?: the)? ", "-"]
        let pieces = ["\u{E000}1\u{E001}", "\u{E000}23\u{E001}", "\u{E002}4\u{E003}", "\u{E004}5\u{E005}", "\u{E006}7\u{E007}",
                      "\u{E000}\u{E001}", "\u{E000}\u{0661}\u{E001}", "\u{E000}1\u{0662}\u{E001}", "\u{E000}\u{1D7CF}\u{E001}",
                      "\u{E000}1\u{E003}", "\u{E000}", "\u{E001}", "\u{E000}12", "1\u{E001}", "\u{E002}3\u{E001}",
                      " ", " and ", ", ", " the ", "-", "\"", "“", "”", "a", "7", "."]
            + Array(repeating: "\u{E000}1\u{E001}", count: 6) + Array(repeating: "\u{E000}12\u{E001}", count: 3)
            + ["\u{E002}0\u{E003}", "\u{E004}9\u{E005}", " ", " ", " and ", "\u{E006}31\u{E007}"]
        var fusedCount = 0
        let (compiled, fused, matched) = trials(&random, pieces: pieces, most: 10, make: { random in
            var source = placeholders.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 0...1, using: &random) {
                // Group names once each: a second named placeholder is left unnamed.
                let next = placeholders.randomElement(using: &random)!.replacingOccurrences(of: "(?<", with: "(?<x\(source.count)")
                source += joints.randomElement(using: &random)! + next
            }
            return source
        }, fused: { pattern in
            fusedCount += pattern.placeholderSteps
            return pattern.placeholderSteps > 0
        })
        XCTAssertGreaterThan(compiled, 350)
        XCTAssertEqual(fused, compiled, "every placeholder is read in one step")
        XCTAssertGreaterThan(fusedCount, compiled + compiled / 2)
        XCTAssertGreaterThan(matched, 1000, "the texts must match often")
    }

    /// Alternations of three branches or more (`dispatchRow`), their branches starting with
    /// distinct or shared units, literal or classes, empty or not, nested, captured, repeated,
    /// after a \\b or a lookahead as in the rules (repeated a little only: an unbounded repetition
    /// of branches that overlap backtracks for ever).
    func testAlternationsAgreeWithICU() {
        var random = SplitMix(state: 20261207_10)
        let branches = ["attack", "attacked", "launched", "struck", "strikes", "shelled", "bomb", "bombed", "clash(?:ed|es)? with",
                        "war (?:on|against)", "an", "a", "not", "n", "", " ", "[ab]c", "[^a ]", "\\w+", "\\x{E000}\\d+\\x{E001}", "é",
                        "😀", "(?<g>b)", "t(?:o|he)", "\\.", "\\d"]
        let pieces = ["a", "b", "n", "t", "s", "c", "not ", "an ", "attack ", "attacked", "struck ", "strikes", "and", " ", " ", ".",
                      "\u{E000}1\u{E001}", "é", "😀", "ba", "bomb ", "bombed", "clashes with ", "clash with", "war on ", "war against",
                      "the ", "to ", "x", "1"]
        let shapes = ["(?:%@)", "\\b(?:%@)\\b", "(?<x>%@) ", "(?:%@)??t", "(?!\\b(?:%@)\\b)[a-z]+", "[ab](?:%@){0,2}", "(?:%@){0,2}?\\.",
                      "x?(?:%@)(?:%@)"]
        let (compiled, dispatched, matched) = trials(&random, pieces: pieces, most: 10, make: { random in
            var shape = shapes.randomElement(using: &random)!
            while let hole = shape.range(of: "%@") {
                var alternatives = (0..<Int.random(in: 3...8, using: &random)).map { _ in branches.randomElement(using: &random)! }
                // No pattern matches empty (see RelationPatternRandomTests): an empty branch only
                // where something else follows or precedes.
                if !(shape.hasSuffix(") ") || shape.hasPrefix("[ab]") || shape.hasPrefix("(?!") || shape.hasSuffix("t")) { alternatives = alternatives.map { $0.isEmpty ? "x" : $0 } }
                shape.replaceSubrange(hole, with: alternatives.joined(separator: "|"))
            }
            return shape
        }, fused: { !$0.dispatchRows.isEmpty })
        XCTAssertGreaterThan(compiled, 350)
        XCTAssertGreaterThan(dispatched, 200, "most of these alternations must be dispatched")
        XCTAssertGreaterThan(matched, 1000, "the texts must match often")
    }

    /// The rules' fillers are fused: {W} and {N} before what follows them.
    func testRuleFillersAreFused() {
        let fused = RelationRule.all.compactMap(\.pattern).filter { !$0.loops.isEmpty }.count
        XCTAssertGreaterThan(fused, 15)
        let negations = RelationRule.all.compactMap(\.pattern).filter { $0.loops.contains { $0.lookaheadPairs >= 0 } }.count
        XCTAssertGreaterThanOrEqual(negations, 3, "the fillers {N} read their negations by the second unit")
        let placeholders = RelationRule.all.compactMap(\.pattern).filter { $0.placeholderSteps > 0 }.count
        XCTAssertGreaterThan(placeholders, 45, "the rules' placeholders are read in one step")
        let dispatched = RelationRule.all.compactMap(\.pattern).filter { !$0.dispatchRows.isEmpty }.count
        XCTAssertGreaterThan(dispatched, 30)
    }
}
