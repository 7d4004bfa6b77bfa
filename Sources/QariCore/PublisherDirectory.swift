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

    public init(name: String, spellings: [String], datelinePrefixes: [String], staff: [String], numericDates: Bool) {
        self.name = name
        self.spellings = spellings
        self.datelinePrefixes = datelinePrefixes
        self.staff = staff
        self.numericDates = numericDates
        self.spellingBytes = spellings.map { Array($0.utf8) }
    }
}

public struct PublisherDirectory: Sendable {
    public var publishers: [Publisher]

    public init(publishers: [Publisher] = PublisherDirectory.standard) {
        self.publishers = publishers
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
        var key = ByteSearch.lowercasedHead(text, limit: 80)
        let trim: Set<UInt8> = [0x20, 0x2E, 0x2C, 0x3A, 0x3B]
        while let l = key.last, trim.contains(l) { key.removeLast() }
        while let f = key.first, trim.contains(f) { key.removeFirst() }
        guard !key.isEmpty else { return nil }
        return publishers.first { p in p.spellingBytes.contains(key) }
    }

    /// The outlet whose name occurs in the text as a phrase ("By Aram Mirzaei for the Saker blog").
    public func mentioned(in text: Substring) -> Publisher? {
        let lower = ByteSearch.lowercasedHead(text, limit: 600)
        for p in publishers {
            for s in p.spellingBytes where s.count > 3 && ByteSearch.contains(lower, s) { return p }
        }
        return nil
    }

    public func byStaff(_ name: Substring) -> Publisher? {
        let key = name.trimming(" \u{A0}.,:;").lowercased()
        return publishers.first { $0.staff.contains(key) }
    }

    public func byDateline(_ line: Substring) -> Publisher? {
        // Byte prefixes: this runs on many lines, and Character comparison is far slower.
        publishers.first { p in p.datelinePrefixes.contains { line.utf8.starts(with: $0.utf8) } }
    }
}

extension StringProtocol {
    /// Trims the given characters from both ends.
    func trimming(_ set: String) -> Substring {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return Substring(s)
    }
}
