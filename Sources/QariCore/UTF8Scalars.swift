/// Scalars read straight from UTF-8 bytes, for loops that walk a String's bytes.
public enum UTF8Scalars {
    /// The scalar whose encoding starts at `i`, and how many bytes it takes. The bytes must be
    /// valid UTF-8 (a native String's are) and `i` the start of a scalar.
    @inlinable @inline(__always)
    public static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(b[i])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((lead & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }
}
