import XCTest
@testable import QariCore

/// RelationPattern must find what NSRegularExpression finds: the same matches and groups.
final class RelationPatternTests: XCTestCase {
    /// Every match, as "location,length" of the whole match and of each group.
    private func icu(_ pattern: String, _ text: String, _ range: NSRange) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [])
        return regex.matches(in: text, options: [], range: range).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0) }.map { "\($0.location == NSNotFound ? -1 : $0.location),\($0.length)" }
        }
    }

    private func mine(_ pattern: RelationPattern, _ text: String, _ range: NSRange) -> [[String]] {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { pattern.matches(in: $0, range: range) }.map { m in
            ([m.range] + m.groups).map { "\($0.location == NSNotFound ? -1 : $0.location),\($0.length)" }
        }
    }

    private func assertSame(_ source: String, _ text: String, _ range: NSRange? = nil, file: StaticString = #filePath, line: UInt = #line) {
        guard let pattern = RelationPattern(source) else { return XCTFail("not compiled: \(source)", file: file, line: line) }
        let range = range ?? NSRange(location: 0, length: text.utf16.count)
        XCTAssertEqual(mine(pattern, text, range), icu(source, text, range), "\(source) on \(text.debugDescription) in \(range)", file: file, line: line)
    }

    /// Patterns whose first unit may be a placeholder's (U+E000...U+E007) or another unit above
    /// ASCII, each followed by different units: the scan past starts whose second unit cannot
    /// follow keeps the two kinds apart (`RelationPattern.pairSlot`). Random text of Arabic
    /// letters, placeholders, digits and others, with the start at each of the first units.
    func testPatternsStartingWithPlaceholdersOrOtherUnitsAgreeWithICU() {
        var random = SplitMix(state: 20_261_211)
        let pieces = ["و", "ل", "ب", "ال", "وال", "حليف", "،", " ", "\u{E000}", "\u{E001}", "\u{E002}", "\u{E007}", "\u{E008}", "7",
                      "12", "é", "x", "😀", "\u{F000}", "\u{E000}3\u{E001}", "و\u{E000}4\u{E001}", "ك", "ف"]
        let sources = [
            "(?<s>[وبفلك]?\\x{E000}\\d+\\x{E001})", "[وبفلك]?\\x{E000}\\d+", "(?:و|\\x{E000})\\d", "(?:[\\x{E000}\\x{E002}]|ل)ال",
            "[\\x{E000}\\x{E005}\\x{F000}é]\\d", "(?:é|\\x{E007})x", "[ب-و]?\\x{E002}\\d", "(?:\\x{E001}|ل)+،",
        ]
        var matched = 0
        for source in sources {
            for _ in 0..<150 {
                let text = random.text(of: pieces, most: 24)
                let length = text.utf16.count
                let start = Int.random(in: 0...min(2, length), using: &random)
                assertSame(source, text, NSRange(location: start, length: length - start))
                if try! NSRegularExpression(pattern: source).firstMatch(in: text, range: NSRange(location: 0, length: length)) != nil {
                    matched += 1
                }
            }
        }
        XCTAssertGreaterThan(matched, 300)
    }

    /// Long backtracking runs: the stack outgrows its first memory on the call stack (128 entries)
    /// and moves to the heap, more than once, within one search.
    func testDeepBacktrackingAgreesWithICU() {
        let long = String(repeating: "ab ", count: 400)
        for text in [long, long + "c", "c" + long, long + "x" + long + "c"] {
            for pattern in ["(?:a|b| )*c", "(?:a|b| )*?c", "(?<x>(?:ab |a)*)x", "[a-c ]{0,200}?c", "(?:(a)|(b)| )+?c"] {
                assertSame(pattern, text)
            }
        }
    }

    func testSmallPatternsAgreeWithICU() {
        let texts = ["", "a", "aa ab abc abcc", "the cat sat on the mat", "foo-bar foo_bar foo1 élan e\u{301}lan",
                     "x\u{301}y \u{200D}z", "😀a😀 b", "Group’s leader, the group's head", "2018 in 1999; no. 12!",
                     "\u{E000}0\u{E001} and \u{E000}12\u{E001}, \u{E002}3\u{E003}-backed",
                     "a\t\u{B}b\u{C}\u{1C}c\u{85}d\u{A0}e\u{1680}f\u{180E}g\u{2007}h\u{200B}i\u{2028}j\u{202F}k\u{3000}l\u{FEFF}m \r\n",
                     "حليف\u{00A0}ل\u{E000}1\u{E001}، و\u{E000}2\u{E001}", "wa-\u{E000}1\u{E001}، و\u{E000}2\u{E001}"]
        let patterns = ["a", "ab|a", "a(?:b|bc)c?", "(?<x>a+?)(?<y>b)?", "a{2,3}", "a{1,3}?b", "[a-c]+", "[^a-c ]+",
                        "\\bt\\w+\\b", "\\b\\w+\\b", "[\\w’'-]+", "\\d{4}", "\\d+", "(?!the)\\b\\w{3}\\b", "o(?!o|n)",
                        "[^\\x{E000}\\x{E001}.;!?]{0,10}?\\x{E000}\\d+\\x{E001}", "(?:[\\w-]+ ){0,2}?head",
                        "(?<s>[^.;]*?)\\bon\\b", "[😀]", "[^a]", "x?y", "(a)|b", "(?:(a)|b)+", "(?:ab?)*c",
                        "[وبفلك]?\\x{E000}\\d+\\x{E001}", "\\s+", "\\S+", "a\\s*[b\\s]", "\\S*\\s+\\S", "e\\b", "\\ba", "(?:The|the) (?:[\\w’'-]+ )?(?:group|head)(?:’s|'s)"]
        for pattern in patterns {
            for text in texts {
                assertSame(pattern, text)
                let n = text.utf16.count
                if n > 4 { assertSame(pattern, text, NSRange(location: 2, length: n - 4)) }
            }
        }
    }

    func testUnsupportedSyntaxIsRefused() {
        for pattern in ["a.b", "^a", "a$", "[\\S]", "a++", "(?i)a", "(?=a)", "(?<=a)b", "[[a]]", "(?:a*)*", "\\p{L}"] {
            XCTAssertNil(RelationPattern(pattern), pattern)
        }
    }

    /// Text made of the pieces the relation patterns look for, in random order.
    private func randomText(_ generator: inout SplitMix, pieces: [String]) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...30, using: &generator) {
            text += pieces.randomElement(using: &generator)!
        }
        return text
    }

    func testEveryRulePatternAgreesWithICUOnRandomText() {
        var pieces: [String] = ["the ", "The ", "a ", "an ", "its ", "is ", "was ", "of ", "by ", "and ", ", ", ". ", "; ",
                                              "! ", "? ", " ", " ", " ", "(", ")", "’s ", "'s ", "\"", "“", "”", "-", "–", "—",
                                              "formerly ", "known as ", "group", "faction", "this ", "This ", "leader ", "not ",
                                              "never ", "would ", "attacked ", "clashes ", "between ", "forces of ", "as well as ",
                                              "including ", "2018", "Abu ", "Mr. ", "Turkish", "Russian", "-backed ", "-linked ",
                                              "President ", "members ", "coalition ", "led by ", "in ", "western ", "é", "e\u{301}",
                                              "\u{200D}", "😀", "و", "حليف ", "، ", "x", "\u{A0}", "\t", "\u{2028}", "ك", "ل", "the group’s spokesman "]
        var placeholders: [String] = []
        for k in 0..<8 {
            placeholders += ["\u{E000}\(k)\u{E001}", "\u{E000}\(k)\u{E001} ", "\u{E002}\(k)\u{E003}", "\u{E004}\(k)\u{E005}", "\u{E006}\(k)\u{E007} "]
        }
        var generator = SplitMix(state: 20261207)
        var compared = 0, matched = 0
        for rule in RelationRule.all {
            guard let pattern = rule.pattern else { continue }
            let source = pattern.pattern
            let regex = rule.regex
            // The rule's cue words and the placeholders often, so that texts match now and then.
            let cues = rule.cues.map { $0.hasPrefix("-") ? $0 + " " : " " + $0 + " " }
            let rulePieces = pieces + placeholders + placeholders + placeholders + cues + cues + cues + cues
            for _ in 0..<600 {
                let text = randomText(&generator, pieces: rulePieces)
                let n = text.utf16.count
                var ranges = [NSRange(location: 0, length: n)]
                if n > 2 {
                    let a = Int.random(in: 0..<n, using: &generator), b = Int.random(in: a...n, using: &generator)
                    // Not inside a surrogate pair: the template's segments end at ASCII marks.
                    let units = Array(text.utf16)
                    if (a == 0 || !UTF16.isLeadSurrogate(units[a - 1])) && (b == n || b == 0 || !UTF16.isLeadSurrogate(units[b - 1])) {
                        ranges.append(NSRange(location: a, length: b - a))
                    }
                }
                for range in ranges {
                    let expected = regex.matches(in: text, options: [], range: range).map { m in
                        (0..<m.numberOfRanges).map { m.range(at: $0) }.map { "\($0.location == NSNotFound ? -1 : $0.location),\($0.length)" }
                    }
                    XCTAssertEqual(mine(pattern, text, range), expected, "\(source) on \(text.debugDescription) in \(range)")
                    compared += 1
                    if !expected.isEmpty { matched += 1 }
                }
            }
        }
        XCTAssertGreaterThan(compared, 1000)
        XCTAssertGreaterThan(matched, 500, "the random texts must match some patterns")
    }

    func testNearlyAllRulePatternsRunWithoutICU() {
        let refused = RelationRule.all.filter { $0.pattern == nil }.count
        XCTAssertEqual(refused, 0)
    }
}

