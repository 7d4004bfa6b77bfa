import QariCore

/// A mention the reader can stop on with `]`, `[` or Tab: which part, which scalars.
public struct MentionRef: Sendable, Hashable {
    public var part: ArticleTextPart
    public var range: Range<Int>
    public var entityID: String
}

/// An article laid out for the reader at one width: the lines in order, and the
/// mention stops in reading order.
public struct ReaderDocument: Sendable {
    public enum Role: Sendable, Equatable { case title, metadata, body, blank }

    public struct Line: Sendable {
        public var content: LaidOutLine
        public var role: Role
        /// Which text of the article the line shows (nil for metadata and blank lines).
        public var part: ArticleTextPart?
    }

    public struct Stop: Sendable {
        public var mention: MentionRef
        /// The line the mention starts on.
        public var line: Int
    }

    public var articleIndex: Int
    public var width: Int
    /// True when each mention is followed by the entity's name in the other language.
    public var showsOtherLanguageNames: Bool
    public var lines: [Line]
    public var stops: [Stop]

    /// Lays out article `index` of `corpus` at `width` columns through `text`. With
    /// `otherLanguageNames`, "[Khan Shaykhun]" follows an Arabic mention and "[خان شيخون]" an
    /// English one: inserted before wrapping, so TerminalText lays the line out with it.
    public init(corpus: BrowserCorpus, articleIndex index: Int, width: Int, text: any TextLayoutEngine,
                otherLanguageNames: Bool = false) {
        articleIndex = index
        self.width = width
        showsOtherLanguageNames = otherLanguageNames
        let article = corpus.articles[index]
        let mentions = corpus.mentions[index]
        var lines: [Line] = []
        var stops: [Stop] = []

        func add(_ paragraph: String, role: Role, part: ArticleTextPart?, direction: LayoutDirection) {
            let first = lines.count
            let glossed = part.flatMap { otherLanguageNames ? GlossedText(paragraph, mentions: mentions.mentions(in: $0), corpus: corpus) : nil }
            for l in text.layout(glossed?.text ?? paragraph, width: width, direction: direction) {
                lines.append(Line(content: glossed?.sourceLine(l) ?? l, role: role, part: part))
            }
            guard let part else { return }
            let found = mentions.mentions(in: part)
            guard !found.isEmpty else { return }
            // A mention is on the first line with a cell showing it. A cell shows scalars only
            // inside its line's span, so the lines worth looking at are found by halving over the
            // spans (a 10 MB paragraph: 500,000 mentions over 137,000 lines): before the first
            // line whose span, or an earlier one's, ends after the mention starts, none; from a
            // line on which every later span starts after the mention ends, none either.
            let spans = lines[first...].map { $0.content.logicalSpan }
            var endsBy = [Int](repeating: Int.min, count: spans.count)     // the latest end up to each line
            var startsFrom = [Int](repeating: Int.max, count: spans.count) // the earliest start from each line on
            var latest = Int.min, earliest = Int.max
            for k in spans.indices {
                latest = max(latest, spans[k]?.upperBound ?? Int.min)
                endsBy[k] = latest
            }
            for k in spans.indices.reversed() {
                earliest = min(earliest, spans[k]?.lowerBound ?? Int.max)
                startsFrom[k] = earliest
            }
            for m in found {
                var low = 0, high = spans.count
                while low < high {
                    let mid = (low + high) / 2
                    if endsBy[mid] <= m.range.lowerBound { low = mid + 1 } else { high = mid }
                }
                var at = first
                var k = low
                while k < spans.count, startsFrom[k] < m.range.upperBound {
                    if spans[k] != nil, lines[first + k].content.cells.contains(where: { $0.overlaps(m.range) }) {
                        at = first + k
                        break
                    }
                    k += 1
                }
                stops.append(Stop(mention: MentionRef(part: part, range: m.range, entityID: m.entityID), line: at))
            }
        }

        add(article.title, role: .title, part: .title, direction: .auto)
        let metadata = Self.metadata(of: article)
        if !metadata.isEmpty { add(metadata, role: .metadata, part: nil, direction: .ltr) }
        for (i, p) in article.paragraphs.enumerated() {
            lines.append(Line(content: .empty, role: .blank, part: nil))
            add(p.text, role: .body, part: .paragraph(i), direction: p.direction == .rtl ? .rtl : .ltr)
        }
        self.lines = lines
        self.stops = stops
    }

