import QariCore

/// Frame times of the browser without a terminal: each frame is one `update` with a key,
/// one `BrowserView.render`, and one write to a `MemoryBackend`. For `make bench`:
///
///     let corpus = BrowserCorpus.build(name: "bench", analysis: analysis)  // a CorpusAnalysis
///     let report = FrameBenchmark.run(corpus: corpus)
///     print(report.readerScroll, report.listMove, report.openArticle)
public enum FrameBenchmark {
    /// Frame times of one scenario, in seconds.
    public struct Timings: Sendable, CustomStringConvertible {
        public var frames: Int
        public var median: Double
        public var p95: Double
        public var p99: Double
        public var max: Double

        public init(_ samples: [Double]) {
            let s = samples.sorted()
            frames = s.count
            median = s.isEmpty ? 0 : s[s.count / 2]
            p95 = s.isEmpty ? 0 : s[Swift.min(s.count - 1, s.count * 95 / 100)]
            p99 = s.isEmpty ? 0 : s[Swift.min(s.count - 1, s.count * 99 / 100)]
            max = s.last ?? 0
        }

        public var description: String {
            func ms(_ x: Double) -> String {
                let v = (x * 10_000).rounded() / 10
                return "\(v) ms"
            }
            return "median \(ms(median)), p95 \(ms(p95)), p99 \(ms(p99)), max \(ms(max)) over \(frames) frames"
        }
    }

    public struct Report: Sendable {
        /// `j` in the reader on the corpus's longest article, from top to bottom and again.
        public var readerScroll: Timings
        /// `j` down the article list, wrapping to the top at the end.
        public var listMove: Timings
        /// Enter on successive articles: layout of a new article included.
        public var openArticle: Timings
        /// `s` on successive articles: ranking the pairs (the first frame builds the pairing)
        /// and laying out both columns.
        public var openSplit: Timings
        /// `j` in the split reader with scrolling linked and other-language names shown.
        public var splitScroll: Timings
    }

    /// Runs the scenarios on `corpus` at `width` x `height`.
    public static func run(corpus: BrowserCorpus, width: Int = 160, height: Int = 50, frames: Int = 1000,
                           text: any TextLayoutEngine = TerminalTextEngine()) -> Report {
        var state = BrowserState(corpus: corpus, text: text, width: width, height: height)
        let backend = MemoryBackend(width: width, height: height)
        var buffer = ScreenBuffer(width: width, height: height)

        func frame(_ message: Message) -> Double {
            let t0 = now()
            state.update(message)
            BrowserView.render(state, into: &buffer)
            backend.write(buffer)
            return now() - t0
        }

        // The list, from the top.
        var list: [Double] = []
        for _ in 0..<frames {
            if state.list.selected + 1 >= state.list.order.count { _ = frame(.key(.character("g"))) }
            list.append(frame(.key(.character("j"))))
        }

        // Opening articles one after another.
        var open: [Double] = []
        let opens = Swift.min(frames / 10, corpus.articles.count)
        state.update(.key(.character("g")))
        for _ in 0..<opens {
            state.setFocus(.list)
            state.update(.key(.character("j")))
            open.append(frame(.key(.enter)))
        }

        // The reader, on the article with the most text.
        var reader: [Double] = []
        // The longest of the first thousand (reading every article of a large index would take long).
        let longest = corpus.articles.indices.prefix(1000).max(by: {
            corpus.articles[$0].paragraphs.reduce(0) { $0 + $1.text.utf8.count }
                < corpus.articles[$1].paragraphs.reduce(0) { $0 + $1.text.utf8.count }
        })
        if let longest {
            state.openArticle(longest)
            state.setFocus(.reader)
            for _ in 0..<frames {
                let bottom = (state.reader.document?.lines.count ?? 0) - state.readerPageHeight
                if state.reader.top >= bottom { _ = frame(.key(.character("g"))) }
                reader.append(frame(.key(.character("j"))))
            }
        }
        // The split reader: opened on successive articles, then scrolled with both columns linked.
        var split: [Double] = []
        for index in corpus.articles.indices.prefix(opens) {
            state.openArticle(index)
            split.append(frame(.key(.character("s"))))
            if state.split != nil { state.update(.key(.character("s"))) }
        }
        var splitScroll: [Double] = []
        if let longest {
            state.openArticle(longest)
            state.update([.key(.character("s")), .key(.character("t")), .key(.character("L"))])
            for _ in 0..<frames {
                let bottom = (state.reader.document?.lines.count ?? 0) - state.readerPageHeight
                if state.reader.top >= bottom { _ = frame(.key(.character("g"))) }
                splitScroll.append(frame(.key(.character("j"))))
            }
        }
        return Report(readerScroll: Timings(reader), listMove: Timings(list), openArticle: Timings(open),
                      openSplit: Timings(split), splitScroll: Timings(splitScroll))
    }

    private static func now() -> Double { MonotonicClock.seconds() }
}
