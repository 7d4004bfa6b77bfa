/// The script a name token is written in.
enum NameScript: UInt8 {
    case latin, arabic, digits
}

/// One word of text as the entity matcher sees it: a run of letters (and digits), with a
/// Latin article such as "al-" attached in front of it and a possessive "’s" cut off.
///
/// Laid out in 64 bytes (the wide fields first, the counts as 32-bit integers): the tokenizer
/// writes one per word and the matcher copies them.
struct NameToken {
    /// Scalar offsets of the token, article included.
    var range: Range<Int>
    /// Scalar offset where the word proper starts (after an attached article).
    var coreStart: Int
    /// Hash of the transliteration key (Latin), of the normalised form (Arabic) or of the digits;
    /// 0 when the tokenizer left it to be computed on demand (see `NameTokenizer.wordKey(_:)`).
    var wordKey: UInt64
    /// Hash of "#" + upper-cased letters, for tokens shaped like an abbreviation (US, HTS, HaD); 0 otherwise.
    var acronymKey: UInt64
    /// For Latin words that do not start with a capital: hash of the letters themselves; 0 otherwise.
    var exactLowercaseKey: UInt64
    private var upper: Int32
    private var lower: Int32
    /// For Arabic words with proclitics (وحلب, بروسيا, للجيش): index of the keys of the word
    /// without them in `NameTokenizer.arabicAlternatives`, -1 when there are none. An index
    /// rather than an array keeps the token a plain value that copies for free.
    var alternativesIndex: Int32
    var script: NameScript
    /// True when only spaces, hyphens or apostrophes separate this token from the previous one,
    /// so that the two may belong to one name.
    var joinsPrevious: Bool
    var hasArticle: Bool
    /// Case of the core's letters.
    var startsUppercase: Bool

    /// Case of the core's letters.
    var uppercaseCount: Int { Int(upper) }
    var lowercaseCount: Int { Int(lower) }

    init(range: Range<Int>, coreStart: Int, script: NameScript, joinsPrevious: Bool, hasArticle: Bool, startsUppercase: Bool,
         uppercaseCount: Int, lowercaseCount: Int, wordKey: UInt64, acronymKey: UInt64, exactLowercaseKey: UInt64,
         alternativesIndex: Int32) {
        self.range = range
        self.coreStart = coreStart
        self.wordKey = wordKey
        self.acronymKey = acronymKey
        self.exactLowercaseKey = exactLowercaseKey
        // (A word of more than 2^31 letters does not occur: at most one letter per scalar of a paragraph.)
        upper = Int32(truncatingIfNeeded: uppercaseCount)
        lower = Int32(truncatingIfNeeded: lowercaseCount)
        self.alternativesIndex = alternativesIndex
        self.script = script
        self.joinsPrevious = joinsPrevious
        self.hasArticle = hasArticle
        self.startsUppercase = startsUppercase
    }

    var isAcronymShaped: Bool { uppercaseCount >= 2 && uppercaseCount >= lowercaseCount }
    var isLowercase: Bool { uppercaseCount == 0 }
}

/// Splits text into name tokens and computes their matching keys in one pass over the scalars.
///
/// Latin words are keyed by a transliteration skeleton (see `NameKey.latinSkeleton`), so that
/// spelling variants of one Arabic name share a key; Arabic words by their normalised letters.
struct NameTokenizer {
    /// The text's scalars, in the memory of the tokenizer's `NameTokenScratch`.
    let scalars: NameScalars
    /// Where Latin word keys are looked up before they are computed; nil: always computed.
    let keyCache: NameKeyCache?
    /// (The fields are constants: with `tokens` and `arabicAlternatives` variables, the value
    /// `init` made was copied out and the original destroyed, eight reference counts and two
    /// calls on every text.)
    let tokens: NameTokens
    /// The keys of Arabic words without their proclitics, all in one list: at a token's
    /// `alternativesIndex`, an entry whose key is the number n of the word's keys (and whose
    /// `coreStart` is -1), then its n keys. One list for the text, where an array per word cost
    /// an allocation per word; in the scratch's memory rather than an array, whose appends,
    /// counts and uniqueness checks inside `tokenize` were calls (about 130 instructions for
    /// each word with proclitics, a third of all Arabic words).
    let arabicAlternatives: NameAlternatives
    // The tokens' marks (`tokens.withUnsafeBufferPointerAndMarks`): one bit per token, set for
    // every Latin word that starts with a capital and for every other Latin word whose
    // `exactLowercaseKey` `keyedLowercaseWords` flags as a place cue (`markFlag`): the tokens
    // at which a pattern of `NameDiscovery` may start. `NameDiscovery.nextPossibleStart` passes
    // over the others 64 at a time (`NameMarks.nextMarked`) rather than reading every token: most
    // words of a text are plain lower-case words.
    //
    /// True when the marks hold every lower-case Latin word that may be a place cue (its
    /// `exactLowercaseKey` is one of `NameDiscovery.lowercasePlaceCueKeys`): the tokenizer was
    /// made with a `keyedLowercaseWords` table made by `NameTokenizer.keyedWords(_:)`.
    let marksPlaceCues: Bool

    /// Payload bits of a key of `keyedLowercaseWords`: the word's token is marked (a place cue);
    /// the word is there only for that, and is not keyed. (A key of payload 0 is keyed.)
    static let markFlag = 1, unkeyedFlag = 2

    /// A `keyedLowercaseWords` table for the exact keys `keys`, whose tokenizer also marks the
    /// lower-case place cues of `NameDiscovery` (see `marksPlaceCues`).
    static func keyedWords(_ keys: [UInt64]) -> KeyTable {
        let cues = Set(NameDiscovery.lowercasePlaceCueKeyList), keyed = Set(keys)
        let entries = cues.map { ($0, keyed.contains($0) ? markFlag : markFlag | unkeyedFlag) }
            + keyed.subtracting(cues).map { ($0, 0) }
        return KeyTable(entries, marksPlaceCues: true)
    }

    /// The payload bits (`markFlag`, `unkeyedFlag`) of a Latin word: a capitalised word is
    /// marked and keyed; another word as `keyed` has it (nil: keyed, not marked; not in it:
    /// unkeyed, not marked).
    @inline(__always) private static func latinFlags(startsUpper: Bool, exactKey: UInt64, keyed: KeyTable.Memory?) -> Int {
        if startsUpper { return markFlag }
        guard let keyed else { return 0 }
        return keyed.payload(exactKey) ?? unkeyedFlag
    }

