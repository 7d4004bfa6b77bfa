/// Arabic letter normalisation as the entity matcher applies it, for other modules (search)
/// that must fold text the same way: alef forms to bare alef, alef maqsura to yaa, taa
/// marbuta to haa, harakat and tatweel dropped (CAMeL Tools' rules).
public enum ArabicLetters {
    /// True for Arabic letters, harakat and tatweel: the scalars an Arabic word is made of.
    @inline(__always) public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        NameTokenizer.isArabicWordScalar(scalar.value)
    }

    /// The letter an Arabic word scalar is matched as, or nil for one that is dropped
    /// (harakat, tatweel). Only meaningful when `isWordScalar` is true.
    @inline(__always) public static func normalized(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let low = NameKey.normalizedArabicByte(scalar.value) else { return nil }
        return Unicode.Scalar(0x600 | UInt32(low))
    }

    /// True for a letter that can be a one-letter proclitic (و ف ب ل ك) in normalised text.
    @inline(__always) public static func isProclitic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >> 8 == 0x06 && NameKey.isArabicProclitic(UInt8(truncatingIfNeeded: scalar.value))
    }
}
