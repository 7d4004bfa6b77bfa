#if canImport(Glibc)
import Glibc
#endif

/// What qari knows of the outlets that write and carry the reports: their names as printed,
/// and the house style that identifies an item when the outlet is not named in it.
public struct Publisher: Sendable, Equatable {
    public var name: String
    /// Lowercased spellings that name the outlet, matched against whole lines or link texts.
    public var spellings: [String]
    /// Line prefixes that only this outlet prints (Al-Masdar's "BEIRUT, LEBANON (10:00 A.M.) –").
    public var datelinePrefixes: [String]
    /// Staff whose signature identifies the outlet.
    public var staff: [String]
    /// The outlet dates its items as dd.mm.yyyy.
    public var numericDates: Bool

    var spellingBytes: [[UInt8]]
    var datelinePrefixBytes: [[UInt8]]

    public init(name: String, spellings: [String], datelinePrefixes: [String], staff: [String], numericDates: Bool) {
        self.name = name
        self.spellings = spellings
        self.datelinePrefixes = datelinePrefixes
        self.staff = staff
        self.numericDates = numericDates
        self.spellingBytes = spellings.map { Array($0.utf8) }
        self.datelinePrefixBytes = datelinePrefixes.map { Array($0.utf8) }
    }
}

public struct PublisherDirectory: Sendable {
    public var publishers: [Publisher] { didSet { longestSpelling = Self.longestSpelling(publishers) } }

    public init(publishers: [Publisher] = PublisherDirectory.standard) {
        self.publishers = publishers
        longestSpelling = Self.longestSpelling(publishers)
    }

    /// Kept with the publishers rather than found again at every `named` call (which runs on
    /// most short lines, and walking the publishers copies each).
    private var longestSpelling: Int

    private static func longestSpelling(_ publishers: [Publisher]) -> Int {
        publishers.reduce(0) { m, p in p.spellingBytes.reduce(m) { max($0, $1.count) } }
    }

    public static let standard: [Publisher] = [
        Publisher(name: "South Front", spellings: ["south front", "southfront", "southfront.org"],
                  datelinePrefixes: [], staff: [], numericDates: true),
        Publisher(name: "Global Research", spellings: ["global research", "globalresearch", "globalresearch.ca", "www.globalresearch.ca"],
                  datelinePrefixes: [], staff: [], numericDates: false),
        Publisher(name: "Al-Masdar News", spellings: ["al-masdar news", "al masdar news", "almasdar news", "almasdarnews", "amn"],
                  datelinePrefixes: ["BEIRUT, LEBANON ("], staff: [], numericDates: false),
        Publisher(name: "Syria Times", spellings: ["syria times", "syria times (st)", "st"],
                  datelinePrefixes: [], staff: ["basma qaddour"], numericDates: false),
        Publisher(name: "The Saker Blog", spellings: ["the saker blog", "saker blog", "the saker", "thesaker.is"],
                  datelinePrefixes: [], staff: [], numericDates: false),
        Publisher(name: "Al-Ahed News", spellings: ["al-ahed news", "al-ahed", "alahednews"],
                  datelinePrefixes: [], staff: [], numericDates: false),
        Publisher(name: "Nasser Kandil", spellings: ["nasser kandil", "ناصر قنديل"],
                  datelinePrefixes: [], staff: ["ناصر قنديل", "nasser kandil"], numericDates: false),
    ]

