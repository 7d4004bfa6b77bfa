/// Eight bytes at a time in one UInt64 ("SIMD within a register"): the masks the byte scanners
/// (script counts, line measures, binary sniffing) share.
enum SWAR {
    /// 0x01 in every byte: multiplying spreads a byte to all eight.
    static let ones: UInt64 = 0x0101010101010101
    /// The top bit of every byte.
    static let highs: UInt64 = 0x8080808080808080
    /// The seven low bits of every byte.
    static let lows: UInt64 = 0x7F7F7F7F7F7F7F7F
}
