#if canImport(Glibc)
import Glibc
#endif

/// What one source line looks like on its own, before the segmenter sees its neighbours.
public enum LineKind: Sendable, Equatable {
    case blank
    /// Joins articles in compilations: "Related News", "Also Read", "مقالات متعلقة".
    case separator
    /// Page furniture that belongs to no article ("%d bloggers like this:").
    case pageFooter
    /// A line that is a date and little else ("Global Research, May 12, 2020").
    case date
    /// "By X", "Interviewed by: X".
    case byline
    /// A line that only names an outlet ("South Front", "ST").
    case publisherName
    /// The bare label "Source" that some sites print before a link.
    case sourceLabel
    case boilerplate
    /// Footnotes: "Notes", "[1] ...".
    case reference
    case text
}

/// Facts about one line that the segmenter uses.
public struct LineInfo: Sendable {
    public var number: Int
    /// Trimmed and, for Markdown files, reduced to what a reader sees.
    public var clean: Substring
    public var kind: LineKind
    public var date: FoundDate?
    /// Short, no closing full stop, starts like a headline: a candidate title.
    public var isTitleLike: Bool
    /// Two to four capitalised words, or two or three Arabic words: a signature.
    public var isNameLike: Bool
    public var isBlank: Bool { kind == .blank }
}

/// Classifies single lines. Works on long lines in time proportional to a short prefix of them.
public struct LineClassifier: Sendable {
    public var publishers: PublisherDirectory

    public init(publishers: PublisherDirectory = PublisherDirectory()) {
        self.publishers = publishers
    }

    static let separators: Set<String> = [
        "related news", "related videos", "related", "also read", "related articles", "read more", "read also",
        "you may also like", "more from this author", "related posts", "recommended",
        "فيديوات متعلقة", "مقالات متعلقة", "اقرأ أيضا", "اقرأ أيضاً", "مواضيع ذات صلة", "مقالات ذات صلة",
    ]

    static let pageFooters: [String] = ["%d bloggers like this", "loading...", "like this:"]

    static let boilerplatePrefixes: [String] = [
        "note to readers", "if you're able", "if you’re able", "support south front", "we call upon",
        "the original source of this article", "copyright ©", "copyright (c)", "©", "disclaimer:", "disclaimer ",
        "www.globalresearch.ca contains", "for media inquiries", "comment on global research",
        "become a member of global research", "articles by:", "click to see the full-size image",
        "click to see the full size image", "also read", "more on the topic", "share this:", "click to share",
        "region:", "theme:", "in-depth report:", "leave a comment", "print this article", "email this article",
        "share on facebook", "share on twitter", "follow us on", "subscribe to our", "advertisement",
        "the views expressed", "via: <http", "paypal:", "donate:", "the opinions expressed", "this article was originally published",
    ]

    /// Looked for inside lines of at most 300 bytes (furniture is short; long lines are body text).
    static let boilerplateFragments: [String] = ["paypal", "share buttons", "crosspost on", "copyrighted material",
                                                 "patreon.com/", "/donate"]

    private static let separatorLimit = 48
    /// An ASCII first byte no separator starts with rules a line out (an ASCII scalar has no other spelling).
    private static let separatorFirstBytes = Set(separators.compactMap { $0.utf8.first })
    private static let referenceFirstBytes = Set(referenceHeadings.compactMap { $0.utf8.first })
    private static let pageFooterBytes = PrefixTable(pageFooters)
    private static let boilerplatePrefixBytes = PrefixTable(boilerplatePrefixes)
    private static let bylinePrefixes = PrefixTable(["by ", "interviewed by", "written by"])
    private static let boilerplateFragmentBytes = boilerplateFragments.map { Array($0.utf8) }

    /// The fragments found by the rarest byte each holds (its anchor) rather than by their first
    /// bytes ("p", "s", "c" start many words): one memchr scan per anchor, few hits to check.
    /// All the fragments' bytes in one array, and plain records into it.
    private struct FragmentTable {
        struct Entry {
            var anchor: UInt8
            var offset: Int // of the anchor in the fragment
            var start: Int // in `bytes`
            var count: Int
        }
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var anchors: [UInt8] = []

