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
    /// In memory that `with` lends (on the stack when small): an array was allocated and freed
    /// for every line with mentions.
    private(set) var placed: UnsafeBufferPointer<Placed>
    /// How many of them take a role other than place.
    var nonPlaceCount = 0

    /// `body` told the layout of `bytes`, the text's UTF-8; `sorted`: its mentions in the order
    /// of their starts (scalar offsets). The layout is valid only within `body`.
    /// `table`, when given, answers `classify` for the ids it finds by their bits (`RelationEntityTable.role(bits:)`).
    static func with<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ sorted: [EntityMention], table: RelationEntityTable? = nil,
                        classify: (String) -> (isPlace: Bool, acting: EntityType?), _ body: (RelationLayout) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: Placed.self, capacity: max(1, sorted.count)) { room in
            try sorted.withUnsafeBufferPointer { mentions in
                try body(RelationLayout(bytes, mentions, room: room.baseAddress!, table: table, classify: classify))
            }
        }
    }

    /// The bits of mention `index`'s id (its `String`'s two words), read in place without a copy
    /// of the id: `entityID` is the first stored property of `EntityMention` (a test checks its
    /// offset), and a `String` is two words where `RelationEntityTable` reads bits.
    @inline(__always) static func idBits(_ mentions: UnsafeBufferPointer<EntityMention>, _ index: Int) -> (UInt64, UInt64) {
        UnsafeRawPointer(mentions.baseAddress! + index).load(as: (UInt64, UInt64).self)
    }

    /// `room`: space for a `Placed` for each of `sorted`.
    private init(_ bytes: UnsafeBufferPointer<UInt8>, _ sorted: UnsafeBufferPointer<EntityMention>, room: UnsafeMutablePointer<Placed>,
                 table: RelationEntityTable?, classify: (String) -> (isPlace: Bool, acting: EntityType?)) {
        let n = bytes.count
        var count = 0
        var position = 0   // in scalars
        var i = 0          // the byte offset of `position`
        var depth = 0
        // An empty text may have no base address; nothing is read from it then.
        let base = bytes.baseAddress ?? UnsafePointer(RelationCueBytes.shared.byteClasses)
        // With no "(" in the text no name is inside parentheses, and before its first byte above
        // ASCII a scalar offset is a byte offset: a mention there is placed without a walk to it
        // (half the paragraphs of the bench corpora are ASCII, and most hold no parenthesis).
        let hasParenthesis = n > 0 && memchr(base, 0x28, n) != nil
        let asciiPrefix = hasParenthesis ? 0 : RelationLayout.asciiPrefix(base, n)
        // By index, reading only the fields needed: a copy of a mention retains and releases its two strings.
        for index in sorted.indices where sorted[index].range.lowerBound >= position {
            let range = sorted[index].range
            let lower: Int, upper: Int
            if range.upperBound <= asciiPrefix {
                lower = range.lowerBound
                upper = range.upperBound
                i = upper
            } else {
                // The copied stretch: parentheses are counted there (and not inside names).
                RelationLayout.advance(base, n, &i, &position, to: range.lowerBound, countingParentheses: hasParenthesis, depth: &depth)
                lower = i
                var unused = 0
                RelationLayout.advance(base, n, &i, &position, to: range.upperBound, countingParentheses: false, depth: &unused)
                upper = i
            }
            // The two scalars after the name and the four before it, when there are so many, and
            // when they can make it a modifier: a hyphen first after it, a hyphen last before it
            // ("-" is one byte, which no other scalar holds). Without them `isModifier` reads them as
            // it reads none.
            var after: (UInt32, UInt32)? = nil
            if upper < n {
                let (first, length) = UTF8Scalars.decode(bytes, at: upper)
                if upper + length < n && NameTokenizer.isHyphen(first) {
                    after = (first, UTF8Scalars.decode(bytes, at: upper + length).value)
                }
            }
            var before: (UInt32, UInt32, UInt32, UInt32)? = nil
            if range.lowerBound >= 4 && lower > 0 && bytes[lower - 1] == 0x2D {
                var k = lower
                var last = (UInt32(0), UInt32(0), UInt32(0), UInt32(0))
                k = RelationLayout.start(before: k, in: bytes); last.3 = UTF8Scalars.decode(bytes, at: k).value
                k = RelationLayout.start(before: k, in: bytes); last.2 = UTF8Scalars.decode(bytes, at: k).value
                k = RelationLayout.start(before: k, in: bytes); last.1 = UTF8Scalars.decode(bytes, at: k).value
                k = RelationLayout.start(before: k, in: bytes); last.0 = UTF8Scalars.decode(bytes, at: k).value
                before = last
            }
            let classified = table.flatMap { $0.role(bits: RelationLayout.idBits(sorted, index)) } ?? classify(sorted[index].entityID)
            // With neither, `isModifier` is false: not called (most names have no hyphen beside them).
            let isModifier = (after == nil && before == nil) ? false : RelationTemplate.isModifier(after: after, before: before)
            let (role, acting) = RelationTemplate.role(classified, isModifier: isModifier, depth: depth)
            if role != .place { nonPlaceCount += 1 }
            (room + count).initialize(to: Placed(index: index, bytes: lower..<upper, role: role, acting: acting))
            count += 1
            position = range.upperBound
        }
        placed = UnsafeBufferPointer(start: room, count: count)
    }

    /// Moves byte offset `i`, at the start of scalar `position`, to the start of scalar `target`
    /// (or to the end, `n`), counting parentheses into `depth` when asked. Eight bytes at a time
    /// where the scalars that start in them do not reach past `target` and none is a parenthesis
    /// (a word may end inside a scalar: its continuation bytes are passed over after it).
    @inline(__always) static func advance(_ bytes: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ position: inout Int,
                                          to target: Int, countingParentheses: Bool, depth: inout Int) {
        var k = i, scalar = position
        scan: while true {
            // Two loops, with and without the test of parentheses, and sums that wrap (offsets are
            // far from the bounds of `Int`): one loop testing the flag, with checked sums, took 27
            // instructions a word where the loop without the test takes 19.
            if countingParentheses {
                while k &+ 8 <= n {
                    let word = UnsafeRawPointer(bytes + k).loadUnaligned(as: UInt64.self)
                    let next = scalar &+ RelationLayout.scalarStarts(word)
                    if next > target || RelationLayout.hasParenthesis(word) { break }
                    k &+= 8
                    scalar = next
                }
            } else {
                while k &+ 8 <= n {
                    let next = scalar &+ RelationLayout.scalarStarts(UnsafeRawPointer(bytes + k).loadUnaligned(as: UInt64.self))
                    if next > target { break }
                    k &+= 8
                    scalar = next
                }
            }
            let stop = min(n, k + 8)
            while k < stop {
                let c = bytes[k]
                if c & 0xC0 == 0x80 { k &+= 1; continue }
                if scalar >= target { break scan }
                if countingParentheses {
                    if c == 0x28 { depth += 1 } else if c == 0x29 { depth = max(0, depth - 1) }
                }
                scalar &+= 1
                k &+= 1
            }
            if k >= n { break }
        }
        i = k
        position = scalar
    }

    /// How many scalars start in eight bytes: the bytes that are no continuation byte (10xxxxxx),
    /// their top bits, one a byte, summed by a multiplication into the top byte (no population
    /// count instruction on the baseline x86-64 the package is built for).
    @inline(__always) static func scalarStarts(_ word: UInt64) -> Int {
        let starts = ((~word | word << 1) & 0x8080_8080_8080_8080) >> 7
        return Int(truncatingIfNeeded: (starts &* 0x0101_0101_0101_0101) >> 56)
    }

    /// How many bytes from `p` on are ASCII, up to `n`.
    static func asciiPrefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var k = 0
        while k + 8 <= n {
            let high = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            if high != 0 { return k + high.trailingZeroBitCount >> 3 }
            k += 8
        }
        while k < n && p[k] < 0x80 { k += 1 }
        return k
    }

    /// True when one of eight bytes is "(" or ")" (0x28, 0x29: 0x28 with the lowest bit cleared).
    /// Exact for any bytes: the test finds whether some byte of `v` is zero.
    @inline(__always) static func hasParenthesis(_ word: UInt64) -> Bool {
        let v = (word & 0xFEFE_FEFE_FEFE_FEFE) ^ 0x2828_2828_2828_2828
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0
    }

    /// The length of the UTF-8 sequence a lead byte starts.
    @inline(__always) static func length(ofLead c: UInt8) -> Int {
        c < 0x80 ? 1 : (c < 0xE0 ? 2 : (c < 0xF0 ? 3 : 4))
    }

    /// The start of the scalar that ends just before byte offset `i`.
    @inline(__always) static func start(before i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var k = i - 1
        while k > 0 && bytes[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }
}

