import Foundation
import QariCore

// qari-bench CORPUS [SEEDS]: speed figures for `make bench`. Each figure is the median of several runs.
// Run in release mode; the numbers are for one core (everything here is single-threaded).

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write("usage: qari-bench CORPUS [SEEDS]\n".data(using: .utf8)!)
    exit(2)
}
let corpusPath = arguments[1]
let runs = Int(ProcessInfo.processInfo.environment["QARI_BENCH_RUNS"] ?? "") ?? 3

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
