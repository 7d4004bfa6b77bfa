/// Case-insensitive search that reports matches as Unicode scalar ranges of the text,
/// the same coordinates laid-out cells carry, so matches can be highlighted in either
/// direction. Folding is one scalar to one scalar so the ranges stay exact.
public enum TextSearch {
    public static func ranges(of query: String, in text: String) -> [Range<Int>] {
        let needle = query.unicodeScalars.map(fold)
        guard !needle.isEmpty else { return [] }
        let hay = text.unicodeScalars.map(fold)
        guard hay.count >= needle.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
                out.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    public static func contains(_ query: String, in text: String) -> Bool {
        !ranges(of: query, in: text).isEmpty
    }

    static func fold(_ s: Unicode.Scalar) -> UInt32 {
        switch s.value {
        case 0x622, 0x623, 0x625, 0x671: return 0x627 // alef variants
        case 0x649: return 0x64A                      // alef maqsura -> yeh
        case 0x629: return 0x647                      // taa marbuta -> heh
        case 0x2019, 0x2018: return 0x27              // curly apostrophes
        case 0xA0: return 0x20
        default:
            let lower = s.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first!.value : s.value
        }
    }
}
