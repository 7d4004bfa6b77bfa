import Foundation

/// The keys under which names are matched, so that spelling variants meet.
///
/// Latin script: a transliteration *skeleton* (consonants only, digraphs folded: kh/k, sh/ch,
/// q/k, doubled letters and apostrophes dropped, a leading vowel kept as "a") selects
/// candidates, and a *folded* spelling (vowels kept but reduced to a, i, u, ai) confirms them by
/// similarity. Arabic script: letters normalised as CAMeL Tools does (alef forms, alef maqsura,
/// taa marbuta, harakat, tatweel).
enum NameKey {
    // MARK: Latin letters

    /// Appends the lower-case ASCII letter (or digit) for a Latin scalar; apostrophes and dots are dropped.
    static func appendLatinLetter<Sink: ByteSink>(_ v: UInt32, into buffer: inout Sink) {
        if v >= 0x61 && v <= 0x7A { buffer.append(UInt8(v)); return }
        if v >= 0x41 && v <= 0x5A { buffer.append(UInt8(v + 0x20)); return }
        if v >= 0x30 && v <= 0x39 { buffer.append(UInt8(v)); return }
        if v >= 0x660 && v <= 0x669 { buffer.append(UInt8(v - 0x660 + 0x30)); return }
        if v < 0xC0 { return }
        if let base = baseLetter(v) { buffer.append(base) }
    }