/// The cue words of `CueTable` as UTF-8, found in a text's bytes as `CueTable.scan` finds them in
/// its UTF-16 units: a cue lies inside the text copied between placeholders (it holds no
/// placeholder character or digit), where the same characters are the same bytes. One
/// Aho-Corasick automaton over the case-folded bytes finds every occurrence of every word (the
/// scan tries each word at each position); its tables are plain memory, read through pointers
/// by `RelationGatePrefilter.scan`.
final class RelationCueBytes: @unchecked Sendable {
    static let shared = RelationCueBytes(RelationRule.cueWords)

    /// Each word's length in UTF-16 units (where its hit starts in the template).
    let unitLengths: UnsafeMutablePointer<Int32>
    /// The byte class of each byte, case folded: one class per byte of the words, 0 for the others.
    let byteClasses: UnsafeMutablePointer<UInt8>
    let classCount: Int
    /// The ids of the words ending in each state, at `outputIDs[outputStarts[s]..<outputStarts[s + 1]]`.
    let outputStarts: UnsafeMutablePointer<Int32>
    let outputIDs: UnsafeMutablePointer<Int32>
    /// The automaton as linked rows, for `RelationGatePrefilter.scanToFlag`: a row of `classCount`
    /// entries and the row's step (`flaggedStep`, two entries) for each state, and for each state a
    /// sentence mark leads to, a second row (the same entries: it is the state, reached by a mark).
    /// An entry is where the next state's row starts in `links` (its index, in entries), so that a
    /// step is one load from the row and the byte's class. Entries of two bytes keep the table a
    /// quarter of what addresses take (about 100 KB rather than 390 KB: addresses raised the
    /// cache misses as much as they cut instructions), and its hot rows, those near the
    /// start state, in fewer cache lines. The rows of states that end words and those reached by a
    /// mark come last, from `flaggedLinks` on: a step is flagged when the entry it loads is at least that.
    let links: UnsafeMutablePointer<UInt16>
    /// For each byte, `links` from its class on: a step from row `r` on byte `b` loads
    /// `classLinks[b][r]` (`RelationGatePrefilter.scanToFlag`).
    let classLinks: UnsafeMutablePointer<UnsafePointer<UInt16>>
    /// The row of the start state.
    static let rootRow = 0
    let flaggedLinks: UInt16
    /// The most words that end in one state: a flagged step adds no more hits than that.
    let maxOutputs: Int
    /// A flagged step: the state, bit 31 set when words end in it, bit 30 when it was reached
    /// by a sentence mark (. ; ! ?).
    static let stepWordsEnd: UInt32 = 0x8000_0000
    static let stepMark: UInt32 = 0x4000_0000
    @inline(__always) static func stepState(_ step: UInt32) -> Int { Int(step & 0x3FFF_FFFF) }

