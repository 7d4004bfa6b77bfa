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
        let logicalIndex = source.origins[cluster.start]
        if cluster.end - cluster.start == 1, cluster.substituteBase == nil,
           let text = Self.commonCellText(shaped[cluster.start]) {
            return Cell(text: text, width: cluster.width, logicalIndex: logicalIndex,
                        logicalLength: source.originEnds[cluster.start] - logicalIndex)
        }
        // Fillers and format characters have done their work (joining); a terminal
        // would only draw them as boxes or drop them unpredictably.
        let drawsOwnScalars = cluster.substituteBase != 0xFFFD
        var byteCount = cluster.substituteBase.map(UTF8Encoding.length) ?? 0
        if drawsOwnScalars {
            for index in cluster.start ..< cluster.end { byteCount += UTF8Encoding.length(of: shaped[index]) }
        }
        let text = String(unsafeUninitializedCapacity: byteCount) { buffer in
            var offset = 0
            if let substitute = cluster.substituteBase {
                offset = UTF8Encoding.write(substitute, to: buffer, at: offset)
            }
            if drawsOwnScalars {
                for index in cluster.start ..< cluster.end {
                    let scalar = shaped[index]
                    if scalar == 0xFEFF || CellWidth.of(scalar) == .invisible { continue }
                    offset = UTF8Encoding.write(scalar, to: buffer, at: offset)
                }
            }
            return offset
        }
        var logicalEnd = logicalIndex
        for index in cluster.start ..< cluster.end { logicalEnd = max(logicalEnd, source.originEnds[index]) }
        return Cell(text: text, width: cluster.width, logicalIndex: logicalIndex,
                    logicalLength: logicalEnd - logicalIndex)
    }

    /// Ready-made text of the cells most text is made of, a lone ASCII character or
    /// Arabic presentation form, so that layout does not build those strings anew.
    private static func commonCellText(_ scalar: UInt32) -> String? {
        if scalar >= 0x20 && scalar < 0x7F { return asciiCellTexts[Int(scalar - 0x20)] }
        if scalar >= 0xFE70 && scalar <= 0xFEFC { return presentationFormCellTexts[Int(scalar - 0xFE70)] }
        return nil
    }

    private static let asciiCellTexts: [String] = (UInt32(0x20) ..< 0x7F).map { String(Unicode.Scalar($0)!) }
    private static let presentationFormCellTexts: [String] = (UInt32(0xFE70) ... 0xFEFC).map { String(Unicode.Scalar($0)!) }
}