        init(_ fragments: [[UInt8]]) {
            // Rarer first in English text: the first of these a fragment holds is its anchor.
            let rarity = Array("/.zqjxkvbpygfwmucldrhsnioate ".utf8)
            for f in fragments {
                let anchor = rarity.first(where: { f.contains($0) }) ?? f[0]
                entries.append(Entry(anchor: anchor, offset: f.firstIndex(of: anchor)!, start: bytes.count, count: f.count))
                bytes += f
                if !anchors.contains(anchor) { anchors.append(anchor) }
            }
        }

        /// Whether the (lowercased) text holds one of the fragments.
        func found(in text: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = text.baseAddress else { return false }
            let n = text.count
            return bytes.withUnsafeBufferPointer { all in
                entries.withUnsafeBufferPointer { entries in
                    for anchor in anchors {
                        var from = 0
                        while from < n, let hit = memchr(base + from, Int32(anchor), n - from) {
                            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                            for e in entries where e.anchor == anchor && at >= e.offset && at - e.offset + e.count <= n
                                && memcmp(base + at - e.offset, all.baseAddress! + e.start, e.count) == 0 {
                                return true
                            }
                            from = at + 1
                        }
                    }
                    return false
                }
            }
        }
    }
    private static let fragmentTable = FragmentTable(boilerplateFragmentBytes)

    /// Whether the lowercased text holds a boilerplate fragment.
    static func hasFragment(_ lower: UnsafeBufferPointer<UInt8>) -> Bool {
        fragmentTable.found(in: lower)
    }

    /// Classifies one line. `markdown` selects Markdown cleaning.
    public func classify(number: Int, raw: Substring, markdown: Bool) -> LineInfo {
        classify(number: number, trimmed: ByteSearch.trimSpaces(raw), markdown: markdown)
    }

    /// `classify(number:raw:markdown:)` for a line already trimmed by `ByteSearch.trimSpaces`.
    func classify(number: Int, trimmed: Substring, markdown: Bool) -> LineInfo {
        var info = LineInfo(number: number, clean: trimmed, kind: .text, date: nil, isTitleLike: false, isNameLike: false)
        if trimmed.isEmpty { info.kind = .blank; return info }
        if markdown, MarkdownCleaner.hasMarkup(trimmed) {
            // (A line without markup cleans to itself, already trimmed.)
            let cleaned = MarkdownCleaner.clean(trimmed)
            info.clean = ByteSearch.trimSpaces(cleaned[...])
        }
        // No-break spaces stand for spaces in these pages (inside names too): one kind of space from here on.
        if ByteSearch.containsNBSP(info.clean) {
            info.clean = Substring(ByteSearch.replacingNBSP(info.clean))
        }
        let line = info.clean
        if line.isEmpty {
            info.kind = .boilerplate // only Markdown markup
            return info
        }
        // Long lines are body text or long boilerplate: look at a prefix only.
        let byteCount = line.utf8.count
        let long = byteCount > 400
        let head = LowercasedHead(line) // 64 bytes at most, kept inline (no heap)
        if byteCount <= Self.separatorLimit, head.first.map({ $0 >= 0x80 || Self.separatorFirstBytes.contains($0) }) ?? true {
            var key = Substring(head.string)
            while let l = key.last, l == ":" || l == "." || l == " " { key = key.dropLast() }
            if Self.separators.contains(String(key)) { info.kind = .separator; return info }
        }
        if !long {
            if Self.pageFooterBytes.matches(head) { info.kind = .pageFooter; return info }
            if line.utf8.allSatisfy({ $0 == 0x2A || $0 == 0x2D || $0 == 0x20 || $0 == 0x5F || $0 == 0x3D }) {
                info.kind = .boilerplate
                return info
            }
        }
        if Self.boilerplatePrefixBytes.matches(head) { info.kind = .boilerplate; return info }
        if byteCount <= 300 {
            // The whole line lowercased (the head when it is all of it; else on the stack, not the heap).
            let found = byteCount <= head.count
                ? head.withBytes(Self.hasFragment)
                : ByteSearch.withLowercasedHead(line, limit: 300, Self.hasFragment)
            if found {
                info.kind = .boilerplate
                return info
            }
        }
        if long { return info }

        if byteCount < 90, ByteSearch.containsYear(line),
           let d = DateParser.isDateLine(line, allowedWords: 3) {
            // "Global Research, May 12, 2020" and "[South Front](#) 11 May 2020": a date with at most an outlet's name.
            info.kind = .date
            info.date = d
            return info
        }
        if byteCount < 100, Self.bylinePrefixes.matches(head) || (head.first == 0xD8 && line.hasPrefix("بقلم")) {
            info.kind = .byline
            return info
        }
        if byteCount <= 12 {
            let lower = head.string
            if lower == "source" || lower == "source:" || line == "المصدر" { info.kind = .sourceLabel; return info }
        }
        if byteCount <= 80, publishers.named(line) != nil { info.kind = .publisherName; return info }
        if isReference(line, byteCount: byteCount, head: head) { info.kind = .reference; return info }
        if (head.first == 0x68 || head.first == 0x77) && isURLOnly(line) || (markdown && isLinkOnly(trimmed)) {
            info.kind = .boilerplate
            return info
        }
        info.isTitleLike = Self.looksLikeTitle(line)
        info.isNameLike = byteCount <= 80 && Self.looksLikeName(line)
        return info
    }

