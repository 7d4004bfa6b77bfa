extension TerminalText {
    /// `text` on one visual line no wider than `width`, for list rows and titles.
    ///
    /// Text that fits is laid out whole. Text that does not is cut in logical order,
    /// at a cluster boundary, and `ellipsis` put at its logical end, so a
    /// right-to-left title keeps its beginning and shows the ellipsis at its left end.
    /// The ellipsis cell's `logicalIndex` is where the cut falls and its
    /// `logicalLength` covers everything hidden. The line is not indented; to
    /// right-align it, start drawing at `width - line.width`. An ellipsis wider than
    /// `width` is left out.
    public static func truncate(_ text: String, width: Int, direction: BaseDirection = .auto,
                                ellipsis: String = "…") -> VisualLine {
        let source = SanitizedText(text)
        // The ellipsis belongs at the logical end of the whole title, so the direction
        // comes from the whole title, not from what is left of it after the cut.
        var resolved = direction
        if direction == .auto {
            resolved = BidiParagraph(scalars: source.scalars, direction: .auto).isRTL ? .rtl : .ltr
        }
        guard width > 0 else { return VisualLine(cells: [], indent: 0, isRTL: resolved == .rtl) }
        var whole = PreparedParagraph(source, direction: resolved, shaping: true, ligatures: true,
                                      maximumCellWidth: width)
        if whole.totalWidth <= width {
            return whole.visualLine(0 ..< whole.clusters.count, alignedTo: nil)
        }

        // An ellipsis wider than the whole line is left out rather than leave no text.
        let ellipsisWidth = displayWidth(ellipsis)
        let marker = ellipsisWidth <= width ? SanitizedText(ellipsis).scalars : []
        var budget = marker.isEmpty ? width : width - ellipsisWidth
        // Reshaping the shorter text can, in principle, change its width (a letter
        // that loses its neighbour); cut further until it fits.
        while true {
            var kept = 0
            var used = 0
            while kept < whole.clusters.count && used + whole.clusters[kept].width <= budget {
                used += whole.clusters[kept].width
                kept += 1
            }
            while kept > 0 && whole.clusters[kept - 1].isBreakSpace { kept -= 1 }
            let cutScalar = kept < whole.clusters.count ? whole.clusters[kept].start : source.count
            let cutOrigin = cutScalar < source.count ? source.origins[cutScalar] : source.originalCount

            var shortened = SanitizedText()
            shortened.scalars = Array(source.scalars[..<cutScalar]) + marker
            shortened.origins = Array(source.origins[..<cutScalar])
                + Array(repeating: cutOrigin, count: marker.count)
            shortened.originEnds = Array(source.originEnds[..<cutScalar])
                + Array(repeating: source.originalCount, count: marker.count)
            shortened.originalCount = source.originalCount

            var prepared = PreparedParagraph(shortened, direction: resolved, shaping: true, ligatures: true,
                                             maximumCellWidth: width)
            if prepared.totalWidth <= width {
                return prepared.visualLine(0 ..< prepared.clusters.count, alignedTo: nil)
            }
            if budget <= 0 { return VisualLine(cells: [], indent: 0, isRTL: resolved == .rtl) }
            budget -= 1
        }
    }
}
