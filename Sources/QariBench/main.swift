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
struct FileEntry { var absolute: String; var display: String }

// QARI_BENCH_DUMP=FILE: every parsed result of the corpus, field by field, to compare two builds.
if let dumpPath = ProcessInfo.processInfo.environment["QARI_BENCH_DUMP"] {
    let corpus = try loader.load([corpusPath])
    FileManager.default.createFile(atPath: dumpPath, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: dumpPath) else { fatalError("cannot write \(dumpPath)") }
    var out = ""
    func q(_ s: String?) -> String { s.map { "\"" + $0.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\"" } ?? "nil" }
    for p in corpus.problems { out += "problem \(q(p.path)) \(q(p.reason))\n" }
    for w in corpus.warnings { out += "warning \(q(w.path)) \(q(w.reason))\n" }
    for f in corpus.files {
        out += "file \(q(f.displayPath)) \(q(f.absolutePath)) \(f.contentHash) \(f.byteCount) \(f.replacedSequences) \(f.format) \(f.text.utf8.count) \(Array(f.text.utf8).withUnsafeBufferPointer { StableHash.content($0) })\n"
    }
    for a in corpus.articles {
        out += "article \(a.id) \(q(a.file)) \(q(a.title)) \(q(a.source)) \(q(a.publisher)) \(q(a.author)) \(q(a.date)) \(a.lang) \(a.firstLine) \(a.lastLine) \(a.blockFirstLine) \(a.blockLastLine) \(a.isPromo) \(a.wordCount)\n"
        for p in a.paragraphs {
            out += "  p \(p.line) \(p.lang) \(p.direction) \(p.joinedLines.map { "\($0.offset):\($0.line)" }.joined(separator: ",")) \(q(p.text))\n"
        }
        for b in a.boilerplate { out += "  b \(b.line) \(b.role) \(q(b.text))\n" }
        if out.utf8.count > 1 << 24 { handle.write(Data(out.utf8)); out = "" }
    }
    handle.write(Data(out.utf8))
    handle.closeFile()
    print("qari-bench: dumped \(corpus.articles.count) articles to \(dumpPath)")
    exit(0)
}

let (entries, _) = try loader.discover([corpusPath])
print("qari-bench: \(entries.count) files in \(corpusPath), \(runs) runs each")