    private static let referenceHeadings: Set<String> = ["notes", "notes:", "references", "references:", "sources:", "footnotes"]

    /// (The line's length and lowercased head as `classify` has them: no second count or copy.)
    private func isReference(_ line: Substring, byteCount: Int, head: LowercasedHead) -> Bool {
        if byteCount <= 12, head.first.map({ $0 >= 0x80 || Self.referenceFirstBytes.contains($0) }) ?? true {
            if Self.referenceHeadings.contains(head.string) { return true }
        }
        // "[1] Title of the cited work"
        guard head.first == UInt8(ascii: "[") else { return false }
        let u = line.utf8
        let digits = u.dropFirst().prefix(while: { $0 >= 0x30 && $0 <= 0x39 })
        return !digits.isEmpty && u.dropFirst(1 + digits.count).first == UInt8(ascii: "]")
    }

    private func isURLOnly(_ line: Substring) -> Bool {
        // No space first (most lines have one), then the prefixes by bytes.
        !line.utf8.contains(0x20)
            && (Self.hasASCIIPrefix(line, "http://") || Self.hasASCIIPrefix(line, "https://") || Self.hasASCIIPrefix(line, "www."))
    }

    /// `line.hasPrefix(p)` for an ASCII `p`: a Character equal to an ASCII character is that
    /// scalar alone, so the bytes must match; with ASCII (or nothing) after them they are whole Characters.
    static func hasASCIIPrefix(_ line: Substring, _ p: StaticString) -> Bool {
        let decided = line.withBytesIfAvailable { b -> Bool? in
            let n = p.utf8CodeUnitCount
            guard b.count >= n else { return false }
            let q = p.utf8Start
            for k in 0..<n where b[k] != q[k] { return false }
            return b.count == n || b[n] < 0x80 ? true : nil
        }
        if let d = decided, let answer = d { return answer }
        return line.hasPrefix(p.description)
    }

    /// A Markdown line made only of links and punctuation ("[War Agenda](#)").
    private func isLinkOnly(_ raw: Substring) -> Bool {
        guard raw.withBytesIfAvailable({ ByteSearch.contains($0, Self.linkMiddle) }) ?? false else { return false }
        var rest = ""
        var depth = 0
        var inTarget = false
        var prev: Character = " "
        for c in raw {
            if c == "[" { depth += 1 }
            else if c == "]" { depth -= 1 }
            else if c == "(" && prev == "]" { inTarget = true }
            else if c == ")" && inTarget { inTarget = false }
            else if depth == 0 && !inTarget { rest.append(c) }
            prev = c
        }
        return rest.allSatisfy { !$0.isLetter && !$0.isNumber }
    }

