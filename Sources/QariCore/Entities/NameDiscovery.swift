/// A name found by its shape rather than in the knowledge base.
struct DiscoveredName {
    var tokens: Range<Int>
    var type: EntityType
    var placeKind: String?
    /// The transliteration key of the name's words: spelling variants share it.
    var key: String

    func scalarRange(in tokenizer: NameTokenizer) -> Range<Int> {
        tokenizer.tokens[tokens.lowerBound].range.lowerBound..<tokenizer.tokens[tokens.upperBound - 1].range.upperBound
    }
}

/// Finds faction, person and place names that the knowledge base lacks, from the words around
/// them: "Jaysh al-...", "Liwa ...", "... Brigade", "... Operations Room", "Abu X al-Y", a rank
/// before a name ("Lt. Col. ..."), "the town of X", "near X".
enum NameDiscovery {
    /// Words that open a faction name when followed by a name ("Jaysh al-Izza", "Liwa al-Quds").
    static let factionHeads: Set<String> = [
        "Jaysh", "Jaish", "Jeish", "Jaych", "Liwa", "Liwaa", "Ansar", "Harakat", "Harakah", "Haraket", "Faylaq",
        "Failaq", "Jabhat", "Jabhet", "Katibat", "Kataib", "Katibah", "Saraya", "Tajammu", "Jund", "Junud",
        "Ghurfat", "Firqat", "Alwiya", "Alwiyat", "Hurras", "Horas", "Ahrar", "Hay’at", "Hay'at", "Hayat",
    ]
    /// Words that close a faction name ("Sultan Murad Brigade", "Rouse the Believers Operations Room").
    static let factionTails: Set<String> = ["Brigade", "Brigades", "Battalion", "Battalions", "Regiment"]
    static let ranks: Set<String> = [
        "Lt", "Col", "Maj", "Gen", "Brig", "Capt", "Sgt", "Cmdr", "Lieutenant", "Colonel", "Major", "General",
        "Brigadier", "Captain", "Sergeant", "Commander", "Sheikh", "Shaykh", "Emir",
    ]
    /// Words after which a capitalised name is a place ("the town of X", "near X").
    static let placeCues: [String: String?] = [
        "town": "town", "towns": "town", "village": "village", "villages": "village", "city": "city",
        "outskirts": nil, "near": nil, "Near": nil, "countryside": nil, "district": "region", "hill": "other",
        "hills": "other", "area": nil, "areas": nil,
    ]
    /// Capitalised words that do not start or continue a name.
    static let notNameWords: Set<String> = [
        "The", "A", "An", "And", "Of", "In", "On", "At", "For", "To", "With", "By", "From", "This", "That", "These",
        "Those", "He", "She", "It", "They", "We", "I", "But", "Or", "As", "After", "Before", "During", "Since",
        "Until", "While", "According", "If", "When", "Where", "Which", "Who", "Its", "Their", "His", "Her",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Command", "Staff", "Forces", "Army", "Ministry", "Government", "Council", "Director", "Directorate",
    ]