// Load figures, also the reference of the index section.
var readTimes: [Double] = []
var totalBytes = 0
var loadTimes: [Double] = []
var articleCount = 0
var mb = 0.0
if wanted("load") || wanted("index") {
// Baseline: only reading the files, with the POSIX calls the loader makes (open, fstat, read into
// one reused buffer): the floor for load + segment. Page cache after the first run.
for _ in 0..<runs {
    let t0 = now()
    var bytes = 0
    var buffer = FileBytes()
    for e in entries {
        if case .success(let n) = buffer.read(e.absolute, maximumSize: loader.maximumFileSize) { bytes += n }
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

// Parsing only: the same work on files already in memory (decode, sniff, hash, segment).
var parseTimes: [Double] = []
do {
    var contents: [(FileEntry, [UInt8])] = []
    var buffer = FileBytes()
    for e in entries {
        if case .success = buffer.read(e.absolute, maximumSize: loader.maximumFileSize) {
            contents.append((FileEntry(absolute: e.absolute, display: e.display), buffer.withBytes { Array($0) }))
        }
    }
    for _ in 0..<runs {
        let t0 = now()
        var n = 0
        for (e, bytes) in contents {
            let decoded = bytes.withUnsafeBufferPointer { loader.decode($0, absolutePath: e.absolute, displayPath: e.display) }
            if case .success(let source) = decoded { n += loader.segmenter.articles(in: source).count }
        }
        parseTimes.append(now() - t0)
        precondition(n == articleCount)
    }
}
report("read files only (open, fstat, read)", String(format: "%.2f s  (%.0f MB/s)", median(readTimes), mb / median(readTimes)))
report("parse only (files in memory)", String(format: "%.2f s  %.0f MB/s", median(parseTimes), mb / median(parseTimes)))
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
        var cpuTimes: [Double] = []
        var mentionCount = 0, relationCount = 0
        for _ in 0..<runs {
            let c0 = MonotonicClock.threadCPUSeconds()
            let t0 = now()
            var n = 0, r = 0
            // An article at a time, its mentions first and then its relations, in the order the
            // index builder takes (`ArticleEntityScanner.scan`, then its `relations` over the
            // paragraphs' mentions): matching a paragraph and then reading its relations pushed
            // each stage's tables out of the caches for the other at every paragraph (on bench-2k,
            // 21.1 M against 16.2 M first-level cache misses, callgrind).
            var found: [[EntityMention]] = []
            for a in articles {
                n += matcher.mentions(in: a.title).count
                found.removeAll(keepingCapacity: true)
                for p in a.paragraphs {
                    let mentions = matcher.mentions(in: p.text)
                    n += mentions.count
                    if withRelations { found.append(mentions) }
                }
                if withRelations {
                    for (k, p) in a.paragraphs.enumerated() {
                        r += RelationExtractor.relations(in: p.text, mentions: found[k], matcher: matcher).count
                    }
                }
            }
            times.append(now() - t0)
            cpuTimes.append(MonotonicClock.threadCPUSeconds() - c0)
            mentionCount = n
            relationCount = r
        }
        let name = withRelations ? "entities + relations (\(relationCount) relations)" : "entity matching (\(mentionCount) mentions)"
        // CPU time too: on a shared machine it is the steadier figure.
        report(name, String(format: "%.2f s  %.1f MB/s of text  (CPU %.2f s, %.1f MB/s)", median(times), textMB / median(times),
                            median(cpuTimes), textMB / median(cpuTimes)))
    }
    report("  target", "at least 50 MB/s on one core")
    // The two stages apart (QARI_BENCH_STAGES=1): relations alone, on mentions found beforehand,
    // to compare with the difference of the two lines above (on bench-10k the two stages cost
    // 0.05-0.10 s more together than apart. Running relations after groups of 100 articles made no
    // difference that showed; after all of them, the two stages took about 10% less, 8 rounds,
    // median 0.58 against 0.65 s. The index builder goes an article at a time, and so does this.)
    if ProcessInfo.processInfo.environment["QARI_BENCH_STAGES"] == "1" {
        var found: [[EntityMention]] = []
        for a in articles { for p in a.paragraphs { found.append(matcher.mentions(in: p.text)) } }
        var cpuTimes: [Double] = []
        var r = 0
        for _ in 0..<runs {
            let c0 = MonotonicClock.threadCPUSeconds()
            var k = 0
            r = 0
            for a in articles {
                for p in a.paragraphs {
                    r += RelationExtractor.relations(in: p.text, mentions: found[k], matcher: matcher).count
                    k += 1
                }
            }
            cpuTimes.append(MonotonicClock.threadCPUSeconds() - c0)
        }
        report("relations alone (\(r) relations)", String(format: "CPU %.2f s", median(cpuTimes)))
    }
    // QARI_BENCH_ENTITY_DUMP=FILE writes every mention and relation found, to compare two versions'
    // output (QARI_BENCH_DUMP is the parse dump, which ends the run before this section).
    if let dumpPath = ProcessInfo.processInfo.environment["QARI_BENCH_ENTITY_DUMP"] {
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
// Search keys: the folding of every title and body into the keys the full-text index stores,
// which the index's workers do for every article (SearchText.indexForm).
if wanted("keys") {
    var texts: [(String, [String])] = []
    var bytes = 0
    for e in entries {
        if case .success(let source) = loader.read(absolutePath: e.absolute, displayPath: e.display) {
            for a in loader.segmenter.articles(in: source) {
                texts.append((a.title, a.paragraphs.map(\.text)))
                bytes += a.title.utf8.count + a.paragraphs.reduce(0) { $0 + $1.text.utf8.count }
            }
        }
    }
    var times: [Double] = []
    var keyBytes = 0
    for _ in 0..<runs {
        let t0 = MonotonicClock.threadCPUSeconds()
        var n = 0
        for (title, paragraphs) in texts {
            n += SearchText.indexForm(title).utf8.count + SearchText.indexForm(joining: paragraphs).utf8.count
        }
        times.append(MonotonicClock.threadCPUSeconds() - t0)
        keyBytes = n
    }
    report("search keys (\(keyBytes / 1_048_576) MB of keys)", String(format: "CPU %.2f s  %.0f MB/s of text",
                                                                      median(times), Double(bytes) / 1_048_576 / median(times)))
}

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

/// The index the browser sections read (frames, queries): QARI_BENCH_FRAMES_CACHE names a cache
/// folder holding one already; otherwise a folder in the temporary directory, kept between runs
/// of the bench, which the index section's last cold build leaves filled.
let browserCache = ProcessInfo.processInfo.environment["QARI_BENCH_FRAMES_CACHE"].map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("qari-bench-frames" + corpusPath.replacingOccurrences(of: "/", with: "_"))

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

/// User and system CPU seconds of this process so far, all threads.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func temporaryFolder(_ name: String) -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("qari-bench-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Opens the browser on the index in `cacheDirectory` and browses as a reader would (see
/// `BrowserBench.browse`). Prints VmHWM in KB.
func browseProbe(cacheDirectory: String) -> Never {
    var (state, _) = try! BrowserBench.open(corpus: CommandLine.arguments[1], cache: URL(fileURLWithPath: cacheDirectory),
                                            matcher: BrowserBench.matcher())
    let frames = BrowserBench.browse(&state, queries: benchQueries)
    FileHandle.standardError.write("\(frames) frames\n".data(using: .utf8)!)
    // VmHWM, not getrusage's maxrss: Linux carries the spawning process's peak across exec
    // into ru_maxrss, which would report the bench's own peak.
    print(Int(BrowserBench.peakMegabytes() * 1024))
    exit(0)
}

/// Each of the ten queries' median latency over several runs (top 50, with snippets as
/// `qari search` prints them), then the median and the slowest of the ten.
func measureQueries(_ index: CorpusIndex) throws {
    var perQuery: [(String, Double, Double, Int)] = []
    for q in benchQueries {
        _ = try index.search(q, limit: 50)
        var times: [Double] = [], ranking: [Double] = []
        var hits = 0
        for _ in 0..<max(runs, 5) {
            var t0 = now()
            hits = try index.search(q, limit: 50).hits.count
            times.append(now() - t0)
            t0 = now()
            _ = try index.search(SearchQueryParser.parse(q), limit: 50, snippets: false)
            ranking.append(now() - t0)
        }
        perQuery.append((q, median(times), median(ranking), hits))
    }
    for (q, t, r, hits) in perQuery {
        report("  \(q)", String(format: "%6.1f ms  %d hits  (%.1f ms without snippets)", t * 1000, hits, r * 1000))
    }
    let latencies = perQuery.map(\.1)
    report("query latency, 10 queries (top 50)", String(format: "median %.1f ms, slowest %.1f ms",
                                                        median(latencies) * 1000, latencies.max()! * 1000))
    report("  target", "median at most 30 ms, slowest at most 150 ms")
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
    // Cold index: empty cache, every file read, parsed, matched, its relations found, and written:
    // `refresh`, as `qari index` and the browser run it. QARI_BENCH_SKIP_RELATIONS=1 times the
    // articles alone (no relations), for quick runs.
    let skipRelations = ProcessInfo.processInfo.environment["QARI_BENCH_SKIP_RELATIONS"] == "1"
    // Built in the browser sections' folder, which the last run leaves filled for them (never in a
    // folder named by QARI_BENCH_FRAMES_CACHE: each run starts by emptying it).
    let cache = ProcessInfo.processInfo.environment["QARI_BENCH_FRAMES_CACHE"] == nil ? browserCache : temporaryFolder("cache")
    // The bare insert and the cold build take turns, a pair a run: this machine's speed drifts by
    // 15% or more within minutes, and three bare inserts followed by three builds measured the two
    // at different speeds. The ratio is given as the median of the pairs' ratios as well.
    var bareTimes: [Double] = [], coldTimes: [Double] = []
    var summary = IndexRefreshSummary()
    var sizeLine = ""
    var coldCPU = 0.0
    for run in 0..<runs {
        // Each write-heavy run starts with the disk cache written out (not timed): otherwise the
        // kernel was still writing back the last run's 400-800 MB during the next one, and the
        // later of three cold builds took up to a fifth longer than the first.
        sync()
        let folder = temporaryFolder("bare")
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY") }
        var t0 = now()
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("bare.sqlite").path, configuration: config)
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE bare USING fts5(title, body)")
            let insert = try db.makeStatement(sql: "INSERT INTO bare(title, body) VALUES (?, ?)")
            for (title, body) in texts { try insert.execute(arguments: [title, body]) }
        }
        try queue.close()
        bareTimes.append(now() - t0)
        try? FileManager.default.removeItem(at: folder)

        try? FileManager.default.removeItem(at: cache)
        sync()
        t0 = now()
        let cpu0 = processCPUSeconds()
        let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
        summary = skipRelations ? try index.updateArticles() : try index.refresh()
        coldTimes.append(now() - t0)
        coldCPU = processCPUSeconds() - cpu0
        if run == runs - 1 {
            let stats = try index.statistics()
            sizeLine = String(format: "%.0f MB, %d articles, %d mentions, %d relations",
                              Double(stats.databaseBytes) / 1_048_576, stats.articles, stats.mentions, stats.relations)
        }
    }
    texts = []
    func list(_ values: [Double]) -> String { values.map { String(format: "%.2f", $0) }.joined(separator: ", ") }
    let bare = median(bareTimes)
    report("bare FTS5 insert (\(articleCount) articles)", String(format: "%.2f s", bare) + "  (runs: \(list(bareTimes)))")
    report("  index size", sizeLine)
    // Writing alone: the writer's CPU less the files it parsed itself while waiting for results.
    let writing = summary.writerCPUSeconds - summary.writerHelpedCPUSeconds
    report("  writer thread CPU (last run)", String(format: "%.2f s writing  %.2f x bare FTS5; + %.2f s parsing %d files itself",
                                                     writing, writing / median(bareTimes), summary.writerHelpedCPUSeconds, summary.writerHelpedFiles))
    report("  one thread: before / after the files", String(format: "%.2f s / %.2f s", summary.startSeconds, summary.finishSeconds))
    // On a machine of n cores the build cannot take less than its CPU time over n: when that is
    // near the wall time, only less work helps; when the cores were idle, the waits tell which
    // side held the other up.
    report("  process CPU (last run)", String(format: "%.2f s user + system = %.2f of %d cores busy", coldCPU,
                                                coldCPU / coldTimes.last!, ProcessInfo.processInfo.activeProcessorCount))
    report("  workers blocked / writer waited", String(format: "%.2f s / %.2f s", summary.workersBlockedSeconds, summary.writerWaitedSeconds))
    let cold = median(coldTimes)
    let naive = median(loadTimes) + bare
    report("cold index\(skipRelations ? ", articles only (no relations)" : "") (\(summary.filesParsed) files)",
           String(format: "%.2f s  %.0f articles/s  %.2f x bare FTS5", cold, Double(summary.articlesAdded) / cold, cold / bare)
                + "  (runs: \(list(coldTimes)))")
    let ratios = zip(coldTimes, bareTimes).map { $0 / $1 }
    report("  median of the runs' ratios", String(format: "%.2f x", median(ratios)) + "  (\(list(ratios)))")
    report("  vs load + segment + bare FTS5", String(format: "%.2f x (%.2f s)", cold / naive, naive))
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

    // Warm start: open the index and the browser on it, to the first full frame.
    var warmTimes: [Double] = []
    var listed = 0
    for _ in 0..<max(runs, 5) {
        let (state, seconds) = try BrowserBench.open(corpus: corpusPath, cache: cache, matcher: matcher)
        warmTimes.append(seconds)
        listed = state.list.order.count
    }
    report("warm start to the first frame (\(listed) listed)", String(format: "%.1f ms", median(warmTimes) * 1000))
    report("  target", "at most 150 ms")

    // Query latency: each query's median over several runs, top 50 with snippets.
    try measureQueries(CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher }))

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
    report("peak memory browsing (VmHWM)", String(format: "%.0f MB  (browser: list in 2 orders, articles, entity pages, queries; %.1f s)",
                                                  Double(kb) / 1024, now() - t0))
    report("  target", "at most 200 MB")
}

