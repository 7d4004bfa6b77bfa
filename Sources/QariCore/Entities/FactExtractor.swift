import Foundation

/// A number of people reported killed, injured or captured: "37 soldiers and 24 militants were killed"
/// gives two figures.
public struct CasualtyFigure: Sendable, Equatable {
    public var count: Int
    /// The people counted, as written: "soldiers", "Turkish troops", "field commanders".
    public var who: String
    /// killed, injured or captured.
    public var outcome: String
    /// Scalar offsets of the number and the people counted ("37 soldiers").
    public var range: Range<Int>

    public init(count: Int, who: String, outcome: String, range: Range<Int>) {
        self.count = count
        self.who = who
        self.outcome = outcome
        self.range = range
    }
}

/// Facts other than names read from one line of an article: casualty figures and dates.
public enum FactExtractor {
    static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    ]
    /// Nouns for people that casualty reports count.
    static let peopleNouns = [
        "soldiers?", "militants?", "fighters?", "civilians?", "troops", "servicem[ae]n", "terrorists?", "members?",
        "people", "persons?", "children", "child", "women", "woman", "men", "man", "commanders?", "officers?",
        "personnel", "rebels?", "insurgents?", "jihadists?", "gunmen", "gunman", "policem[ae]n", "combatants?",
        "militiam[ae]n", "recruits?", "guards?", "jihadis?", "volunteers?", "operatives?",
    ].joined(separator: "|")
    static let outcomes: [(pattern: String, outcome: String)] = [
        ("killed|killing|dead|died|slain|eliminated|eliminating|neutrali[sz]ed|neutrali[sz]ing", "killed"),
        ("injured|injuring|wounded|wounding|hurt", "injured"),
        ("captured|capturing|taken prisoner|detained|detaining|arrested|arresting|seized", "captured"),
    ]

    private static let number = "(?:\\d[\\d,]*|" + numberWords.keys.sorted { $0.count > $1.count }.joined(separator: "|") + ")"
    /// "NUM (adjective words) NOUN": up to two words between the number and the noun, none of them "of".
    private static let figure = "(?:at least |some |about |around |nearly |almost |more than |over |up to )?\(number) (?:(?!of\\b|and\\b|were\\b|was\\b)[A-Za-z’'-]+ ){0,2}?(?:\(peopleNouns))\\b"
    private static let figureRegex = try! NSRegularExpression(
        pattern: "\\b(?<num>\(number)) (?<who>(?:(?!of\\b|and\\b|were\\b|was\\b)[A-Za-z’'-]+ ){0,2}?(?:\(peopleNouns)))\\b",
        options: [.caseInsensitive])
    private static let outcomeAlternatives = outcomes.map { "(?<o\($0.outcome)>\($0.pattern))" }.joined(separator: "|")
    private static let list = "\(figure)(?:(?:,| and|, and) \(figure))*"
    /// "37 soldiers and 24 militants were killed", "5 civilians killed".
    private static let passiveRegex = try! NSRegularExpression(
        pattern: "\\b(?<list>\(list)),? (?:(?:were|was|have been|has been|had been|are|is|got|reportedly|also|all) ){0,3}(?:\(outcomeAlternatives))\\b",
        options: [.caseInsensitive])
    /// "killing 5 soldiers", "captured two field commanders and a fighter".
    private static let activeRegex = try! NSRegularExpression(
        pattern: "\\b(?:\(outcomeAlternatives)) (?<list>\(list))",
        options: [.caseInsensitive])

    /// Casualty figures in one line of text, in order.
    public static func casualties(in text: String) -> [CasualtyFigure] {
        let scalarText = ScalarIndexedText(text)
        var figures: [CasualtyFigure] = []
        var claimed: [NSRange] = []
        for regex in [passiveRegex, activeRegex] {
            for match in scalarText.matches(regex) {
                guard let listRange = scalarText.group(match, "list"),
                      let outcome = outcomes.first(where: { scalarText.group(match, "o" + $0.outcome) != nil })?.outcome
                else { continue }
                if claimed.contains(where: { NSIntersectionRange($0, listRange).length > 0 }) { continue }
                claimed.append(listRange)
                for part in figureRegex.matches(in: text, options: [], range: listRange) {
                    guard let numberRange = scalarText.group(part, "num"), let whoRange = scalarText.group(part, "who") else { continue }
                    let numberText = scalarText.substring(numberRange).lowercased()
                    guard let count = Int(numberText.replacingOccurrences(of: ",", with: "")) ?? numberWords[numberText] else { continue }
                    figures.append(CasualtyFigure(count: count, who: scalarText.substring(whoRange), outcome: outcome,
                                                  range: scalarText.scalarRange(part.range)))
                }
            }
        }
        return figures.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    // MARK: Dates

    static let englishMonths = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                "october", "november", "december"]
    /// Arabic month names, Egyptian (يناير) and Levantine (كانون الثاني) series; normalised spellings vary in hamza.
    static let arabicMonths: [(String, Int)] = [
        ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("إبريل", 4), ("مايو", 5), ("يونيو", 6),
        ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("اغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10),
        ("اكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12), ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4),
        ("أيار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11),
        ("كانون الأول", 12),
    ]
    private static let monthPattern = englishMonths.map { "\($0)|\($0.prefix(3))\\.?" }.joined(separator: "|")
    private static let arabicMonthPattern = arabicMonths.map(\.0).sorted { $0.count > $1.count }.joined(separator: "|")
    private static let dateRegexes: [(NSRegularExpression, String)] = [
        // May 12, 2020 / August 23rd, 2019 / أغسطس 24, 2019
        ("\\b(?<month>\(monthPattern)) (?<day>\\d{1,2})(?:st|nd|rd|th)?,? (?<year>(?:19|20)\\d{2})\\b", "mdy"),
        ("(?<amonth>\(arabicMonthPattern)) (?<day>\\d{1,2})،?,? (?<year>(?:19|20)\\d{2})\\b", "mdy"),
        // 11 May 2020 / 24 أغسطس 2019
        ("\\b(?<day>\\d{1,2})(?:st|nd|rd|th)? (?:of )?(?<month>\(monthPattern)),? (?<year>(?:19|20)\\d{2})\\b", "dmy"),
        ("\\b(?<day>\\d{1,2}) (?<amonth>\(arabicMonthPattern))،? (?<year>(?:19|20)\\d{2})", "dmy"),
        // 23.08.2019 / 23/08/2019 (day first, as the corpus's Russian and Arabic outlets write)
        ("\\b(?<day>\\d{1,2})[./](?<mnum>\\d{1,2})[./](?<year>(?:19|20)\\d{2})\\b", "dmy"),
        // 2019-08-23
        ("\\b(?<year>(?:19|20)\\d{2})-(?<mnum>\\d{2})-(?<day>\\d{2})\\b", "ymd"),
        // April 2013 (month precision)
        ("\\b(?<month>\(monthPattern)),? (?<year>(?:19|20)\\d{2})\\b", "my"),
        ("(?<amonth>\(arabicMonthPattern)) (?<year>(?:19|20)\\d{2})", "my"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.caseInsensitive]), $0.1) }

    /// Dates named in one line: full dates as yyyy-MM-dd, a month and year as yyyy-MM.
    /// Dates given without a year are left out: their year is a guess.
    public static func dates(in text: String) -> [(range: Range<Int>, iso: String)] {
        let scalarText = ScalarIndexedText(text)
        var found: [(range: Range<Int>, iso: String)] = []
        // Text read as an impossible date ("31.02.2020") is not read again as a month and year.
        var rejected: [Range<Int>] = []
        for (regex, _) in dateRegexes {
            for match in scalarText.matches(regex) {
                let range = scalarText.scalarRange(match.range)
                if found.contains(where: { $0.range.overlaps(range) }) || rejected.contains(where: { $0.overlaps(range) }) { continue }
                guard let yearRange = scalarText.group(match, "year"), let year = Int(scalarText.substring(yearRange)) else { continue }
                var month: Int?
                if let r = scalarText.group(match, "month") {
                    let name = scalarText.substring(r).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
                    month = englishMonths.firstIndex { $0 == name || $0.prefix(3) == name }.map { $0 + 1 }
                } else if let r = scalarText.group(match, "amonth") {
                    let name = scalarText.substring(r)
                    month = arabicMonths.first { $0.0 == name }?.1
                } else if let r = scalarText.group(match, "mnum") {
                    month = Int(scalarText.substring(r))
                }
                guard let month, (1...12).contains(month) else { continue }
                if let r = scalarText.group(match, "day") {
                    guard let day = Int(scalarText.substring(r)), (1...daysIn(month: month, year: year)).contains(day) else {
                        rejected.append(range)
                        continue
                    }
                    found.append((range, String(format: "%04d-%02d-%02d", year, month, day)))
                } else {
                    found.append((range, String(format: "%04d-%02d", year, month)))
                }
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
