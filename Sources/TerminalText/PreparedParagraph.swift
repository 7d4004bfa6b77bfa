/// A sanitised paragraph taken through the whole pipeline up to, but not including,
/// the cutting of lines: bidi levels, shaping, mirroring, clusters with widths.
/// Lines cut from it become `VisualLine`s through `visualLine(_:alignedTo:)`.
struct PreparedParagraph {
    let source: SanitizedText
    private(set) var bidi: BidiParagraph
    /// The paragraph after shaping and mirroring, index for index with `source`.
    let shaped: [UInt32]
    let clusters: [TextCluster]
    /// For each scalar, the cluster it anchors, or -1.
    private let clusterAtAnchor: [Int32]

    init(_ source: SanitizedText, direction: BaseDirection, shaping: Bool, ligatures: Bool, maximumCellWidth: Int) {
        self.source = source
        bidi = BidiParagraph(scalars: source.scalars, direction: direction)
        shaped = bidi.shaped(source.scalars, arabic: shaping, ligatures: ligatures)
        clusters = TextCluster.clusters(of: shaped, original: source.scalars, maximumWidth: maximumCellWidth)
        var clusterAtAnchor = [Int32](repeating: -1, count: bidi.hasBidi ? source.count : 0)
        if bidi.hasBidi {
            for (index, cluster) in clusters.enumerated() { clusterAtAnchor[cluster.anchor] = Int32(index) }
        }
        self.clusterAtAnchor = clusterAtAnchor
    }

    var isRTL: Bool { bidi.isRTL }

    /// Columns all clusters take on one line.
    var totalWidth: Int { clusters.reduce(0) { $0 + $1.width } }

    /// The cells of the clusters in `range`, reordered for display; right-aligned in
    /// `alignmentWidth` columns if the paragraph is right to left and a width is given.
    mutating func visualLine(_ range: Range<Int>, alignedTo alignmentWidth: Int?) -> VisualLine {
        var cells: [Cell] = []
        cells.reserveCapacity(range.count)
        var width = 0
        if !range.isEmpty {
            let scalarRange = clusters[range.lowerBound].start ..< clusters[range.upperBound - 1].end
            if bidi.hasBidi {
                for scalarIndex in bidi.visualOrder(of: scalarRange) {
                    let clusterIndex = Int(clusterAtAnchor[scalarIndex])
                    if clusterIndex >= 0 && range.contains(clusterIndex) {
                        cells.append(cell(clusters[clusterIndex]))
                    }
                }
            } else {
                for cluster in clusters[range] { cells.append(cell(cluster)) }
            }
            width = clusters[range].reduce(0) { $0 + $1.width }
        }
        var indent = 0
        if let alignmentWidth, bidi.isRTL { indent = max(0, alignmentWidth - width) }
        return VisualLine(cells: cells, indent: indent, isRTL: bidi.isRTL)
    }

    private func cell(_ cluster: TextCluster) -> Cell {
        var text = String.UnicodeScalarView()
        if let substitute = cluster.substituteBase {
            text.append(Unicode.Scalar(substitute)!)
        }
        if cluster.substituteBase != 0xFFFD {
            for index in cluster.start ..< cluster.end {
                let scalar = shaped[index]
                // Fillers and format characters have done their work (joining); a
                // terminal would only draw them as boxes or drop them unpredictably.
                if scalar == 0xFEFF || CellWidth.of(scalar) == .invisible { continue }
                text.append(Unicode.Scalar(scalar)!)
            }
        }
        let logicalIndex = source.origins[cluster.start]
        var logicalEnd = logicalIndex
        for index in cluster.start ..< cluster.end { logicalEnd = max(logicalEnd, source.originEnds[index]) }
        return Cell(text: String(text), width: cluster.width, logicalIndex: logicalIndex,
                    logicalLength: logicalEnd - logicalIndex)
    }
}