    /// Where `alternatives(of:)` of a token with alternatives is in `arabicAlternatives`: read
    /// by index, the matcher makes no slice (a reference count and a call) per word.
    @inline(__always) func alternativeIndices(of token: NameToken) -> Range<Int> {
        guard token.alternativesIndex >= 0 else { return 0..<0 }
        let header = Int(token.alternativesIndex)
        return (header + 1)..<(header + 1 + Int(truncatingIfNeeded: arabicAlternatives[header].key))
    }

    func alternatives(of token: NameToken) -> [ArabicAlternative] {
        guard token.alternativesIndex >= 0 else { return [] }
        let header = Int(token.alternativesIndex)
        return Array(arabicAlternatives[(header + 1)...(header + Int(arabicAlternatives[header].key))])
    }

    /// `alwaysAcronymKeys`: give every Latin token an abbreviation key regardless of its case
    /// (used when resolving a name a person typed, where case is not to be trusted).
    /// `keyedLowercaseWords`: when given, Latin words that do not start with a capital get their
    /// `wordKey` only when their `exactLowercaseKey` is in it without `unkeyedFlag`; the others
    /// keep 0, and `wordKey(_:)` computes it when asked for. Most words of a text are such words,
    /// and the matcher passes over nearly all of them without needing their key.
    ///
    /// `plainWordsFirst`: read plain words (see `tokenize`) by the short way; false only for tests
    /// that compare the two ways.
    ///
    /// `keyCache`: where Latin word keys are looked up before they are computed (the keys are the
    /// same either way).
    ///
    /// `scratch`: the memory the scalars and tokens are written into (nil: made for this
    /// tokenizer); they are valid until the scratch serves another tokenizer. A matcher's workspace
    /// keeps one, so that reading a text allocates nothing.
    init(_ text: String, alwaysAcronymKeys: Bool = false, keyedLowercaseWords: KeyTable? = nil, plainWordsFirst: Bool = true,
         keyCache: NameKeyCache? = nil, scratch: NameTokenScratch? = nil) {
        // At most one scalar per byte.
        let byteCount = text.utf8.count
        let scratch = scratch ?? NameTokenScratch(capacity: byteCount)
        scratch.reserve(scalarCount: byteCount)
        let scalarCount = NameTokenizer.decode(text, into: scratch.scalars, bytes: scratch.bytes, capacity: scratch.capacity)
        // (The tokenizer proper writes without bounds checks: one token at most per scalar.)
        precondition(scratch.capacity >= scalarCount)
        // Eight scalars that are not letters after the text's: the tokenizer reads a plain word's
        // letters eight scalars at a time (see `lowercaseBlock`), past the text's end.
        (scratch.scalars + scalarCount).initialize(repeating: Unicode.Scalar(0), count: 8)
        // The same after the scalars' bytes, which it reads (see `NameTokenScratch.bytes`).
        (scratch.bytes + scalarCount).initialize(repeating: 0, count: 8)
        scalars = NameScalars(scratch, count: scalarCount)
        self.keyCache = keyCache
        var alternativeCount = 0
        // The marks are set one by one as tokens are written: cleared first, for every token the
        // text may have (at most one per scalar), so that the bits past the last token are clear.
        scratch.marks.update(repeating: 0, count: scalarCount / 64 + 1)
        let written = NameTokenizer.tokenize(UnsafeBufferPointer(start: scratch.scalars, count: scalarCount),
                                             alwaysAcronymKeys: alwaysAcronymKeys, keyedLowercaseWords: keyedLowercaseWords,
                                             plainWordsFirst: plainWordsFirst, keyCache: keyCache, tokens: scratch.tokens,
                                             bytes: scratch.bytes, marks: scratch.marks, letters: scratch.letters,
                                             alternatives: scratch.alternatives,
                                             alternativeCount: &alternativeCount)
        tokens = NameTokens(scratch, count: written)
        marksPlaceCues = keyedLowercaseWords?.marksPlaceCues ?? false
        arabicAlternatives = NameAlternatives(scratch, count: alternativeCount)
    }

    /// The `wordKey` of a token, computed now when the tokenizer left it out.
    @inline(__always) func wordKey(_ token: NameToken) -> UInt64 {
        token.wordKey != 0 ? token.wordKey : latinWordKey(token)
    }

    /// The `wordKey` of token `k`, computed now when the tokenizer left it out.
    @inline(__always) func wordKey(_ k: Int) -> UInt64 {
        let key = tokens[k].wordKey
        return key != 0 ? key : latinWordKey(tokens[k])
    }

    /// The `wordKey` of a Latin token, as `tokenize` computes it.
    @inline(never) func latinWordKey(_ token: NameToken) -> UInt64 {
        if let key = cachedLowercaseWordKey(token) { return key }
        return computedLatinWordKey(token)
    }

    /// `latinWordKey` of a word of 1 to 16 lower-case ASCII letters ("of", "for", "and": the
    /// connecting words inside names, keyed on demand) whose key the cache holds, read by packing
    /// its scalars as `NameKeyCache` packs letters (such a letter is itself); nil otherwise.
    ///
    /// The scalars are packed 8 at a time (`lowercaseBlock`; the 8 zero scalars after the text's
    /// keep every read in memory), where one at a time was about 60 instructions a word.
    @inline(__always) func cachedLowercaseWordKey(_ token: NameToken) -> UInt64? {
        guard let keyCache else { return nil }
        let start = token.coreStart, count = token.range.upperBound - token.coreStart
        guard count > 0 && count <= 16 else { return nil }
        return scalars.withUnsafeBufferPointer { scalars -> UInt64? in
            precondition(token.range.upperBound <= scalars.count)
            let word = scalars.baseAddress! + start
            // Every scalar of the word a lower-case letter: the run of them is the word (a word
            // followed at once by another such letter, which the tokenizer does not make, would
            // be left to the computed key).
            let (low, n) = NameTokenizer.lowercaseBlock(word, firstIsLetter: false)
            if count <= 8 { return n == count ? keyCache.storedKey(low: low, high: 0) : nil }
            guard n == 8 else { return nil }
            let (high, m) = NameTokenizer.lowercaseBlock(word + 8, firstIsLetter: false)
            return m == count - 8 ? keyCache.storedKey(low: low, high: high) : nil
        }
    }

