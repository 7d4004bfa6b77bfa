/// What a terminal draws in one cell: a base character with the combining marks
/// that follow it, or a lam-alef ligature with the marks of both letters. The unit
/// of wrapping, truncation and reordering, so that marks never leave their letter.
struct TextCluster: Sendable {
    /// First scalar of the cluster in the paragraph (for a ligature: the U+FEFF
    /// filler FriBidi leaves where the lam was).
    var start: Int
    /// End (exclusive) of the cluster's scalars.
    var end: Int
    /// The scalar whose visual position places the cluster on its line.
    var anchor: Int
    /// Columns: 1 or 2.
    var width: Int
    /// A space a line may break at; dropped when a line ends there.
    var isBreakSpace: Bool
    /// A hyphen or dash inside a word: a line may break after it.
    var isHyphen: Bool
    /// Drawn instead of the base character: U+00A0 under marks that follow no base,
    /// U+FFFD for a wide character when lines are one column wide.
    var substituteBase: UInt32?

    /// Builds the clusters of `shaped`, the paragraph after shaping and mirroring;
    /// `original` is the same paragraph before shaping, to tell ligature fillers from
    /// byte order marks that were in the text. A cluster wider than `maximumWidth`
    /// (a wide character when lines are one column wide) becomes a U+FFFD.
    static func clusters(of shaped: [UInt32], original: [UInt32], maximumWidth: Int) -> [TextCluster] {
        var clusters: [TextCluster] = []
        clusters.reserveCapacity(shaped.count)
        var ligatureStart: Int? = nil
        for index in shaped.indices {
            let scalar = shaped[index]
            if scalar == 0xFEFF && original[index] != 0xFEFF {
                ligatureStart = index
                continue
            }
            switch CellWidth.of(scalar) {
            case .invisible:
                continue
            case .combining:
                if ligatureStart == nil, !clusters.isEmpty {
                    clusters[clusters.count - 1].end = index + 1
                    clusters[clusters.count - 1].isBreakSpace = false
                } else {
                    // A mark with no letter before it: draw it over a no-break space,
                    // as Unicode suggests, rather than over whatever precedes it on screen.
                    clusters.append(TextCluster(start: ligatureStart ?? index, end: index + 1, anchor: index,
                                                width: 1, isBreakSpace: false, isHyphen: false,
                                                substituteBase: 0x00A0))
                    ligatureStart = nil
                }
            case .narrow, .wide, .unprintable:
                var width = CellWidth.of(scalar) == .wide ? 2 : 1
                var substitute: UInt32? = CellWidth.of(scalar) == .unprintable ? 0xFFFD : nil
                if width > maximumWidth {
                    width = 1
                    substitute = 0xFFFD
                }
                let previousIsWordCharacter = clusters.last.map { !$0.isBreakSpace } ?? false
                clusters.append(TextCluster(start: ligatureStart ?? index, end: index + 1, anchor: index,
                                            width: width, isBreakSpace: isBreakSpace(scalar),
                                            isHyphen: previousIsWordCharacter && isHyphen(scalar),
                                            substituteBase: substitute))
                ligatureStart = nil
            }
        }
        return clusters
    }

    /// Spaces that separate words. No-break spaces (U+00A0, U+2007, U+202F) are not.
    private static func isBreakSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20, 0x1680, 0x2000 ... 0x2006, 0x2008 ... 0x200A, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Hyphens and dashes after which a word may be broken.
    private static func isHyphen(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2D, 0x2010, 0x2013, 0x2014: return true
        default: return false
        }
    }
}