    /// Base letters of U+00C0..U+024F and U+1E00..U+1EFF (0: none), worked out once.
    private static let baseLetters: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x250 + 0x100)
        for v in UInt32(0xC0)..<0x250 { table[Int(v)] = decomposedBase(v) ?? 0 }
        for v in UInt32(0x1E00)..<0x1F00 { table[0x250 + Int(v - 0x1E00)] = decomposedBase(v) ?? 0 }
        return table
    }()

    @inline(__always) private static func baseLetter(_ v: UInt32) -> UInt8? {
        let base: UInt8
        if v < 0x250 {
            base = baseLetters[Int(v)]
        } else if v >= 0x1E00 && v < 0x1F00 {
            base = baseLetters[0x250 + Int(v - 0x1E00)]
        } else {
            return nil
        }
        return base == 0 ? nil : base
    }

    /// The ASCII base letter of an accented Latin letter (é -> e, Ş -> s), nil when it has none.
    private static func decomposedBase(_ v: UInt32) -> UInt8? {
        guard let scalar = Unicode.Scalar(v) else { return nil }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        if let first = decomposed.first, first.value < 0x80, first.properties.isAlphabetic {
            return UInt8(first.value | 0x20)
        }
        switch v {
        case 0xDF: return 0x73            // ß
        case 0xE6, 0xC6: return 0x61      // æ
        case 0xF8, 0xD8: return 0x6F      // ø
        case 0x131: return 0x69           // dotless i
        default: return nil
        }
    }

    private static let hyphenatedArticles: Set<[UInt8]> = Set(
        ["al", "el", "ash", "ad", "as", "at", "az", "ar", "an", "en", "es", "ez", "ed", "et", "ul", "ech", "adh", "ath", "ath"]
            .map { Array($0.utf8) })

    /// True for an Arabic article written in Latin letters. Hyphenated articles (as-Suwayda,
    /// ad-Dana) are recognised in many assimilated forms; a free-standing one only as "al".
    static func isArticle(_ letters: [UInt8], hyphenated: Bool) -> Bool {
        hyphenated ? hyphenatedArticles.contains(letters) : isAl(letters)
    }

    /// `isArticle` of the letters of a word being read, without making an array of them: the
    /// hyphenated articles have two or three letters, compared packed into an integer.
    static func isArticle(_ letters: ScratchBytes, hyphenated: Bool) -> Bool {
        guard hyphenated else { return isAl(letters) }
        guard letters.count == 2 || letters.count == 3 else { return false }
        var packed: UInt32 = 0
        for k in 0..<letters.count { packed |= UInt32(letters[k]) << UInt32(8 * k) }
        return hyphenatedArticleKeys.contains(packed)
    }

    /// `hyphenatedArticles`, each packed as `isArticle(_: ScratchBytes, hyphenated:)` packs a word.
    private static let hyphenatedArticleKeys: [UInt32] = hyphenatedArticles.map { article in
        var packed: UInt32 = 0
        for (k, b) in article.enumerated() { packed |= UInt32(b) << UInt32(8 * k) }
        return packed
    }

    @inline(__always) static func isAl<Letters: RandomAccessCollection>(_ letters: Letters) -> Bool
        where Letters.Element == UInt8, Letters.Index == Int {
        letters.count == 2 && letters[letters.startIndex] == 0x61 && letters[letters.startIndex + 1] == 0x6C
    }

    @inline(__always) static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75
    }

    /// The consonant of a digraph such as "kh" or "sh", or nil when `c` + "h" is not one.
    @inline(__always) private static func digraph(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x6B: return 0x6B  // kh
        case 0x67: return 0x67  // gh
        case 0x73, 0x63: return 0x73  // sh, ch
        case 0x74: return 0x74  // th
        case 0x64: return 0x64  // dh
        case 0x70: return 0x66  // ph
        case 0x7A: return 0x7A  // zh
        default: return nil
        }
    }

    /// Consonant skeleton of lower-case letters: "Sheikhoun", "Shaykhun" and "Shikhon" all give "skn".
    /// This is `walkLatin` with vowels dropped, written out as its own loop because it runs on
    /// every Latin word of the text.
    static func latinSkeleton<Letters: RandomAccessCollection, Sink: ByteSink>(_ letters: Letters, into out: inout Sink)
        where Letters.Element == UInt8, Letters.Index == Int {
        let l = letters
        let base = letters.startIndex
        let n = l.count
        var i = 0
        var previous: UInt8 = 0
        var lastConsonant: UInt8 = 0
        var inRun = false
        var isStart = true
        while i < n {
            let c = l[base + i]
            if c == previous { i += 1; continue }
            previous = c
            if isVowel(c) || ((c == 0x79 || c == 0x77) && inRun) {
                inRun = true
                i += 1
                continue
            }
            if c == 0x68 && i == n - 1 && inRun && !isStart { break }
            var folded = c
            if i + 1 < n, l[base + i + 1] == 0x68, let d = digraph(c) {
                folded = d
                previous = 0x68
                i += 2
            } else {
                if c == 0x71 || c == 0x63 { folded = 0x6B }
                i += 1
            }
            if inRun && isStart { out.append(0x61) }
            if folded != lastConsonant || inRun { out.append(folded) }
            inRun = false
            lastConsonant = folded
            isStart = false
        }
        if inRun && isStart { out.append(0x61) }
        if out.isEmpty { out.append(0x61) }
    }

    /// Spelling with digraphs and doubled letters folded and each vowel run reduced to a, i, u or ai.
    static func latinFolded(_ letters: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        walkLatin(letters, vowelRun: { run, _ in
            if run == diphthong { out.append(0x61); out.append(0x69) } else { out.append(run) }
        }, consonant: { out.append($0) })
        return out
    }

    /// Stands for the vowel run "ai" (ei, ay, ey...) in walks, so that no array is built per run.
    private static let diphthong: UInt8 = 0

    /// Walks letters once, reporting folded consonants and reduced vowel runs.
    private static func walkLatin(_ l: [UInt8], vowelRun: (UInt8, Bool) -> Void, consonant: (UInt8) -> Void) {
        let n = l.count
        var i = 0
        var previous: UInt8 = 0
        var lastConsonant: UInt8 = 0
        var runHasA = false, runHasI = false, runHasU = false, inRun = false
        var isStart = true

        func flushRun() {
            guard inRun else { return }
            if isStart {
                vowelRun(0x61, true)    // a leading vowel only says "starts with a vowel": Idlib ~ Idleb
            } else if runHasA && runHasI {
                vowelRun(diphthong, false)
            } else if runHasA {
                vowelRun(0x61, false)
            } else if runHasU {
                vowelRun(0x75, false)
            } else {
                vowelRun(0x69, false)
            }
            runHasA = false; runHasI = false; runHasU = false; inRun = false
        }

        while i < n {
            let c = l[i]
            if c == previous { i += 1; continue }   // doubled letters
            previous = c
            if isVowel(c) || ((c == 0x79 || c == 0x77) && inRun) {
                inRun = true
                switch c {
                case 0x61: runHasA = true
                case 0x65: runHasA = true; runHasI = true   // e sits between a and i
                case 0x69, 0x79: runHasI = true
                default: runHasU = true
                }
                i += 1
                continue
            }
            if c == 0x68 && i == n - 1 && inRun && !isStart { break }   // final -ah/-eh: taa marbuta
            var folded = c
            if i + 1 < n, l[i + 1] == 0x68, let d = digraph(c) {
                folded = d
                previous = 0x68
                i += 2
            } else {
                if c == 0x71 || c == 0x63 { folded = 0x6B }   // q, c -> k
                i += 1
            }
            let hadRun = inRun
            flushRun()
            if folded != lastConsonant || hadRun { consonant(folded) }
            lastConsonant = folded
            isStart = false
        }
        flushRun()
    }

    // MARK: Arabic

    static func isArabicProclitic(_ byte: UInt8) -> Bool {
        // و ف ب ل ك, stored as the low byte of their scalar
        byte == 0x48 || byte == 0x41 || byte == 0x28 || byte == 0x44 || byte == 0x43
    }

    /// Appends normalised Arabic letters (low byte of each scalar): alef forms to bare alef,
    /// alef maqsura to yaa, taa marbuta to haa; harakat and tatweel dropped.
    static func appendArabicNormalized<Scalars: RandomAccessCollection, Sink: ByteSink>(_ scalars: Scalars, _ range: Range<Int>,
                                                                                      into buffer: inout Sink)
        where Scalars.Element == Unicode.Scalar, Scalars.Index == Int {
        for k in range {
            if let byte = normalizedArabicByte(scalars[k].value) { buffer.append(byte) }
        }
    }

    /// `normalizedArabicByte` of U+0600 + n at n, for the scalars of Arabic words
    /// (`NameTokenizer.isArabicWordScalar`); `droppedArabicScalar` for those it drops, and
    /// `notArabicWordScalar` for the other scalars of the block. (No letter's byte is 0 or 1:
    /// those would be U+0600 and U+0601, which are not word scalars.) Never freed.
    static let arabicLetters: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x100)
        for n in 0..<0x100 {
            let v = UInt32(0x600 + n)
            table[n] = !NameTokenizer.isArabicWordScalar(v) ? notArabicWordScalar : (normalizedArabicByte(v) ?? droppedArabicScalar)
        }
        return UnsafePointer(table)
    }()
    static let notArabicWordScalar: UInt8 = 0
    static let droppedArabicScalar: UInt8 = 1

    @inline(__always) static func normalizedArabicByte(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x64B...0x65F, 0x670, 0x640: return nil
        case 0x622, 0x623, 0x625, 0x671: return 0x27
        case 0x649: return 0x4A
        case 0x629: return 0x47
        default: return UInt8(truncatingIfNeeded: v)
        }
    }

    // MARK: Hashes

    /// Where a key's bytes go: an array, or straight into a hash so that no array is built.
    protocol ByteSink {
        mutating func append(_ byte: UInt8)
        var isEmpty: Bool { get }
    }

    /// FNV-1a, equal to `hash(_:)` of the same bytes.
    struct ByteHasher: ByteSink {
        private var state: UInt64 = latinSeed
        private(set) var isEmpty = true

        mutating func append(_ byte: UInt8) {
            state ^= UInt64(byte)
            state = state &* 0x100000001b3
            isEmpty = false
        }

        var value: UInt64 { state == 0 ? 1 : state }
    }

    static let latinSeed: UInt64 = 0xcbf29ce484222325
    static let arabicSeed: UInt64 = 0x84222325cbf29ce4
    static let exactSeed: UInt64 = 0x9ce484222325cbf2

    /// `NameToken.exactLowercaseKey` of a word's letters (as `appendLatinLetter` makes them, never
    /// 0): the letters packed 8 to an integer, the first in the lowest byte (as `NameKeyCache` packs
    /// them); each full block but the last mixed into the seed (`exactMix`), and the key the mix of
    /// that with the last block. A word of up to 8 letters is the mix of the seed and its letters,
    /// a bijection of its block, whose bytes are not 0 up to the word's end: no two such words
    /// share a key. (Where FNV-1a made one multiplication per letter, each waiting on the one
    /// before, packing a letter is a shift and an or, and the tokenizer packs 8 at once: see
    /// `NameTokenizer.lowercaseBlock`. On bench-2k the matching stage took 413 M -> 408 M
    /// instructions with this.) Keys live in memory only; nothing stores them.
    static func exactKey<Letters: Sequence>(_ letters: Letters) -> UInt64 where Letters.Element == UInt8 {
        var blocks = exactSeed, last: UInt64 = 0, filled = 0
        for letter in letters {
            if filled == 8 {
                blocks = exactMix(blocks ^ last)
                last = 0
                filled = 0
            }
            last |= UInt64(letter) << UInt64(8 * filled)
            filled += 1
        }
        return exactKey(blocks: blocks, last: last)
    }

    /// `exactKey` of a word whose full blocks before the last mixed to `blocks` (the seed when it
    /// has one block) and whose last block is `last`.
    @inline(__always) static func exactKey(blocks: UInt64, last: UInt64) -> UInt64 {
        let key = exactMix(blocks ^ last)
        return key == 0 ? 1 : key
    }

    /// A bijection of 64-bit integers: a multiplication by an odd constant (each bit of the product
    /// depends on the input's bits at and below it), then the high half folded into the low one,
    /// so that the low bits depend on the high ones too. (SplitMix64's finaliser, two rounds of this, is 5 instructions more
    /// per word; the keys are only compared and looked up in `KeyTable`, which hashes them again.)
    @inline(__always) static func exactMix(_ x: UInt64) -> UInt64 {
        let z = x &* 0x9E3779B97F4A7C15
        return z ^ (z >> 32)
    }

    @inline(__always) static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = latinSeed) -> UInt64 where Bytes.Element == UInt8 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return h == 0 ? 1 : h
    }

    static func acronymHash<Letters: Sequence>(_ letters: Letters) -> UInt64 where Letters.Element == UInt8 {
        var h = latinSeed
        h ^= 0x23
        h = h &* 0x100000001b3
        for b in letters {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return h == 0 ? 1 : h
    }

    // MARK: Similarity

    /// `similarity(a, b)` when it is at least `threshold`, else nil; stops as soon as a row of
    /// the edit distances shows that it is lower. (Each row's smallest distance bounds the final
    /// distance from below, so that score bounds the similarity from above.)
    static func similarity(_ a: [UInt8], _ b: [UInt8], atLeast threshold: Double) -> Double? {
        if a == b { return 1 >= threshold ? 1 : nil }
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 >= threshold ? 0 : nil }
        let longer = Double(max(n, m))
        // Distances in half edits, as integers: every cost is a multiple of one half, so this is
        // exact, and the result is the same Double as `similarity` computes.
        let halves = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * (m + 1)) { rows -> Int32? in
            var previousRow = UnsafeMutableBufferPointer(rebasing: rows[0...m])
            var row = UnsafeMutableBufferPointer(rebasing: rows[(m + 1)...(2 * m + 1)])
            let bVowels = UnsafeMutableBufferPointer(rebasing: rows[(2 * m + 2)...])
            for j in 0...m { previousRow[j] = Int32(2 * j) }
            for j in 1...m { bVowels[j] = isVowel(b[j - 1]) ? 1 : 0 }
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 1...n {
                        let ai = a[i - 1]
                        let aVowel: Int32 = isVowel(ai) ? 1 : 0
                        row[0] = Int32(2 * i)
                        var smallest = row[0]
                        for j in 1...m {
                            let substitution: Int32 = ai == b[j - 1] ? 0 : 2 - (aVowel & bVowels[j])
                            let value = min(previousRow[j] + 2, row[j - 1] + 2, previousRow[j - 1] + substitution)
                            row[j] = value
                            smallest = min(smallest, value)
                        }
                        if 1 - (Double(smallest) / 2) / longer < threshold { return nil }
                        swap(&previousRow, &row)
                    }
                    return previousRow[m]
                }
            }
        }
        guard let halves else { return nil }
        let score = 1 - (Double(halves) / 2) / longer
        return score >= threshold ? score : nil
    }

    /// 1 - (weighted edit distance / longer length); a vowel replacing a vowel costs half.
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return 1 }
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 }
        // Two rows on the stack: this runs for every candidate spelling, and arrays would be allocated.
        let distance = withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (m + 1)) { rows -> Double in
            var previousRow = UnsafeMutableBufferPointer(rebasing: rows[0...m])
            var row = UnsafeMutableBufferPointer(rebasing: rows[(m + 1)...])
            for j in 0...m { previousRow[j] = Double(j) }
            for j in 0...m { row[j] = 0 }
            for i in 1...n {
                row[0] = Double(i)
                for j in 1...m {
                    let substitution: Double
                    if a[i - 1] == b[j - 1] {
                        substitution = 0
                    } else if isVowel(a[i - 1]) && isVowel(b[j - 1]) {
                        substitution = 0.5
                    } else {
                        substitution = 1
                    }
                    row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + substitution)
                }
                swap(&previousRow, &row)
            }
            return previousRow[m]
        }
        return 1 - distance / Double(max(n, m))
    }
}