    /// The outlet named exactly by this text (case-insensitive), if any.
    public func named(_ text: Substring) -> Publisher? {
        guard text.utf8.count <= 80 else { return nil }
        // Trims " .,:;" from both ends and compares ASCII-lowercased bytes in place: no copies.
        @inline(__always) func trimmed(_ b: UInt8) -> Bool { b == 0x20 || b == 0x2E || b == 0x2C || b == 0x3A || b == 0x3B }
        func find(_ key: UnsafeBufferPointer<UInt8>) -> Publisher? {
            var lo = 0, hi = key.count
            while hi > lo, trimmed(key[hi - 1]) { hi -= 1 }
            while lo < hi, trimmed(key[lo]) { lo += 1 }
            guard hi > lo else { return nil }
            let n = hi - lo
            guard n <= longestSpelling else { return nil }
            func same(_ s: [UInt8]) -> Bool {
                guard s.count == n else { return false }
                for i in 0..<n {
                    let b = key[lo + i]
                    if (b &- 0x41 < 26 ? b | 0x20 : b) != s[i] { return false }
                }
                return true
            }
            return publishers.first { p in p.spellingBytes.contains(where: same) }
        }
        if let r = text.withBytesIfAvailable(find) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(find)
    }

    /// The outlet whose name occurs in the text as a phrase ("By Aram Mirzaei for the Saker blog").
    public func mentioned(in text: Substring) -> Publisher? {
        ByteSearch.withLowercasedHead(text, limit: 600) { lower in
            for p in publishers {
                for s in p.spellingBytes where s.count > 3 && ByteSearch.contains(lower, s) { return p }
            }
            return nil
        }
    }

    public func byStaff(_ name: Substring) -> Publisher? {
        let trimmed = name.trimming(" \u{A0}.,:;")
        // Lowercasing keeps the length of ASCII text: a name no staff entry is as long as names none.
        let n = trimmed.utf8.count
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }), !publishers.contains(where: { $0.staff.contains { $0.utf8.count == n } }) {
            return nil
        }
        let key = trimmed.lowercased()
        return publishers.first { $0.staff.contains(key) }
    }

    public func byDateline(_ line: Substring) -> Publisher? {
        // Byte prefixes: this runs on many lines, and Character comparison is far slower.
        guard let first = line.utf8.first else {
            return publishers.first { p in p.datelinePrefixes.contains { $0.isEmpty } }
        }
        return publishers.first { p in
            p.datelinePrefixBytes.contains { d in
                guard let f = d.first else { return true }
                return f == first && line.utf8.starts(with: d)
            }
        }
    }
}

extension Substring {
    /// Trims the given characters from both ends.
    func trimming(_ set: String) -> Substring {
        var s = self
        // Fast path by bytes: an ASCII character of the set with ASCII (or the end) on its inner side is a
        // whole Character (two ASCII scalars make one Character only as CR LF, and those are never trimmed).
        let u = s.utf8
        // The set's ASCII bytes as a 128-bit mask, made once (not a walk of the set at every byte).
        var mask: (low: UInt64, high: UInt64) = (0, 0)
        for b in set.utf8 where b < 0x80 {
            if b < 64 { mask.low |= 1 << UInt64(b) } else { mask.high |= 1 << UInt64(b - 64) }
        }
        @inline(__always) func inSet(_ b: UInt8) -> Bool {
            guard b < 0x80 && b != 0x0D && b != 0x0A else { return false }
            return (b < 64 ? mask.low >> UInt64(b) : mask.high >> UInt64(b - 64)) & 1 != 0
        }
        var lo = u.startIndex, hi = u.endIndex
        while lo != hi, inSet(u[lo]) {
            let next = u.index(after: lo)
            guard next == hi || u[next] < 0x80 else { break }
            lo = next
        }
        while lo != hi {
            let last = u.index(before: hi)
            guard inSet(u[last]), last == lo || u[u.index(before: last)] < 0x80 else { break }
            hi = last
        }
        s = s[lo..<hi]
        // Ends the fast path could not decide: by Character, as before.
        if let f = s.utf8.first, let l = s.utf8.last, f >= 0x80 || l >= 0x80 || inSet(f) || inSet(l) {
            let chars = Set(set)
            while let f = s.first, chars.contains(f) { s = s.dropFirst() }
            while let l = s.last, chars.contains(l) { s = s.dropLast() }
        }
        return Substring(s)
    }
}
