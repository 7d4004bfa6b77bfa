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
    static func count(_ buf: UnsafeBufferPointer<UInt8>) -> (arabic: Int, latin: Int) {
        guard let base = buf.baseAddress else { return (0, 0) }
        let n = buf.count
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101010101010101
        var a = 0, l = 0
        var i = 0
        // Arabic letters by lead byte D8...DB: bit (continuation - 0x80) set for a letter.
        let arabic: SIMD4<UInt64> = [~0 << 32, (1 << 11 - 1) | (~0 << 46), ~0, ~0]
        while i < n {
            let b = base[i]
            if b < 0x80 {
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if w & (ones &* 0x80) == 0 {
                        // Letters are the bytes in 0x61...0x7A once OR-ed with 0x20 ("hasbetween", exact below 0x80).
                        let x = w | (ones &* 0x20)
                        let low = x & (ones &* 127)
                        let between = ((ones &* (127 + 0x7B)) &- low) & ~x & (low &+ ones &* (127 - 0x60)) & (ones &* 128)
                        // One bit a letter byte: a multiply sums the eight (no POPCNT on baseline x86-64).
                        l &+= Int(truncatingIfNeeded: ((between >> 7) &* ones) >> 56)
                        i += 8
                        continue
                    }
                }
                l &+= (b | 0x20) &- 0x61 < 26 ? 1 : 0
                i += 1
                continue
            }
            if b >= 0xC0, i + 1 < n {
                let c = base[i + 1]
                if c & 0xC0 == 0x80 {
                    if b & 0xFC == 0xD8 {
                        // Two bits of the lead and six of the continuation index the 256-bit table.
                        let k = Int(b & 3) << 6 | Int(c & 0x3F)
                        a &+= Int(truncatingIfNeeded: (arabic[k >> 6] >> UInt64(k & 63)) & 1)
                    } else if b &- 0xC3 < 3 {
                        l &+= 1
                    }
                    i += 2
                    continue
                }
            }
            // A lone lead byte or a continuation byte after another: counts for nothing.
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