    /// `latinWordKey` through the word's letters, as `appendLatinLetter` makes them.
    @inline(never) func computedLatinWordKey(_ token: NameToken) -> UInt64 {
        // The letters go to the scratch's letter memory, free once the text is tokenized, with
        // room for the text's scalars and 16 bytes more (`NameKeyCache.latinKey(_:)` reads the
        // letters 8 bytes at a time): cheaper than temporary memory on every call.
        tokens.withScratch { scratch in
            precondition(token.range.upperBound <= scratch.capacity)
            var letters = ScratchBytes(scratch.letters)
            scalars.withUnsafeBufferPointer { scalars in
                for k in token.coreStart..<token.range.upperBound {
                    let v = scalars[k].value
                    // A lower-case ASCII letter is itself (`appendLatinLetter` gives it unchanged).
                    if v &- 0x61 < 26 { letters.append(UInt8(truncatingIfNeeded: v)); continue }
                    NameKey.appendLatinLetter(v, into: &letters)
                }
            }
            return keyCache?.latinKey(letters) ?? NameKeyCache.computedKey(letters)
        }
    }

    /// The scalars of a text, decoded from its UTF-8 by hand (iterating `unicodeScalars` costs
    /// several times more). A native String holds valid UTF-8, so no check is needed.
    ///
    /// The scalars are decoded into temporary memory and the array is made by copying them:
    /// `Array(unsafeUninitializedCapacity:)` allocates through an unspecialised path of the
    /// standard library that looks up the array's type metadata on every call, which costs more
    /// than the copy.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        let n = text.utf8.count
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(n, 1)) { out in
            let count = decode(text, into: out.baseAddress!, capacity: n)
            return Array(UnsafeBufferPointer(start: out.baseAddress, count: count))
        }
    }

    /// Decodes the scalars of `text` into `out`, which has room for `capacity` scalars, at least
    /// the text's UTF-8 byte count; returns their number.
    @inline(never) static func decode(_ text: String, into out: UnsafeMutablePointer<Unicode.Scalar>, capacity: Int) -> Int {
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ decode($0, into: out, bytes: nil, capacity: capacity) }) {
            return decoded
        }
        return decodeScalars(text, into: out, bytes: nil, capacity: capacity)
    }

    /// `decode`, with a byte for each scalar written to `bytes` (room for `capacity` bytes and 8
    /// more): an ASCII scalar's own byte, 0x80 for the others (`NameTokenScratch.bytes`).
    @inline(never) static func decode(_ text: String, into out: UnsafeMutablePointer<Unicode.Scalar>, bytes: UnsafeMutablePointer<UInt8>,
                                      capacity: Int) -> Int {
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ decode($0, into: out, bytes: bytes, capacity: capacity) }) {
            return decoded
        }
        return decodeScalars(text, into: out, bytes: bytes, capacity: capacity)
    }

    /// `decode` of a text's UTF-8, with the bytes when `bytes` is not nil. (Inlined into the two
    /// readings above, where the tests of `bytes` are answered once and for all: the relations'
    /// texts need no bytes. As one function that tested `bytes`, the tests cost about 2.8 M
    /// instructions in matching on bench-2k.) A native String holds valid UTF-8, so no check is needed.
    @inline(__always) private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<Unicode.Scalar>,
                                                 bytes: UnsafeMutablePointer<UInt8>?, capacity: Int) -> Int {
        let n = buffer.count
        precondition(n <= capacity)
        // (The offsets grow without overflow checks: they are at most `n`. Every scalar takes
        // at least one byte, so `o` is at most `i`: a store of k scalars at `o` while `i + k`
        // is at most `n` stays inside `out`.)
        var i = 0, o = 0
        let base = buffer.baseAddress
        decoding: while i < n {
            if let base {
                // Eight ASCII bytes at once, widened to scalars in one vector operation: nearly
                // all of an English text. (Sixteen at a time cost more: the runs of ASCII bytes
                // are short, ended by a curly quote or an Arabic word.)
                while i &+ 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let ascii8 = unsafeBitCast(word, to: SIMD8<UInt8>.self)   // (little-endian: byte i in lane i)
                    UnsafeMutableRawPointer(out + o).storeBytes(of: SIMD8<UInt32>(truncatingIfNeeded: ascii8),
                                                                as: SIMD8<UInt32>.self)
                    // (Bytes that are not ASCII are 0x80 or more, as `bytes` wants them.)
                    if let bytes { UnsafeMutableRawPointer(bytes + o).storeBytes(of: word, as: UInt64.self) }
                    let high = word & 0x8080_8080_8080_8080
                    if high != 0 {
                        // The ASCII bytes before the first that is not, written above with the
                        // rest (whose scalars the next ones overwrite), are taken at once: one
                        // at a time, each was another round of this test (a curly quote in an
                        // English text, the space before an Arabic word).
                        let ascii = high.trailingZeroBitCount >> 3
                        i &+= ascii
                        o &+= ascii
                        break
                    }
                    i &+= 8
                    o &+= 8
                }
                if i == n { break }
            }
            let b0 = UInt32(buffer[i])
            var v: UInt32
            if b0 < 0x80 {
                v = b0; i &+= 1
            } else if b0 < 0xE0 {
                out[o] = unsafeBitCast((b0 & 0x1F) << 6 | UInt32(buffer[i &+ 1] & 0x3F), to: Unicode.Scalar.self)
                bytes?[o] = 0x80
                o &+= 1
                i &+= 2
                // Four two-byte sequences at once (most of an Arabic word), decoded in one
                // vector operation and all written: those before the first two bytes that are
                // not one are taken (the next scalars overwrite the others). Where the word
                // ended inside the four, they were then decoded one at a time.
                if let base {
                    while i &+ 8 <= n {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        let pairs = unsafeBitCast(word, to: SIMD4<UInt16>.self)   // (lead byte low, continuation high)
                        let four = SIMD4<UInt32>(truncatingIfNeeded: (pairs & 0x1F) &<< 6 | (pairs &>> 8) & 0x3F)
                        UnsafeMutableRawPointer(out + o).storeBytes(of: four, as: SIMD4<UInt32>.self)
                        if let bytes { UnsafeMutableRawPointer(bytes + o).storeBytes(of: 0x8080_8080 as UInt32, as: UInt32.self) }
                        // (16 bits to a sequence; a lead byte 110xxxxx is always followed by a continuation.)
                        let taken = ((word & 0xC0E0_C0E0_C0E0_C0E0) ^ 0x80C0_80C0_80C0_80C0).trailingZeroBitCount >> 4
                        o &+= taken
                        i &+= taken << 1
                        if taken < 4 {
                            // A space, then another two-byte sequence: the next word of an
                            // Arabic text, read on here. (Back in the loop for ASCII bytes, the
                            // space was a run of one, and the next letter a round of its own.)
                            // (`i + 1` is below the `i + 8` before the four.)
                            if buffer[i] == 0x20 && buffer[i &+ 1] & 0xE0 == 0xC0 {
                                out[o] = Unicode.Scalar(0x20)
                                bytes?[o] = 0x20
                                o &+= 1
                                i &+= 1
                                continue
                            }
                            continue decoding
                        }
                    }
                }
                // Near the text's end, one at a time.
                while i &+ 1 < n, buffer[i] & 0xE0 == 0xC0 {
                    out[o] = unsafeBitCast(UInt32(buffer[i] & 0x1F) << 6 | UInt32(buffer[i &+ 1] & 0x3F), to: Unicode.Scalar.self)
                    bytes?[o] = 0x80
                    o &+= 1
                    i &+= 2
                }
                continue
            } else if b0 < 0xF0 {
                v = (b0 & 0x0F) << 12 | UInt32(buffer[i &+ 1] & 0x3F) << 6 | UInt32(buffer[i &+ 2] & 0x3F); i &+= 3
            } else {
                v = (b0 & 0x07) << 18 | UInt32(buffer[i &+ 1] & 0x3F) << 12 | UInt32(buffer[i &+ 2] & 0x3F) << 6
                    | UInt32(buffer[i &+ 3] & 0x3F)
                i &+= 4
            }
            out[o] = unsafeBitCast(v, to: Unicode.Scalar.self)
            bytes?[o] = v < 0x80 ? UInt8(truncatingIfNeeded: v) : 0x80
            o &+= 1
        }
        return o
    }

    /// `decode` of a text without contiguous UTF-8, scalar by scalar.
    private static func decodeScalars(_ text: String, into out: UnsafeMutablePointer<Unicode.Scalar>, bytes: UnsafeMutablePointer<UInt8>?,
                                      capacity: Int) -> Int {
        var o = 0
        for scalar in text.unicodeScalars {
            precondition(o < capacity)
            out[o] = scalar
            bytes?[o] = scalar.value < 0x80 ? UInt8(truncatingIfNeeded: scalar.value) : 0x80
            o += 1
        }
        return o
    }

    @inline(__always) static func isApostrophe(_ v: UInt32) -> Bool {
        v == 0x27 || v == 0x60 || v == 0x2019 || v == 0x2018 || v == 0x2BC || v == 0x2BE || v == 0x2BF || v == 0x2032 || v == 0xB4
    }

    @inline(__always) static func isHyphen(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2010 || v == 0x2011 }

    @inline(__always) static func isSpace(_ v: UInt32) -> Bool { v == 0x20 || v == 0xA0 || v == 0x09 || v == 0x202F || v == 0x2009 }

    @inline(__always) static func isLatinLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 }   // a-z, A-Z
        return (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7) || (v >= 0x1E00 && v <= 0x1EFF)
    }

    @inline(__always) static func isDigit(_ v: UInt32) -> Bool { (v >= 0x30 && v <= 0x39) || (v >= 0x660 && v <= 0x669) }

    /// Arabic letters, plus harakat and tatweel, which belong to the word they sit on.
    @inline(__always) static func isArabicWordScalar(_ v: UInt32) -> Bool {
        (v >= 0x621 && v <= 0x65F) || v == 0x670 || (v >= 0x671 && v <= 0x6D3) || (v >= 0x6FA && v <= 0x6FF) || v == 0x640
    }

    /// The tokenizer proper, over the scalars in memory. Writes the tokens to `tokens` (room for
    /// one per scalar) and returns their number; sets their bits in `marks` (cleared by the caller,
    /// see `marksPlaceCues`); `letters`: room for the scalars' count + 16 bytes;
    /// the Arabic alternatives to `alternatives` (room for the scalars' count + 4, see
    /// `NameTokenScratch.alternatives`), their number to `alternativeCount`.
    private static func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, alwaysAcronymKeys: Bool,
                                 keyedLowercaseWords: KeyTable?, plainWordsFirst: Bool, keyCache: NameKeyCache?,
                                 tokens: UnsafeMutablePointer<NameToken>, bytes: UnsafePointer<UInt8>,
                                 marks: UnsafeMutablePointer<UInt64>,
                                 letters storage: UnsafeMutablePointer<UInt8>,
                                 alternatives: UnsafeMutablePointer<ArabicAlternative>, alternativeCount: inout Int) -> Int {
        let count = scalars.count
        // (Here and in the counts of a word's letters and cases, `&+`: no count exceeds the
        // scalars', so no overflow is checked on every word and letter.)
        var tokenCount = 0
        var index = 0
        var gapIsJoining = false   // the gap since the last token held only spaces/hyphens/apostrophes
        var pendingArticle: (start: Int, joinsPrevious: Bool)? = nil
        // A word's letters: at most one byte per scalar of the text.
        // (16 bytes more: `NameKeyCache.latinKey(_:)` reads the letters 8 bytes at a time.)
        var buffer = ScratchBytes(storage)
        // (Unwrapped where used: `?? KeyTable.empty` cost the static's initialisation check and a
        // reference count on every text. Its memory rather than the table: see `KeyTable.Memory`;
        // the caller holds the table for the call.)
        let keyed = keyedLowercaseWords?.memory
        let readsPlainWords = plainWordsFirst && !alwaysAcronymKeys
        // (Read once per text: read in `arabicRun`, the static's initialisation was checked by a
        // call for every Arabic word.)
        let arabicLetters = NameKey.arabicLetters

        reading: while index < count {
            var v = scalars[index].value
            // A space between words, the commonest scalar after letters: it leaves the gap joining.
            if v == 0x20 {
                index += 1
                continue
            }
            let latin: Bool, digit: Bool, arabic: Bool
            if v < 0x80 {
                // ASCII, nearly every scalar of an English text: the same tests, answered with fewer comparisons.
                latin = (v | 0x20) &- 0x61 < 26
                digit = !latin && v &- 0x30 < 10
                arabic = false
                // A plain word: ASCII letters, all lower case after the first, ended by the end of
                // the text or by a scalar that no rule of the reading below looks at (not a letter,
                // digit or apostrophe; not a hyphen after a word of up to three letters, and
                // nothing after "al": these may be articles; not a dot after a single capital,
                // which may be an abbreviation). Nearly every word of an English text is one; it
                // is read here to the same token with fewer tests. (`plainWordsFirst` false in
                // the tests reads every word the general way, to compare.)
                if readsPlainWords && latin {
                    // Plain words one after another: the next word, when it starts with an ASCII
                    // letter right after this one's stop (a space), is read here, without the
                    // loop's tests again (nor its reading and writing of the reading's state).
                    while true {
                        let startsUpper = v < 0x61
                        // The letters, packed 8 to an integer as they are read, the bytes of eight
                        // scalars at once (`lowercaseBlock(bytes:firstIsLetter:)`: the whole of nearly
                        // every word): a capitalised word needs
                        // them for its key, a lower-case one for its exact key (made of the packed
                        // letters) and for its key when it is keyed.
                        buffer.removeAll()
                        var (last, n) = NameTokenizer.lowercaseBlock(bytes: bytes + index, firstIsLetter: true)
                        buffer.append(packed: last, count: n)
                        var end = index &+ n, blocks = NameKey.exactSeed
                        if n == 8 {
                            // The next 8 read here too (a word of 8 to 15 letters: a call for each
                            // cost about 15 instructions); longer words go on in `lowercaseRun`.
                            let (block, m) = NameTokenizer.lowercaseBlock(bytes: bytes + end, firstIsLetter: false)
                            if m > 0 {
                                buffer.append(packed: block, count: m)
                                blocks = NameKey.exactMix(blocks ^ last)
                                last = block
                                end &+= m
                                if m == 8 {
                                    (end, blocks, last) = NameTokenizer.lowercaseRun(bytes, from: end,
                                                                                     blocks: blocks, last: last, into: &buffer)
                                }
                            }
                        }
                        // (At the text's end, the first of the zero scalars after it, which ends a word as a space does.)
                        let stop = scalars.baseAddress.unsafelyUnwrapped[end].value
                        let length = end &- index
                        let plainStop = stop < 0x80
                            ? NameTokenizer.endsPlainWord(stop)
                                || (stop == 0x2E && !(startsUpper && length == 1)) || (stop == 0x2D && length > 3)
                            : !NameTokenizer.isLatinLetter(stop) && !NameTokenizer.isDigit(stop) && !NameTokenizer.isApostrophe(stop)
                                && !(length <= 3 && NameTokenizer.isHyphen(stop))
                        // ("al", "Al": `last` holds the word's letters, lower case.)
                        if plainStop && !(length == 2 && last == 0x6C61) {
                            let exactKey = startsUpper ? 0 : NameKey.exactKey(blocks: blocks, last: last)
                            let wordKey: UInt64
                            let flags = latinFlags(startsUpper: startsUpper, exactKey: exactKey, keyed: keyed)
                            // (Most words are neither keyed nor marked: one test for them.)
                            if flags != unkeyedFlag && flags & markFlag != 0 { mark(tokenCount, in: marks) }
                            if flags & unkeyedFlag != 0 {
                                wordKey = 0
                            } else {
                                wordKey = keyCache?.latinKey(buffer) ?? NameKeyCache.computedKey(buffer)
                            }
                            var tokenStart = index
                            var hasArticle = false
                            var joins = tokenCount > 0 && gapIsJoining
                            if let article = pendingArticle {
                                tokenStart = article.start
                                hasArticle = true
                                joins = article.joinsPrevious
                            }
                            tokens[tokenCount] = (NameToken(range: tokenStart..<end, coreStart: index, script: .latin, joinsPrevious: joins,
                                                    hasArticle: hasArticle, startsUppercase: startsUpper,
                                                    uppercaseCount: startsUpper ? 1 : 0, lowercaseCount: startsUpper ? length - 1 : length,
                                                    wordKey: wordKey, acronymKey: 0, exactLowercaseKey: startsUpper ? 0 : exactKey,
                                                    alternativesIndex: -1))
                            tokenCount &+= 1
                            pendingArticle = nil
                            gapIsJoining = true
                            // A space after the word (most stops) passed over here, as the loop's first
                            // test would: one round of the loop less per word.
                            index = stop == 0x20 ? end &+ 1 : end
                            // (At the text's end, a zero scalar. Read as an integer: `.value` of the
                            // scalar was a call here, to the standard library's getter.)
                            let next = UnsafeRawPointer(scalars.baseAddress.unsafelyUnwrapped + index).load(as: UInt32.self)
                            if (next | 0x20) &- 0x61 < 26 {
                                v = next
                                continue
                            }
                            continue reading
                        }
                        // The general reading, from the word at `index`: a Latin letter, `v`.
                        break
                    }
                }
            } else {
                latin = NameTokenizer.isLatinLetter(v)
                digit = !latin && NameTokenizer.isDigit(v)
                arabic = !latin && !digit && NameTokenizer.isArabicWordScalar(v)
            }
            if !(latin || digit || arabic) {
                if NameTokenizer.isSpace(v) || NameTokenizer.isApostrophe(v) {
                    // stays joining
                } else if v == 0x2E, tokenCount > 0, case let last = tokens[tokenCount - 1], last.range.upperBound == index, last.startsUppercase,
                          last.range.count <= 3, last.lowercaseCount > 0 {
                    // The dot of an abbreviation inside a name: "Observation Point No. 9".
                } else if !NameTokenizer.isHyphen(v) {
                    gapIsJoining = false
                    pendingArticle = nil
                }
                index += 1
                continue
            }
            let start = index
            var upper = 0, lower = 0
            var startsUpper = false
            var end = index
            var tokenEnd: Int
            // The word's letters (for a Latin word that does not start with a capital, its
            // `exactLowercaseKey` is made of them once the word is read).
            buffer.removeAll()
            var arabicKey: UInt64 = 0
            if arabic {
                // The word's end sought, its letters normalised (as `NameKey.appendArabicNormalized`
                // normalises them) and hashed in one pass.
                (end, arabicKey) = NameTokenizer.arabicRun(scalars.baseAddress.unsafelyUnwrapped, from: end, letters: &buffer,
                                                           table: arabicLetters)
                tokenEnd = end
            } else {
                // Latin letters and digits; apostrophes and single dots inside (Hay’at, U.S.). Each
                // scalar is read into the letters and the case counts as it is taken into the word
                // (apostrophes and dots add nothing to either).
                while end < count {
                    let w = scalars[end].value
                    // Plain ASCII letters first: nearly every letter of an English text is one.
                    if w &- 0x61 < 26 {
                        lower &+= 1
                        buffer.append(UInt8(truncatingIfNeeded: w))
                        end &+= 1
                    } else if w &- 0x41 < 26 {
                        upper &+= 1
                        if end == start { startsUpper = true }
                        buffer.append(UInt8(truncatingIfNeeded: w + 0x20))
                        end &+= 1
                    } else if NameTokenizer.isLatinLetter(w) {
                        NameTokenizer.readLatin(w, first: end == start, upper: &upper, lower: &lower, startsUpper: &startsUpper,
                                                letters: &buffer)
                        end += 1
                    } else if NameTokenizer.isDigit(w) {
                        // "M5" is read as "M 5", like "M-5".
                        if end > start, NameTokenizer.isLatinLetter(scalars[end - 1].value) { break }
                        NameTokenizer.readLatin(w, first: end == start, upper: &upper, lower: &lower, startsUpper: &startsUpper,
                                                letters: &buffer)
                        end += 1
                    } else if NameTokenizer.isApostrophe(w), end + 1 < count, NameTokenizer.isLatinLetter(scalars[end + 1].value) {
                        end += 1
                    } else if w == 0x2E, end - start >= 1, NameToken.isSingleUppercaseSegment(scalars, start: start, end: end),
                              end + 1 < count, NameTokenizer.isUppercaseASCII(scalars[end + 1].value) {
                        end += 1
                    } else {
                        break
                    }
                }
                // "U.S." keeps its final dot.
                if end < count, scalars[end].value == 0x2E, end - start >= 3, scalars[end - 2].value == 0x2E,
                   NameToken.isSingleUppercaseSegment(scalars, start: start, end: end) {
                    end += 1
                }
                tokenEnd = end
                // Possessive: "Aleppo’s" is Aleppo. The "s" was the last letter read; the apostrophe added nothing.
                if tokenEnd - start >= 3, scalars[tokenEnd - 1].value == 0x73, NameTokenizer.isApostrophe(scalars[tokenEnd - 2].value) {
                    tokenEnd -= 2
                    lower -= 1
                    buffer.removeLast()
                }
            }
            let script: NameScript = arabic ? .arabic : ((upper + lower) == 0 ? .digits : .latin)

            // An article ("al-", "el-", "ash-"...) joins the next word instead of being a token.
            if script == .latin, buffer.count <= 3, end + 1 < count,
               NameTokenizer.isHyphen(scalars[end].value) || NameKey.isAl(buffer),
               NameKey.isArticle(buffer, hyphenated: NameTokenizer.isHyphen(scalars[end].value)) {
                let next = scalars[end + 1].value
                // "Al-‘Asal": an ayn mark may follow the article's hyphen.
                let hyphenated = NameTokenizer.isHyphen(scalars[end].value) && (NameTokenizer.isLatinLetter(next)
                    || (NameTokenizer.isApostrophe(next) && end + 2 < count && NameTokenizer.isLatinLetter(scalars[end + 2].value)))
                let spaced = NameTokenizer.isSpace(scalars[end].value) && NameTokenizer.isUppercaseASCII(next)
                    && NameKey.isAl(buffer) // only "al"/"Al" stands apart: "Abu Bakr al Baghdadi"
                if hyphenated || spaced {
                    pendingArticle = (start, tokenCount > 0 && gapIsJoining)
                    gapIsJoining = true
                    index = end + 1
                    continue
                }
            }

            let exact = script == .latin && !startsUpper ? NameKey.exactKey(buffer) : 0
            let wordKey: UInt64
            switch script {
            case .latin:
                let flags = latinFlags(startsUpper: startsUpper, exactKey: exact, keyed: keyed)
                if flags & markFlag != 0 { mark(tokenCount, in: marks) }
                if flags & unkeyedFlag != 0 {
                    wordKey = 0
                } else {
                    wordKey = keyCache?.latinKey(buffer) ?? NameKeyCache.computedKey(buffer)
                }
            case .arabic:
                wordKey = arabicKey
            case .digits:
                wordKey = NameKey.hash(buffer)
            }
            var acronymKey: UInt64 = 0
            if script == .latin && (alwaysAcronymKeys || (upper >= 2 && upper >= lower)) {
                acronymKey = NameKey.acronymHash(buffer)
            }
            var tokenStart = start
            var hasArticle = false
            var joins = tokenCount > 0 && gapIsJoining
            if let article = pendingArticle {
                tokenStart = article.start
                hasArticle = true
                joins = article.joinsPrevious
            }
            var alternativesIndex: Int32 = -1
            if script == .arabic {
                // (The test procliticAlternatives starts with, made here to spare the call.)
                if buffer.count >= 3 && NameKey.isArabicProclitic(buffer[0]) {
                    // (Four entries at most per such word, which starts at least four scalars after
                    // the one before it: the header is at most the word's start, and the entries
                    // fit in the room for the scalars' count + 4.)
                    let header = alternativeCount
                    precondition(header <= start)
                    let added = NameTokenizer.procliticAlternatives(buffer, scalars: scalars, range: start..<tokenEnd,
                                                                     into: alternatives + header + 1)
                    if added > 0 {
                        alternatives[header] = ArabicAlternative(key: UInt64(added), coreStart: -1)
                        alternativesIndex = Int32(header)
                        alternativeCount = header &+ 1 &+ added
                    }
                }
            }
            tokens[tokenCount] = (NameToken(range: tokenStart..<tokenEnd, coreStart: start, script: script, joinsPrevious: joins,
                                    hasArticle: hasArticle, startsUppercase: startsUpper, uppercaseCount: upper,
                                    lowercaseCount: lower, wordKey: wordKey, acronymKey: acronymKey,
                                    exactLowercaseKey: exact,
                                    alternativesIndex: alternativesIndex))
            tokenCount &+= 1
            pendingArticle = nil
            gapIsJoining = true
            index = end
        }
        return tokenCount
    }

    @inline(__always) static func isUppercaseASCII(_ v: UInt32) -> Bool { v >= 0x41 && v <= 0x5A }

    /// Sets the bit of token `k` in `marks`.
    @inline(__always) private static func mark(_ k: Int, in marks: UnsafeMutablePointer<UInt64>) {
        marks[k >> 6] |= 1 << UInt64(k & 63)
    }

    /// ASCII scalars after which a plain word ends whatever the word: not a letter, digit,
    /// apostrophe, dot or hyphen. One bit per scalar, in two constants (a test checks them
    /// against that definition).
    @inline(__always) static func endsPlainWord(_ ascii: UInt32) -> Bool {
        let bits: UInt64 = ascii < 64 ? plainStopsLow : plainStopsHigh
        return bits & (1 << UInt64(ascii & 63)) != 0
    }

    /// Bit v: ASCII scalar v ends a plain word (`endsPlainWord`), for v in 0-63 and 64-127.
    static let plainStopsLow: UInt64 = 0xfc00_9f7f_ffff_ffff
    static let plainStopsHigh: UInt64 = 0xf800_0000_f800_0001

    /// Where the Arabic word from `start` ends (its scalars are Arabic word scalars), with its
    /// normalised letters appended to `letters` and their hash (`NameKey.hash(letters, seed:
    /// NameKey.arabicSeed)`). Each scalar is classified by one look-up (`NameKey.arabicLetters`).
    ///
    /// The last of `scalars` is not an Arabic word scalar (the tokenizer's text is followed by
    /// zero scalars, see `init`): the word ends at it at the latest, so that the reading tests
    /// no count at each scalar (two instructions of about fifteen for each letter).
    static func arabicRun(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int,
                          letters: inout ScratchBytes) -> (end: Int, hash: UInt64) {
        precondition(start < scalars.count && !isArabicWordScalar(scalars[scalars.count - 1].value))
        return arabicRun(scalars.baseAddress!, from: start, letters: &letters, table: NameKey.arabicLetters)
    }

    /// `arabicRun` with `NameKey.arabicLetters` read by the caller, over scalars that a scalar
    /// other than an Arabic word scalar follows.
    @inline(never) static func arabicRun(_ scalars: UnsafePointer<Unicode.Scalar>, from start: Int,
                                         letters: inout ScratchBytes, table: UnsafePointer<UInt8>) -> (end: Int, hash: UInt64) {
        var h = NameKey.arabicSeed
        var end = start
        // (A local copy, kept in registers; written back once.)
        var out = letters
        while true {
            // (Read as an integer: see `tokenize`.)
            let offset = UnsafeRawPointer(scalars + end).load(as: UInt32.self) &- 0x600
            guard offset < 0x100 else { break }
            let letter = table[Int(offset)]
            // (One test for the two rare values: every letter is above them.)
            if letter <= NameKey.droppedArabicScalar {
                if letter == NameKey.notArabicWordScalar { break }
            } else {
                out.append(letter)
                h = (h ^ UInt64(letter)) &* 0x100000001b3
            }
            end &+= 1
        }
        letters = out
        return (end, h == 0 ? 1 : h)
    }

    /// Where the run of lower-case ASCII letters from `start` ends, the run that follows full blocks
    /// of 8 letters packed as `NameKey.exactKey` packs them (`last` the last of them, `blocks` those
    /// before it mixed into the seed), with its letters appended to `letters`; and the letters of
    /// the whole run as `NameKey.exactKey` reads them, `blocks` and `last` the same way (`last` as
    /// given when the run ends at `start`). For the words of 16 letters and more: the tokenizer
    /// reads the first 16 itself.
    ///
    /// The bytes of eight scalars are read at a time (`lowercaseBlock(bytes:firstIsLetter:)`) and
    /// their letters stored at once. `bytes` (see `NameTokenScratch.bytes`) has 8 bytes that are
    /// not letters after the text's (see `init`), so that every read of 8 stays in memory, and
    /// every run ends inside it.
    @inline(never) static func lowercaseRun(_ bytes: UnsafePointer<UInt8>, from start: Int, blocks: UInt64, last: UInt64,
                                            into letters: inout ScratchBytes) -> (end: Int, blocks: UInt64, last: UInt64) {
        // (A local copy, kept in registers; written back once.)
        var out = letters
        var end = start, blocks = blocks, last = last
        while true {
            let (block, n) = lowercaseBlock(bytes: bytes + end, firstIsLetter: false)
            if n == 0 { break }
            out.append(packed: block, count: n)
            blocks = NameKey.exactMix(blocks ^ last)
            last = block
            end &+= n
            if n < 8 { break }
        }
        letters = out
        return (end, blocks, last)
    }

    /// The lower-case ASCII letters at the start of `p[0..<8]` (the first scalar taken as a letter
    /// of either case when `firstIsLetter`), packed the first in the lowest byte and 0 past them,
    /// and their number.
    @inline(__always) static func lowercaseBlock(_ p: UnsafePointer<Unicode.Scalar>, firstIsLetter: Bool) -> (letters: UInt64, count: Int) {
        let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Int32>.self)
        // A lane is a letter when v - 0x61 and 0x7A - v are both at least 0 (a scalar is below
        // 2^21: neither overflows): the sign of their or, spread over the lane, is -1 for the
        // others. (Without comparisons: the SIMD comparisons were compiled a lane at a time.)
        // (The constants as vectors of a written type: as scalars, or as `SIMD8(repeating:)` of an
        // inferred type, the lanes were shuffled about, about 35 instructions more.)
        let a = SIMD8<Int32>(repeating: 0x61), z = SIMD8<Int32>(repeating: 0x7A)
        let other = ((v &- a) | (z &- v)) &>> SIMD8<Int32>(repeating: 31)
        var others = unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: other), to: UInt64.self)
        var bytes = unsafeBitCast(SIMD8<UInt8>(truncatingIfNeeded: v), to: UInt64.self)
        if firstIsLetter {
            others &= ~0xFF
            bytes |= 0x20
        }
        // The bytes before the first that is not a letter (all of them when every one is).
        let run = (others & (0 &- others)) &- 1
        return (bytes & run, others.trailingZeroBitCount >> 3)
    }

    /// `lowercaseBlock` of the scalars' bytes (`NameTokenScratch.bytes`: an ASCII scalar's own
    /// byte, 0x80 or more for the others), the same letters and count: the eight lanes in one
    /// integer, tested a byte at a time without carries from one byte into the next, where the
    /// scalars took two vectors of four and about 15 instructions more.
    @inline(__always) static func lowercaseBlock(bytes p: UnsafePointer<UInt8>, firstIsLetter: Bool) -> (letters: UInt64, count: Int) {
        let w = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        // Bit 7 of each byte of x + 0x1F is set from 0x61 up, of x + 0x05 from 0x7B up (x is at
        // most 0x7F in each byte: no sum carries into the next); a byte of 0x80 or more is no letter.
        let x = w & 0x7F7F_7F7F_7F7F_7F7F
        let letters = (x &+ 0x1F1F_1F1F_1F1F_1F1F) & ~((x &+ 0x0505_0505_0505_0505) | w)
        var others = ~letters & 0x8080_8080_8080_8080
        var bytes = w
        if firstIsLetter {
            others &= ~0xFF
            bytes |= 0x20
        }
        // The bytes before the first that is not a letter (all of them when every one is): bit 7
        // of that byte, moved to its bit 0, less one.
        let run = ((others & (0 &- others)) >> 7) &- 1
        return (bytes & run, others.trailingZeroBitCount >> 3)
    }

    /// Reads a scalar of a Latin word other than a plain ASCII letter (an accented letter, a digit)
    /// into the word's case counts and letters.
    @inline(never) static func readLatin(_ w: UInt32, first: Bool, upper: inout Int, lower: inout Int, startsUpper: inout Bool,
                                         letters: inout ScratchBytes) {
        if NameTokenizer.isUppercaseASCII(w) || (w >= 0xC0 && w <= 0xDE && w != 0xD7) {
            upper += 1
            if first { startsUpper = true }
        } else if NameTokenizer.isLatinLetter(w) {
            lower += 1
        }
        NameKey.appendLatinLetter(w, into: &letters)
    }

    /// Keys of an Arabic word with its proclitics (و ف ب ل ك, and لل for li + al-) removed.
    /// Only what precedes the name is removed: the article ال stays, since السورية ("the Syrian")
    /// is an adjective and not سورية. `letters` are the word's normalised letters, as
    /// `NameKey.appendArabicNormalized` gives them for `scalars[range]`.
    static func procliticAlternatives<Letters: RandomAccessCollection, Scalars: RandomAccessCollection>(
        _ letters: Letters, scalars: Scalars, range: Range<Int>
    ) -> [ArabicAlternative]
        where Letters.Element == UInt8, Letters.Index == Int, Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        withUnsafeTemporaryAllocation(of: ArabicAlternative.self, capacity: 3) { out in
            let count = procliticAlternatives(letters, scalars: scalars, range: range, into: out.baseAddress!)
            return Array(out[..<count])
        }
    }

    /// `procliticAlternatives`, written to `result` (room for three: the tokenizer keeps those of
    /// every word in one list); returns their number.
    static func procliticAlternatives<Letters: RandomAccessCollection, Scalars: RandomAccessCollection>(
        _ letters: Letters, scalars: Scalars, range: Range<Int>, into result: UnsafeMutablePointer<ArabicAlternative>
    ) -> Int
        where Letters.Element == UInt8, Letters.Index == Int, Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        let count = letters.count
        let first = letters.startIndex
        guard count >= 3, NameKey.isArabicProclitic(letters[first]) else { return 0 }
        var written = 0
        /// Scalar offset of the n-th normalised letter, to report where the name starts.
        func offset(_ n: Int) -> Int { letterOffset(n, scalars: scalars, range: range, letterCount: count) }
        let lam: UInt8 = 0x44, alef: UInt8 = 0x27
        // (Each word without its first n letters has at least two letters left.)
        result[written] = ArabicAlternative(key: NameKey.hash(letters[(first + 1)...], seed: NameKey.arabicSeed), coreStart: offset(1))
        written += 1
        let conjunction = letters[first] == 0x48 || letters[first] == 0x41   // و ف
        if conjunction, count >= 4, NameKey.isArabicProclitic(letters[first + 1]) {
            result[written] = ArabicAlternative(key: NameKey.hash(letters[(first + 2)...], seed: NameKey.arabicSeed), coreStart: offset(2))
            written += 1
        }
        // li + al- is written لل: لِلجيش is "to the army".
        let lilStart = conjunction ? 1 : 0
        if count >= lilStart + 4, letters[first + lilStart] == lam, letters[first + lilStart + 1] == lam {
            // The hash of ال followed by the rest of the word.
            var h = NameKey.arabicSeed
            h = (h ^ UInt64(alef)) &* 0x100000001b3
            h = (h ^ UInt64(lam)) &* 0x100000001b3
            for b in letters[(first + lilStart + 2)...] { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            result[written] = ArabicAlternative(key: h == 0 ? 1 : h, coreStart: offset(lilStart + 1))
            written += 1
        }
        return written
    }
}