    /// The step of a flagged row (an entry at least `flaggedLinks`): its last two entries.
    @inline(__always) func flaggedStep(_ row: Int) -> UInt32 {
        UnsafeRawPointer(links + row + classCount).loadUnaligned(as: UInt32.self)
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
        pointer.initialize(from: array, count: array.count)
        return pointer
    }

    init(_ cues: [String]) {
        var unitLengths: [Int32] = []
        var words: [(bytes: [UInt8], id: Int)] = []
        for (id, cue) in cues.enumerated() {
            let units = Array(cue.utf16)
            // A word of two-unit characters would be found by `CueTable` from a surrogate on.
            precondition(!units.contains { $0 >= 0xD800 && $0 < 0xE000 }, "cue words are in the Basic Multilingual Plane")
            unitLengths.append(Int32(units.count))
            // The words `CueTable.scan` can find: two ASCII units first (it looks them up by those),
            // or a first unit above ASCII below the private-use area. It finds no other.
            if (units.count >= 2 && units[0] < 0x80 && units[1] < 0x80) || (!units.isEmpty && units[0] >= 0x80 && units[0] < 0xE000) {
                words.append((Array(cue.utf8), id))
            }
        }
        // Byte classes: the text is folded before it is classed; a word's upper-case ASCII letter
        // gets a class no folded byte has, as the scan never matches it.
        var classOfByte = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for word in words {
            for b in word.bytes where classOfByte[Int(b)] == 0 {
                precondition(classCount < 255, "byte classes fit in a byte")
                classOfByte[Int(b)] = UInt8(classCount)
                classCount += 1
            }
        }
        // The sentence marks get classes of their own, whose transitions lead to the rows a mark reaches.
        for mark in [UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?")] where classOfByte[Int(mark)] == 0 {
            classOfByte[Int(mark)] = UInt8(classCount)
            classCount += 1
        }
        let markClasses = Set([".", ";", "!", "?"].map { Int(classOfByte[Int(UInt8(ascii: $0))]) })
        let byteClasses = (0...255).map { classOfByte[Int(RelationCueBytes.fold(UInt8($0)))] }
        // The trie.
        // The trie, its states' children side by side (`state * classCount + class`; -1: none).
        var children = [Int32](repeating: -1, count: classCount)
        var own: [[Int32]] = [[]]
        for word in words {
            var state = 0
            for b in word.bytes {
                let k = Int(classOfByte[Int(b)])
                if children[state * classCount + k] < 0 {
                    children[state * classCount + k] = Int32(own.count)
                    children.append(contentsOf: repeatElement(-1, count: classCount))
                    own.append([])
                }
                state = Int(children[state * classCount + k])
            }
            own[state].append(Int32(word.id))
        }
        let stateCount = own.count
        precondition(stateCount < 0x4000_0000, "states fit in the 30 bits of a step")
        // Failure links breadth first; the transitions of every state on every class; the words
        // ending in a state, its own and those of its failure state.
        var fail = [Int](repeating: 0, count: stateCount)
        var next = [Int](repeating: 0, count: stateCount * classCount)
        var outputs = own
        var queue: [Int] = []
        queue.reserveCapacity(stateCount)
        for k in 0..<classCount {
            let child = Int(children[k])
            if child >= 0 { next[k] = child; fail[child] = 0; queue.append(child) } else { next[k] = 0 }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            if !outputs[fail[state]].isEmpty { outputs[state] += outputs[fail[state]] }
            let row = state * classCount, failRow = fail[state] * classCount
            for k in 0..<classCount {
                let child = Int(children[row + k])
                if child >= 0 {
                    fail[child] = next[failRow + k]
                    next[row + k] = child
                    queue.append(child)
                } else {
                    next[row + k] = next[failRow + k]
                }
            }
        }
        var outputStarts: [Int32] = [0], outputIDs: [Int32] = []
        for state in 0..<stateCount {
            outputIDs += outputs[state].sorted()
            outputStarts.append(Int32(outputIDs.count))
        }
        var isMark = [Bool](repeating: false, count: classCount)
        for k in markClasses { isMark[k] = true }
        // The rows: the states no word ends in, the others, then the states again as a mark reaches them.
        var reachedByMark = [Bool](repeating: false, count: stateCount)
        for state in 0..<stateCount { for k in markClasses { reachedByMark[next[state * classCount + k]] = true } }
        var rows: [(state: Int, byMark: Bool)] = []
        for state in 0..<stateCount where outputs[state].isEmpty { rows.append((state, false)) }
        let flaggedRows = rows.count
        precondition(flaggedRows > 0 && rows[0].state == 0, "no word ends in the start state")
        for state in 0..<stateCount where !outputs[state].isEmpty { rows.append((state, false)) }
        for state in 0..<stateCount where reachedByMark[state] { rows.append((state, true)) }
        var rowOf = [[Int]](repeating: [Int](repeating: -1, count: stateCount), count: 2)
        for (row, key) in rows.enumerated() { rowOf[key.byMark ? 1 : 0][key.state] = row }
        let width = classCount + 2
        // (About 48,000 entries today: cue words a third more would need entries of four bytes.
        // The cue words are built in, so the first test of relations would stop here.)
        precondition(rows.count * width < 0x1_0000, "the rows' starts fit in the two bytes of an entry")
        let links = UnsafeMutablePointer<UInt16>.allocate(capacity: rows.count * width)
        for (row, key) in rows.enumerated() {
            for k in 0..<classCount {
                let target = rowOf[isMark[k] ? 1 : 0][next[key.state * classCount + k]]
                links[row * width + k] = UInt16(target * width)
            }
            let step = row < flaggedRows ? 0 : UInt32(key.state)
                | (outputs[key.state].isEmpty ? 0 : RelationCueBytes.stepWordsEnd) | (key.byMark ? RelationCueBytes.stepMark : 0)
            UnsafeMutableRawPointer(links + row * width + classCount).storeBytes(of: step, as: UInt32.self)
        }
        self.unitLengths = RelationCueBytes.copy(unitLengths)
        self.byteClasses = RelationCueBytes.copy(byteClasses)
        self.classCount = classCount
        self.outputStarts = RelationCueBytes.copy(outputStarts)
        self.outputIDs = RelationCueBytes.copy(outputIDs)
        self.links = links
        let classLinks = UnsafeMutablePointer<UnsafePointer<UInt16>>.allocate(capacity: 256)
        for b in 0..<256 { (classLinks + b).initialize(to: UnsafePointer(links + Int(byteClasses[b]))) }
        self.classLinks = classLinks
        self.flaggedLinks = UInt16(flaggedRows * width)
        self.maxOutputs = outputs.map(\.count).max() ?? 0
    }

