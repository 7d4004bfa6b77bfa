import Foundation
import QariCore
import TerminalText
import QariTUI

// qari-bench CORPUS [SEEDS]: speed figures for `make bench`. Each figure is the median of several runs.
// Run in release mode; the numbers are for one core (everything here is single-threaded).

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write("usage: qari-bench CORPUS [SEEDS]\n".data(using: .utf8)!)
    exit(2)
}
let corpusPath = arguments[1]
let runs = Int(ProcessInfo.processInfo.environment["QARI_BENCH_RUNS"] ?? "") ?? 3
/// QARI_BENCH_ONLY=load,entities,layout picks sections (all by default).
let only = Set((ProcessInfo.processInfo.environment["QARI_BENCH_ONLY"] ?? "").split(separator: ",").map(String.init))
func wanted(_ section: String) -> Bool { only.isEmpty || only.contains(section) }

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func report(_ name: String, _ value: String) {
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + value)
}

let loader = CorpusLoader()
let (entries, _) = try loader.discover([corpusPath])
print("qari-bench: \(entries.count) files in \(corpusPath), \(runs) runs each")

if wanted("load") {
// Baseline: only reading the files (page cache after the first run).
var readTimes: [Double] = []
var totalBytes = 0
for _ in 0..<runs {
    let t0 = now()
    var bytes = 0
    for e in entries {
        if let d = FileManager.default.contents(atPath: e.absolute) { bytes += d.count }
    }
    readTimes.append(now() - t0)
    totalBytes = bytes
}
let mb = Double(totalBytes) / 1_048_576

// Load and segmentation: read, decode, classify, split into articles.
var loadTimes: [Double] = []
var articleCount = 0
for _ in 0..<runs {
    let t0 = now()
    var n = 0
    for e in entries {
        if case .success(let source) = loader.read(absolutePath: e.absolute, displayPath: e.display) {
            n += loader.segmenter.articles(in: source).count
        }
    }
    loadTimes.append(now() - t0)
    articleCount = n
}
report("read files only", String(format: "%.2f s  (%.0f MB/s)", median(readTimes), mb / median(readTimes)))
report("load + segment (\(articleCount) articles)", String(format: "%.2f s  %.0f MB/s  %.0f articles/s",
                                                          median(loadTimes), mb / median(loadTimes),
                                                          Double(articleCount) / median(loadTimes)))
report("  target", "at least 100 MB/s on one core")
}

// Entity extraction: matching (knowledge base + discovery) and relation extraction over every
// title and paragraph of the corpus, after loading (not timed here).
if wanted("entities") {
    var articles: [Article] = []
    var textBytes = 0
    for e in entries {
        if case .success(let source) = loader.read(absolutePath: e.absolute, displayPath: e.display) {
            for a in loader.segmenter.articles(in: source) {
                articles.append(a)
                textBytes += a.title.utf8.count + a.paragraphs.reduce(0) { $0 + $1.text.utf8.count }
            }
        }
    }
    let kb = try KnowledgeBase.bundled()
    let matcher = EntityMatcher(knowledgeBase: kb)
    let textMB = Double(textBytes) / 1_048_576
    for withRelations in (ProcessInfo.processInfo.environment["QARI_BENCH_RELATIONS"] == "0" ? [false] : [false, true]) {
        var times: [Double] = []
        var mentionCount = 0, relationCount = 0
        for _ in 0..<runs {
            let t0 = now()
            var n = 0, r = 0
            for a in articles {
                n += matcher.mentions(in: a.title).count
                for p in a.paragraphs {
                    let found = matcher.mentions(in: p.text)
                    n += found.count
                    if withRelations { r += RelationExtractor.relations(in: p.text, mentions: found, matcher: matcher).count }
                }
            }
            times.append(now() - t0)
            mentionCount = n
            relationCount = r
        }
        let name = withRelations ? "entities + relations (\(relationCount) relations)" : "entity matching (\(mentionCount) mentions)"
        report(name, String(format: "%.2f s  %.1f MB/s of text", median(times), textMB / median(times)))
    }
    report("  target", "at least 50 MB/s on one core")
}

// Layout: every paragraph of the seed corpus laid out at width 80 (bidi, shaping, wrapping).
if wanted("layout"), arguments.count >= 3 {
    let seeds = try loader.load([arguments[2]])
    let paragraphs = seeds.articles.flatMap { [$0.title] + $0.paragraphs.map(\.text) }
    let bytes = paragraphs.reduce(0) { $0 + $1.utf8.count }
    let repeats = max(1, 20_000_000 / max(1, bytes))
    var times: [Double] = []
    var lines = 0
    for _ in 0..<runs {
        let t0 = now()
        var n = 0
        for _ in 0..<repeats {
            for p in paragraphs { n += TerminalText.layout(p, options: LayoutOptions(width: 80)).count }
        }
        times.append(now() - t0)
        lines = n
    }
    let layoutMB = Double(bytes * repeats) / 1_048_576
    report("layout at width 80 (\(lines) lines)", String(format: "%.2f s  %.1f MB/s", median(times), layoutMB / median(times)))
}

// Frame time of the browser (update + view + write to an in-memory screen) on the corpus:
// scrolling the reader, moving through the list, opening articles. Mentions are matched for
// every article; text relations are not extracted here (they do not change frame time).
if wanted("frames") {
    var articles: [Article] = []
    for e in entries {
        if case .success(let source) = loader.read(absolutePath: e.absolute, displayPath: e.display) {
            articles += loader.segmenter.articles(in: source)
        }
    }
    let t0 = now()
    let analysis = CorpusAnalysis(articles: articles, matcher: EntityMatcher(knowledgeBase: try KnowledgeBase.bundled()),
                                  textRelations: false)
    let corpus = BrowserCorpus.build(name: "bench", analysis: analysis)
    report("browser corpus built (\(articles.count) articles)", String(format: "%.2f s", now() - t0))
    let frames = FrameBenchmark.run(corpus: corpus, width: 160, height: 50, frames: 1000)
    report("frame: reader scroll", frames.readerScroll.description)
    report("frame: list move", frames.listMove.description)
    report("frame: open article", frames.openArticle.description)
    report("  target", "median at most 2 ms, p99 at most 8 ms")
}
