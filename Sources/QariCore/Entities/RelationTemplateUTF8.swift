import Foundation

/// Where each mention that gets a placeholder lies in a text's UTF-8, and its role: what
/// `RelationTemplate.nonPlaceCount` and the template need, read without decoding the text.
struct RelationLayout {
    struct Placed {
        /// Index of the mention in the sorted mentions (the placeholder's number).
        var index: Int
        /// Byte offsets of the mention in the text.
        var bytes: Range<Int>
        var role: RelationTemplate.Role
        var acting: EntityType?
    }

    /// The mentions given placeholders, in order: those that overlap no mention placed before.
    var placed: [Placed] = []
    /// How many of them take a role other than place.
    var nonPlaceCount = 0

    /// `bytes`: the text's UTF-8; `sorted`: its mentions in the order of their starts (scalar offsets).
    init(_ bytes: UnsafeBufferPointer<UInt8>, _ sorted: [EntityMention], classify: (String) -> (isPlace: Bool, acting: EntityType?)) {
        let n = bytes.count
        placed.reserveCapacity(sorted.count)
        var position = 0   // in scalars
        var i = 0          // the byte offset of `position`
        var depth = 0
        for (index, mention) in sorted.enumerated() where mention.range.lowerBound >= position {
            // The copied stretch: parentheses are counted there (and not inside names).
            while position < mention.range.lowerBound && i < n {
                let c = bytes[i]
                if c < 0x80 {
                    if c == 0x28 { depth += 1 } else if c == 0x29 { depth = max(0, depth - 1) }
                    i += 1
                } else {
                    i += RelationLayout.length(ofLead: c)
                }
                position += 1
            }
            let lower = i
            while position < mention.range.upperBound && i < n {
                i += RelationLayout.length(ofLead: bytes[i])
                position += 1
            }
            let upper = i
            // The two scalars after the name and the four before it, when there are so many.
            var after: (UInt32, UInt32)? = nil
            if upper < n {
                let (first, length) = RelationLayout.decode(bytes, at: upper)
                if upper + length < n { after = (first, RelationLayout.decode(bytes, at: upper + length).scalar) }
            }
            var before: (UInt32, UInt32, UInt32, UInt32)? = nil
            if mention.range.lowerBound >= 4 {
                var k = lower
                var last = (UInt32(0), UInt32(0), UInt32(0), UInt32(0))
                k = RelationLayout.start(before: k, in: bytes); last.3 = RelationLayout.decode(bytes, at: k).scalar
                k = RelationLayout.start(before: k, in: bytes); last.2 = RelationLayout.decode(bytes, at: k).scalar
                k = RelationLayout.start(before: k, in: bytes); last.1 = RelationLayout.decode(bytes, at: k).scalar
                k = RelationLayout.start(before: k, in: bytes); last.0 = RelationLayout.decode(bytes, at: k).scalar
                before = last
            }
            let (role, acting) = RelationTemplate.role(of: mention, isModifier: RelationTemplate.isModifier(after: after, before: before),
                                                       depth: depth, classify: classify)
            if role != .place { nonPlaceCount += 1 }
            placed.append(Placed(index: index, bytes: lower..<upper, role: role, acting: acting))
            position = mention.range.upperBound
        }
    }

    /// The length of the UTF-8 sequence a lead byte starts.
    @inline(__always) static func length(ofLead c: UInt8) -> Int {
        c < 0x80 ? 1 : (c < 0xE0 ? 2 : (c < 0xF0 ? 3 : 4))
    }

