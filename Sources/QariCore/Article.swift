/// The language of a piece of text, as qari reports it.
public enum Language: String, Codable, Sendable, CaseIterable {
    case en, ar, mixed
}

/// The base direction of a paragraph.
public enum TextDirection: String, Codable, Sendable {
    case ltr, rtl
}

/// One body paragraph of an article: a run of non-blank source lines.
public struct Paragraph: Codable, Sendable, Equatable {
    /// Clean text: markdown links reduced to their text, escapes removed.
    public var text: String
    public var lang: Language
    public var direction: TextDirection
    /// 1-based line in the source file where the paragraph starts.
    public var line: Int
    /// Where later source lines joined into this paragraph begin: (scalar offset, line number).
    public var joinedLines: [JoinedLine]

    public struct JoinedLine: Sendable, Equatable {
        public var offset: Int
        public var line: Int
        public init(offset: Int, line: Int) {
            self.offset = offset
            self.line = line
        }
    }

    public init(text: String, lang: Language, direction: TextDirection, line: Int, joinedLines: [JoinedLine] = []) {
        self.text = text
        self.lang = lang
        self.direction = direction
        self.line = line
        self.joinedLines = joinedLines
    }

    /// The source line of the character at a scalar offset.
    public func line(atScalarOffset offset: Int) -> Int {
        joinedLines.last(where: { $0.offset <= offset })?.line ?? line
    }

    enum CodingKeys: String, CodingKey { case text, lang, direction, line }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try c.decode(String.self, forKey: .text), lang: try c.decode(Language.self, forKey: .lang),
                  direction: try c.decode(TextDirection.self, forKey: .direction), line: try c.decode(Int.self, forKey: .line))
    }
}

/// What a line that is not body text is.
public enum LineRole: String, Codable, Sendable {
    /// Site furniture: donation appeals, disclaimers, share links, captions repeating the title.
    case boilerplate
    /// Bylines, date lines, source labels, author trailers and bios.
    case metadata
    /// Footnotes and their heading.
    case references
}

/// A line of an article that is not body text: kept so a user can ask to see it.
public struct BoilerplateLine: Codable, Sendable, Equatable {
    public var line: Int
    public var text: String
    public var role: LineRole
    public init(line: Int, text: String, role: LineRole) {
        self.line = line
        self.text = text
        self.role = role
    }
}

/// A news item found in a corpus file.
public struct Article: Codable, Sendable, Equatable, Identifiable {
    /// Stable across runs for the same file content: derived from the content hash and the position.
    public var id: String
    /// The path as given under the corpus root (its last component is the file name).
    public var file: String
    public var title: String
    /// The outlet that wrote the item (South Front, Al-Masdar News, ...), when known.
    public var source: String?
    /// The site that carries the item, when it differs from `source` (Global Research reposts).
    public var publisher: String?
    public var author: String?
    /// ISO 8601 (yyyy-MM-dd), or nil when the item states no date of its own.
    public var date: String?
    public var lang: Language
    /// 1-based line numbers of the title line and the last body line.
    public var firstLine: Int
    public var lastLine: Int
    /// The first and last line of everything that belongs to the item, trailers included.
    public var blockFirstLine: Int
    public var blockLastLine: Int
    public var paragraphs: [Paragraph]
    public var boilerplate: [BoilerplateLine]
    /// True for promotional items (a site's own product blurbs) rather than news reports.
    public var isPromo: Bool

    public init(id: String, file: String, title: String, source: String?, publisher: String?,
                author: String?, date: String?, lang: Language, firstLine: Int, lastLine: Int,
                blockFirstLine: Int, blockLastLine: Int, paragraphs: [Paragraph],
                boilerplate: [BoilerplateLine], isPromo: Bool = false) {
        self.id = id
        self.file = file
        self.title = title
        self.source = source
        self.publisher = publisher
        self.author = author
        self.date = date
        self.lang = lang
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.blockFirstLine = blockFirstLine
        self.blockLastLine = blockLastLine
        self.paragraphs = paragraphs
        self.boilerplate = boilerplate
        self.isPromo = isPromo
    }

    /// Whitespace-separated words of the title and body.
    public var wordCount: Int {
        paragraphs.reduce(0) { $0 + Self.words(in: $1.text) }
    }

