/// Counts of letters by script: the basis of language and direction decisions.
public struct ScriptStatistics: Sendable, Equatable {
    public var arabic = 0
    public var latin = 0

    public init() {}

    /// Counts letters in (at most the first 2 KB of) the text. ASCII letters are Latin; lead
    /// bytes D8-DB start Arabic-block letters. The sample decides: a paragraph does not change
    /// script half-way, and a 10 MB line must not cost a second pass.
    public init<S: StringProtocol>(_ text: S) {
        let counted = text.utf8.withContiguousStorageIfAvailable { Self.count(UnsafeBufferPointer(rebasing: $0.prefix(2048))) }
            ?? Array(text.utf8.prefix(2048)).withUnsafeBufferPointer { Self.count($0) }
        arabic = counted.arabic
        latin = counted.latin
    }

    /// Letters by script in a buffer, sixteen bytes at a time: the eight-byte SWAR tests below
    /// run on both halves of an SSE2 register at once (SIMD2<UInt64>; Swift's vector comparisons
    /// compile to a loop over the lanes, these shifts, adds and masks do not), and a match adds 1
    /// to its byte of an accumulator, summed every 255 steps (before a byte can overflow) instead
    /// of a multiply per word. The last step overlaps the one before it rather than leaving up
    /// to fifteen bytes to a byte loop (`countBytes`, the plain definition, for short buffers).
    ///
    /// A continuation byte counts by the byte just before it: after D8 (from A0), D9 (to 8A and
    /// from AE), DA or DB it is an Arabic letter; after C3, C4 or C5 a Latin one.
    ///
    /// Bytes with a non-ASCII one among them go by ranges rather than byte by byte equality: the
    /// lead bytes D8...DB and C3...C5 are ranges of the seven low bits (of bytes with the top bit
    /// set), and after a lead byte D8...DB the low two bits of the lead and the low six of the
    /// continuation byte are the scalar's offset in U+0600...U+06FF, a letter from 0x20 to 0x4A
    /// and from 0x6E on (the D8/D9 rules above; after DA and DB the offset is 0x80 or more).
    static func count(_ buf: UnsafeBufferPointer<UInt8>) -> (arabic: Int, latin: Int) {
        guard let base = buf.baseAddress else { return (0, 0) }
        let n = buf.count
        let raw = UnsafeRawPointer(base)
        typealias V = SIMD2<UInt64>
        let ones = SWAR.ones
        let (highs, lows) = (V(repeating: SWAR.highs), V(repeating: SWAR.lows))
        @inline(__always) func splat(_ b: UInt64) -> V { V(repeating: ones &* b) }
        /// 0x80 in each byte whose seven low bits `x7` (top bits clear) are in `lo...hi`: no
        /// carries or borrows cross a byte, as `x7 + (0x80 - lo)` and `(0x80 + hi) - x7` stay in it.
        @inline(__always) func within(_ x7: V, _ lo: UInt64, _ hi: UInt64) -> V {
            (x7 &+ splat(0x80 - lo)) & (splat(0x80 + hi) &- x7) & highs
        }
        /// The sum of the sixteen byte counts (each at most 255) of an accumulator.
        @inline(__always) func total(_ v: V) -> Int {
            let evens = V(repeating: 0x00FF_00FF_00FF_00FF)
            let pairs = (v & evens) &+ ((v &>> 8) & evens)          // four sums of two, each < 512
            let sums = (pairs &* V(repeating: 0x0001_0001_0001_0001)) &>> 48
            return Int(truncatingIfNeeded: sums[0] &+ sums[1])
        }
        /// Adds the letters among the sixteen bytes at `i` to the counts' bytes, except the first
        /// `skip` bytes (already counted: the last step overlaps the one before it).
        @inline(__always) func step(_ i: Int, skip: Int, _ arabicCounts: inout V, _ latinCounts: inout V) {
            let w = raw.loadUnaligned(fromByteOffset: i, as: V.self)
            // ASCII letters: the bytes in 0x61...0x7A once OR-ed with 0x20 ("hasbetween"; bytes
            // with the top bit set drop out through ~x).
            let x = w | splat(0x20)
            let low = x & lows
            var latin = (splat(127 + 0x7B) &- low) & ~x & (low &+ splat(127 - 0x60)) & highs
            var arabic = V(repeating: 0)
            if (w[0] | w[1]) & SWAR.highs != 0 {
                // Each continuation byte by the byte before it (the previous sixteen bytes, shifted by one).
                let p = i == 0 ? V(w[0] &<< 8, (w[1] &<< 8) | (w[0] &>> 56))
                    : raw.loadUnaligned(fromByteOffset: i - 1, as: V.self)
                let continuation = w & ~(w &<< 1) & highs
                let p7 = p & lows
                let arabicLead = p & within(p7, 0x58, 0x5B)        // D8...DB
                let latinLead = p & within(p7, 0x43, 0x45)         // C3...C5
                // The offset in U+0600...U+06FF (the lead's two bits move up within their byte).
                let k = ((p & splat(3)) &<< 6) | (w & splat(0x3F))
                let k7 = k & lows
                let letter = k | within(k7, 0x20, 0x4A) | ((k7 &+ splat(0x80 - 0x6E)) & highs)
                arabic = continuation & arabicLead & letter
                latin |= continuation & latinLead   // never an ASCII byte
            }
            if skip > 0 {
                // Little-endian: the first bytes are the low ones of the first word.
                let all = UInt64.max
                let keep = V(skip >= 8 ? 0 : all &<< UInt64(8 * skip), skip <= 8 ? all : all &<< UInt64(8 * (skip - 8)))
                latin &= keep
                arabic &= keep
            }
            arabicCounts &+= arabic &>> 7
            latinCounts &+= latin &>> 7
        }
        // Short buffers byte by byte; others sixteen bytes a step, in blocks of at most 254
        // steps and the last step (ending at the buffer's end), so that no count byte overflows.
        if n < 16 { return countBytes(buf, from: 0) }
        var a = 0, l = 0
        var i = 0
        while i < n {
            var arabicCounts = V(repeating: 0), latinCounts = V(repeating: 0)
            let stop = Swift.min(n - 16, i + 253 * 16)
            while i <= stop {
                step(i, skip: 0, &arabicCounts, &latinCounts)
                i += 16
            }
            if i < n && i > n - 16 {
                // The last bytes: the sixteen before the end, without those counted.
                step(n - 16, skip: i - (n - 16), &arabicCounts, &latinCounts)
                i = n
            }
            a &+= total(arabicCounts)
            l &+= total(latinCounts)
        }
        return (a, l)
    }