extension RelationPatternTests {
    /// `propertyBits` answers the private-use area without looking it up: the lookup says the same.
    func testPrivateUseCharactersHaveNoProperties() {
        for c in UInt32(0xE000)...0xF8FF {
            XCTAssertEqual(RelationPattern.properties(c), 0, String(c, radix: 16))
            XCTAssertEqual(RelationPattern.propertyBits(c), RelationPattern.properties(c))
        }
        for c in [UInt32(0x3100), 0x4E00, 0xDFFF, 0xF900, 0xFEFF, 0xFFFD, 0x1F600] {
            XCTAssertEqual(RelationPattern.propertyBits(c), RelationPattern.properties(c), String(c, radix: 16))
        }
    }

    /// The locative test's fast path equals NSRegularExpression (.caseInsensitive) on fold-free text.
    func testLocativeOnFoldFreeTextAgreesWithICU() {
        let pieces = ["in ", "In ", "IN ", "across ", "near ", "into ", "inside ", "throughout ", "the ", "THE ", "of ", "from ", "to ",
                      "on ", "north ", "North-western ", "northwestern ", "south-eastern ", "central ", "Eastern ", "west ", "x", "-",
                      " ", "  ", "a", "on", "in", "the", ".", "(", "'", "\u{E000}3\u{E001} ", "\u{E002}12\u{E003}", "’", "“", "—",
                      "\u{2026}", "حليف ", "\u{0600}", "\u{061C}", "\u{E006}4\u{E007} "]
        var generator = SplitMix(state: 7)
        var matched = 0
        for _ in 0..<6000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let units = Array(text.utf16)
            let start = Int.random(in: 0...units.count, using: &generator)
            let range = NSRange(location: start, length: units.count - start)
            let expected = RelationRule.locative.firstMatch(in: text, options: [], range: range) != nil
            XCTAssertTrue(units.allSatisfy(RelationPattern.isFoldFree))
            let found = units.withUnsafeBufferPointer { !RelationRule.foldFreeLocative.matches(in: $0, range: range).isEmpty }
            XCTAssertEqual(found, expected, "\(text.debugDescription) from \(start)")
            if expected { matched += 1 }
        }
        XCTAssertGreaterThan(matched, 300)
    }
}