    /// Runs of characters between spaces and no-break spaces (as splitting the text's
    /// characters on them counts). Bytes are enough unless a space could join a grapheme
    /// cluster (a combining mark or joiner after it, a prepended mark before it): then the
    /// characters are split after all.
    static func words(in text: String) -> Int {
        var bytes = text
        if let n = bytes.withUTF8({ words(utf8: $0) }) { return n }
        return text.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).count
    }

    /// `words(in:)` on UTF-8 bytes. Nil when a space could join a grapheme cluster (then
    /// characters decide).
    ///
    /// Eight bytes at a time wherever they hold no C2 (the first byte of a no-break space, and of
    /// « and »): their word starts (a byte that is not a space after one that is) are counted at
    /// once, and only the neighbours of their spaces are looked at. Bytes with a C2 are read one
    /// at a time.
    private static func words(utf8 b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var count = 0
        var inWord = false   // the byte before `i` belongs to a word
        var i = 0
        var bytewiseUntil = 0
        while i < n {
            if i >= bytewiseUntil && i + 8 <= n {
                let x = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let u = x ^ 0xC2C2_C2C2_C2C2_C2C2
                if (((u & SWAR.lows) &+ SWAR.lows) | u) & SWAR.highs == SWAR.highs {
                    let t = x ^ 0x2020_2020_2020_2020               // spaces become zero bytes
                    let nonSpace = (((t & SWAR.lows) &+ SWAR.lows) | t) & SWAR.highs
                    let spaces = ~nonSpace & SWAR.highs
                    let afterSpace = (spaces << 8) | (inWord ? 0 : 0x80)
                    let starts = nonSpace & afterSpace
                    count += Int(((starts >> 7) &* SWAR.ones) >> 56)
                    // Spaces between ASCII bytes need no look at their neighbours (most of an English text).
                    if spaces != 0 && !(x & SWAR.highs == 0 && (i == 0 || b[i - 1] < 0x80) && (i + 8 == n || b[i + 8] < 0x80)) {
                        var each = spaces
                        while each != 0 {
                            let at = i + each.trailingZeroBitCount >> 3
                            each &= each - 1
                            if at > 0 && b[at - 1] >= 0x80 && Article.mayEndPrependedMark(b[at - 1]) && !spaceJoinsNothing(b, at: at, width: 1) {
                                return nil
                            }
                            if at + 1 < n && b[at + 1] >= 0xCC && !Article.startsArabicLetter(b, at: at + 1) && !spaceJoinsNothing(b, at: at, width: 1) {
                                return nil
                            }
                        }
                    }
                    inWord = nonSpace >> 63 != 0
                    i += 8
                    continue
                }
                bytewiseUntil = i + 8
            }
            let c = b[i]
            let width: Int
            if c == 0x20 {
                width = 1
            } else if c == 0xC2 && i + 1 < n && b[i + 1] == 0xA0 {
                width = 2
            } else {
                if !inWord { inWord = true; count += 1 }
                i += 1
                continue
            }
            if !spaceJoinsNothing(b, at: i, width: width) { return nil }
            inWord = false
            i += width
        }
        return count
    }

    /// Whether the space of `width` bytes at `i` stands alone: the scalar before it is not a
    /// prepended mark, nor the one after it a mark, joiner or modifier that clings to it.
    @inline(never)
    private static func spaceJoinsNothing(_ b: UnsafeBufferPointer<UInt8>, at i: Int, width: Int) -> Bool {
        if i > 0 && b[i - 1] >= 0x80 && mayEndPrependedMark(b[i - 1]) {
            var lead = i - 1
            while lead > 0 && b[lead] & 0xC0 == 0x80 && i - lead < 4 { lead -= 1 }
            let v = UTF8Scalars.decode(b, at: lead).value
            if (0x600...0x605).contains(v) || v == 0x6DD || v == 0x70F || v == 0x890 || v == 0x891 || v == 0x8E2
                || v == 0x110BD || v == 0x110CD {
                return false
            }
        }
        let next = i + width
        if next < b.count && b[next] >= 0xCC && !startsArabicLetter(b, at: next) {
            let v = UTF8Scalars.decode(b, at: next).value
            if let s = Unicode.Scalar(v), v >= 0x300 && (v == 0x200D || s.properties.isGraphemeExtend
                || s.properties.isEmojiModifier || s.properties.generalCategory == .spacingMark) {
                return false
            }
        }
        return true
    }

    /// Whether `last` (a byte from 0x80) can be the last byte of a prepended mark: U+0600-0605
    /// end in 80-85, U+06DD in 9D, U+070F in 8F, U+0890-0891 in 90-91, U+08E2 in A2, U+110BD in
    /// BD, U+110CD in 8D. With any other, the scalar it ends is none of them. One bit per byte.
    @inline(__always)
    static func mayEndPrependedMark(_ last: UInt8) -> Bool {
        // Bits for 0x80-0xBF; no lead byte (0xC0 and above) ends a scalar.
        let bits: UInt64 = 0x2000_0004_2003_A03F
        return last < 0xC0 && bits & (1 << UInt64(last & 63)) != 0
    }

    /// Whether the bytes at `i` are an Arabic letter U+0620-064A (D8 A0-BF, D9 80-8A): the usual
    /// word start after a space here, which clings to nothing.
    @inline(__always)
    static func startsArabicLetter(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 1 < b.count else { return false }
        let lead = b[i], next = b[i + 1]
        return (lead == 0xD8 && next >= 0xA0) || (lead == 0xD9 && next <= 0x8A)
    }
}