    static func find(in tokenizer: NameTokenizer, covered: [Bool]) -> [DiscoveredName] {
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: covered.count) { taken in
            _ = taken.initialize(from: covered)
            return find(in: tokenizer, taken: taken)
        }
    }

    /// `find(in:covered:)` with the covered tokens in memory the caller owns; marks the tokens of
    /// the names found in it. The working arrays of the pass are temporary memory too: arrays
    /// made with a count are allocated through an unspecialised path of the standard library
    /// that looks up type metadata on every call, a real cost for a pass made on every paragraph.
    static func find(in tokenizer: NameTokenizer, taken: UnsafeMutableBufferPointer<Bool>) -> [DiscoveredName] {
        let count = tokenizer.tokens.count
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { hashes in
            hashes.initialize(repeating: 0)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { kinds in
                // (Not cleared: a word's kinds are read only after `word` has written them with its hash.)
                // (The pass reads the tokens, their marks and the scalars in place, through the
                // tokenizer, which holds their memory for the whole pass.)
                tokenizer.tokens.withUnsafeBufferPointerAndMarks { tokens, marks in
                    tokenizer.scalars.withUnsafeBufferPointer { scalars in
                        var pass = Pass(scalars: scalars, tokens: tokens, marks: marks, usesMarks: tokenizer.marksPlaceCues,
                                        taken: taken, hashes: hashes, kinds: kinds)
                        return pass.run()
                    }
                }
            }
        }
    }

    /// One run of `find`. Its state is stored properties rather than variables captured by local
    /// functions, which Swift would check for exclusive access at every use.
    private struct Pass {
        // (The scalars and tokens as buffers rather than the tokenizer or its views: copying those
        // into the pass and destroying it cost a reference count for each of their references, on
        // every paragraph. The memory is the tokenizer's, which outlives the pass.)
        let scalars: UnsafeBufferPointer<Unicode.Scalar>
        let tokens: UnsafeBufferPointer<NameToken>
        /// The tokens' marks (`NameTokens.withUnsafeBufferPointerAndMarks`).
        let marks: UnsafePointer<UInt64>
        /// The tokenizer's `marksPlaceCues` (see `nextPossibleStart`).
        let usesMarks: Bool
        var names: [DiscoveredName] = []
        let taken: UnsafeMutableBufferPointer<Bool>
        // Words are compared by a hash of their scalars, so no String is built per token; 0 until computed.
        let hashes: UnsafeMutableBufferPointer<UInt64>
        /// `WordKind` bits of each word whose hash is in `hashes`: one look-up answers every word list.
        let kinds: UnsafeMutableBufferPointer<UInt8>
        /// The word tables, through one reference (copying each table into the pass cost a
        /// reference count per array of each table, on every paragraph).
        let tables = Tables.shared

        init(scalars: UnsafeBufferPointer<Unicode.Scalar>, tokens: UnsafeBufferPointer<NameToken>, marks: UnsafePointer<UInt64>,
             usesMarks: Bool, taken: UnsafeMutableBufferPointer<Bool>,
             hashes: UnsafeMutableBufferPointer<UInt64>, kinds: UnsafeMutableBufferPointer<UInt8>) {
            self.scalars = scalars
            self.tokens = tokens
            self.marks = marks
            self.usesMarks = usesMarks
            self.taken = taken
            self.hashes = hashes
            self.kinds = kinds
        }

        mutating func word(_ k: Int) -> UInt64 {
            if hashes[k] == 0 {
                let hash = wordHash(scalars, tokens[k].coreStart..<tokens[k].range.upperBound) | 1
                hashes[k] = hash
                kinds[k] = UInt8(truncatingIfNeeded: tables.wordKinds.payload(hash) ?? 0)
            }
            return hashes[k]
        }

        /// The word lists word `k` is in (`WordKind` bits).
        mutating func kind(_ k: Int) -> UInt8 {
            _ = word(k)
            return kinds[k]
        }

        /// A capitalised Latin word (or "al-" + one) that no known name covers.
        mutating func isNameWord(_ k: Int) -> Bool {
            guard k < tokens.count, !taken[k], tokens[k].script == .latin, tokens[k].startsUppercase else { return false }
            return kind(k) & (WordKind.notName | WordKind.rank | WordKind.factionTail) == 0
                && !looksLikeAdjective(scalars, tokens[k].range)
        }

        /// Joined name words from `k`, at most `limit`.
        mutating func nameRun(from k: Int, limit: Int) -> Int {
            var end = k
            while end < tokens.count, end - k < limit, isNameWord(end), end == k || tokens[end].joinsPrevious { end += 1 }
            return end
        }

        mutating func add(_ range: Range<Int>, _ type: EntityType, _ kind: String? = nil) {
            guard !range.isEmpty else { return }
            for k in range where taken[k] { return }
            for k in range { taken[k] = true }
            names.append(DiscoveredName(tokens: range, type: type, placeKind: kind, key: key(scalars, tokens, range)))
        }

        /// Whether a faction's closing word ("Brigade", "Operations") follows within four words.
        mutating func closes(after k: Int) -> Bool {
            for j in k + 1..<min(k + 5, tokens.count) where tokens[j].startsUppercase {
                if kind(j) & (WordKind.factionTail | WordKind.operation) != 0 { return true }
            }
            return false
        }

        mutating func run() -> [DiscoveredName] {
            var k = 0
            let count = tokens.count
            while k < count {
                defer { k += 1 }
                // Every pattern starts at a capitalised word or at a lower-case place cue; hashing
                // the word only for those keeps this pass cheap. The words in between (most of
                // the text) are passed over by one small loop over the tokens in place.
                k = NameDiscovery.nextPossibleStart(tokens, marks: marks, usesMarks: usesMarks, taken: taken, from: k, tables: tables)
                if k == count { break }
                let w = word(k)
                // Faction: head + name words.
                let wKind = kinds[k]
                if wKind & WordKind.factionHead != 0 && !tokens[k].hasArticle {
                    var end = nameRun(from: k + 1, limit: 4)
                    // "Hurras al-Din Abu Hammam al-Suri": a person's name starts at "Abu".
                    for j in k + 1..<max(end, k + 1) where word(j) == tables.words.abu {
                        end = j
                        break
                    }
                    if end > k + 1, tokens[k + 1].joinsPrevious {
                        add(k..<end, .faction)
                        k = end - 1
                        continue
                    }
                }
                // Faction: name words + "Brigade" / "Operations Room". Look for the closing word first: it is rare.
                if closes(after: k), isNameWord(k), k + 1 < tokens.count {
                    let end = nameRun(from: k, limit: 4)
                    var closed: Int? = nil
                    for j in (k + 1)...min(end, tokens.count - 1) where tokens[j].joinsPrevious {
                        let tail = word(j)
                        if kind(j) & WordKind.factionTail != 0 { closed = j + 1; break }
                        if (tail == tables.words.operations || tail == tables.words.operation), j + 1 < tokens.count, word(j + 1) == tables.words.room {
                            closed = j + 2
                            break
                        }
                        if j >= end { break }
                    }
                    if let closed, closed - k >= 2 {
                        add(k..<closed, .faction)
                        k = closed - 1
                        continue
                    }
                }
                // Person: Abu X (al-Y).
                if w == tables.words.abu && !tokens[k].hasArticle {
                    var end = k + 1
                    while end < tokens.count, end - k <= 4, tokens[end].joinsPrevious, isNameWord(end) {
                        end += 1
                    }
                    if end > k + 1 {
                        add(k..<end, .person)
                        k = end - 1
                        continue
                    }
                }
                // Person: rank(s) + at least two name words ("Lt. Col. Ahmed Mohamed").
                if wKind & WordKind.rank != 0 {
                    var next = k + 1
                    while next < tokens.count, kind(next) & WordKind.rank != 0, gapIsRankJoin(scalars, tokens, next) { next += 1 }
                    if next < tokens.count, gapIsRankJoin(scalars, tokens, next) {
                        let end = nameRun(from: next, limit: 3)
                        if end - next >= 2 {
                            add(next..<end, .person)
                            k = end - 1
                            continue
                        }
                    }
                }
                // Place: "the town of X", "villages of X, Y and Z", "near X".
                if wKind & WordKind.placeCue != 0, let cue = tables.placeCueHashes.payload(w) {
                    let kind = placeCueKinds[cue]
                    var next = k + 1
                    if w != tables.words.near && w != tables.words.nearCapitalised {
                        guard next < tokens.count, word(next) == tables.words.of else { continue }
                        next += 1
                    }
                    while next < tokens.count {
                        let end = nameRun(from: next, limit: 3)
                        guard end > next else { break }
                        add(next..<end, .place, kind)
                        // A list continues with ", Y" or "and Y".
                        if end < tokens.count, word(end) == tables.words.and || word(end) == tables.words.or {
                            next = end + 1
                        } else if end < tokens.count, gapIsComma(scalars, tokens, end) {
                            next = end
                        } else {
                            next = end
                            break
                        }
                    }
                    k = max(k, next - 1)
                }
            }
            // (Moved out: returned as it is, the list was retained here and released with the pass.)
            var found: [DiscoveredName] = []
            swap(&found, &names)
            if found.count < 2 { return found }
            return found.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        }
    }

    /// Whether a Latin word that does not start with a capital may be a place cue: its length
    /// is that of one and its letters are those of a lower-case one (read from the token, not
    /// the text; a cue written so has those letters).
    @inline(__always) private static func isPlaceCueCandidate(_ token: UnsafePointer<NameToken>, tables: Tables) -> Bool {
        isPlaceCueCandidate(token, lengthBits: tables.placeCueLengthBits, keys: tables.lowercasePlaceCueKeys)
    }

    /// `isPlaceCueCandidate` with the tables' `placeCueLengthBits` and `lowercasePlaceCueKeys`
    /// read by the caller (in `nextPossibleStart`'s loop, they were read again for every word).
    @inline(__always) private static func isPlaceCueCandidate(_ token: UnsafePointer<NameToken>, lengthBits: UInt64,
                                                              keys: KeyTable) -> Bool {
        // (A token's range is never reversed: no overflow to check.)
        let length = token.pointee.range.upperBound &- token.pointee.range.lowerBound
        guard !token.pointee.hasArticle, length < 64, lengthBits & (1 << UInt64(length)) != 0 else { return false }
        return keys.contains(token.pointee.exactLowercaseKey)
    }

    /// Whether a pattern of `find` may start at token `k`: a Latin word no name covers, capitalised
    /// or a lower-case place cue (`nextPossibleStart` is the first such token).
    static func mayStartPattern(_ tokens: NameTokens, taken: UnsafeMutableBufferPointer<Bool>, at k: Int) -> Bool {
        if taken[k] || tokens[k].script != .latin { return false }
        if tokens[k].startsUppercase { return true }
        return tokens.withUnsafeBufferPointer { isPlaceCueCandidate($0.baseAddress! + k, tables: Tables.shared) }
    }

    /// The first token from `start` at which `mayStartPattern`, or the number of tokens: a loop
    /// of its own over the tokens in place, which are read once each (through the view's
    /// subscript, each field read was a bounds check and a load of the view's base).
    ///
    /// With `usesMarks` (the tokens of a tokenizer whose `marksPlaceCues`), only the marked
    /// tokens are read: every capitalised Latin word is marked, and every lower-case place cue
    /// (see `NameTokenizer.marksPlaceCues`).
    fileprivate static func nextPossibleStart(_ tokens: NameTokens, usesMarks: Bool, taken: UnsafeMutableBufferPointer<Bool>,
                                              from start: Int, tables: Tables) -> Int {
        tokens.withUnsafeBufferPointerAndMarks { buffer, marks in
            nextPossibleStart(buffer, marks: marks, usesMarks: usesMarks, taken: taken, from: start, tables: tables)
        }
    }

    /// `nextPossibleStart` of tokens `buffer` with their marks.
    @inline(never) fileprivate static func nextPossibleStart(_ buffer: UnsafeBufferPointer<NameToken>, marks: UnsafePointer<UInt64>,
                                                             usesMarks: Bool, taken: UnsafeMutableBufferPointer<Bool>,
                                                             from start: Int, tables: Tables) -> Int {
        let count = buffer.count
        precondition(start >= 0 && taken.count >= count)
        guard start < count, let base = buffer.baseAddress else { return count }
        let lengthBits = tables.placeCueLengthBits, keys = tables.lowercasePlaceCueKeys
        @inline(__always) func isStart(_ k: Int) -> Bool {
            let token = base + k
            return token.pointee.script == .latin && !taken[k]
                && (token.pointee.startsUppercase || isPlaceCueCandidate(token, lengthBits: lengthBits, keys: keys))
        }
        guard usesMarks else {
            var k = start
            while k < count && !isStart(k) { k &+= 1 }
            return k
        }
        var k = NameMarks.nextMarked(marks, from: start, tokenCount: count)
        while k < count && !isStart(k) { k = NameMarks.nextMarked(marks, from: k &+ 1, tokenCount: count) }
        return k
    }

    /// `nextPossibleStart` with the shared tables, passing over the unmarked tokens when the
    /// tokenizer's marks hold the place cues (for tests).
    static func nextPossibleStart(_ tokenizer: NameTokenizer, taken: UnsafeMutableBufferPointer<Bool>, from start: Int) -> Int {
        nextPossibleStart(tokenizer.tokens, usesMarks: tokenizer.marksPlaceCues, taken: taken, from: start, tables: Tables.shared)
    }

    /// The tables a pass reads, made once.
    fileprivate final class Tables {
        let wordKinds = NameDiscovery.wordKinds
        let placeCueHashes = NameDiscovery.placeCueHashes
        let words = Words.all
        let placeCueLengthBits = NameDiscovery.placeCueLengthBits
        let lowercasePlaceCueKeys = NameDiscovery.lowercasePlaceCueKeys
        static let shared = Tables()
    }

    /// Bit n set when some cue word has n letters.
    private static let placeCueLengthBits: UInt64 = placeCues.keys.reduce(0) { $0 | (1 << UInt64(min($1.unicodeScalars.count, 63))) }
    /// `NameToken.exactLowercaseKey` of the place cues that start in lower case.
    static let lowercasePlaceCueKeyList: [UInt64] = placeCues.keys.compactMap { cue -> UInt64? in
        guard let first = cue.unicodeScalars.first, first.value >= 0x61 && first.value <= 0x7A else { return nil }
        var letters: [UInt8] = []
        for scalar in cue.unicodeScalars { NameKey.appendLatinLetter(scalar.value, into: &letters) }
        return NameKey.exactKey(letters)
    }
    private static let lowercasePlaceCueKeys = KeyTable(keys: lowercasePlaceCueKeyList)

    /// Demonym and adjective shapes: "Turkish", "Syrian", "Lebanese", "Northern" are not place names.
    static func looksLikeAdjective<Scalars: RandomAccessCollection>(_ scalars: Scalars, _ range: Range<Int>) -> Bool
        where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        guard range.count > 4 else { return false }
        let tail = (scalars[range.upperBound - 3].value, scalars[range.upperBound - 2].value, scalars[range.upperBound - 1].value)
        switch tail {
        case (0x69, 0x73, 0x68), (0x69, 0x61, 0x6E), (0x65, 0x73, 0x65), (0x65, 0x72, 0x6E): return true   // ish ian ese ern
        default: return false
        }
    }

    static func wordHash<Scalars: RandomAccessCollection>(_ scalars: Scalars, _ range: Range<Int>) -> UInt64
        where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        var h: UInt64 = 0xcbf29ce484222325
        for k in range {
            h ^= UInt64(scalars[k].value)
            h = h &* 0x100000001b3
        }
        return h
    }

    /// Hash of a cue word, as `find` computes it for the words of the text (never 0).
    static func wordHash(_ word: String) -> UInt64 {
        let scalars = Array(word.unicodeScalars)
        return wordHash(scalars, 0..<scalars.count) | 1
    }

    /// Bits of `wordKinds`: the word lists a word is in.
    private enum WordKind {
        static let factionHead: UInt8 = 1, factionTail: UInt8 = 2, rank: UInt8 = 4, notName: UInt8 = 8
        static let operation: UInt8 = 16   // "Operations" or "Operation"
        static let placeCue: UInt8 = 32
    }

    /// Every listed word's hash, with the `WordKind` bits of the lists it is in.
    private static let wordKinds: KeyTable = {
        var kinds: [UInt64: Int] = [:]
        func mark(_ words: [String], _ kind: UInt8) {
            for word in words { kinds[wordHash(word), default: 0] |= Int(kind) }
        }
        mark(Array(factionHeads), WordKind.factionHead)
        mark(Array(factionTails), WordKind.factionTail)
        mark(Array(ranks), WordKind.rank)
        mark(Array(notNameWords), WordKind.notName)
        mark(["Operations", "Operation"], WordKind.operation)
        mark(Array(placeCues.keys), WordKind.placeCue)
        return KeyTable(kinds.map { (key: $0.key, payload: $0.value) })
    }()
    /// Place cue words; the payload indexes `placeCueKinds`.
    private static let placeCueKinds: [String?] = Array(placeCues.values)
    private static let placeCueHashes = KeyTable(placeCues.keys.enumerated().map { (wordHash($0.element), $0.offset) })

    fileprivate struct Words {
        let operations = wordHash("Operations"), operation = wordHash("Operation"), room = wordHash("Room")
        let abu = wordHash("Abu"), near = wordHash("near"), nearCapitalised = wordHash("Near")
        let of = wordHash("of"), and = wordHash("and"), or = wordHash("or")
        static let all = Words()
    }

    /// Only spaces and dots between a rank and what follows: "Lt. Col. Ahmed".
    private static func gapIsRankJoin(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ tokens: UnsafeBufferPointer<NameToken>,
                                      _ k: Int) -> Bool {
        let gap = tokens[k - 1].range.upperBound..<tokens[k].range.lowerBound
        return !gap.isEmpty && gap.allSatisfy { i in
            let v = scalars[i].value
            return v == 0x2E || NameTokenizer.isSpace(v)
        }
    }

    private static func gapIsComma(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ tokens: UnsafeBufferPointer<NameToken>,
                                   _ k: Int) -> Bool {
        let gap = tokens[k - 1].range.upperBound..<tokens[k].range.lowerBound
        var commas = 0
        for i in gap {
            let v = scalars[i].value
            if v == 0x2C { commas += 1 } else if !NameTokenizer.isSpace(v) { return false }
        }
        return commas == 1
    }

    /// Skeletons of the name's words joined by "_": "Jaish al-Izza" and "Jaysh al-Izza" give "js_az".
    static func key(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ tokens: UnsafeBufferPointer<NameToken>, _ range: Range<Int>) -> String {
        var parts: [String] = []
        for k in range {
            let token = tokens[k]
            var letters: [UInt8] = []
            for s in token.coreStart..<token.range.upperBound {
                NameKey.appendLatinLetter(scalars[s].value, into: &letters)
            }
            var skeleton: [UInt8] = []
            NameKey.latinSkeleton(letters, into: &skeleton)
            parts.append(String(decoding: skeleton, as: UTF8.self))
        }
        return parts.joined(separator: "_")
    }
}
