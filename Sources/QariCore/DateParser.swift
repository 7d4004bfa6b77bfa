/// A calendar date found in text.
public struct FoundDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// The UTF-16 offsets would tie this to Foundation; scalar offsets match the rest of qari.
    public var range: Range<Int>
    public var iso: String {
        if (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) {
            // Ten ASCII digits and dashes, written directly.
            let d: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
                UInt8(48 + year / 1000), UInt8(48 + year / 100 % 10), UInt8(48 + year / 10 % 10), UInt8(48 + year % 10), 45,
                UInt8(48 + month / 10), UInt8(48 + month % 10), 45, UInt8(48 + day / 10), UInt8(48 + day % 10))
            return withUnsafeBytes(of: d) { String(decoding: $0, as: UTF8.self) }
        }
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Finds dates written as the seeds write them: "May 12, 2020", "11 May 2020", "23.08.2019",
/// "August 23rd, 2019", "SEPTEMBER 12, 2019", "2019-08-23", "أغسطس 24, 2019", "24 آب 2019".
public enum DateParser {
    /// A run of letters or of digits: scalar offsets into the text.
    private struct Token {
        var start: Int
        var end: Int
        var isDigits: Bool
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
    private static func tokens(_ scalars: [Unicode.Scalar]) -> [Token] {
        var out: [Token] = []
        // Tokens alternate with the text between them: about half as many as scalars at most (one array, not grown).
        out.reserveCapacity(scalars.count / 2 + 1)
        var start = 0
        var kind = 0 // 1 letters, 2 digits
        for (offset, s) in scalars.enumerated() {
            let v = s.value
            let k: Int
            if v >= 0x30 && v <= 0x39 { k = 2 }
            else if v < 0x80 { k = (v | 0x20) &- 0x61 < 26 ? 1 : 0 } // ASCII without property look-ups
            else if s.properties.isAlphabetic { k = 1 }
            else { k = 0 }
            if k != kind {
                if kind != 0 { out.append(Token(start: start, end: offset, isDigits: kind == 2)) }
                kind = k
                start = offset
            }
        }
        if kind != 0 { out.append(Token(start: start, end: scalars.count, isDigits: kind == 2)) }
        return out
    }

    private static func number(_ t: Token, _ scalars: [Unicode.Scalar]) -> Int? {
        guard t.isDigits, t.end - t.start <= 4 else { return nil }
        var n = 0
        for i in t.start..<t.end { n = n * 10 + Int(scalars[i].value - 0x30) }
        return n
    }

    /// English month names and abbreviations as lower-case bytes, for look-ups without allocating.
    private static let englishMonths: [([UInt8], Int)] = monthNames.compactMap { key, value in
        key.utf8.allSatisfy { $0 < 0x80 } ? (Array(key.utf8), value) : nil
    }

    private static func month(_ t: Token, _ scalars: [Unicode.Scalar]) -> Int? {
        let n = t.end - t.start
        guard !t.isDigits, n >= 2, n <= 12 else { return nil }
        if scalars[t.start].value < 0x80 {
            guard n >= 3, n <= 9 else { return nil }
            // Compared in place against the names of the same length (no array per token).
            for i in 0..<n where scalars[t.start + i].value >= 0x80 { return nil }
            return englishMonths.first { name, _ in
                guard name.count == n else { return false }
                for i in 0..<n {
                    let b = UInt8(scalars[t.start + i].value)
                    if (b &- 0x41 < 26 ? b | 0x20 : b) != name[i] { return false }
                }
                return true
            }?.1
        }
        return monthNames[String(String.UnicodeScalarView(scalars[t.start..<t.end]))]
    }

    private static func isOrdinalSuffix(_ t: Token, _ scalars: [Unicode.Scalar]) -> Bool {
        guard !t.isDigits, t.end - t.start == 2 else { return false }
        let a = scalars[t.start].value | 0x20, b = scalars[t.start + 1].value | 0x20
        return (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68)
    }

    private static func isYear(_ n: Int) -> Bool { n >= 1900 && n <= 2100 }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard isYear(y), m >= 1, m <= 12, d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        // Days in the month, without an array per call.
        let days = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
        return d <= days
    }