// Query latency alone, on the browser sections' index (asked for by name: QARI_BENCH_ONLY=queries).
if wanted("queries") && !only.isEmpty {
    let cache = browserCache
    let matcher = BrowserBench.matcher()
    let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
    _ = try index.updateArticles()
    try measureQueries(index)
}

// Frame time of the browser (update + view + write to an in-memory screen) on the corpus, read
// through the index as `qari` reads it: scrolling the reader, moving through the list, opening
// articles, on `browserCache` (made if missing; the index section leaves it filled).
if wanted("frames") {
    let cache = browserCache
    let matcher = BrowserBench.matcher()
    let t0 = now()
    let index = try CorpusIndex(paths: [corpusPath], storage: .cache(directory: cache), matcher: { matcher })
    let s = try index.updateArticles()
    report("index for the frames (\(s.filesParsed) files parsed)", String(format: "%.2f s", now() - t0))
    var warm: [Double] = []
    var opened: BrowserState?
    for _ in 0..<max(runs, 5) {
        let (state, seconds) = try BrowserBench.open(corpus: corpusPath, cache: cache, matcher: matcher)
        warm.append(seconds)
        opened = state
    }
    report("warm start to the first frame", String(format: "%.1f ms (median of %d)", median(warm) * 1000, warm.count))
    let frames = FrameBenchmark.run(corpus: opened!.corpus, width: 160, height: 50, frames: 1000)
    report("frame: reader scroll", frames.readerScroll.description)
    report("frame: list move", frames.listMove.description)
    report("frame: open article", frames.openArticle.description)
    report("  target", "median at most 2 ms, p99 at most 8 ms")
    var browsing = opened!
    report("entity page, 20 most named entities", FrameBenchmark.Timings(BrowserBench.entityPages(&browsing, count: 20)).description)
}
