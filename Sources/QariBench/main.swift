import Foundation
import GRDB
import QariCore
import TerminalText
import QariTUI
import QariStore

// qari-bench CORPUS [SEEDS]: speed figures for `make bench`. Each figure is the median of several runs.
// Run in release mode; the numbers are for one core (everything here is single-threaded).

// Lines appear as they are measured, even when stdout is a file.
setvbuf(stdout, nil, _IOLBF, 0)

// A child process of the index section measures memory while browsing (see below).
if let cache = ProcessInfo.processInfo.environment["QARI_BENCH_BROWSE_PROBE"] { browseProbe(cacheDirectory: cache) }

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

func now() -> Double { MonotonicClock.seconds() }

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

// Load figures, also the reference of the index section.
var readTimes: [Double] = []
var totalBytes = 0
var loadTimes: [Double] = []
var articleCount = 0
var mb = 0.0
if wanted("load") || wanted("index") {
// Baseline: only reading the files (page cache after the first run).
for _ in 0..<runs {
    let t0 = now()
    var bytes = 0
    for e in entries {
        if let d = FileManager.default.contents(atPath: e.absolute) { bytes += d.count }
    }
    readTimes.append(now() - t0)
    totalBytes = bytes
}
mb = Double(totalBytes) / 1_048_576

// Load and segmentation: read, decode, classify, split into articles.
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

/// CPU time of the calling thread.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
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
        var cpuTimes: [Double] = []
        var mentionCount = 0, relationCount = 0
        for _ in 0..<runs {
            let c0 = threadCPUSeconds()
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
            cpuTimes.append(threadCPUSeconds() - c0)
            mentionCount = n
            relationCount = r
        }
        let name = withRelations ? "entities + relations (\(relationCount) relations)" : "entity matching (\(mentionCount) mentions)"
        // CPU time too: on a shared machine it is the steadier figure.
        report(name, String(format: "%.2f s  %.1f MB/s of text  (CPU %.2f s, %.1f MB/s)", median(times), textMB / median(times),
                            median(cpuTimes), textMB / median(cpuTimes)))
    }
    report("  target", "at least 50 MB/s on one core")
    // QARI_BENCH_DUMP=FILE writes every mention and relation found, to compare two versions' output.
    if let dumpPath = ProcessInfo.processInfo.environment["QARI_BENCH_DUMP"] {
        var out = ""
        for a in articles {
            for m in matcher.mentions(in: a.title) { out += "\(a.id)\tT\t\(m.entityID)\t\(m.range)\t\(m.surface)\n" }
            for (i, p) in a.paragraphs.enumerated() {
                let found = matcher.mentions(in: p.text)
                for m in found { out += "\(a.id)\t\(i)\t\(m.entityID)\t\(m.range)\t\(m.surface)\n" }
                for r in RelationExtractor.relations(in: p.text, mentions: found, matcher: matcher) {
                    out += "\(a.id)\t\(i)\tREL\t\(r.subject) \(r.kind) \(r.object)\t\(r.range)\t\(r.confidence ?? "-")\t\(r.evidence)\n"
                }
            }
        }
        try out.write(toFile: dumpPath, atomically: true, encoding: .utf8)
    }
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

// MARK: Index and search (QariStore)
//
// The baseline is inserting the same text (title and body of every article, already in memory)
// into a bare FTS5 table in one transaction. Cold index time includes reading, parsing and
// entity matching every file, which the baseline does not do.

/// The ten fixed queries, from common words to filters. Computed, because the browse probe
/// runs before this part of the script has initialised its variables.
var benchQueries: [String] { [
    "idlib", "\"syrian arab army\"", "حلب", "entity:HTS lang:en", "turkish OR turkey -russia",
    "saraq*", "source:\"South Front\" date:2019-08..2019-09", "\"الجيش السوري\" OR entity:\"هيئة تحرير الشام\"",
    "ceasefire (idlib OR hama) after:2019-06", "type:faction airstrikes",
] }

func benchMatcher() -> EntityMatcher { EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled()) }

