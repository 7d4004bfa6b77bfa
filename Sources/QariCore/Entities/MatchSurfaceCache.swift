/// The surfaces (`EntityMatcher.surface`) of recent mentions, by their scalars: a text names the
/// same entities again and again, and returning the String made before costs a hash and a
/// comparison of the scalars, where making one costs about 200 instructions (most of them in
/// the standard library's check of the new String's UTF-8).
///
/// Direct-mapped: each surface of up to `maxLength` scalars has one slot, chosen by a tag the
/// caller gives with it (the alias the mention matched: its surfaces are nearly always one
/// spelling, and the tag costs nothing to hash, where a hash of the scalars cost more than the
/// look-up saved), and its length. A slot holds the last surface that fell there; an answer from
/// it is the String made from the same scalars, compared exactly: the same text.
///
/// Not thread-safe: kept by a matcher's workspace, which serves one thread at a time.
final class MatchSurfaceCache {
    /// Slots: a power of two.
    let slotCount: Int
    /// Longer surfaces are made every time (they are rare, and longer to compare).
    static let maxLength = 24
    /// The scalars of each slot's surface, `maxLength` per slot.
    private let slotScalars: UnsafeMutablePointer<UInt32>
    /// The number of scalars of each slot's surface; -1 for an empty slot.
    private let lengths: UnsafeMutablePointer<Int>
    private let strings: UnsafeMutablePointer<String>

    init(slotCount: Int = 512) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0)
        self.slotCount = slotCount
        slotScalars = UnsafeMutablePointer<UInt32>.allocate(capacity: slotCount * Self.maxLength)
        lengths = UnsafeMutablePointer<Int>.allocate(capacity: slotCount)
        lengths.initialize(repeating: -1, count: slotCount)
        strings = UnsafeMutablePointer<String>.allocate(capacity: slotCount)
        strings.initialize(repeating: "", count: slotCount)
    }

    deinit {
        slotScalars.deallocate()
        lengths.deallocate()
        strings.deinitialize(count: slotCount)
        strings.deallocate()
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
        let slot = Int(truncatingIfNeeded: ((UInt64(truncatingIfNeeded: tag) << 5 | UInt64(count)) &* 0x9E3779B97F4A7C15) >> 40)
            & (slotCount - 1)
        let stored = slotScalars + slot * Self.maxLength
        if lengths[slot] == count && Self.equal(UnsafeRawPointer(stored), first, scalarCount: count) { return strings[slot] }
        let made = EntityMatcher.surface(scalars, range)
        UnsafeMutableRawPointer(stored).copyMemory(from: first, byteCount: count &* 4)
        lengths[slot] = count
        strings[slot] = made
        return made
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