    /// "2020-05-12 · South Front via Global Research · by Name · EN · 000_x.txt"
    static func metadata(of article: Article) -> String {
        var parts: [String] = []
        if let date = article.date { parts.append(date) } else { parts.append("undated") }
        if let source = article.source {
            if let publisher = article.publisher, publisher != source { parts.append("\(source) via \(publisher)") }
            else { parts.append(source) }
        } else if let publisher = article.publisher { parts.append(publisher) }
        if let author = article.author { parts.append("by \(author)") }
        parts.append(LanguageBadge(article.lang).text)
        parts.append(article.file)
        return parts.joined(separator: " · ")
    }

    /// The first line showing `range` of `part`.
    public func line(of part: ArticleTextPart, range: Range<Int>) -> Int? {
        lines.firstIndex { $0.part == part && $0.content.cells.contains { $0.overlaps(range) } }
    }

    /// Where line `index` starts in its text, to find the same place at another width.
    func anchor(at index: Int) -> (part: ArticleTextPart, offset: Int)? {
        guard lines.indices.contains(index) else { return nil }
        for l in lines[index...] {
            if let part = l.part, let span = l.content.logicalSpan { return (part, span.lowerBound) }
        }
        return nil
    }

    func line(for anchor: (part: ArticleTextPart, offset: Int)) -> Int? {
        lines.firstIndex { $0.part == anchor.part && ($0.content.logicalSpan?.contains(anchor.offset) ?? false) }
    }

    /// The place shown on line `top`, to be found again with `line(for:)`.
    func anchor(for top: Int) -> ReaderAnchor {
        guard top > 0, let a = anchor(at: top) else { return ReaderAnchor(part: nil, offset: 0) }
        return ReaderAnchor(part: a.part, offset: a.offset)
    }

    /// The line showing `anchor`: the top for the start of the article.
    func line(for anchor: ReaderAnchor) -> Int? {
        guard let part = anchor.part else { return 0 }
        return line(for: (part, anchor.offset))
    }
}

/// A paragraph with each mention followed by the entity's name in the other language, and the
/// way back from its offsets to the paragraph's, so highlights, stops and search still work.
struct GlossedText {
    /// The paragraph with the names inserted.
    var text: String
    /// Each inserted name: where it starts in `text`, its length, and the paragraph offset it follows.
    private var insertions: [(start: Int, length: Int, after: Int)] = []

    /// nil when no mention has a name in the other language (nothing to insert).
    init?(_ paragraph: String, mentions: [EntityMentionSpan], corpus: BrowserCorpus) {
        let scalars = Array(paragraph.unicodeScalars)
        var out = String.UnicodeScalarView()
        var copied = 0, added = 0
        for m in mentions.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where m.range.upperBound <= scalars.count && m.range.lowerBound >= copied {
            guard let entity = corpus.entities[m.entityID] else { continue }
            // The mention's own script says which name the reader lacks.
            let isArabic = scalars[m.range].contains { (0x0600...0x06FF).contains($0.value) }
            guard let name = isArabic ? entity.name : entity.arabicName, !name.isEmpty else { continue }
            out.append(contentsOf: scalars[copied..<m.range.upperBound])
            copied = m.range.upperBound
            let gloss = " [\(name)]".unicodeScalars
            insertions.append((start: copied + added, length: gloss.count, after: copied))
            out.append(contentsOf: gloss)
            added += gloss.count
        }
        guard !insertions.isEmpty else { return nil }
        out.append(contentsOf: scalars[copied...])
        text = String(out)
    }

    /// `line` of the glossed text with paragraph offsets, inserted cells marked.
    func sourceLine(_ line: LaidOutLine) -> LaidOutLine {
        var mapped = line
        mapped.cells = line.cells.map { cell in
            var shift = 0
            for i in insertions {
                if cell.logicalIndex >= i.start + i.length { shift += i.length; continue }
                if cell.logicalIndex >= i.start {
                    return LaidOutCell(text: cell.text, width: cell.width, logicalIndex: i.after,
                                       logicalLength: 0, isInserted: true)
                }
                break
            }
            var c = cell
            c.logicalIndex -= shift
            return c
        }
        return mapped
    }
}

/// The badge the list shows for an article's language.
public struct LanguageBadge: Sendable, Equatable {
    public var text: String
    public init(_ language: Language) {
        switch language {
        case .en: text = "EN"
        case .ar: text = "AR"
        case .mixed: text = "EN+AR"
        }
    }
}
