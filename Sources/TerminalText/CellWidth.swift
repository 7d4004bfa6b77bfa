/// How a Unicode scalar occupies terminal cells, as ncursesw counts it through the C
/// library's `wcwidth` in a UTF-8 locale.
///
/// The table behind it (`CellWidthTable.swift`) is generated from glibc's `wcwidth`
/// under `C.UTF-8`; `CellWidthTableTests` checks it against the running C library
/// and regenerates it with `QARI_UPDATE_WIDTH_TABLE=1`. A table instead of calls to
/// `wcwidth` keeps layout independent of the process locale and fast.
enum CellWidth: UInt8, Sendable {
    /// One column.
    case narrow = 0
    /// Zero columns, drawn over the preceding base character (`wcwidth` 0 and not a
    /// format character): harakat, other combining marks, Hangul medial jamo.
    case combining = 1
    /// Zero columns and nothing to draw (`wcwidth` 0, general category Cf): zero-width
    /// joiners and spaces, byte order marks. Kept for Arabic joining, never put in a cell.
    case invisible = 2
    /// Two columns: East Asian wide and fullwidth characters, most emoji.
    case wide = 3
    /// `wcwidth` -1: controls, unassigned code points, non-characters.
    case unprintable = 4

    /// Columns a scalar of this kind adds to a line on its own.
    var columns: Int {
        switch self {
        case .narrow: return 1
        case .wide: return 2
        case .combining, .invisible, .unprintable: return 0
        }
    }

    /// The kind of one scalar value.
    @inline(__always)
    static func of(_ scalar: UInt32) -> CellWidth {
        if scalar >= 0x20 && scalar < 0x7F { return .narrow }
        if scalar < 0x10000 { return CellWidth(rawValue: basicMultilingualPlane[Int(scalar)])! }
        return lookUp(scalar)
    }

    /// Kinds of U+0000 ... U+FFFF, unpacked once from the range table because the
    /// BMP holds nearly all text and an array index beats a binary search.
    private static let basicMultilingualPlane: [UInt8] = {
        var kinds = [UInt8](repeating: CellWidth.narrow.rawValue, count: 0x10000)
        var entry = 0
        while entry < cellWidthRanges.count {
            let low = cellWidthRanges[entry]
            let high = cellWidthRanges[entry + 1] >> 3
            let kind = UInt8(cellWidthRanges[entry + 1] & 7)
            entry += 2
            if low > 0xFFFF { break }
            for scalar in low ... min(high, 0xFFFF) { kinds[Int(scalar)] = kind }
        }
        return kinds
    }()

    /// Binary search of the range table, for scalars outside the BMP.
    private static func lookUp(_ scalar: UInt32) -> CellWidth {
        var low = 0
        var high = cellWidthRanges.count / 2
        while low < high {
            let middle = (low + high) / 2
            let rangeLow = cellWidthRanges[2 * middle]
            let rangeHigh = cellWidthRanges[2 * middle + 1] >> 3
            if scalar < rangeLow {
                high = middle
            } else if scalar > rangeHigh {
                low = middle + 1
            } else {
                return CellWidth(rawValue: UInt8(cellWidthRanges[2 * middle + 1] & 7))!
            }
        }
        return .narrow
    }
}