extension NameTokenizer {
    /// Scalar offset of the n-th normalised letter of `scalars[range]`, whose letters number
    /// `letterCount` (the range's end when there is no n-th): `letterOffsetByWalking`. A word
    /// without harakat or tatweel, nearly every word, has its n-th letter at its n-th scalar: the
    /// walk to it was about 45 instructions for each alternative of a word with proclitics.
    @inline(__always) static func letterOffset<Scalars: RandomAccessCollection>(_ n: Int, scalars: Scalars, range: Range<Int>,
                                                                               letterCount: Int) -> Int
        where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        if letterCount == range.count { return n < letterCount ? range.lowerBound + n : range.upperBound }
        return letterOffsetByWalking(n, scalars: scalars, range: range)
    }

    /// `letterOffset` by walking the scalars, counting those `NameKey.normalizedArabicByte` keeps.
    static func letterOffsetByWalking<Scalars: RandomAccessCollection>(_ n: Int, scalars: Scalars, range: Range<Int>) -> Int
        where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        var seen = 0
        for k in range where NameKey.normalizedArabicByte(scalars[k].value) != nil {
            if seen == n { return k }
            seen += 1
        }
        return range.upperBound
    }
}

/// An Arabic word read without its proclitics.
struct ArabicAlternative {
    var key: UInt64
    var coreStart: Int
}

extension NameToken {
    /// True when scalars[start..<end] alternate single uppercase letters and dots ("U", "U.S").
    static func isSingleUppercaseSegment<Scalars: RandomAccessCollection>(_ scalars: Scalars, start: Int, end: Int) -> Bool
        where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        var k = start
        while k < end {
            guard NameTokenizer.isUppercaseASCII(scalars[k].value) else { return false }
            if k + 1 < end {
                guard scalars[k + 1].value == 0x2E else { return false }
            }
            k += 2
        }
        return true
    }
}