func temporaryFolder(_ name: String) -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("qari-bench-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Opens the index in `cacheDirectory` and browses it as a reader would: every row a window at
/// a time in two orders, one article in fifty opened, the ten queries. Prints maxrss in KB.
func browseProbe(cacheDirectory: String) -> Never {
    let corpus = CommandLine.arguments[1]
    let index = try! CorpusIndex(paths: [corpus], storage: .cache(directory: URL(fileURLWithPath: cacheDirectory)),
                                 matcher: benchMatcher)
    let count = try! index.articleCount()
    for order in [ArticleOrder.corpus, .newestFirst] {
        var start = 0
        while start < count {
            let rows = try! index.rows(start..<min(count, start + 60), order: order)
            if order == .corpus { for r in rows where r.row % 50 == 0 { _ = try! index.article(row: r.row) } }
            start += 60
        }
    }
    for q in benchQueries { _ = try! index.search(q, limit: 50) }
    // VmHWM, not getrusage's maxrss: Linux carries the spawning process's peak across exec
    // into ru_maxrss, which would report the bench's own peak.
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    print(hwm?.split(separator: " ").dropFirst().first.map(String.init) ?? "-1")
    exit(0)
}

if wanted("index") {
    print("index and search (QariStore):")
    let matcher = benchMatcher()

    // Baseline: the same text into a bare FTS5 table.
    var texts: [(String, String)] = []
    for e in entries {
        if case .success(let source) = loader.read(absolutePath: e.absolute, displayPath: e.display) {
            for a in loader.segmenter.articles(in: source) {
                texts.append((a.title, a.paragraphs.map(\.text).joined(separator: "\n")))
            }
        }
    }
    var bareTimes: [Double] = []
    for _ in 0..<runs {
        let folder = temporaryFolder("bare")
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY") }
        let t0 = now()
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("bare.sqlite").path, configuration: config)
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE bare USING fts5(title, body)")
            let insert = try db.makeStatement(sql: "INSERT INTO bare(title, body) VALUES (?, ?)")
            for (title, body) in texts { try insert.execute(arguments: [title, body]) }
        }
        try queue.close()
        bareTimes.append(now() - t0)
        try? FileManager.default.removeItem(at: folder)
    }
    texts = []
    let bare = median(bareTimes)
    report("bare FTS5 insert (\(articleCount) articles)", String(format: "%.2f s", bare))

    // Cold index: empty cache, every file read, parsed, matched and written.
    // QARI_BENCH_SKIP_RELATIONS=1 leaves out the (slow) relations stage, for quick runs.
    let skipRelations = ProcessInfo.processInfo.environment["QARI_BENCH_SKIP_RELATIONS"] == "1"
    let cache = temporaryFolder("cache")
    var coldTimes: [Double] = []
    var searchableTimes: [Double] = []
    var summary = IndexRefreshSummary()
    for run in 0..<runs {
        try? FileManager.default.removeItem(at: cache)
        let t0 = now()
        let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
        summary = try index.updateArticles()
        searchableTimes.append(now() - t0)
        if !skipRelations { _ = try index.extractRelations() }
        coldTimes.append(now() - t0)
        if run == runs - 1 {
            let stats = try index.statistics()
            report("  index size", String(format: "%.0f MB, %d articles, %d mentions", Double(stats.databaseBytes) / 1_048_576,
                                          stats.articles, stats.mentions))
        }
    }
    let searchable = median(searchableTimes)
    report("cold index, stage 1: articles + mentions + FTS", String(format: "%.2f s  %.0f articles/s  %.2f x bare FTS5",
                                                                 searchable, Double(summary.articlesAdded) / searchable, searchable / bare))
    let cold = median(coldTimes)
    let naive = median(loadTimes) + bare
    if skipRelations {
        report("cold index, both stages", "skipped (QARI_BENCH_SKIP_RELATIONS=1)")
        report("  vs load + segment + bare FTS5", String(format: "stage 1 %.2f x (%.2f s)", searchable / naive, naive))
    } else {
        report("cold index, both stages (\(summary.filesParsed) files)", String(format: "%.2f s  %.0f articles/s  %.2f x bare FTS5",
                                                                cold, Double(summary.articlesAdded) / cold, cold / bare))
        report("  vs load + segment + bare FTS5", String(format: "stage 1 %.2f x, both %.2f x (%.2f s)",
                                                         searchable / naive, cold / naive, naive))
    }
    report("  target", "at most 1.5 x bare FTS5")

    // Refresh with nothing changed (stat every file, parse none).
    var refreshTimes: [Double] = []
    for _ in 0..<runs {
        let t0 = now()
        let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
        // Articles only when the relations stage was skipped: the full refresh would do it now.
        let s = skipRelations ? try index.updateArticles() : try index.refresh()
        precondition(s.filesParsed == 0)
        refreshTimes.append(now() - t0)
    }
    report("refresh, nothing changed", String(format: "%.0f ms", median(refreshTimes) * 1000))

    // Warm start: open the index and read the first window of rows.
    var warmTimes: [Double] = []
    var firstWindow = 0
    for _ in 0..<max(runs, 5) {
        let t0 = now()
        let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
        _ = try index.articleCount()
        firstWindow = try index.rows(0..<60).count
        warmTimes.append(now() - t0)
    }
    report("warm start (open, count, \(firstWindow) rows)", String(format: "%.1f ms", median(warmTimes) * 1000))
    report("  target", "at most 150 ms")

    // Query latency: each query's median over several runs, top 50 with snippets.
    let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
    var perQuery: [(String, Double, Int)] = []
    for q in benchQueries {
        _ = try index.search(q, limit: 50)
        var times: [Double] = []
        var hits = 0
        for _ in 0..<max(runs, 5) {
            let t0 = now()
            hits = try index.search(q, limit: 50).hits.count
            times.append(now() - t0)
        }
        perQuery.append((q, median(times), hits))
    }
    for (q, t, hits) in perQuery {
        report("  \(q)", String(format: "%6.1f ms  %d hits", t * 1000, hits))
    }
    let latencies = perQuery.map(\.1)
    report("query latency, 10 queries (top 50)", String(format: "median %.1f ms, slowest %.1f ms",
                                                        median(latencies) * 1000, latencies.max()! * 1000))
    report("  target", "median at most 30 ms, slowest at most 150 ms")

    // Peak memory while browsing, in a fresh process so that indexing does not count.
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/proc/self/exe")
    probe.arguments = [corpusPath]
    var environment = ProcessInfo.processInfo.environment
    environment["QARI_BENCH_BROWSE_PROBE"] = cache.path
    probe.environment = environment
    let pipe = Pipe()
    probe.standardOutput = pipe
    let t0 = now()
    try probe.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    probe.waitUntilExit()
    let kb = Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    report("peak memory browsing (VmHWM)", String(format: "%.0f MB  (all rows in 2 orders, %.1f s)", Double(kb) / 1024, now() - t0))
    report("  target", "at most 200 MB")
    try? FileManager.default.removeItem(at: cache)
}