    deinit {
        unitLengths.deallocate(); byteClasses.deallocate(); outputStarts.deallocate(); outputIDs.deallocate()
        links.deallocate(); classLinks.deallocate()
    }

    @inline(__always) static func fold(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }
}

/// The flagged steps of `RelationCueBytes`' automaton over a text (words end, or a sentence mark),
/// in order: the byte offset after each step's byte, and the step. Written by
/// `RelationGatePrefilter.scan`, replayed by `RelationTemplateBuilder`. The first 64 are kept on
/// the stack; more move to the heap, doubled.
struct RelationCueEvents {
    struct Event {
        var offset: Int
        var step: UInt32
    }

    private var base: UnsafeMutablePointer<Event>
    private(set) var count = 0
    private var capacity: Int
    /// False while `base` is the stack memory of `recording`, true once grown onto the heap.
    private var owned = false

    private init(_ memory: UnsafeMutableBufferPointer<Event>) {
        base = memory.baseAddress!
        capacity = memory.count
    }

    /// Calls `body` with an empty record (1 KiB of stack: no heap allocation for most lines).
    static func recording<R>(_ body: (inout RelationCueEvents) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Event.self, capacity: 64) { memory in
            var events = RelationCueEvents(memory)
            defer { if events.owned { events.base.deallocate() } }
            return body(&events)
        }
    }

    @inline(__always) mutating func append(offset: Int, step: UInt32) {
        if count == capacity { grow() }
        base[count] = Event(offset: offset, step: step)
        count += 1
    }

    @inline(never) private mutating func grow() {
        (base, capacity) = RelationPattern.grown(base, count: count, capacity: capacity, owned: owned)
        owned = true
    }

    @inline(__always) func offset(_ k: Int) -> Int { base[k].offset }
    @inline(__always) func step(_ k: Int) -> UInt32 { base[k].step }
}