    /// The scalar at byte offset `i` (a sequence start) and its length in bytes.
    @inline(__always) static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let c = UInt32(bytes[i])
        if c < 0x80 { return (c, 1) }
        if c < 0xE0 { return ((c & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F, 2) }
        if c < 0xF0 { return ((c & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F, 3) }
        return ((c & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6 | UInt32(bytes[i + 3]) & 0x3F, 4)
    }

    /// The start of the scalar that ends just before byte offset `i`.
    @inline(__always) static func start(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var k = i - 1
        while k > 0 && bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }
}

/// The cue words of `CueTable` as UTF-8, to find them in a text's bytes as `CueTable.scan` finds
/// them in its UTF-16 units: a cue lies inside the text copied between placeholders (it holds
/// no placeholder character or digit), where the same characters are the same words.
/// The tables are plain memory, read through pointers by `RelationTemplateBuilder`.
final class RelationCueBytes: @unchecked Sendable {
    static let shared = RelationCueBytes(RelationRule.cueWords)

    /// Cue words as UTF-8, run together; word `id` is at `wordStarts[id]..<wordStarts[id + 1]`.
    let wordBytes: UnsafeMutablePointer<UInt8>
    let wordStarts: UnsafeMutablePointer<Int32>
    /// Each word's length in UTF-16 units (where its hit ends in the template).
    let unitLengths: UnsafeMutablePointer<Int32>
    /// One bit per pair of ASCII bytes (first << 7 | second) that starts a word.
    let bigramBits: UnsafeMutablePointer<UInt64>
    /// Ids of the words whose first two bytes are ASCII, by those bytes, at
    /// `bigramIDs[bigramStarts[b]..<bigramStarts[b + 1]]`, in increasing order.
    let bigramStarts: UnsafeMutablePointer<Int32>
    let bigramIDs: UnsafeMutablePointer<Int32>
    /// One bit per `trigramKey` of the first three bytes of a word of three bytes or more, and of
    /// the first two of a shorter word followed by any byte or 0: a word can start only where the
    /// key of the next three bytes (0 past the copied text) has its bit.
    let trigramBits: UnsafeMutablePointer<UInt64>
    static let trigramKeyBits = 16

    /// Words whose first unit is above ASCII, below the private-use area: their first scalar and id.
    /// (`CueTable.scan` looks for no other word starting with one unit.)
    let others: [(first: UInt32, id: Int32)]
    /// The least and greatest of their first scalars.
    let othersLow: UInt32
    let othersHigh: UInt32

    private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
        pointer.initialize(from: array, count: array.count)
        return pointer
    }

    init(_ cues: [String]) {
        var wordBytes: [UInt8] = [], wordStarts: [Int32] = [0], unitLengths: [Int32] = []
        var byBigram = [[Int32]](repeating: [], count: 128 * 128)
        var others: [(UInt32, Int32)] = []
        for (id, cue) in cues.enumerated() {
            let units = Array(cue.utf16)
            // A word of two-unit characters would be found by `CueTable` from a surrogate on.
            precondition(!units.contains { $0 >= 0xD800 && $0 < 0xE000 }, "cue words are in the Basic Multilingual Plane")
            wordBytes += Array(cue.utf8)
            wordStarts.append(Int32(wordBytes.count))
            unitLengths.append(Int32(units.count))
            // As `CueTable` sorts them.
            if units.count >= 2, units[0] < 0x80, units[1] < 0x80 {
                byBigram[Int(units[0]) << 7 | Int(units[1])].append(Int32(id))
            } else if let first = units.first, first >= 0x80, first < 0xE000 {
                others.append((UInt32(first), Int32(id)))
            }
        }
        var trigramBits = [UInt64](repeating: 0, count: (1 << RelationCueBytes.trigramKeyBits) / 64)
        func setTrigram(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
            let key = RelationCueBytes.trigramKey(UInt32(a), UInt32(b), UInt32(c))
            trigramBits[key >> 6] |= 1 << UInt64(key & 63)
        }
        for cue in cues {
            let bytes = Array(cue.utf8)
            guard bytes.count >= 2, bytes[0] < 0x80, bytes[1] < 0x80 else { continue }
            if bytes.count >= 3 {
                setTrigram(bytes[0], bytes[1], bytes[2])
            } else {
                for third in 0...255 { setTrigram(bytes[0], bytes[1], UInt8(third)) }
            }
        }
        var bigramStarts: [Int32] = [0], bigramIDs: [Int32] = []
        var bigramBits = [UInt64](repeating: 0, count: 128 * 128 / 64)
        for (bigram, ids) in byBigram.enumerated() {
            bigramIDs += ids
            bigramStarts.append(Int32(bigramIDs.count))
            if !ids.isEmpty { bigramBits[bigram >> 6] |= 1 << UInt64(bigram & 63) }
        }
        self.wordBytes = RelationCueBytes.copy(wordBytes)
        self.wordStarts = RelationCueBytes.copy(wordStarts)
        self.unitLengths = RelationCueBytes.copy(unitLengths)
        self.bigramBits = RelationCueBytes.copy(bigramBits)
        self.bigramStarts = RelationCueBytes.copy(bigramStarts)
        self.bigramIDs = RelationCueBytes.copy(bigramIDs)
        self.trigramBits = RelationCueBytes.copy(trigramBits)
        self.folded = RelationCueBytes.copy((0...255).map { RelationCueBytes.fold(UInt8($0)) })
        self.others = others
        othersLow = others.map(\.0).min() ?? 1
        othersHigh = others.map(\.0).max() ?? 0
    }

    deinit {
        wordBytes.deallocate(); wordStarts.deallocate(); unitLengths.deallocate()
        bigramBits.deallocate(); bigramStarts.deallocate(); bigramIDs.deallocate(); trigramBits.deallocate(); folded.deallocate()
    }

    @inline(__always) static func fold(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Three bytes hashed to `trigramKeyBits` bits.
    @inline(__always) static func trigramKey(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Int {
        Int((a << 9 ^ b << 4 ^ c) & (1 << UInt32(trigramKeyBits) - 1))
    }

    /// `fold` of every byte.
    let folded: UnsafeMutablePointer<UInt8>
}

/// Builds a template's units, sentences and cue hits from the text's UTF-8 (`RelationTemplate.fromUTF8`).
/// Its state is its own, so that the loops run without the exclusivity checks of captured variables.
struct RelationTemplateBuilder {
    typealias Segment = RelationTemplate.Segment
    let bytes: UnsafePointer<UInt8>
    let cueBytes: RelationCueBytes
    let out: UnsafeMutablePointer<UInt16>
    /// Units written.
    var o = 0
    var segments: [Segment] = []
    var hits: [(start: Int32, end: Int32, id: Int32)] = []
    var all = CueSet()
    /// The sentence being read, and where its hits start.
    var segment = Segment(range: NSRange(location: 0, length: 0))
    var segmentHits = 0

    init(bytes: UnsafePointer<UInt8>, cueBytes: RelationCueBytes, out: UnsafeMutablePointer<UInt16>) {
        self.bytes = bytes
        self.cueBytes = cueBytes
        self.out = out
        segments.reserveCapacity(8)
        hits.reserveCapacity(16)
    }

    /// The sentence marks . ; ! ? as bits.
    static let marks: UInt64 = 1 << 0x2E | 1 << 0x3B | 1 << 0x21 | 1 << 0x3F

    /// A placeholder's opening or closing unit, or a private-use character of the text that reads as one.
    @inline(__always) mutating func placeholderUnit(_ u: UInt16, at o: Int) {
        if u & 1 == 0 {
            segment.counts.add(RelationTemplate.Role(rawValue: Int(u - 0xE000) / 2)!)
            if u == 0xE000 { segment.lastActorStart = o }
        } else if u == 0xE001 && segment.firstActorEnd < 0 {
            segment.firstActorEnd = o + 1
        }
    }

    /// Ends the sentence at unit `o`, a mark (0: the end of the line).
    mutating func endSegment(at o: Int, mark: UInt16) {
        segment.range.length = o - segment.range.location
        segment.end = mark
        segment.hits = segmentHits..<hits.count
        all.formUnion(segment.cues)
        segments.append(segment)
        segment = Segment(range: NSRange(location: o + 1, length: 0))
        segmentHits = hits.count
    }

    @inline(__always) mutating func hit(_ id: Int) {
        segment.cues.insert(id)
        hits.append((Int32(o), Int32(o) + cueBytes.unitLengths[id], Int32(id)))
    }

    /// Copies bytes `from..<end` (text between placeholders) into units, reading marks and cue words.
    mutating func copy(_ from: Int, _ end: Int) {
        let bytes = self.bytes, out = self.out, folded = cueBytes.folded
        let trigramBits = cueBytes.trigramBits
        var i = from
        // The folded bytes at i and i + 1 (0 past the end).
        var first = i < end ? UInt32(folded[Int(bytes[i])]) : 0
        var second = i + 1 < end ? UInt32(folded[Int(bytes[i + 1])]) : 0
        while i < end {
            let c = bytes[i]
            let third = i + 2 < end ? UInt32(folded[Int(bytes[i + 2])]) : 0
            if c < 0x80 {
                out[o] = UInt16(c)
                if c < 64 && RelationTemplateBuilder.marks & (1 << UInt64(c)) != 0 {   // . ; ! ?
                    endSegment(at: o, mark: UInt16(c))
                } else {
                    let key = RelationCueBytes.trigramKey(first, second, third)
                    if trigramBits[key >> 6] & (1 << UInt64(key & 63)) != 0 { findWords(at: i, end) }
                }
                o += 1; i += 1
                first = second; second = third
                continue
            }
            var v: UInt32
            let length: Int
            if c < 0xE0 {
                v = (UInt32(c) & 0x1F) << 6 | UInt32(bytes[i + 1]) & 0x3F; length = 2
            } else if c < 0xF0 {
                v = (UInt32(c) & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | UInt32(bytes[i + 2]) & 0x3F; length = 3
            } else {
                v = (UInt32(c) & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6 | UInt32(bytes[i + 3]) & 0x3F
                v -= 0x10000
                out[o] = UInt16(truncatingIfNeeded: 0xD800 + (v >> 10))
                out[o + 1] = UInt16(truncatingIfNeeded: 0xDC00 + (v & 0x3FF))
                o += 2; i += 4
                first = i < end ? UInt32(folded[Int(bytes[i])]) : 0
                second = i + 1 < end ? UInt32(folded[Int(bytes[i + 1])]) : 0
                continue
            }
            out[o] = UInt16(truncatingIfNeeded: v)
            if v >= 0xE000 {
                if v <= 0xE007 { placeholderUnit(UInt16(v), at: o) }
            } else if v >= cueBytes.othersLow && v <= cueBytes.othersHigh {
                findOtherWords(v, at: i, end)
            }
            o += 1; i += length
            first = i < end ? UInt32(folded[Int(bytes[i])]) : 0
            second = i + 1 < end ? UInt32(folded[Int(bytes[i + 1])]) : 0
        }
    }

    /// The words starting with two ASCII bytes found at byte `i` (unit `o`), in `CueTable.scan`'s order.
    mutating func findWords(at i: Int, _ end: Int) {
        guard i + 1 < end else { return }
        let c = bytes[i], d = bytes[i + 1]
        guard d < 0x80 else { return }
        let wordBytes = cueBytes.wordBytes, wordStarts = cueBytes.wordStarts
        let bigram = Int(RelationCueBytes.fold(c)) << 7 | Int(RelationCueBytes.fold(d))
        guard cueBytes.bigramBits[bigram >> 6] & (1 << UInt64(bigram & 63)) != 0 else { return }
        var k = Int(cueBytes.bigramStarts[bigram])
        let last = Int(cueBytes.bigramStarts[bigram + 1])
        while k < last {
            let id = Int(cueBytes.bigramIDs[k])
            k += 1
            let wordFrom = Int(wordStarts[id]), wordTo = Int(wordStarts[id + 1])
            guard i + (wordTo - wordFrom) <= end else { continue }
            var w = wordFrom + 2, j = i + 2   // the first two bytes are the bigram
            while w < wordTo && RelationCueBytes.fold(bytes[j]) == wordBytes[w] { w += 1; j += 1 }
            if w == wordTo { hit(id) }
        }
    }

    /// The words starting with scalar `v` (above ASCII) found at byte `i` (unit `o`).
    mutating func findOtherWords(_ v: UInt32, at i: Int, _ end: Int) {
        let wordBytes = cueBytes.wordBytes, wordStarts = cueBytes.wordStarts
        for other in cueBytes.others where other.first == v {
            let id = Int(other.id)
            let wordFrom = Int(wordStarts[id]), wordTo = Int(wordStarts[id + 1])
            guard i + (wordTo - wordFrom) <= end else { continue }
            var w = wordFrom, j = i
            while w < wordTo && RelationCueBytes.fold(bytes[j]) == wordBytes[w] { w += 1; j += 1 }
            if w == wordTo { hit(id) }
        }
    }

    /// Writes the placeholder of mention `index` in `role`; the units it takes.
    mutating func placeholder(_ index: Int, _ role: RelationTemplate.Role) -> Range<Int> {
        let start = o
        out[o] = role.open
        placeholderUnit(role.open, at: o)
        o += 1
        var value = index
        let first = o
        repeat {
            out[o] = 0x30 + UInt16(value % 10)
            o += 1
            value /= 10
        } while value > 0
        var a = first, b = o - 1
        while a < b { let t = out[a]; out[a] = out[b]; out[b] = t; a += 1; b -= 1 }
        out[o] = role.close
        placeholderUnit(role.close, at: o)
        o += 1
        return start..<o
    }
}

extension RelationTemplate {
    /// The template `init(scalars:sortedMentions:classify:)` makes, built from the text's UTF-8
    /// in one pass that copies it into units, cuts it into sentences and finds the cue words
    /// (`CueTable.scan`'s work) without decoding the text to scalars first.
    /// `layout`: `RelationLayout(bytes, sorted, classify:)`.
    static func fromUTF8(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, sortedMentions sorted: [EntityMention],
                         layout: RelationLayout) -> RelationTemplate {
        let n = bytes.count
        var roles: [Role] = []
        roles.reserveCapacity(sorted.count)
        var placeholders: [(units: Range<Int>, text: Range<Int>)] = []
        placeholders.reserveCapacity(layout.placed.count)
        var counts = PlaceholderCounts()
        var allTypes = TypeMask()
        var segments: [Segment] = []
        var hits: [(start: Int32, end: Int32, id: Int32)] = []
        var all = CueSet()
        // UTF-16 takes no more units than UTF-8 takes bytes; a placeholder takes two units and its digits.
        var digits = 1, power = 10
        while power <= sorted.count { digits += 1; power *= 10 }
        let capacity = n + layout.placed.count * (2 + digits)
        let units = [UInt16](unsafeUninitializedCapacity: max(1, capacity)) { out, count in
            // An empty text may have no base address; nothing is read from it then.
            var builder = RelationTemplateBuilder(bytes: bytes.baseAddress ?? UnsafePointer(RelationCueBytes.shared.wordBytes), cueBytes: RelationCueBytes.shared, out: out.baseAddress!)
            var i = 0
            for placed in layout.placed {
                builder.copy(i, placed.bytes.lowerBound)
                let role = placed.role
                if role != .place {
                    let types = placed.acting.map(TypeMask.init) ?? TypeMask()
                    builder.segment.actingTypes.formUnion(types)
                    allTypes.formUnion(types)
                }
                roles.append(role)
                counts.add(role)
                placeholders.append((builder.placeholder(placed.index, role), sorted[placed.index].range))
                i = placed.bytes.upperBound
            }
            builder.copy(i, n)
            builder.endSegment(at: builder.o, mark: 0)
            count = builder.o
            segments = builder.segments
            hits = builder.hits
            all = builder.all
        }
        while roles.count < sorted.count { roles.append(.actor) }
        return RelationTemplate(source: text, mentions: sorted, roles: roles, units: units, placeholders: placeholders,
                                placeholderCounts: counts, segments: segments, cues: all, cueHits: hits, actingTypes: allTypes)
    }
}