    /// Letters by script in `buf[start...]`, one byte at a time (a continuation byte by the byte
    /// before it, which may lie before `start`): the tail of `count`, and its plain definition.
    static func countBytes(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> (arabic: Int, latin: Int) {
        var a = 0, l = 0
        var prev: UInt8 = start > 0 ? buf[start - 1] : 0
        for i in start..<buf.count {
            let b = buf[i]
            if b < 0x80 {
                l &+= (b | 0x20) &- 0x61 < 26 ? 1 : 0
            } else if b < 0xC0 {
                if prev == 0xD8 { if b >= 0xA0 { a &+= 1 } }
                else if prev == 0xD9 { if b <= 0x8A || b >= 0xAE { a &+= 1 } }
                else if prev == 0xDA || prev == 0xDB { a &+= 1 }
                else if prev == 0xC3 || prev == 0xC4 || prev == 0xC5 { l &+= 1 }
            }
            prev = b
        }
        return (a, l)
    }

    public static func + (a: ScriptStatistics, b: ScriptStatistics) -> ScriptStatistics {
        var r = a
        r.arabic += b.arabic
        r.latin += b.latin
        return r
    }

    /// `en` or `ar` when one script has at least 80% of the letters, otherwise `mixed`.
    public var language: Language {
        let total = arabic + latin
        if total == 0 { return .en }
        if arabic * 5 >= total * 4 { return .ar }
        if latin * 5 >= total * 4 { return .en }
        return .mixed
    }
}

public enum DirectionDetector {
    /// Base direction by the first strong letter (Unicode P2/P3, simplified to Arabic/Hebrew vs others).
    public static func direction<S: StringProtocol>(of text: S) -> TextDirection {
        for b in text.utf8 {
            if b < 0x80 {
                if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A { return .ltr }
            } else if b >= 0xD6 && b <= 0xDF {
                return .rtl // Hebrew, Arabic, Syriac, Thaana, NKo lead bytes
            } else if b >= 0xC0 {
                break // another script: decide below with full properties
            }
        }
        for s in text.unicodeScalars {
            let v = s.value
            if (v >= 0x0590 && v <= 0x08FF) || (v >= 0xFB1D && v <= 0xFDFF) || (v >= 0xFE70 && v <= 0xFEFF) {
                if s.properties.isAlphabetic { return .rtl }
            } else if s.properties.isAlphabetic {
                return .ltr
            }
        }
        return .ltr
    }
}