/// Builds a template's units, sentences and cue hits from the text's UTF-8 (`RelationTemplate.fromUTF8`).
/// Its state is its own, so that the loops run without the exclusivity checks of captured variables.
struct RelationTemplateBuilder {
    typealias Segment = RelationTemplate.Segment
    let bytes: UnsafePointer<UInt8>
    /// The text's bytes end there: `copyUnits` may read up to it past the stretch it copies.
    let textEnd: UnsafePointer<UInt8>
    let cueBytes: RelationCueBytes
    let out: UnsafeMutablePointer<UInt16>
    /// Units written.
    var o = 0
    var segments: [Segment] = []
    /// The cue hits found, `hitCount` of them, in room enough for all (`fromUTF8` counts it from the
    /// events): appended to an array, each of some 75,000 hits on bench-2k paid its test of the
    /// array's uniqueness and capacity.
    let hits: UnsafeMutablePointer<(start: Int32, end: Int32, id: Int32)>
    /// How many hits `hits` has room for.
    let hitRoom: Int
    var hitCount = 0
    var all = CueSet()
    /// The sentence being read, and where its hits start.
    var segment = Segment(range: NSRange(location: 0, length: 0))
    var segmentHits = 0

    /// `out`: room for a unit for each byte of the text, the placeholders' units and eight more
    /// (`copyUnits` writes eight units at the end of a stretch however few it keeps).
    init(bytes: UnsafePointer<UInt8>, count: Int, cueBytes: RelationCueBytes, out: UnsafeMutablePointer<UInt16>,
         hits: UnsafeMutablePointer<(start: Int32, end: Int32, id: Int32)>, hitRoom: Int) {
        self.bytes = bytes
        self.textEnd = bytes + count
        self.cueBytes = cueBytes
        self.out = out
        self.hits = hits
        self.hitRoom = hitRoom
        segments.reserveCapacity(8)
    }

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
        // In the scan's order: by start, then by id (the automaton finds them by end).
        var k = segmentHits + 1
        while k < hitCount {
            let hit = hits[k]
            var j = k
            while j > segmentHits && (hits[j - 1].start, hits[j - 1].id) > (hit.start, hit.id) {
                hits[j] = hits[j - 1]
                j -= 1
            }
            hits[j] = hit
            k += 1
        }
        segment.range.length = o - segment.range.location
        segment.end = mark
        segment.hits = segmentHits..<hitCount
        all.formUnion(segment.cues)
        segments.append(segment)
        segment = Segment(range: NSRange(location: o + 1, length: 0))
        segmentHits = hitCount
    }

    /// Copies bytes `from..<end` (text between placeholders) into units, and replays the automaton's
    /// events among them (marks and cue words), from `events[k]` on.
    mutating func copy(_ from: Int, _ end: Int, _ events: RelationCueEvents, _ k: inout Int) {
        var i = from
        while k < events.count {
            let at = events.offset(k)
            if at > end { break }
            // A word ends only where a character does (UTF-8 sequences never match inside one
            // another), and a mark is one byte: the units of the bytes up to the event are written.
            copyUnits(i, at)
            let step = events.step(k)
            if step & RelationCueBytes.stepWordsEnd != 0 { found(RelationCueBytes.stepState(step), end: o) }
            if step & RelationCueBytes.stepMark != 0 { endSegment(at: o - 1, mark: UInt16(bytes[at - 1])) }   // . ; ! ?
            i = at
            k += 1
        }
        copyUnits(i, end)
    }

    /// Copies bytes `from..<end`, whole characters, into units. Inlined into `copy`, which calls
    /// it for each event and stretch: about 152,000 calls on bench-2k, of some 23 bytes each.
    @inline(__always) mutating func copyUnits(_ from: Int, _ end: Int) {
        let out = self.out
        var p = bytes + from
        let last = bytes + end
        var q = out + o
        defer { self.o = q - out }
        while p < last {
            if p + 16 <= last {
                // Sixteen ASCII bytes widened into units by vector instructions (two unpacks of SSE2).
                let raw = UnsafeRawPointer(p)
                if (raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0 {
                    let v = raw.loadUnaligned(as: SIMD16<UInt8>.self)
                    UnsafeMutableRawPointer(q).storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: v.lowHalf), as: SIMD8<UInt16>.self)
                    UnsafeMutableRawPointer(q + 8).storeBytes(of: SIMD8<UInt16>(truncatingIfNeeded: v.highHalf), as: SIMD8<UInt16>.self)
                    p += 16; q += 16
                    continue
                }
            }
            if p + 8 <= last {
                // Eight bytes widened into units by shifts; those up to the first above ASCII are
                // kept (the units written past them are written again, within the room for the text).
                let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(q).storeBytes(of: RelationTemplateBuilder.widened(word & 0xFFFF_FFFF), as: UInt64.self)
                UnsafeMutableRawPointer(q + 4).storeBytes(of: RelationTemplateBuilder.widened(word >> 32), as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                if high == 0 { p += 8; q += 8; continue }
                let ascii = high.trailingZeroBitCount >> 3
                p += ascii; q += ascii
            } else if p + 8 <= textEnd {
                // Fewer than eight bytes left of the stretch, eight of the text: the same eight
                // widened, those of the stretch up to the first above ASCII kept (the units past
                // them are written again, or lie past the template's units, in the room for eight
                // more); one at a time, each byte took a turn of this loop.
                let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(q).storeBytes(of: RelationTemplateBuilder.widened(word & 0xFFFF_FFFF), as: UInt64.self)
                UnsafeMutableRawPointer(q + 4).storeBytes(of: RelationTemplateBuilder.widened(word >> 32), as: UInt64.self)
                let ascii = (word & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
                let left = last - p
                if ascii >= left { q += left; p = last; break }
                p += ascii; q += ascii
            } else if p.pointee < 0x80 {
                q.pointee = UInt16(p.pointee)
                p += 1; q += 1
                continue
            }
            // A character above ASCII.
            let c = p.pointee
            var v: UInt32
            let length: Int
            if c < 0xE0 {
                v = (UInt32(c) & 0x1F) << 6 | UInt32(p[1]) & 0x3F; length = 2
            } else if c < 0xF0 {
                v = (UInt32(c) & 0x0F) << 12 | (UInt32(p[1]) & 0x3F) << 6 | UInt32(p[2]) & 0x3F; length = 3
            } else {
                v = (UInt32(c) & 0x07) << 18 | (UInt32(p[1]) & 0x3F) << 12 | (UInt32(p[2]) & 0x3F) << 6 | UInt32(p[3]) & 0x3F
                v -= 0x10000
                q[0] = UInt16(truncatingIfNeeded: 0xD800 + (v >> 10))
                q[1] = UInt16(truncatingIfNeeded: 0xDC00 + (v & 0x3FF))
                q += 2
                length = 4
            }
            if length < 4 {
                q.pointee = UInt16(truncatingIfNeeded: v)
                if v >= 0xE000 && v <= 0xE007 { placeholderUnit(UInt16(v), at: q - out) }
                q += 1
            }
            p += length
        }
    }

    /// Four bytes (the low half of `x`) as four 16-bit units, the first lowest.
    @inline(__always) static func widened(_ x: UInt64) -> UInt64 {
        var x = x
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        return (x | x << 8) & 0x00FF_00FF_00FF_00FF
    }

    /// The words ending in automaton `state`, their last unit before `end`.
    mutating func found(_ state: Int, end: Int) {
        var k = Int(cueBytes.outputStarts[state])
        let last = Int(cueBytes.outputStarts[state + 1])
        // Once a step, not once a hit: the room is counted from the scan's events, and a step
        // replayed that the scan did not record would write past it.
        precondition(hitCount + (last - k) <= hitRoom, "more cue hits than the scan's events have room for")
        while k < last {
            let id = Int(cueBytes.outputIDs[k])
            segment.cues.insert(id)
            hits[hitCount] = (Int32(end) - cueBytes.unitLengths[id], Int32(end), Int32(id))
            hitCount += 1
            k += 1
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
    /// `layout`: `RelationLayout.with(bytes, sorted, classify:)`'s.
    static func fromUTF8(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, sortedMentions sorted: [EntityMention],
                         layout: RelationLayout) -> RelationTemplate {
        RelationCueEvents.recording { events in
            _ = RelationGatePrefilter.scan(bytes, layout: layout, candidates: 0, wanted: CueSet(), events: &events)
            return fromUTF8(text, bytes, sortedMentions: sorted, layout: layout, events: events)
        }
    }

    /// `fromUTF8(_:_:sortedMentions:layout:)`, told the automaton's events over the text
    /// (`RelationGatePrefilter.scan`, which `mayPass` runs).
    static func fromUTF8(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, sortedMentions sorted: [EntityMention],
                         layout: RelationLayout, events: RelationCueEvents) -> RelationTemplate {
        let n = bytes.count
        var placeholders: [(units: Range<Int>, text: Range<Int>, byte: Int)] = []
        placeholders.reserveCapacity(layout.placed.count)
        var counts = PlaceholderCounts()
        var allTypes = TypeMask()
        var segments: [Segment] = []
        var units: [UInt16] = []
        var hits: [(start: Int32, end: Int32, id: Int32)] = []
        var all = CueSet()
        // UTF-16 takes no more units than UTF-8 takes bytes; a placeholder takes two units and its digits.
        var digits = 1, power = 10
        while power <= sorted.count { digits += 1; power *= 10 }
        // And eight units more, which `copyUnits` may write past the last it keeps.
        let capacity = n + layout.placed.count * (2 + digits) + 8
        // Each hit comes of a flagged step the scan recorded, no more than `maxOutputs` of one. They
        // are written on the stack, then copied into their array: an array of tuples made with
        // `init(unsafeUninitializedCapacity:)` looked up its storage's type at run time (five
        // million instructions on bench-2k, more than the appends it spared).
        let hitRoom = events.count * RelationCueBytes.shared.maxOutputs
        withUnsafeTemporaryAllocation(of: (start: Int32, end: Int32, id: Int32).self, capacity: max(1, hitRoom)) { hitMemory in
        units = [UInt16](unsafeUninitializedCapacity: max(1, capacity)) { out, count in
            // An empty text may have no base address; nothing is read from it then.
            var builder = RelationTemplateBuilder(bytes: bytes.baseAddress ?? UnsafePointer(RelationCueBytes.shared.byteClasses), count: n, cueBytes: RelationCueBytes.shared, out: out.baseAddress!,
                                                  hits: hitMemory.baseAddress!, hitRoom: hitMemory.count)
            var i = 0, k = 0
            for placed in layout.placed {
                builder.copy(i, placed.bytes.lowerBound, events, &k)
                let role = placed.role
                if role != .place {
                    let types = placed.acting.map(TypeMask.init) ?? TypeMask()
                    builder.segment.actingTypes.formUnion(types)
                    allTypes.formUnion(types)
                }
                counts.add(role)
                placeholders.append((builder.placeholder(placed.index, role), sorted[placed.index].range, placed.bytes.lowerBound))
                i = placed.bytes.upperBound
            }
            builder.copy(i, n, events, &k)
            builder.endSegment(at: builder.o, mark: 0)
            count = builder.o
            segments = builder.segments
            if builder.hitCount > 0 { hits.append(contentsOf: UnsafeBufferPointer(start: hitMemory.baseAddress!, count: builder.hitCount)) }
            all = builder.all
        }
        }
        return RelationTemplate(source: text, mentions: sorted, units: units, placeholders: placeholders,
                                placeholderCounts: counts, segments: segments, cues: all, cueHits: hits, actingTypes: allTypes)
    }
}
