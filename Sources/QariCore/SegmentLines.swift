/// One classified line as the segmenter's passes read it: a `LineInfo` without its text. A
/// LineInfo holds a Substring (a reference), so every copy of one out of an array costs an
/// outlined copy with a retain and, later, a release; these facts are copied as plain bytes.
struct SegmentLine {
    var number: Int
    var kind: LineKind
    var date: FoundDate?
    var isTitleLike: Bool
    var isNameLike: Bool
    /// The UTF-8 length of the line's text, counted once here: `sameText` compares lengths
    /// first, and most pairs end there without copying either text out (a retain and release each).
    var byteCount: Int
    var isBlank: Bool { kind == .blank }

    /// A blank line.
    init(number: Int) {
        self.number = number
        kind = .blank
        date = nil
        isTitleLike = false
        isNameLike = false
        byteCount = 0
    }

    init(_ info: borrowing LineInfo) {
        number = info.number
        kind = info.kind
        date = info.date
        isTitleLike = info.isTitleLike
        isNameLike = info.isNameLike
        byteCount = info.clean.utf8.count
    }
}

/// A file's classified lines, read in place: the facts of line i+1 and, apart, its text
/// (`LineInfo.clean`).
struct SegmentLines {
    let facts: UnsafeBufferPointer<SegmentLine>
    let texts: UnsafeBufferPointer<Substring>
    var count: Int { facts.count }
    subscript(i: Int) -> SegmentLine { facts[i] }
}
