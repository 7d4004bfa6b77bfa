/// Building strings from scalar values straight into UTF-8: layout makes one small
/// string per cell and one per line, and `String` appends dominated its profile.
enum UTF8Encoding {
    /// Bytes `scalar` takes in UTF-8.
    @inline(__always)
    static func length(of scalar: UInt32) -> Int {
        scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
    }

    /// Writes `scalar` at `buffer[offset...]` and returns the offset after it.
    @inline(__always)
    static func write(_ scalar: UInt32, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        switch scalar {
        case 0 ..< 0x80:
            buffer[offset] = UInt8(scalar)
            return offset + 1
        case 0x80 ..< 0x800:
            buffer[offset] = UInt8(0xC0 | scalar >> 6)
            buffer[offset + 1] = UInt8(0x80 | scalar & 0x3F)
            return offset + 2
        case 0x800 ..< 0x10000:
            buffer[offset] = UInt8(0xE0 | scalar >> 12)
            buffer[offset + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar & 0x3F)
            return offset + 3
        default:
            buffer[offset] = UInt8(0xF0 | scalar >> 18)
            buffer[offset + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            buffer[offset + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            buffer[offset + 3] = UInt8(0x80 | scalar & 0x3F)
            return offset + 4
        }
    }
}