extension Array: NameKey.ByteSink where Element == UInt8 {}

/// Bytes in memory the caller owns, for a word being read: appending checks neither capacity
/// (the caller allocates enough) nor uniqueness, as an array's append does.
struct ScratchBytes: RandomAccessCollection, NameKey.ByteSink {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> UInt8 { base[position] }
    var isEmpty: Bool { count == 0 }

    @inline(__always) mutating func append(_ byte: UInt8) {
        base[count] = byte
        // (No overflow check: the count is at most the memory's size.)
        count &+= 1
    }

    /// Appends the first `n` (at most 8) of the bytes of `packed` (the first in the lowest byte, 0
    /// past the `n`-th) in one store of 8 bytes: the memory has room for 8 bytes from the current count.
    @inline(__always) mutating func append(packed: UInt64, count n: Int) {
        UnsafeMutableRawPointer(base + count).storeBytes(of: packed.littleEndian, as: UInt64.self)
        count &+= n
    }

    @inline(__always) mutating func removeAll() { count = 0 }

    @inline(__always) mutating func removeLast() { count -= 1 }
}

/// A fixed set of 64-bit keys (already hashes) with a small payload each, looked up by open
/// addressing. Swift's `Set` hashes its keys again with SipHash, which is a real cost on a test
/// that runs for every word of the text.
///
/// The slots live in memory of one storage object (read without bounds or uniqueness checks,
/// and a copy of the table costs one reference count).
struct KeyTable: @unchecked Sendable {
    private final class Storage {
        let keys: UnsafeMutablePointer<UInt64>
        let payloads: UnsafeMutablePointer<Int>
        let mask: Int
        /// One bit per 13-bit slice of a key (`filterBit`), set for the keys present: 1 KB, mostly in
        /// the fastest cache, answers most keys that are absent without reading `keys`. (2 KB let
        /// fewer keys through to `keys`, but were read from further away: the other tables of the
        /// matcher pass through the first-level cache between two texts, and each text brought
        /// the filter's lines back. On bench-2k, 1 KB took 412.62 M -> 413.25 M instructions and
        /// 2.058 M -> 1.894 M first-level read misses; 512 bytes 414.10 M and 1.863 M.)
        let filter: UnsafeMutablePointer<UInt64>

