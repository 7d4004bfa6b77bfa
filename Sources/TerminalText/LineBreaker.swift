/// Cuts a paragraph's clusters into lines, in logical order, greedily: as many
/// words as fit; a line breaks at spaces (which are dropped there), after a hyphen
/// inside a word, or next to a wide (CJK) character; a word longer than the line
/// is broken between clusters.
enum LineBreaker {
    /// Ranges of `clusters` that form the lines, none wider than `width` (>= 1, and
    /// no cluster wider than it). Spaces where a line breaks belong to no range.
    static func lines(of clusters: [TextCluster], width: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        let count = clusters.count
        var position = 0
        while position < count {
            let start = position
            var used = 0
            var index = start
            var hasWord = false
            // The last place this line may end: (end of its content, start of the next line).
            var lastBreak: (end: Int, next: Int)? = nil
            var lineEnd = count
            var next = count
            while index < count {
                let cluster = clusters[index]
                if cluster.isBreakSpace && hasWord {
                    var runEnd = index
                    var runWidth = 0
                    while runEnd < count && clusters[runEnd].isBreakSpace {
                        runWidth += clusters[runEnd].width
                        runEnd += 1
                    }
                    if runEnd == count {
                        // Spaces ending the paragraph stay as far as they fit.
                        var end = index
                        while end < count && used + clusters[end].width <= width {
                            used += clusters[end].width
                            end += 1
                        }
                        lineEnd = end
                        next = count
                        break
                    }
                    lastBreak = (index, runEnd)
                    if used + runWidth > width {
                        lineEnd = index
                        next = runEnd
                        break
                    }
                    used += runWidth
                    index = runEnd
                    continue
                }
                if used + cluster.width <= width {
                    used += cluster.width
                    index += 1
                    if !cluster.isBreakSpace { hasWord = true }
                    if index < count && hasWord && !clusters[index].isBreakSpace
                        && (cluster.isHyphen || cluster.width == 2 || clusters[index].width == 2) {
                        lastBreak = (index, index)
                    }
                    continue
                }
                if let lastBreak {
                    lineEnd = lastBreak.end
                    next = lastBreak.next
                } else {
                    // One word fills the line: break it here. A line always takes at
                    // least one cluster, so the loop ends even if a caller broke the
                    // no-cluster-wider-than-the-line rule.
                    lineEnd = max(index, start + 1)
                    next = lineEnd
                }
                break
            }
            lines.append(start ..< lineEnd)
            position = next
        }
        return lines
    }
}