    /// Every date in the text with a year, in order.
    /// The scalars of the text: from the bytes directly when they are all ASCII.
    private static func scalars(of text: Substring) -> [Unicode.Scalar] {
        if let ascii = text.withBytesIfAvailable({ b -> [Unicode.Scalar]? in
            for c in b where c >= 0x80 { return nil }
            return b.map { Unicode.Scalar($0) }
        }), let s = ascii { return s }
        return Array(text.unicodeScalars)
    }

    public static func dates(in text: Substring) -> [FoundDate] {
        let scalars = scalars(of: text)
        return dates(scalars, tokens(scalars), firstOnly: false)
    }

    private static let dot: [Unicode.Scalar] = ["."], comma: [Unicode.Scalar] = [","], none: [Unicode.Scalar] = [],
                       dotSlash: [Unicode.Scalar] = [".", "/"], dash: [Unicode.Scalar] = ["-"]

    /// The dates in order; with `firstOnly`, the search stops at the first (the same first date).
    private static func dates(_ scalars: [Unicode.Scalar], _ t: [Token], firstOnly: Bool) -> [FoundDate] {
        guard t.count >= 3 else { return [] }
        var out: [FoundDate] = []
        var i = 0
        func gapIsSeparator(_ a: Token, _ b: Token, allowed: [Unicode.Scalar]) -> Bool {
            // The characters between two tokens: only spaces and the allowed punctuation.
            guard b.start - a.end <= 3, a.end <= b.start else { return false }
            return scalars[a.end..<b.start].allSatisfy { $0 == " " || $0 == "\u{A0}" || allowed.contains($0) }
        }
        func num(_ k: Int) -> Int? { number(t[k], scalars) }
        while i < t.count && !(firstOnly && !out.isEmpty) {
            // Month D[th][,] YYYY
            if let m = month(t[i], scalars), i + 2 < t.count, let d = num(i + 1) {
                var j = i + 2
                if j < t.count, t[j].start == t[i + 1].end, isOrdinalSuffix(t[j], scalars) { j += 1 }
                if j < t.count, let y = num(j), valid(y, m, d),
                   gapIsSeparator(t[i], t[i + 1], allowed: dot), gapIsSeparator(t[j - 1], t[j], allowed: comma) {
                    out.append(FoundDate(year: y, month: m, day: d, range: t[i].start..<t[j].end))
                    i = j + 1
                    continue
                }
            }
            // D Month YYYY
            if let d = num(i), i + 2 < t.count, let m = month(t[i + 1], scalars), let y = num(i + 2), valid(y, m, d),
               gapIsSeparator(t[i], t[i + 1], allowed: none), gapIsSeparator(t[i + 1], t[i + 2], allowed: comma) {
                out.append(FoundDate(year: y, month: m, day: d, range: t[i].start..<t[i + 2].end))
                i += 3
                continue
            }
            // dd.mm.yyyy, dd/mm/yyyy and yyyy-mm-dd
            if let a = num(i), i + 2 < t.count, let b = num(i + 1), let c = num(i + 2) {
                if isYear(c), valid(c, b, a), gapIsSeparator(t[i], t[i + 1], allowed: dotSlash),
                   gapIsSeparator(t[i + 1], t[i + 2], allowed: dotSlash), t[i + 1].start - t[i].end == 1 {
                    out.append(FoundDate(year: c, month: b, day: a, range: t[i].start..<t[i + 2].end))
                    i += 3
                    continue
                }
                if isYear(a), valid(a, b, c), t[i].end - t[i].start == 4, gapIsSeparator(t[i], t[i + 1], allowed: dash),
                   gapIsSeparator(t[i + 1], t[i + 2], allowed: dash), t[i + 1].start - t[i].end == 1 {
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
        let scalars = scalars(of: line)
        let t = tokens(scalars)
        guard let first = dates(scalars, t, firstOnly: true).first else { return nil }
        // The other words counted (no array of them).
        var rest = 0
        for token in t where token.end <= first.range.lowerBound || token.start >= first.range.upperBound { rest += 1 }
        return rest <= allowedWords ? first : nil
    }
}
