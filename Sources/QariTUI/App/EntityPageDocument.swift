/// An entity page laid out at one width: canonical and Arabic name, type, aliases,
/// related entities grouped by kind, then every article that names it with each
/// mention's sentence. Related entities, articles and mentions are selectable items.
public struct EntityPageDocument: Sendable {
    public enum Action: Sendable, Equatable {
        case entity(String)
        case article(Int)
        case mention(article: Int, MentionRef)
    }

    public enum Role: Sendable, Equatable { case name, arabicName, info, heading, item, sentence, blank }

    public struct Line: Sendable {
        /// qari's own text before the content (indentation, bullets); never article text.
        public var label: String
        public var content: LaidOutLine
        public var role: Role
        /// The selectable item this line belongs to.
        public var item: Int?
        /// Scalars of the content to emphasise (the mention inside its sentence).
        public var emphasis: Range<Int>?
        /// The entity whose colour the content takes.
        public var entityID: String?
        /// The whole string the content was laid out from (for search).
        public var source: String?
    }

    public struct Item: Sendable {
        public var action: Action
        public var firstLine: Int
        public var lastLine: Int
    }

    public var entityID: String
    public var width: Int
    public var lines: [Line] = []
    public var items: [Item] = []

    public init(corpus: BrowserCorpus, entityID: String, width: Int, text: any TextLayoutEngine) {
        self.entityID = entityID
        self.width = width
        guard let entity = corpus.entities[entityID] else { return }

        func add(_ s: String, role: Role, label: String = "", item: Int? = nil, emphasis: Range<Int>? = nil,
                 entityID: String? = nil, direction: LayoutDirection = .auto) {
            let w = max(width - label.count, 1)
            let laid = text.layout(s, width: w, direction: direction)
            for (n, l) in (laid.isEmpty ? [.empty] : laid).enumerated() {
                lines.append(Line(label: n == 0 ? label : String(repeating: " ", count: label.count),
                                  content: l, role: role, item: item, emphasis: emphasis, entityID: entityID,
                                  source: s))
            }
        }
        func blank() { lines.append(Line(label: "", content: .empty, role: .blank)) }
        func heading(_ s: String) { lines.append(Line(label: s, content: .empty, role: .heading)) }
        func beginItem(_ action: Action) -> Int {
            items.append(Item(action: action, firstLine: lines.count, lastLine: lines.count))
            return items.count - 1
        }
        func endItem(_ i: Int) { items[i].lastLine = lines.count - 1 }

        add(entity.name, role: .name, entityID: entity.id)
        if let arabic = entity.arabicName { add(arabic, role: .arabicName, entityID: entity.id, direction: .rtl) }
        add([entity.category.label, entity.kind].compactMap { $0 }.joined(separator: " · "), role: .info)
        let others = entity.aliases.filter { $0 != entity.name && $0 != entity.arabicName }
        if !others.isEmpty { add("Also: " + others.joined(separator: ", "), role: .info) }

        for (group, ids) in corpus.relationGroups(of: entityID) {
            blank()
            heading(group.title)
            for id in ids {
                guard let other = corpus.entities[id] else { continue }
                let i = beginItem(.entity(id))
                add(other.name, role: .item, label: "  › ", item: i, entityID: id)
                endItem(i)
            }
        }

        let found = corpus.locations(of: entityID, articleLimit: Self.articleLimit)
        let locations = found.locations
        let articleIndexes = found.articles
        blank()
        heading(articleIndexes.isEmpty ? "Not named in any article"
                : "Named \(found.mentionCount) time\(found.mentionCount == 1 ? "" : "s") in \(articleIndexes.count) article\(articleIndexes.count == 1 ? "" : "s")")
        for a in articleIndexes.prefix(Self.articleLimit) {
            blank()
            let i = beginItem(.article(a))
            add(corpus.articles[a].title, role: .item, label: "  ", item: i)
            add(ReaderDocument.metadata(of: corpus.articles[a]), role: .info, label: "  ", item: i, direction: .ltr)
            endItem(i)
            for loc in locations where loc.article == a {
                let source = corpus.text(article: a, part: loc.part)
                let sentence = SentenceFinder.sentence(in: source, around: loc.range)
                let ref = MentionRef(part: loc.part, range: loc.range, entityID: entityID)
                let j = beginItem(.mention(article: a, ref))
                let emphasis = (loc.range.lowerBound - sentence.offset)..<(loc.range.upperBound - sentence.offset)
                add(sentence.text, role: .sentence, label: "    › ", item: j, emphasis: emphasis, entityID: entityID)
                endItem(j)
            }
        }
        if articleIndexes.count > Self.articleLimit {
            blank()
            add("… and \(articleIndexes.count - Self.articleLimit) more articles: & \(entity.name) lists them all",
                role: .info, label: "  ", direction: .ltr)
        }
    }

    /// Articles listed with their sentences on one page; `&` narrows the list to all of them.
    static let articleLimit = 50

    /// The item whose lines include `line`.
    func item(atLine line: Int) -> Int? {
        lines.indices.contains(line) ? lines[line].item : nil
    }
}

/// Finds the sentence around a mention, so an entity page can quote it.
enum SentenceFinder {
    /// The sentence of `text` containing `range`, and its scalar offset in `text`.
    static func sentence(in text: String, around range: Range<Int>) -> (text: String, offset: Int) {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return ("", 0) }
        let terminators: Set<UInt32> = [0x2E, 0x21, 0x3F, 0x61F, 0x6D4]
        func endsSentence(_ i: Int) -> Bool {
            terminators.contains(scalars[i].value) && (i + 1 == scalars.count || scalars[i + 1].properties.isWhitespace)
        }
        var start = min(range.lowerBound, scalars.count)
        while start > 0 && !endsSentence(start - 1) { start -= 1 }
        while start < scalars.count && scalars[start].properties.isWhitespace { start += 1 }
        var end = max(min(range.upperBound, scalars.count), start)
        while end < scalars.count && !endsSentence(end) { end += 1 }
        if end < scalars.count { end += 1 }
        // Some sentences (Arabic prose with few full stops) run for a paragraph: keep a window
        // around the mention, cut at spaces, marked with ellipses.
        var prefix = "", suffix = ""
        if end - start > maximumLength {
            let margin = max((maximumLength - range.count) / 2, 20)
            var from = max(start, range.lowerBound - margin)
            var to = min(end, range.upperBound + margin)
            while from > start, from < range.lowerBound, !scalars[from - 1].properties.isWhitespace { from += 1 }
            while to < end, to > range.upperBound, !scalars[to].properties.isWhitespace { to -= 1 }
            if from > start { prefix = "… " }
            if to < end { suffix = " …" }
            start = from
            end = to
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: prefix.unicodeScalars)
        view.append(contentsOf: scalars[start..<end])
        view.append(contentsOf: suffix.unicodeScalars)
        return (String(view), start - prefix.unicodeScalars.count)
    }

    /// Scalars of a quoted sentence at most (plus the ellipses).
    static let maximumLength = 240
}
