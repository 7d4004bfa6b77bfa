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

    /// Letters by script in a buffer; eight ASCII bytes at a time where it can (SWAR), and a
    /// two-byte character in one step elsewhere.
    ///
    /// A continuation byte counts by the byte just before it: after D8 (from A0), D9 (to 8A and
    /// from AE), DA or DB it is an Arabic letter; after C3, C4 or C5 a Latin one.
    ///
    /// Eight bytes with a non-ASCII one go by ranges rather than byte by byte equality: the lead
    /// bytes D8...DB and C3...C5 are ranges of the seven low bits (of bytes with the top bit set),
    /// and after a lead byte D8...DB the low two bits of the lead and the low six of the
    /// continuation byte are the scalar's offset in U+0600...U+06FF, a letter from 0x20 to 0x4A
    /// and from 0x6E on (the D8/D9 rules above; after DA and DB the offset is 0x80 or more).
    static func count(_ buf: UnsafeBufferPointer<UInt8>) -> (arabic: Int, latin: Int) {
        guard let base = buf.baseAddress else { return (0, 0) }
        let n = buf.count
        let raw = UnsafeRawPointer(base)
        let (ones, highs, lows) = (SWAR.ones, SWAR.highs, SWAR.lows)
        /// 0x80 in each byte whose seven low bits `x7` (top bits clear) are in `lo...hi`: no
        /// carries or borrows cross a byte, as `x7 + (0x80 - lo)` and `(0x80 + hi) - x7` stay in it.
        @inline(__always) func within(_ x7: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (x7 &+ ones &* (0x80 - lo)) & ((ones &* (0x80 + hi)) &- x7) & highs
        }
        /// The number of bytes with their top bit set in a mask of 0x80s.
        @inline(__always) func tally(_ m: UInt64) -> Int { Int(truncatingIfNeeded: ((m >> 7) &* ones) >> 56) }
        var a = 0, l = 0
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // ASCII letters: the bytes in 0x61...0x7A once OR-ed with 0x20 ("hasbetween"; bytes
            // with the top bit set drop out through ~x).
            let x = w | (ones &* 0x20)
            let low = x & lows
            l &+= tally(((ones &* (127 + 0x7B)) &- low) & ~x & (low &+ ones &* (127 - 0x60)) & highs)
            if w & highs != 0 {
                // Each continuation byte by the byte before it (the previous eight bytes, shifted by one).
                let p = i == 0 ? w << 8 : raw.loadUnaligned(fromByteOffset: i - 1, as: UInt64.self)
                let continuation = w & ~(w << 1) & highs
                let p7 = p & lows
                let arabicLead = p & within(p7, 0x58, 0x5B)        // D8...DB
                let latinLead = p & within(p7, 0x43, 0x45)         // C3...C5
                // The offset in U+0600...U+06FF (the lead's two bits move up within their byte).
                let k = ((p & (ones &* 3)) << 6) | (w & (ones &* 0x3F))
                let k7 = k & lows
                let letter = k | within(k7, 0x20, 0x4A) | ((k7 &+ ones &* (0x80 - 0x6E)) & highs)
                let arabic = continuation & arabicLead & letter
                let latin = continuation & latinLead
                a &+= tally(arabic)
                l &+= tally(latin)
            }
            i += 8
        }
        // The last bytes one at a time, each continuation byte by the byte before it.
        var prev: UInt8 = i > 0 ? base[i - 1] : 0
        while i < n {
            let b = base[i]
            if b < 0x80 {
                l &+= (b | 0x20) &- 0x61 < 26 ? 1 : 0
            } else if b < 0xC0 {
                if prev == 0xD8 { if b >= 0xA0 { a &+= 1 } }
                else if prev == 0xD9 { if b <= 0x8A || b >= 0xAE { a &+= 1 } }
                else if prev == 0xDA || prev == 0xDB { a &+= 1 }
                else if prev == 0xC3 || prev == 0xC4 || prev == 0xC5 { l &+= 1 }
            }
            prev = b
            i += 1
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
