/// The transliteration keys of recently read Latin words, by their letters: a key is a walk over
/// the letters (`NameKey.latinSkeleton`), and the capitalised words of a text, which all need
/// one, are mostly words met before (names, the first words of sentences).
///
/// Direct-mapped: a word's letters select one entry, which holds the letters of the last word
/// stored there and its key. The letters, at most 16 non-zero bytes, are kept packed into two
/// integers, so that an entry answers a word only when its letters are the word's letters.
///
/// An entry is the first 8 letters and the key, 16 bytes (a quarter of a cache line, never
/// across two), and letters 8-15 are in a list of their own, read only for a word of 8 letters
/// or more: the first 8 letters of a shorter word end in a 0 byte, so equal first 8 letters
/// are the whole word. (Entries of all 24 bytes took a quarter of the look-ups across two cache
/// lines, and the table is read from beyond the first-level cache at nearly every look-up: the
/// matcher's tables pass through it between two texts.)
///
/// Not thread-safe: one cache serves one thread at a time (see `EntityMatcher`'s workspaces).
final class NameKeyCache {
    private struct Entry {
        /// Letters 0-7, the first in the lowest byte; 0 past the word's end. (0: empty.)
        var low: UInt64
        var key: UInt64
    }

    /// A power of two: `slot` keeps the top `entryBits` bits of a hash. (On bench-2k, 2^12 entries
    /// left 19,229 words a matching pass to compute, 4.9 M instructions of `latinSkeleton`; 2^13
    /// took matching 366.00 M -> 362.95 M instructions, 2^14 to 361.44 M, but at 384 KB a cache
    /// with its letters 8-15 would fill most of a core's second-level cache, which holds the
    /// 192 KB of 2^13.)
    static let entryBits = 13
    static let entryCount = 1 << entryBits
    /// Memory of its own rather than an array, so that reading and writing entries needs no
    /// uniqueness or exclusivity checks.
    private let entries: UnsafeMutablePointer<Entry>
    /// Letters 8-15 of each entry's word (0 past its end).
    private let highs: UnsafeMutablePointer<UInt64>

    init() {
        entries = UnsafeMutablePointer<Entry>.allocate(capacity: Self.entryCount)
        entries.initialize(repeating: Entry(low: 0, key: 0), count: Self.entryCount)
        highs = UnsafeMutablePointer<UInt64>.allocate(capacity: Self.entryCount)
        highs.initialize(repeating: 0, count: Self.entryCount)
    }

    deinit {
        entries.deinitialize(count: Self.entryCount)
        entries.deallocate()
        highs.deallocate()
    }

    /// The hash of `NameKey.latinSkeleton(letters)`, as `NameKey.ByteHasher` gives it: lower-case
    /// letters as `NameKey.appendLatinLetter` makes them (never 0).
    @inline(__always) func latinKey<Letters: RandomAccessCollection>(_ letters: Letters) -> UInt64
        where Letters.Element == UInt8, Letters.Index == Int {
        let count = letters.count
        guard count > 0 && count <= 16 else { return Self.computedKey(letters) }
        var low: UInt64 = 0, high: UInt64 = 0
        let start = letters.startIndex
        for k in 0..<min(count, 8) { low |= UInt64(letters[start + k]) << UInt64(8 * k) }
        if count > 8 {
            for k in 8..<count { high |= UInt64(letters[start + k]) << UInt64(8 * (k - 8)) }
        }
        return key(low: low, high: high, letters)
    }

    /// `latinKey` of letters in scratch memory with at least 16 bytes allocated past their start
    /// (`NameTokenizer` allocates them so): the letters are read 8 bytes at a time, and the bytes
    /// past the word masked off.
    @inline(__always) func latinKey(_ letters: ScratchBytes) -> UInt64 {
        let count = letters.count
        guard count > 0 && count <= 16 else { return Self.computedKey(letters) }
        let raw = UnsafeRawPointer(letters.base)
        let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let low = count >= 8 ? first : first & ((1 << UInt64(8 * count)) - 1)
        var high: UInt64 = 0
        if count > 8 {
            let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            high = count == 16 ? second : second & ((1 << UInt64(8 * (count - 8))) - 1)
        }
        return key(low: low, high: high, letters)
    }

    /// The entry packed letters `low`, `high` select.
    @inline(__always) private static func slot(low: UInt64, high: UInt64) -> Int {
        Int(truncatingIfNeeded: ((low ^ (high &* 0xBF58476D1CE4E5B9)) &* 0x9E3779B97F4A7C15) >> UInt64(64 - entryBits))
    }

    /// The key stored for packed letters `low`, `high` (packed as `latinKey` packs them, not
    /// both 0), or nil when their entry holds another word; stores nothing.
    @inline(__always) func storedKey(low: UInt64, high: UInt64) -> UInt64? {
        storedKey(low: low, high: high, slot: Self.slot(low: low, high: high))
    }

    /// `storedKey(low:high:)` of the entry `slot`.
    @inline(__always) private func storedKey(low: UInt64, high: UInt64, slot: Int) -> UInt64? {
        let entry = entries[slot]
        // (Letters 8-15 only for a word of 8 letters or more: a shorter word's byte 7 is 0.)
        return entry.low == low && (low >> 56 == 0 || highs[slot] == high) ? entry.key : nil
    }

    /// The key of the entry of packed letters `low`, `high`, stored there first when the entry holds another word.
    @inline(__always) private func key<Letters: RandomAccessCollection>(low: UInt64, high: UInt64, _ letters: Letters) -> UInt64
        where Letters.Element == UInt8, Letters.Index == Int {
        let slot = Self.slot(low: low, high: high)
        if let key = storedKey(low: low, high: high, slot: slot) { return key }
        let key = Self.computedKey(letters)
        entries[slot] = Entry(low: low, key: key)
        highs[slot] = high
        return key
    }

    @inline(never) static func computedKey<Letters: RandomAccessCollection>(_ letters: Letters) -> UInt64
        where Letters.Element == UInt8, Letters.Index == Int {
        var hasher = NameKey.ByteHasher()
        NameKey.latinSkeleton(letters, into: &hasher)
        return hasher.value
    }
}