    /// Scalars (bytes that are not continuation bytes) and words (runs of bytes other than
    /// space), or nil past 250 scalars or 30 words: eight bytes a step. The counts only grow, so
    /// "past the limit at the end" is "past it at some point", as the byte loop decided.
    static func fastMeasure(_ b: UnsafeBufferPointer<UInt8>) -> (scalars: Int, words: Int)? {
        guard let base = b.baseAddress else { return (0, 0) }
        let n = b.count
        let raw = UnsafeRawPointer(base)
        let (ones, highs, lows) = (SWAR.ones, SWAR.highs, SWAR.lows)
        var scalars = 0, words = 0
        var previousSpace: UInt64 = 0x80 // the start of the line is outside any word
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Continuation bytes: top bit set, next bit clear.
            let continuation = w & ~(w << 1) & highs
            scalars &+= 8 &- Int(truncatingIfNeeded: ((continuation >> 7) &* ones) >> 56)
            // Spaces, exactly (no carries between bytes).
            let t = w ^ (ones &* 0x20)
            let spaces = ~(((t & lows) &+ lows) | t | lows)
            // A word starts at a byte that is not a space after one that is (or the line start).
            let starts = ~spaces & highs & ((spaces << 8) | previousSpace)
            words &+= Int(truncatingIfNeeded: ((starts >> 7) &* ones) >> 56)
            previousSpace = (spaces >> 56) & 0x80
            if scalars > 250 || words > 30 { return nil }
            i += 8
        }
        var inWord = previousSpace == 0
        while i < n {
            let c = base[i]
            if c & 0xC0 != 0x80 { scalars += 1 }
            if c == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
            i += 1
        }
        if scalars > 250 || words > 30 { return nil }
        return (scalars, words)
    }

    /// `line.hasSuffix("...")` by bytes: a Character equal to "." is that one scalar, so the last
    /// three bytes must be dots; with ASCII (or nothing) before them they are three Characters.
    static func endsWithEllipsis(_ line: Substring) -> Bool {
        line.withBytesIfAvailable { b -> Bool in
            let n = b.count
            guard n >= 3, b[n - 1] == 0x2E, b[n - 2] == 0x2E, b[n - 3] == 0x2E else { return false }
            if n == 3 || b[n - 4] < 0x80 { return true }
            return line.hasSuffix("...")
        } ?? line.hasSuffix("...")
    }

    static func looksLikeTitle(_ line: Substring) -> Bool {
        let u = line.utf8
        guard u.count >= 3 && u.count <= 1_000 else { return false }
        // Byte-level: counts scalars (non-continuation bytes) and words, stopping as soon as the
        // line is too long for a headline.
        func measure<C: Collection>(_ bytes: C) -> (scalars: Int, words: Int)? where C.Element == UInt8 {
            var scalars = 0, words = 0
            var inWord = false
            for b in bytes {
                if b & 0xC0 != 0x80 {
                    scalars += 1
                    if scalars > 250 { return nil }
                }
                if b == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
                if words > 30 { return nil }
            }
            return (scalars, words)
        }
        // The cheap tests first (all must pass): the closing byte, an ASCII first byte.
        let last = u[u.index(before: u.endIndex)]
        if last == 0x2E || last == 0x2C || last == 0x3B || last == 0x3A {
            if !(last == 0x2E && Self.endsWithEllipsis(line)) { return false }
        }
        let first = u[u.startIndex]
        if first < 0x80 {
            guard (first >= 0x41 && first <= 0x5A) || (first >= 0x30 && first <= 0x39) || first == 0x22 || first == 0x27 else { return false }
        }
        let measured = line.withBytesIfAvailable { fastMeasure($0) } ?? measure(u)
        guard let (scalars, words) = measured, scalars >= 3, words >= 2 else { return false }
        if first < 0x80 { return true }
        if first == 0xD8 || first == 0xD9 || first == 0xDA || first == 0xDB { return true } // Arabic block
        guard let c = line.unicodeScalars.first else { return false }
        return c.properties.isUppercase || "“‘«".unicodeScalars.contains(c)
    }

    static func looksLikeName(_ line: Substring) -> Bool {
        if let r = line.withBytesIfAvailable({ looksLikeASCIIName($0) ?? looksLikeArabicName($0) }), let answer = r { return answer }
        return looksLikeNameByCharacter(line)
    }

    /// Facts about the scalars U+0600...U+06FF, asked of the standard library once: bit 0, the
    /// scalar is a Character on its own next to letters and spaces (no mark, joiner or prepend);
    /// bit 1, that Character is a number; bit 2, it is one of the closing marks ".,;:!?)".
    /// Bit 3: that Character is a letter.
    static let arabicBlock: [UInt8] = (0x600...0x6FF).map { v -> UInt8 in
        let s = Character(Unicode.Scalar(UInt32(v))!)
        let alone = "a\(s)".count == 2 && "\(s)a".count == 2 && " \(s)".count == 2 && "\(s) ".count == 2
        return (alone ? 1 : 0) | (s.isNumber ? 2 : 0) | (".,;:!?)".contains(s) ? 4 : 0) | (s.isLetter ? 8 : 0)
    }

    /// `looksLikeNameByCharacter` for a line of Arabic-block letters and spaces in which every
    /// scalar is a Character of its own; nil for any other line.
    static func looksLikeArabicName(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var scalars = 0, words = 0
        var inWord = false
        var number = false
        var last: UInt8 = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x20 {
                inWord = false
                scalars += 1
                last = 0
                i += 1
                continue
            }
            guard c & 0xFC == 0xD8, i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { return nil }
            let facts = arabicBlock[Int(c & 3) << 6 | Int(b[i + 1] & 0x3F)]
            guard facts & 1 != 0 else { return nil }
            if facts & 2 != 0 { number = true }
            last = facts
            scalars += 1
            if !inWord { inWord = true; words += 1 }
            i += 2
        }
        guard scalars <= 40, !number else { return false }
        if last & 4 != 0 { return false }
        guard words >= 2 && words <= 4 else { return false }
        // Every word is Arabic-block scalars only: the Arabic rule.
        return words <= 3
    }

    private static let linkMiddle = Array("](".utf8)

    private static let nameParticles: [[UInt8]] = ["al", "al-", "bin", "ibn", "de", "van", "von", "el", "abu"].map { Array($0.utf8) }

    /// `looksLikeNameByCharacter` for an all-ASCII line, where every byte is a Character (the line
    /// holds no newline, so no CR LF pair); nil when the line is not all ASCII.
    static func looksLikeASCIIName(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var words = 0
        var inWord = false
        for c in b {
            if c >= 0x80 { return nil }
            if c == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
        }
        guard b.count <= 40 else { return false }
        if b.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return false }
        if let last = b.last, last == 0x2E || last == 0x2C || last == 0x3B || last == 0x3A || last == 0x21 || last == 0x3F || last == 0x29 {
            return false
        }
        guard words >= 2 && words <= 4 else { return false }
        // Every word: capitalised or a particle; made of letters, "-", "'" and ".".
        var i = 0
        let n = b.count
        while i < n {
            if b[i] == 0x20 { i += 1; continue }
            var j = i
            while j < n && b[j] != 0x20 { j += 1 }
            let f = b[i]
            if !(f >= 0x41 && f <= 0x5A) {
                let len = j - i
                let isParticle = nameParticles.contains { p in
                    p.count == len && (0..<len).allSatisfy { k in
                        let c = b[i + k]
                        return (c &- 0x41 < 26 ? c | 0x20 : c) == p[k]
                    }
                }
                if !isParticle { return false }
            }
            for k in i..<j {
                let c = b[k]
                if !((c | 0x20) &- 0x61 < 26 || c == 0x2D || c == 0x27 || c == 0x2E) { return false }
            }
            i = j
        }
        return true
    }

    static func looksLikeNameByCharacter(_ line: Substring) -> Bool {
        guard line.unicodeScalars.count <= 40, !line.contains(where: { $0.isNumber }) else { return false }
        if let last = line.last, ".,;:!?)".contains(last) { return false }
        let words = line.split(separator: " ")
        guard words.count >= 2 && words.count <= 4 else { return false }
        if words.allSatisfy({ w in w.unicodeScalars.allSatisfy { ($0.value >= 0x0600 && $0.value <= 0x06FF) } }) {
            return words.count <= 3
        }
        let particles: Set<String> = ["al", "al-", "bin", "ibn", "de", "van", "von", "el", "abu"]
        return words.allSatisfy { w in
            (w.first?.isUppercase ?? false) || particles.contains(w.lowercased())
        } && words.allSatisfy { w in w.allSatisfy { $0.isLetter || $0 == "-" || $0 == "’" || $0 == "'" || $0 == "." } }
    }
}