        init(capacity: Int) {
            mask = capacity - 1
            keys = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            keys.initialize(repeating: 0, count: capacity)
            payloads = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            payloads.initialize(repeating: 0, count: capacity)
            filter = UnsafeMutablePointer<UInt64>.allocate(capacity: 128)
            filter.initialize(repeating: 0, count: 128)
        }

        deinit {
            keys.deallocate()
            payloads.deallocate()
            filter.deallocate()
        }
    }

    private let storage: Storage
    /// True for a table made by `NameTokenizer.keyedWords(_:)`, which holds the lower-case place
    /// cues (see `NameTokenizer.marksPlaceCues`).
    let marksPlaceCues: Bool

    init(_ entries: [(key: UInt64, payload: Int)], marksPlaceCues: Bool = false) {
        self.marksPlaceCues = marksPlaceCues
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        let storage = Storage(capacity: capacity)
        for entry in entries where entry.key != 0 {
            var slot = KeyTable.slot(entry.key, capacity - 1)
            while storage.keys[slot] != 0 && storage.keys[slot] != entry.key { slot = (slot + 1) & (capacity - 1) }
            storage.keys[slot] = entry.key
            storage.payloads[slot] = entry.payload
            let bit = KeyTable.filterBit(entry.key)
            storage.filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.storage = storage
    }

    @inline(__always) private static func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 51) }

    init(keys: [UInt64]) {
        self.init(keys.map { ($0, 0) })
    }

    /// The table without keys.
    static let empty = KeyTable(keys: [])

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9E3779B97F4A7C15) >> 20) & mask
    }

    /// The payload of `key`, nil when the key is not in the table. Key 0 is never present.
    @inline(__always) func payload(_ key: UInt64) -> Int? { memory.payload(key) }

    /// The table's memory, for a loop that looks up many keys while the table lives (held by the
    /// caller): its addresses stay in locals, where each look-up through the storage object read
    /// the object's reference, then the filter's address, then the filter word, one after the
    /// other (the tokenizer's test of every lower-case word).
    struct Memory {
        fileprivate let keys: UnsafeMutablePointer<UInt64>
        fileprivate let payloads: UnsafeMutablePointer<Int>
        fileprivate let filter: UnsafeMutablePointer<UInt64>
        fileprivate let mask: Int

        /// `KeyTable.payload(_:)`.
        @inline(__always) func payload(_ key: UInt64) -> Int? {
            let bit = KeyTable.filterBit(key)
            if key != 0 && filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return nil }
            var slot = KeyTable.slot(key, mask)
            while true {
                let found = keys[slot]
                if found == key { return payloads[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The table's memory, valid while the table lives.
    @inline(__always) var memory: Memory {
        Memory(keys: storage.keys, payloads: storage.payloads, filter: storage.filter, mask: storage.mask)
    }

    @inline(__always) func contains(_ key: UInt64) -> Bool { key != 0 && payload(key) != nil }
}
