#if canImport(Glibc)
import Glibc
#endif

/// Splits a decoded file into articles: finds where each item starts, separates its title,
/// metadata, body and boilerplate, and reads its source, author, date and language.
public struct ArticleSegmenter: Sendable {
    public var classifier: LineClassifier
    public var publishers: PublisherDirectory { classifier.publishers }

    public init(classifier: LineClassifier = LineClassifier()) {
        self.classifier = classifier
    }

    public func articles(in source: SourceText) -> [Article] {
        let (facts, texts) = classifyLines(source.text, markdown: source.format == .markdown)
        // The passes below read the lines through buffer pointers: an element read in place, where
        // an array's subscript may copy it; and the facts, apart from the texts, copy as plain bytes.
        return facts.withUnsafeBufferPointer { facts in texts.withUnsafeBufferPointer { texts in
            let lines = SegmentLines(facts: facts, texts: texts)
            let blocks = findBlocks(lines)
            var articles: [Article] = []
            for block in blocks {
                if var article = describe(block, lines: lines, file: source.displayPath) {
                    article.id = ArticleID.make(contentHash: source.contentHash, ordinal: articles.count)
                    articles.append(article)
                }
            }
            return articles
        } }
    }

    typealias Lines = SegmentLines

    /// Splits on "\n" (a trailing "\r" is dropped) and classifies every line; index i is line i+1:
    /// its facts, and its text (`LineInfo.clean`) apart.
    func classifyLines(_ text: String, markdown: Bool) -> (facts: [SegmentLine], texts: [Substring]) {
        var facts: [SegmentLine] = []
        var texts: [Substring] = []
        // One pass over the contiguous UTF-8: line ends by memchr, and each line trimmed on its
        // bytes (the trim takes a trailing "\r" too), so a line costs one Substring, and a blank
        // line none (nothing reads the text of a blank line).
        var copy = text
        copy.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
            let u = text.utf8 // (the same UTF-8 offsets as `copy`)
            // The lines counted first: an array grown by appending moves its elements again and again.
            var count = 1
            var at = 0
            while at < buf.count, let hit = memchr(base + at, 0x0A, buf.count - at) {
                count += 1
                at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            }
            facts.reserveCapacity(count)
            texts.reserveCapacity(count)
            var start = 0
            var number = 1
            while true {
                let end: Int
                if start < buf.count, let hit = memchr(base + start, 0x0A, buf.count - start) {
                    end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                } else {
                    end = buf.count
                }
                let (lo, hi) = ByteSearch.trimmedBounds(buf, start, end)
                if lo == hi {
                    facts.append(SegmentLine(number: number))
                    texts.append(Substring())
                } else {
                    let line = text[u.index(u.startIndex, offsetBy: lo)..<u.index(u.startIndex, offsetBy: hi)]
                    let info = classifier.classify(number: number, trimmed: line, markdown: markdown)
                    facts.append(SegmentLine(info))
                    texts.append(info.clean)
                }
                if end == buf.count { break }
                start = end + 1
                number += 1
            }
        }
        return (facts, texts)
    }

    /// Index range (into `lines`) of one article: from its title to the line before the next item.
    struct Block {
        var title: Int
        var end: Int // exclusive
    }

    private func nextContent(_ lines: Lines, after i: Int) -> Int? {
        var j = i + 1
        while j < lines.count {
            if !lines[j].isBlank { return j }
            j += 1
        }
        return nil
    }

    /// Equal but for case and the kind of spaces (titles are reprinted with NBSP for space).
    private func sameText(_ lines: Lines, _ i: Int, _ j: Int) -> Bool {
        let x = lines[i].byteCount, y = lines[j].byteCount
        guard abs(x - y) <= 8 && x < 1_000 else { return false }
        let a = lines.texts[i], b = lines.texts[j]
        if x == y && a.utf8.elementsEqual(b.utf8) { return true }
        // Differ in the first bytes but for case: not the same line.
        if let f = a.utf8.first, let g = b.utf8.first, f | 0x20 != g | 0x20 { return false }
        if let bytes = a.withBytesIfAvailable({ x in b.withBytesIfAvailable { y in Self.asciiSameKey(x, y) } }),
           let ascii = bytes, let decided = ascii {
            return decided
        }
        return Self.textKey(a) == Self.textKey(b)
    }

    /// The text lowercased, its words joined by one space: what `sameText` compares.
    static func textKey(_ s: Substring) -> String {
        s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// `textKey(a) == textKey(b)` by bytes when both are ASCII, nil otherwise: word by word,
    /// ASCII-lowercased, over any runs of spaces. In ASCII text each byte is a Character (a line
    /// holds no LF, so no CR LF pair) and lowercasing is ASCII lowercasing.
    static func asciiSameKey(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        for c in a where c >= 0x80 { return nil }
        for c in b where c >= 0x80 { return nil }
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
        @inline(__always) func pastSpaces(_ s: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
            var k = k
            while k < s.count && s[k] == 0x20 { k += 1 }
            return k
        }
        var i = pastSpaces(a, 0), j = pastSpaces(b, 0)
        while i < a.count && j < b.count {
            // One word of each, byte for byte.
            while i < a.count && a[i] != 0x20 && j < b.count && b[j] != 0x20 {
                if lower(a[i]) != lower(b[j]) { return false }
                i += 1
                j += 1
            }
            guard i == a.count || a[i] == 0x20, j == b.count || b[j] == 0x20 else { return false }
            i = pastSpaces(a, i)
            j = pastSpaces(b, j)
        }
        return i == a.count && j == b.count
    }

    /// Lines that follow a title and mark the start of an item: a date, a byline, an outlet's name,
    /// a "Source" label, an outlet's dateline, or the title printed a second time.
    private func announcesArticle(_ title: Int, _ next: Int, lines: Lines) -> Bool {
        switch lines[next].kind {
        case .date, .byline, .publisherName, .sourceLabel: return true
        default:
            if sameText(lines, title, next) {
                // A title printed twice (page title and headline) is then followed by its metadata.
                guard let k = nextContent(lines, after: lines[next].number - 1) else { return false }
                return [.date, .byline, .publisherName, .sourceLabel].contains(lines[k].kind) || lines[k].isNameLike
            }
            return publishers.byDateline(lines.texts[next]) != nil
        }
    }

    func findBlocks(_ lines: Lines) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        var currentHasBody = false
        var atBoundary = true // start of file, or just after a separator
        func close(at i: Int) {
            if var b = current {
                b.end = i
                if currentHasBody { blocks.append(b) }
            }
            current = nil
            currentHasBody = false
        }
        var i = 0
        while i < lines.count {
            let li = i // (the line read here: `i` moves on below)
            switch lines[li].kind {
            case .blank:
                i += 1
                continue
            case .separator, .pageFooter:
                close(at: i)
                atBoundary = true
                i += 1
                continue
            default:
                break
            }
            if atBoundary {
                atBoundary = false
                // A stray headline printed before a different item: two headlines in a row,
                // the second followed by its own text.
                if lines[li].isTitleLike, let j = nextContent(lines, after: i), lines[j].isTitleLike,
                   !sameText(lines, li, j), !announcesArticle(li, j, lines: lines),
                   let k = nextContent(lines, after: j), !lines[k].isTitleLike,
                   lines[k].kind == .text {
                    i = j
                }
                current = Block(title: i, end: lines.count)
                // Text that starts without a headline: its first line is body as well as the title's source.
                currentHasBody = !lines[li].isTitleLike && lines[li].kind == .text
                i += 1
                continue
            }
            if lines[li].isTitleLike, currentHasBody, let cur = current, !sameText(lines, li, cur.title),
               let j = nextContent(lines, after: i), announcesArticle(li, j, lines: lines) {
                close(at: i)
                current = Block(title: i, end: lines.count)
                i += 1
                continue
            }
            if current == nil {
                // Text after an item's end with no title of its own: it becomes an item.
                current = Block(title: i, end: lines.count)
                currentHasBody = !lines[li].isTitleLike && lines[li].kind == .text
                i += 1
                continue
            }
            if lines[li].kind == .text && !lines[li].isNameLike { currentHasBody = true }
            i += 1
        }
        close(at: lines.count)
        return blocks
    }

    private enum Role { case title, header, body, boilerplate, metadata, reference }

    /// A paragraph being built from body lines.
    private struct PendingParagraph {
        var text: String
        var line: Int
        var stats: ScriptStatistics
        var joins: [Paragraph.JoinedLine] = []
        /// Unicode scalars in `text`, once counted.
        var scalars: Int?
    }

    /// True for a line that may stand between a title and the body.
    private func isHeaderLine(_ lines: Lines, _ i: Int, title: Int) -> Bool {
        switch lines[i].kind {
        case .blank, .date, .byline, .publisherName, .sourceLabel, .boilerplate: return true
        case .text:
            if sameText(lines, i, title) || lines[i].isNameLike { return true }
            // A lone short word such as a photo credit ("Marines").
            return lines[i].byteCount <= 40 && !lines.texts[i].utf8.contains(0x20)
        default: return false
        }
    }

    private static let bioWords = ["columnist", "analyst", "journalist", "writer", "author", "editor", "researcher",
                                   "attorney", "correspondent", "contributor", "commentator", "professor"]

    private static let bioWordBytes = bioWords.map { Array($0.utf8) }
    private static let interviewedBy = Array("interviewed by".utf8)
    private static let isA = Array(" is a".utf8)
    private static let syriaTimesMark = Array("(ST)".utf8)

    private func isTrailerLine(_ lines: Lines, _ i: Int, title: Int) -> Bool {
        switch lines[i].kind {
        case .blank, .boilerplate, .reference, .byline, .publisherName, .sourceLabel, .date, .separator, .pageFooter:
            return true
        case .text:
            if sameText(lines, i, title) || lines[i].isNameLike { return true }
            return ByteSearch.withLowercasedHead(lines.texts[i], limit: 200) { lower in
                if ByteSearch.hasPrefix(lower, Self.interviewedBy) { return true }
                // An author's bio: "Nauman Sadiq is an Islamabad-based attorney, columnist and ..."
                return ByteSearch.contains(UnsafeBufferPointer(rebasing: lower.prefix(46)), Self.isA)
                    && Self.bioWordBytes.contains(where: { ByteSearch.contains(lower, $0) })
            }
        }
    }

    func describe(_ block: Block, lines: Lines, file: String) -> Article? {
        let title = lines[block.title]
        // Without a headline the first line is body, and the title is made from its first words.
        let untitled = !title.isTitleLike && title.kind == .text
        var roles = [Role](repeating: .body, count: block.end - block.title)
        roles[0] = untitled ? .body : .title
        // Header: between the title and the first body line.
        var bodyStart = untitled ? block.title : block.title + 1
        while bodyStart < block.end && isHeaderLine(lines, bodyStart, title: block.title) { bodyStart += 1 }
        // Trailer: after the last body line.
        var bodyEnd = block.end
        while bodyEnd > bodyStart && isTrailerLine(lines, bodyEnd - 1, title: block.title) { bodyEnd -= 1 }
        guard bodyEnd > bodyStart else { return nil }
        for i in (untitled ? block.title : block.title + 1)..<block.end {
            let r: Role
            if i < bodyStart || i >= bodyEnd {
                switch lines[i].kind {
                case .reference: r = .reference
                case .boilerplate, .separator, .pageFooter: r = .boilerplate
                case .text where sameText(lines, i, block.title): r = .boilerplate
                case .text where lines[i].isNameLike, .date, .byline, .publisherName, .sourceLabel: r = .metadata
                case .text where i >= bodyEnd: r = .metadata
                default: r = .boilerplate
                }
            } else {
                switch lines[i].kind {
                case .boilerplate, .separator, .pageFooter: r = .boilerplate
                case .reference: r = .reference
                case .text where sameText(lines, i, block.title): r = .boilerplate // captions repeating the title
                default: r = .body
                }
            }
            roles[i - block.title] = r
        }

        // Paragraphs: runs of body lines; a sentence broken by a blank line is joined again.
        var paragraphs: [Paragraph] = []
        var boilerplate: [BoilerplateLine] = []
        var stats = untitled ? ScriptStatistics() : ScriptStatistics(lines.texts[block.title])
        var lastBody = block.title
        var pending: PendingParagraph?
        var previousWasBody = false
        func flush() {
            if let p = pending {
                paragraphs.append(Paragraph(text: p.text, lang: p.stats.language,
                                            direction: DirectionDetector.direction(of: p.text), line: p.line,
                                            joinedLines: p.joins))
            }
            pending = nil
        }
        for i in (untitled ? block.title : block.title + 1)..<block.end {
            let role = roles[i - block.title]
            if lines[i].isBlank { previousWasBody = false; continue }
            switch role {
            case .body:
                let text = String(lines.texts[i])
                let lineStats = ScriptStatistics(text)
                stats = stats + lineStats
                lastBody = i
                if pending != nil {
                    // Mutated in place (a struct in an optional: no copy of the text on every line).
                    let continues = previousWasBody || (endsUnfinished(pending!.text) && startsLowercase(text))
                    if continues {
                        // Scalars counted once a piece (not the whole paragraph again at every join).
                        let before = pending!.scalars ?? Self.scalarCount(pending!.text)
                        pending!.joins.append(Paragraph.JoinedLine(offset: before + 1, line: lines[i].number))
                        pending!.scalars = before + 1 + Self.scalarCount(text)
                        pending!.text += " "
                        pending!.text += text
                        pending!.stats = pending!.stats + lineStats
                        previousWasBody = true
                        continue
                    }
                    flush()
                }
                pending = PendingParagraph(text: text, line: lines[i].number, stats: lineStats)
                previousWasBody = true
            case .boilerplate, .metadata, .reference:
                flush()
                previousWasBody = false
                let lineRole: LineRole = role == .metadata ? .metadata : role == .reference ? .references : .boilerplate
                boilerplate.append(BoilerplateLine(line: lines[i].number, text: String(lines.texts[i]), role: lineRole))
            case .title, .header:
                break
            }
        }
        flush()
        guard !paragraphs.isEmpty else { return nil }

        let titleText = untitled ? Self.titleFromText(lines.texts[block.title]) : String(lines.texts[block.title]) // NBSP already folded
        let isPromo = paragraphs.count <= 2 && paragraphs.contains { p in
            let l = ByteSearch.lowercasedHead(Substring(p.text), limit: 300)
            return Self.promoCues.contains { ByteSearch.contains(l, $0) }
        }
        let meta = readMetadata(block, lines: lines, roles: roles, bodyStart: bodyStart, isPromo: isPromo)
        return Article(
            id: "", file: file, title: titleText, source: meta.source, publisher: meta.publisher, author: meta.author,
            date: meta.date, lang: stats.language, firstLine: title.number, lastLine: lines[lastBody].number,
            blockFirstLine: title.number, blockLastLine: lines[lastNonBlank(lines, block)].number,
            paragraphs: paragraphs, boilerplate: boilerplate, isPromo: isPromo)
    }

    /// The first words of a text, cut at a word boundary, for items that carry no headline.
    static func titleFromText(_ text: Substring) -> String {
        if let fast = text.withBytesIfAvailable({ asciiTitleFromText($0) }), let title = fast { return title }
        return titleFromTextByCharacter(text)
    }

    /// `titleFromTextByCharacter` when the first 400 bytes (and the one after them) are ASCII:
    /// every byte is then a Character (a line holds no CR LF pair). Nil otherwise.
    static func asciiTitleFromText(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let head = min(b.count, 400)
        for i in 0..<min(b.count, 401) where b[i] >= 0x80 { return nil }
        var out = [UInt8]()
        var i = 0
        while i < head {
            if b[i] == 0x20 { i += 1; continue }
            var j = i
            while j < head && b[j] != 0x20 { j += 1 }
            if out.count + (j - i) > 72 {
                // (An empty title here takes the other path's rule: let it decide.)
                if out.isEmpty { return nil }
                return String(decoding: out, as: UTF8.self) + "…"
            }
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
            i = j
        }
        if out.isEmpty { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    static func titleFromTextByCharacter(_ text: Substring) -> String {
        var out = ""
        // `out.count` kept rather than counted again at every word: the words were cut at the
        // Character " ", so a Character boundary stands on both sides of every space put back.
        var outCount = 0
        for word in text.prefix(400).split(separator: " ") {
            let wordCount = word.count
            if outCount + wordCount > 72 { return out + "…" }
            outCount += out.isEmpty ? wordCount : 1 + wordCount
            out += out.isEmpty ? String(word) : " " + word
        }
        if out.isEmpty { return String(text.prefix(72)) + (text.count > 72 ? "…" : "") }
        return out
    }

    private func lastNonBlank(_ lines: Lines, _ block: Block) -> Int {
        var i = block.end - 1
        while i > block.title && (lines[i].isBlank || lines[i].kind == .separator || lines[i].kind == .pageFooter) { i -= 1 }
        return i
    }

    private func endsUnfinished(_ s: String) -> Bool {
        // An ASCII last byte after an ASCII byte is the last Character (no CR LF inside a line).
        let u = s.utf8
        if let b = u.last, b < 0x80, u.count == 1 || u[u.index(u.endIndex, offsetBy: -2)] < 0x80 {
            return (b | 0x20) &- 0x61 < 26 || b == 0x2C
        }
        // An ASCII last byte after an Arabic-block scalar that stands alone, or after general
        // punctuation (U+2000...U+207F): neither prepends itself to what follows.
        if let decided = u.withContiguousStorageIfAvailable({ b -> Bool? in
            let n = b.count
            guard n >= 3, b[n - 1] < 0x80 else { return nil }
            if b[n - 3] & 0xFC == 0xD8, b[n - 2] & 0xC0 == 0x80,
               LineClassifier.arabicBlock[Int(b[n - 3] & 3) << 6 | Int(b[n - 2] & 0x3F)] & 1 != 0 {
                return (b[n - 1] | 0x20) &- 0x61 < 26 || b[n - 1] == 0x2C
            }
            if n >= 4, b[n - 4] == 0xE2, b[n - 3] == 0x80 || b[n - 3] == 0x81, b[n - 2] & 0xC0 == 0x80 {
                return (b[n - 1] | 0x20) &- 0x61 < 26 || b[n - 1] == 0x2C
            }
            return nil
        }), let answer = decided {
            return answer
        }
        // An Arabic-block scalar that is a Character of its own, after ASCII or another such scalar.
        if let facts = s.utf8.withContiguousStorageIfAvailable({ b -> UInt8? in
            let n = b.count
            guard n >= 2, b[n - 2] & 0xFC == 0xD8, b[n - 1] & 0xC0 == 0x80 else { return nil }
            let facts = LineClassifier.arabicBlock[Int(b[n - 2] & 3) << 6 | Int(b[n - 1] & 0x3F)]
            guard facts & 1 != 0 else { return nil }
            if n == 2 || b[n - 3] < 0x80 { return facts }
            guard n >= 4, b[n - 4] & 0xFC == 0xD8, b[n - 3] & 0xC0 == 0x80,
                  LineClassifier.arabicBlock[Int(b[n - 4] & 3) << 6 | Int(b[n - 3] & 0x3F)] & 1 != 0 else { return nil }
            return facts
        }), let f = facts {
            return f & 8 != 0
        }
        guard let last = s.last else { return false }
        return last.isLetter || last == ","
    }

    private func startsLowercase(_ s: String) -> Bool {
        // An ASCII first byte before an ASCII byte is the first Character.
        let u = s.utf8
        if let b = u.first, b < 0x80, u.count == 1 || u[u.index(after: u.startIndex)] < 0x80 {
            return b &- 0x61 < 26
        }
        return s.first?.isLowercase ?? false
    }

    /// Unicode scalars in valid UTF-8: the bytes that are not continuation bytes.
    static func scalarCount(_ s: String) -> Int {
        var copy = s
        return copy.withUTF8 { buf in
            var n = 0
            for b in buf where b & 0xC0 != 0x80 { n &+= 1 }
            return n
        }
    }


    struct Metadata {
        var source: String?
        var publisher: String?
        var author: String?
        var date: String?
    }

    private static let promoCues = ["now offering", "new video product", "subscribe to", "support us", "become a patron"]
        .map { Array($0.utf8) }

    /// The first occurrence of an ASCII needle, by bytes (Foundation's search is far slower here).
    static func firstRange(of needle: String, in text: Substring) -> Range<Substring.Index>? {
        let n = Array(needle.utf8)
        let u = text.utf8
        guard let first = n.first, u.count >= n.count else { return nil }
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == first {
                var j = i, k = 0
                while k < n.count, j != u.endIndex, u[j] == n[k] { j = u.index(after: j); k += 1 }
                if k == n.count { return i..<j }
            }
            i = u.index(after: i)
        }
        return nil
    }

    /// `String(decoding: bytes).hasPrefix(p)` for an ASCII `p` when the bytes decide it: a
    /// Character equal to an ASCII character is that scalar alone. Nil when a non-ASCII byte
    /// follows the matched bytes (a combining mark could join the last one).
    static func asciiPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ p: String) -> Bool? {
        var n = 0
        for c in p.utf8 {
            guard n < bytes.count, bytes[n] == c else { return false }
            n += 1
        }
        return n == bytes.count || bytes[n] < 0x80 ? true : nil
    }

    private static let globalresearch = Array("globalresearch".utf8)
    private static let globalResearch = Array("global research".utf8)

    private static let notAuthors: Set<String> = ["news desk", "staff", "editorial staff", "editor", "editorial", "admin"]

    private func readMetadata(_ block: Block, lines: Lines, roles: [Role], bodyStart: Int, isPromo: Bool) -> Metadata {
        var m = Metadata()
        var statedSource: String?
        var carrier: String?
        var houseSource: String?
        var date: FoundDate?
        var bodyLinesSeen = 0
        func consider(author: Substring) {
            var name = author.trimming(" :.,")
            if let r = Self.firstRange(of: " for ", in: name) {
                if let p = publishers.mentioned(in: name[r.upperBound...]) { statedSource = statedSource ?? p.name }
                name = name[..<r.lowerBound]
            }
            if let p = publishers.named(name) {
                statedSource = statedSource ?? p.name
                // A writer who is his own outlet (Nasser Kandil's site) is its author too.
                if publishers.byStaff(name) != nil, m.author == nil { m.author = String(name) }
                return
            }
            if Self.notAuthors.contains(name.lowercased()) || name.isEmpty { return }
            if m.author == nil { m.author = String(name) }
            if let p = publishers.byStaff(name) { houseSource = houseSource ?? p.name }
        }
        for i in block.title..<block.end {
            let role = roles[i - block.title]
            if lines[i].isBlank { continue }
            let isHeader = i < bodyStart
            switch lines[i].kind {
            case .date where role != .body:
                if isHeader, date == nil { date = lines[i].date }
                if let p = publishers.mentioned(in: lines.texts[i]) {
                    if p.name == "Global Research" { carrier = p.name }
                    else { statedSource = statedSource ?? p.name }
                }
                if isHeader, lines.texts[i].utf8.contains(0x2E), !lines.texts[i].utf8.contains(0x20),
                   let p = publishers.publishers.first(where: { $0.numericDates }) {
                    houseSource = houseSource ?? p.name // dd.mm.yyyy datelines are South Front's house style
                }
            case .byline:
                let text = lines.texts[i]
                if let r = Self.firstRange(of: ":", in: text) ?? Self.firstRange(of: "by ", in: text) ?? Self.firstRange(of: "By ", in: text) {
                    consider(author: text[r.upperBound...])
                }
            case .publisherName:
                consider(author: lines.texts[i])
            case .boilerplate:
                let text = lines.texts[i]
                // The lowercased head in a temporary allocation; the String (and its Character-wise
                // hasPrefix) only when the bytes cannot decide.
                ByteSearch.withLowercasedHead(text, limit: 200) { head in
                    var lowerString: String?
                    func lower() -> String {
                        if let l = lowerString { return l }
                        let l = String(decoding: head, as: UTF8.self)
                        lowerString = l
                        return l
                    }
                    func hasPrefix(_ p: String) -> Bool {
                        Self.asciiPrefix(head, p) ?? lower().hasPrefix(p)
                    }
                    if hasPrefix("articles by:") || hasPrefix("the original source of this article")
                        || hasPrefix("support ") || hasPrefix("we call upon") {
                        // "We call upon Global Research readers to support South Front": the carrier
                        // names itself too, so only another outlet (or "Articles by: X") states the source.
                        let others = hasPrefix("articles by") ? publishers
                            : PublisherDirectory(publishers: publishers.publishers.filter { $0.name != "Global Research" })
                        if let p = others.mentioned(in: Substring(lower())) { statedSource = statedSource ?? p.name }
                    }
                    func namesGlobalResearch(_ lower: UnsafeBufferPointer<UInt8>) -> Bool {
                        ByteSearch.contains(lower, Self.globalresearch) || ByteSearch.contains(lower, Self.globalResearch)
                    }
                    if text.utf8.count <= 200 ? namesGlobalResearch(head)
                        : ByteSearch.withLowercasedHead(text, limit: Int.max, namesGlobalResearch) {
                        carrier = carrier ?? "Global Research"
                    }
                }
            case .text:
                if role == .metadata, lines[i].isNameLike {
                    consider(author: lines.texts[i])
                } else if role == .metadata, let r = Self.firstRange(of: " is a", in: lines.texts[i]),
                          lines.texts[i].distance(from: lines.texts[i].startIndex, to: r.lowerBound) < 40 {
                    consider(author: lines.texts[i][..<r.lowerBound]) // "Nauman Sadiq is an Islamabad-based attorney"
                } else if role == .metadata, lines.texts[i].lowercased().hasPrefix("interviewed by") {
                    if let r = Self.firstRange(of: ":", in: lines.texts[i]) { consider(author: lines.texts[i][r.upperBound...]) }
                } else if role == .body, bodyLinesSeen < 3 {
                    bodyLinesSeen += 1
                    if houseSource == nil, let p = publishers.byDateline(lines.texts[i]) { houseSource = p.name }
                    else if houseSource == nil, lines.texts[i].withBytesIfAvailable({ ByteSearch.contains(UnsafeBufferPointer(rebasing: $0.prefix(60)), Self.syriaTimesMark) }) ?? false { houseSource = "Syria Times" }
                }
            default:
                break
            }
        }
        if date == nil {
            date = DateParser.dates(in: lines.texts[block.title]).first
        }
        m.date = date?.iso
        // An outlet that names itself at the start of its headline ("Al-Ahed News in Khan Sheikhoun: ...").
        if statedSource == nil, let p = ByteSearch.withLowercasedHead(lines.texts[block.title], limit: 64, { titleLower in
            // A spelling and a space: the spelling as a prefix, and a space after it.
            publishers.publishers.first(where: { p in p.spellingBytes.contains { s in
                s.count > 3 && titleLower.count > s.count && titleLower[s.count] == 0x20 && ByteSearch.hasPrefix(titleLower, s)
            } })
        }) {
            statedSource = p.name
        }
        if statedSource == nil, houseSource == nil, isPromo {
            // A promotional item is the outlet's own: it names itself in the text.
            for i in (block.title + 1)..<block.end where !lines[i].isBlank {
                if let p = publishers.mentioned(in: lines.texts[i].prefix(300)) { statedSource = p.name; break }
            }
        }
        m.source = statedSource ?? houseSource ?? carrier
        m.publisher = carrier ?? m.source
        return m
    }
}

/// Ids that stay the same across runs for the same file content.
public enum ArticleID {
    public static func make(contentHash: UInt64, ordinal: Int) -> String {
        let h = StableHash.mix(contentHash, UInt64(ordinal))
        // The first ten of sixteen zero-padded lowercase hex digits: the top 40 bits.
        var digits: (UInt64, UInt16) = (0, 0)
        withUnsafeMutableBytes(of: &digits) { out in
            for k in 0..<10 {
                let nibble = UInt8((h >> UInt64(60 - 4 * k)) & 0xF)
                out[k] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
        }
        return withUnsafeBytes(of: digits) { String(decoding: UnsafeRawBufferPointer(rebasing: $0[0..<10]), as: UTF8.self) }
    }

    static func makeByFormatting(contentHash: UInt64, ordinal: Int) -> String {
        let h = StableHash.mix(contentHash, UInt64(ordinal))
        let hex = String(h, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return String(padded.prefix(10))
    }
}
