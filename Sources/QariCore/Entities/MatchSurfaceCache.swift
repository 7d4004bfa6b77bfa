/// The surfaces (`EntityMatcher.surface`) of recent mentions, by their scalars: a text names the
/// same entities again and again, and returning the String made before costs a hash and a
/// comparison of the scalars, where making one costs about 200 instructions (most of them in
/// the standard library's check of the new String's UTF-8).
///
/// Two-way: each surface of up to `maxLength` scalars has a set of two slots, chosen by a tag the
/// caller gives with it (the alias the mention matched: its surfaces are nearly always one
/// spelling, and the tag costs nothing to hash, where a hash of the scalars cost more than the
/// look-up saved), and its length. A set holds the last two surfaces that fell there, the most
/// recent first; an answer from it is the String made from the same scalars, compared exactly:
/// the same text. (Direct-mapped, 512 slots, bench-2k's matching stage made 14,399 of its 77,861
/// surfaces again: the spellings of one alias in another case, "Idlib" and "IDLIB", share a slot
/// and threw each other out.)
///
/// A slot is one record of 128 bytes, two cache lines: its length and String first, then its
/// scalars, so that a surface of up to 10 scalars (most names) is answered from one line. (In
/// three lists, the lengths, the scalars and the Strings, a look-up read three places, each
/// mostly out of the first-level cache by the next text: about four misses a look-up.)
///
/// Not thread-safe: kept by a matcher's workspace, which serves one thread at a time.
final class MatchSurfaceCache {
    /// Slots: a power of two, at least 2 (sets of two).
    let slotCount: Int
    /// Longer surfaces are made every time (they are rare, and longer to compare).
    static let maxLength = 24
    /// Bytes of a slot: its length (an `Int`, -1 for an empty slot) at 0, its String at
    /// `stringOffset`, its `maxLength` scalars from `scalarsOffset`.
    private static let slotBytes = 128, stringOffset = 8, scalarsOffset = 24
    /// The slots, 64-byte aligned.
    private let slots: UnsafeMutableRawPointer

    init(slotCount: Int = 1024) {
        precondition(slotCount >= 2 && slotCount & (slotCount - 1) == 0)
        precondition(Self.scalarsOffset + 4 * Self.maxLength <= Self.slotBytes
            && Self.stringOffset + MemoryLayout<String>.size <= Self.scalarsOffset)
        self.slotCount = slotCount
        slots = UnsafeMutableRawPointer.allocate(byteCount: slotCount * Self.slotBytes, alignment: 64)
        for slot in 0..<slotCount {
            let record = slots + slot * Self.slotBytes
            record.initializeMemory(as: Int.self, repeating: -1, count: 1)
            (record + Self.stringOffset).initializeMemory(as: String.self, repeating: "", count: 1)
        }
    }

    deinit {
        for slot in 0..<slotCount { Self.string(slots + slot * Self.slotBytes).deinitialize(count: 1) }
        slots.deallocate()
    }

    @inline(__always) private static func length(_ record: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Int> {
        record.assumingMemoryBound(to: Int.self)
    }

    @inline(__always) private static func string(_ record: UnsafeMutableRawPointer) -> UnsafeMutablePointer<String> {
        (record + stringOffset).assumingMemoryBound(to: String.self)
    }

    /// `EntityMatcher.surface(range, tokenizer:)` of `range` of `scalars`, the text's scalars;
    /// `tag`: a number the same surface mostly comes with (any: the answer does not depend on it).
    func surface(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, tag: Int) -> String {
        let count = range.count
        precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count)
        guard count <= Self.maxLength else { return EntityMatcher.surface(scalars, range) }
        let first = UnsafeRawPointer(scalars.baseAddress! + range.lowerBound)
        // (The length below the tag before the multiplication: added after it, it only reached
        // bits that the shift drops.)
        let set = Int(truncatingIfNeeded: ((UInt64(truncatingIfNeeded: tag) << 5 | UInt64(count)) &* 0x9E3779B97F4A7C15) >> 40)
            & (slotCount &>> 1 &- 1)
        let record = slots + set &* (2 &* Self.slotBytes)
        if Self.holds(record, first, count: count) { return Self.string(record).pointee }
        let older = record + Self.slotBytes
        if Self.holds(older, first, count: count) {
            // The older slot's surface becomes the recent one (the records swap, their Strings moved
            // as bytes: no reference count changes).
            Self.swapRecords(record, older)
            return Self.string(record).pointee
        }
        // The recent surface moves to the older slot (the older one's String is released), and the
        // new one takes its place.
        Self.string(older).deinitialize(count: 1)
        older.copyMemory(from: record, byteCount: Self.slotBytes)
        let made = EntityMatcher.surface(scalars, range)
        (record + Self.scalarsOffset).copyMemory(from: first, byteCount: count &* 4)
        Self.length(record).pointee = count
        Self.string(record).initialize(to: made)
        return made
    }

    /// Whether the slot at `record` holds the `count` scalars at `first`.
    @inline(__always) private static func holds(_ record: UnsafeMutableRawPointer, _ first: UnsafeRawPointer, count: Int) -> Bool {
        length(record).pointee == count && equal(UnsafeRawPointer(record + scalarsOffset), first, scalarCount: count)
    }

    /// Exchanges the bytes of two slots.
    @inline(__always) private static func swapRecords(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer) {
        var k = 0
        while k < slotBytes {
            let x = a.load(fromByteOffset: k, as: UInt64.self)
            a.storeBytes(of: b.load(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
            b.storeBytes(of: x, toByteOffset: k, as: UInt64.self)
            k &+= 8
        }
    }

    /// Whether `count` scalars at `a` and `b` are equal, compared two at a time (8 bytes).
    @inline(__always) private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, scalarCount count: Int) -> Bool {
        var k = 0
        let pairs = count &* 4 & ~7
        while k < pairs {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self) != b.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
            k &+= 8
        }
        return count & 1 == 0
            || a.loadUnaligned(fromByteOffset: k, as: UInt32.self) == b.loadUnaligned(fromByteOffset: k, as: UInt32.self)
    }
}
