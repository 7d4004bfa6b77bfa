/// A calendar date found in text.
public struct FoundDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// The UTF-16 offsets would tie this to Foundation; scalar offsets match the rest of qari.
    public var range: Range<Int>
    public var iso: String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Finds dates written as the seeds write them: "May 12, 2020", "11 May 2020", "23.08.2019",
/// "August 23rd, 2019", "SEPTEMBER 12, 2019", "2019-08-23", "أغسطس 24, 2019", "24 آب 2019".
public enum DateParser {
    private struct Token {
        var text: Substring
        var start: Int
        var end: Int
    }

    private static let monthNames: [String: Int] = {
        var m: [String: Int] = [:]
        let english = ["january", "february", "march", "april", "may", "june", "july", "august",
                       "september", "october", "november", "december"]
        for (i, name) in english.enumerated() {
            m[name] = i + 1
            m[String(name.prefix(3))] = i + 1
        }
        m["sept"] = 9
        // Egyptian/Gulf month names and the Levantine ones used by Syrian outlets.
        let arabic = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                      "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
        for (i, name) in arabic.enumerated() { m[name] = i + 1 }
        m["ابريل"] = 4; m["إبريل"] = 4; m["اغسطس"] = 8; m["اكتوبر"] = 10; m["يونيه"] = 6; m["يوليه"] = 7
        let levantine = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                         "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
        for (i, name) in levantine.enumerated() where !name.contains(" ") { m[name] = i + 1 }
        m["اذار"] = 3; m["ايار"] = 5; m["اب"] = 8; m["ايلول"] = 9
        return m
    }()

    /// Tokens: runs of letters or of digits, with their scalar offsets.
    private static func tokens(_ text: Substring) -> [Token] {
        var out: [Token] = []
        var start = -1
        var kind = 0 // 1 letters, 2 digits
        var startIndex = text.startIndex
        var offset = 0
        var index = text.startIndex
        let scalars = text.unicodeScalars
        var si = scalars.startIndex
        while si != scalars.endIndex {
            let s = scalars[si]
            let v = s.value
            let k: Int
            if v >= 0x30 && v <= 0x39 { k = 2 }
            else if v < 0x80 { k = (v | 0x20) &- 0x61 < 26 ? 1 : 0 } // ASCII without property look-ups
            else if s.properties.isAlphabetic { k = 1 }
            else { k = 0 }
            if k != kind {
                if kind != 0 {
                    out.append(Token(text: text[startIndex..<index], start: start, end: offset))
                }
                kind = k
                start = offset
                startIndex = index
            }
            si = scalars.index(after: si)
            index = si
            offset += 1
        }
        if kind != 0 { out.append(Token(text: text[startIndex..<index], start: start, end: offset)) }
        return out
    }

    private static func number(_ t: Token) -> Int? {
        guard t.text.utf8.count <= 4, let n = Int(t.text) else { return nil }
        return n
    }

    /// English month names and abbreviations as lower-case bytes, for look-ups without allocating.
    private static let englishMonths: [([UInt8], Int)] = monthNames.compactMap { key, value in
        key.utf8.allSatisfy { $0 < 0x80 } ? (Array(key.utf8), value) : nil
    }

    private static func month(_ t: Token) -> Int? {
        let u = t.text.utf8
        guard u.count >= 3 && u.count <= 24 else { return nil }
        if let first = u.first, first < 0x80 {
            guard u.count <= 9 else { return nil }
            var lower = [UInt8](repeating: 0, count: u.count)
            var i = 0
            for b in u { lower[i] = b &- 0x41 < 26 ? b | 0x20 : b; i += 1 }
            return englishMonths.first { $0.0 == lower }?.1
        }
        return monthNames[String(t.text)]
    }

    private static func isYear(_ n: Int) -> Bool { n >= 1900 && n <= 2100 }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard isYear(y), m >= 1, m <= 12, d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    /// Every date in the text with a year, in order.
    public static func dates(in text: Substring) -> [FoundDate] {
        let t = tokens(text)
        var out: [FoundDate] = []
        var i = 0
        let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
        func gapIsSeparator(_ a: Token, _ b: Token, allowed: Set<Character>) -> Bool {
            // The characters between two tokens: only spaces and the allowed punctuation.
            let between = text.unicodeScalars.dropFirst(a.end).prefix(b.start - a.end)
            return between.count <= 3 && between.allSatisfy { $0 == " " || $0 == "\u{A0}" || allowed.contains(Character($0)) }
        }
        while i < t.count {
            // Month D[th][,] YYYY
            if let m = month(t[i]), i + 2 < t.count, let d = number(t[i + 1]) {
                var j = i + 2
                if j < t.count, ordinalSuffixes.contains(t[j].text.lowercased()), t[j].start == t[i + 1].end { j += 1 }
                if j < t.count, let y = number(t[j]), valid(y, m, d),
                   gapIsSeparator(t[i], t[i + 1], allowed: ["."]), gapIsSeparator(t[j - 1], t[j], allowed: [","]) {
                    out.append(FoundDate(year: y, month: m, day: d, range: t[i].start..<t[j].end))
                    i = j + 1
                    continue
                }
            }
            // D Month YYYY
            if let d = number(t[i]), i + 2 < t.count, let m = month(t[i + 1]), let y = number(t[i + 2]), valid(y, m, d),
               gapIsSeparator(t[i], t[i + 1], allowed: []), gapIsSeparator(t[i + 1], t[i + 2], allowed: [","]) {
                out.append(FoundDate(year: y, month: m, day: d, range: t[i].start..<t[i + 2].end))
                i += 3
                continue
            }
            // dd.mm.yyyy, dd/mm/yyyy and yyyy-mm-dd
            if let a = number(t[i]), i + 2 < t.count, let b = number(t[i + 1]), let c = number(t[i + 2]) {
                if isYear(c), valid(c, b, a), gapIsSeparator(t[i], t[i + 1], allowed: [".", "/"]),
                   gapIsSeparator(t[i + 1], t[i + 2], allowed: [".", "/"]), t[i + 1].start - t[i].end == 1 {
                    out.append(FoundDate(year: c, month: b, day: a, range: t[i].start..<t[i + 2].end))
                    i += 3
                    continue
                }
                if isYear(a), valid(a, b, c), t[i].text.count == 4, gapIsSeparator(t[i], t[i + 1], allowed: ["-"]),
                   gapIsSeparator(t[i + 1], t[i + 2], allowed: ["-"]), t[i + 1].start - t[i].end == 1 {
                    out.append(FoundDate(year: a, month: b, day: c, range: t[i].start..<t[i + 2].end))
                    i += 3
                    continue
                }
            }
            i += 1
        }
        return out
    }

    public static func dates(in text: String) -> [FoundDate] { dates(in: text[...]) }

    /// True when the line is a date and little else: a dateline such as "Global Research, May 12, 2020".
    /// `allowedWords` counts the other words tolerated (a publisher's name).
    public static func isDateLine(_ line: Substring, allowedWords: Int = 4) -> FoundDate? {
        guard line.utf8.count < 120 else { return nil }
        let found = dates(in: line)
        guard let first = found.first else { return nil }
        let rest = tokens(line).filter { $0.end <= first.range.lowerBound || $0.start >= first.range.upperBound }
        return rest.count <= allowedWords ? first : nil
    }
}
