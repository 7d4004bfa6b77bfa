/// Memory a tokenizer writes a text's scalars and tokens into, and the letters of the word it is reading. Kept by
/// a matcher's workspace from one text to the next, so that reading a text allocates nothing and
/// a token is written once, in place: appending each token to an array cost a call of the
/// standard library (with its capacity and uniqueness checks) per word.
///
/// Not thread-safe: one scratch serves one thread and one tokenizer at a time. The tokens of a
/// tokenizer made with a scratch are valid until the scratch serves the next text.
final class NameTokenScratch {
    /// Room for `capacity` scalars and 8 more (the tokenizer writes 8 zero scalars after a text's).
    private(set) var scalars: UnsafeMutablePointer<Unicode.Scalar>
    /// Room for `capacity` bytes and 8 more: a byte for each scalar, the scalar's own when it is
    /// ASCII and 0x80 for the others (`NameTokenizer.decode(_:into:bytes:capacity:)`). The
    /// tokenizer reads a plain word's letters from them, eight in one integer.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// Room for `capacity` tokens (uninitialised where not written; tokens are plain values).
    private(set) var tokens: UnsafeMutablePointer<NameToken>
    /// Room for `capacity + 16` bytes.
    private(set) var letters: UnsafeMutablePointer<UInt8>
    /// Room for `capacity + 4` Arabic alternatives (`NameTokenizer.arabicAlternatives`): a word
    /// with alternatives writes fewer entries (a header and its keys) than it has letters (four
    /// entries take a word of five), so a text of n scalars needs fewer than n.
    private(set) var alternatives: UnsafeMutablePointer<ArabicAlternative>
    /// Room for one bit per token (`capacity / 64 + 1` words): the tokens a discovery pattern may
    /// start at (see `NameTokenizer.marksPlaceCues`).
    private(set) var marks: UnsafeMutablePointer<UInt64>
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        scalars = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: capacity + 8)
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 8)
        tokens = UnsafeMutablePointer<NameToken>.allocate(capacity: max(capacity, 1))
        letters = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 16)
        alternatives = UnsafeMutablePointer<ArabicAlternative>.allocate(capacity: capacity + 4)
        marks = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity / 64 + 1)
    }

    deinit {
        scalars.deallocate()
        bytes.deallocate()
        tokens.deallocate()
        letters.deallocate()
        alternatives.deallocate()
        marks.deallocate()
    }

    /// Makes room for the scalars, tokens, letters and Arabic alternatives of a text of `scalarCount` scalars (or
    /// UTF-8 bytes, which are at least as many): a token takes at least one scalar, a letter
    /// exactly one. What was written before is lost.
    @inline(__always) func reserve(scalarCount: Int) {
        if scalarCount > capacity { grow(to: scalarCount) }
    }

    @inline(never) private func grow(to scalarCount: Int) {
        scalars.deallocate()
        bytes.deallocate()
        tokens.deallocate()
        letters.deallocate()
        alternatives.deallocate()
        marks.deallocate()
        capacity = max(scalarCount, 2 * capacity)
        scalars = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: capacity + 8)
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 8)
        tokens = UnsafeMutablePointer<NameToken>.allocate(capacity: capacity)
        letters = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 16)
        alternatives = UnsafeMutablePointer<ArabicAlternative>.allocate(capacity: capacity + 4)
        marks = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity / 64 + 1)
    }
}

/// Values of a text (its tokens, its scalars or its Arabic alternatives) read in place from the `NameTokenScratch` they
/// were written into, which this holds on to.
struct NameScratchView<Element>: RandomAccessCollection {
    private let owner: NameTokenScratch
    private let base: UnsafePointer<Element>
    let count: Int

    fileprivate init(_ owner: NameTokenScratch, base: UnsafePointer<Element>, count: Int) {
        self.owner = owner
        self.base = base
        self.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    @inline(__always) func index(after i: Int) -> Int { i + 1 }
    @inline(__always) func index(before i: Int) -> Int { i - 1 }

    @inline(__always) subscript(position: Int) -> Element {
        precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "index out of range")
        return base[position]
    }

    /// The values as a buffer, valid inside `body` only.
    @inline(__always) func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }
}

/// The tokens of a text.
typealias NameTokens = NameScratchView<NameToken>
/// The scalars of a text.
typealias NameScalars = NameScratchView<Unicode.Scalar>
/// The keys of a text's Arabic words without their proclitics (`NameTokenizer.arabicAlternatives`).
typealias NameAlternatives = NameScratchView<ArabicAlternative>

extension NameScratchView where Element == NameToken {
    init(_ owner: NameTokenScratch, count: Int) { self.init(owner, base: UnsafePointer(owner.tokens), count: count) }

    /// The scratch the tokens are in (its letter memory is free once they are written).
    @inline(__always) func withScratch<R>(_ body: (NameTokenScratch) throws -> R) rethrows -> R {
        try body(owner)
    }
}

extension NameScratchView where Element == Unicode.Scalar {
    init(_ owner: NameTokenScratch, count: Int) { self.init(owner, base: UnsafePointer(owner.scalars), count: count) }
}

extension NameScratchView where Element == ArabicAlternative {
    init(_ owner: NameTokenScratch, count: Int) { self.init(owner, base: UnsafePointer(owner.alternatives), count: count) }
}

extension NameScratchView where Element == NameToken {
    /// The tokens as a buffer, and their marks (see `NameTokenizer.marksPlaceCues`; one bit per
    /// token, 64 to a word), valid inside `body` only. The marks are read through the tokens,
    /// which hold the scratch: a view of their own in the tokenizer was one more reference counted
    /// at every copy of it.
    @inline(__always) func withUnsafeBufferPointerAndMarks<R>(_ body: (UnsafeBufferPointer<NameToken>, UnsafePointer<UInt64>) throws -> R)
        rethrows -> R {
        // (The scratch has room for the bits of `capacity` tokens, and the tokens are at most that.)
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count), UnsafePointer(owner.marks)) }
    }
}

/// Reading the marks of a text's tokens (see `NameTokenizer.marksPlaceCues`).
enum NameMarks {
    /// The first token from `start` marked in `words` (the marks of `tokenCount` tokens), or
    /// `tokenCount` when none is: 64 tokens passed over by one test of their word. (The bits
    /// past the last token are clear: see `NameTokenizer.init`.)
    @inline(__always) static func nextMarked(_ words: UnsafePointer<UInt64>, from start: Int, tokenCount: Int) -> Int {
        guard start < tokenCount else { return tokenCount }
        var w = start >> 6
        var bits = words[w] & (~0 << UInt64(start & 63))
        let last = (tokenCount - 1) >> 6
        while bits == 0 {
            if w == last { return tokenCount }
            w &+= 1
            bits = words[w]
        }
        return w << 6 | bits.trailingZeroBitCount
    }
}
