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
    public var lines: [Line]
    public var stops: [Stop]

    /// Lays out article `index` of `corpus` at `width` columns through `text`.
    public init(corpus: BrowserCorpus, articleIndex index: Int, width: Int, text: any TextLayoutEngine) {
        articleIndex = index
        self.width = width
        let article = corpus.articles[index]
        let mentions = corpus.mentions[index]
        var lines: [Line] = []
        var stops: [Stop] = []

        func add(_ paragraph: String, role: Role, part: ArticleTextPart?, direction: LayoutDirection) {
            let first = lines.count
            for l in text.layout(paragraph, width: width, direction: direction) {
                lines.append(Line(content: l, role: role, part: part))
            }
            guard let part else { return }
            for m in mentions.mentions(in: part) {
                let at = lines[first...].firstIndex { $0.content.cells.contains { $0.overlaps(m.range) } } ?? first
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
