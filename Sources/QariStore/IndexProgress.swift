import Foundation
import QariCore

/// How far an index refresh has got: reported while it works, and once at the end of each stage.
public struct IndexProgress: Sendable, Equatable {
    /// The two stages of a refresh.
    public enum Stage: String, Sendable {
        /// Reading and parsing files; articles become listable and searchable.
        case reading
        /// Extracting relations from the paragraphs of new articles.
        case relations
    }

    public var stage: Stage
    /// Files read so far, of those that had to be read (unchanged files are not counted).
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// Articles parsed and stored so far.
    public var articles: Int
    /// Relations stage: articles done and to do.
    public var relationArticlesDone: Int
    public var relationArticlesTotal: Int
    /// Seconds since the stage started.
    public var elapsed: Double
    /// True in the last report of a stage.
    public var isFinished: Bool

    public init(stage: Stage, filesDone: Int, filesTotal: Int, bytesDone: Int64, bytesTotal: Int64, articles: Int,
                relationArticlesDone: Int = 0, relationArticlesTotal: Int = 0, elapsed: Double = 0, isFinished: Bool = false) {
        self.stage = stage
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.articles = articles
        self.relationArticlesDone = relationArticlesDone
        self.relationArticlesTotal = relationArticlesTotal
        self.elapsed = elapsed
        self.isFinished = isFinished
    }

    /// False when the stage had nothing to do (every file unchanged): nothing worth showing.
    public var hasWork: Bool { stage == .reading ? filesTotal > 0 : relationArticlesTotal > 0 }

    public var articlesPerSecond: Double {
        guard elapsed > 0 else { return 0 }
        return Double(stage == .reading ? articles : relationArticlesDone) / elapsed
    }
    public var megabytesPerSecond: Double { elapsed > 0 ? Double(bytesDone) / 1_048_576 / elapsed : 0 }

    /// Estimated seconds left, from the bytes still to read at the rate so far; nil until known.
    public var secondsLeft: Double? {
        guard elapsed > 0.2 else { return nil }
        if stage == .relations {
            guard relationArticlesDone > 0 else { return nil }
            return Double(relationArticlesTotal - relationArticlesDone) / (Double(relationArticlesDone) / elapsed)
        }
        guard bytesDone > 0 else { return nil }
        return Double(bytesTotal - bytesDone) / (Double(bytesDone) / elapsed)
    }

    /// One line for a status bar or a terminal: "indexing 1,204/100,000 files · 6.1/508.0 MB · 2,310 articles/s · 3:35 left".
    public var summaryLine: String {
        let mb = { (b: Int64) in String(format: "%.1f", Double(b) / 1_048_576) }
        var parts: [String]
        if stage == .reading {
            parts = ["\(isFinished ? "indexed" : "indexing") \(Self.grouped(filesDone))/\(Self.grouped(filesTotal)) files",
                     "\(mb(bytesDone))/\(mb(bytesTotal)) MB",
                     "\(Self.rate(articlesPerSecond)) articles/s"]
        } else {
            parts = ["\(isFinished ? "found relations in" : "finding relations in") "
                        + "\(Self.grouped(relationArticlesDone))/\(Self.grouped(relationArticlesTotal)) articles",
                     "\(Self.rate(articlesPerSecond)) articles/s"]
        }
        if isFinished {
            parts.append(String(format: "%.1f s", elapsed))
        } else if let left = secondsLeft {
            let s = Int(left.rounded())
            parts.append(String(format: "%d:%02d left", s / 60, s % 60))
        }
        return parts.joined(separator: " · ")
    }

    /// A rate as the summary line shows it: below 10 with one decimal, so that a slow stage
    /// (a few long articles, a file of one 10 MB line) reads "0.3 articles/s", not "0"; from
    /// 10 on a whole number, grouped ("2,310").
    public static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite, perSecond > 0 else { return "0" }
        if perSecond < 9.95 { return String(format: "%.1f", perSecond) }
        return grouped(Int(perSecond.rounded()))
    }

    /// 100000 as "100,000".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// What a refresh did, with counts a person (or a test) can check.
public struct IndexRefreshSummary: Sendable {
    public init() {}
    /// Files found under the roots.
    public var filesFound = 0
    /// Files whose size and modification time matched the index: not opened at all.
    public var filesUnchanged = 0
    /// Files whose time or size changed but whose content hash did not: read, not parsed.
    public var filesSameContent = 0
    /// Files parsed (new or changed).
    public var filesParsed = 0
    /// Files that left the index because they are gone or can no longer be read.
    public var filesRemoved = 0
    public var articlesAdded = 0
    public var articlesRemoved = 0
    /// Articles whose relations were extracted, and how many relations they state.
    public var relationArticles = 0
    public var relationsFound = 0
    /// Seconds spent on relations (included in `seconds`).
    public var relationSeconds: Double = 0
    public var bytesRead: Int64 = 0
    /// Files that could not be used, with the reason.
    public var problems: [LoadProblem] = []
    /// Notes that are not failures (replaced invalid UTF-8), for every file in the index.
    public var warnings: [LoadProblem] = []
    public var seconds: Double = 0
    /// CPU seconds of the thread that wrote the database in the first stage, with the files it
    /// parsed itself while the next result was not ready (`writerHelpedCPUSeconds`); less
    /// those, the part of a refresh that cannot be spread over more cores.
    public var writerCPUSeconds: Double = 0
    /// Seconds of the first stage before the first file was read (listing and checking the
    /// files), and after the last one was written (indexes made at the end, the last commit,
    /// folding the log into the database): the parts of a refresh that run on one thread.
    public var startSeconds: Double = 0
    public var finishSeconds: Double = 0
    /// Seconds the workers of the first stage spent waiting for the writer to take results (all
    /// workers together), and the writer spent waiting for the next file's result: which side
    /// held the other up.
    public var workersBlockedSeconds: Double = 0
    public var writerWaitedSeconds: Double = 0
    /// Files the writer parsed itself while the next result was not ready, and the CPU seconds
    /// that took (part of `writerCPUSeconds`).
    public var writerHelpedFiles: Int = 0
    public var writerHelpedCPUSeconds: Double = 0
}


/// Runs `work` for indices 0..<count on background threads and on the consumer's, and hands
/// the results back in order, holding at most `window` finished results, so that parsing
/// overlaps with writing and memory stays bounded.
final class OrderedPipeline<Output> {
    private let condition = NSCondition()
    /// Finished results by index, each with the worker that made it (-1: the consumer).
    private var results: [Int: (output: Output, maker: Int)] = [:]
    /// The maker of the result `next` handed out last, and results given back (`recycle`) for
    /// each worker to free.
    private var lastHandedMaker = -1
    private var garbage: [[Output]]
    private var nextToStart = 0
    private var nextToHand = 0
    private let count: Int
    private let window: Int
    /// Seconds the workers waited for room in the window (all together), and the consumer for
    /// the next result: read under the lock, after the last result (`waits`).
    private var blocked: Double = 0
    private var waited: Double = 0
    /// Who waits, so that a change wakes only a side it concerns: the consumer is woken by the
    /// result it waits for, and waiting workers once `slack` places are free in the window, not
    /// at every result taken or made (each wake-up is a system call and a switch of threads).
    private var consumerWaiting = false
    private var workersWaiting = 0
    private let slack: Int

    /// The work, which the consumer also runs while its next result is not ready.
    private let work: (Int) -> Output
    /// Items the consumer worked on itself, and that work's CPU seconds (of its own thread).
    private var helped = 0
    private var helpedCPU: Double = 0

    /// `workers` threads (none at all: the consumer does every item) run `work`, and the
    /// consumer runs it too while the result it waits for is not ready: it claims the next item
    /// itself rather than sleeping, so that with one worker fewer than the cores every core
    /// stays busy. (With as many workers as cores and a consumer that has work of its own, three
    /// threads share two cores: the workers fill the window, then wait while the consumer
    /// catches up alone on one core.)
    init(count: Int, workers: Int, window: Int, work: @escaping (Int) -> Output) {
        self.count = count
        self.window = max(1, window)
        self.work = work
        slack = max(1, self.window / 8)
        let threads = max(0, workers)
        garbage = Array(repeating: [], count: threads)
        for worker in 0..<threads {
            // The threads keep the pipeline alive until they run out of work.
            let thread = Thread {
                // Named, so that a profile (perf's comm) tells the workers from the writing thread.
                OrderedPipeline.nameThisThread("qari-worker")
                while let (index, used) = self.claim(worker) {
                    // What this worker made and the consumer gave back, freed here (`recycle`).
                    _ = consume used
                    let output = work(index)
                    self.condition.lock()
                    self.results[index] = (output, worker)
                    if self.consumerWaiting && index == self.nextToHand { self.condition.broadcast() }
                    self.condition.unlock()
                }
            }
            thread.stackSize = 8 << 20
            // Not kept: a pipeline holding its threads, whose blocks hold the pipeline, would never
            // be freed, and with it every input its work closure captured.
            thread.start()
        }
    }

    /// Linux's name of the calling thread (at most 15 bytes), if /proc lets it be set.
    static func nameThisThread(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        _ = name.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    /// The next item for `worker`, and the results it made that the consumer has given back.
    private func claim(_ worker: Int) -> (index: Int, used: [Output])? {
        condition.lock()
        defer { condition.unlock() }
        if nextToStart < count && nextToStart >= nextToHand + window {
            let t = MonotonicClock.seconds()
            workersWaiting += 1
            while nextToStart < count && nextToHand + window - nextToStart < slack { condition.wait() }
            workersWaiting -= 1
            blocked += MonotonicClock.seconds() - t
        }
        guard nextToStart < count else { return nil }
        nextToStart += 1
        let used = garbage[worker]
        garbage[worker] = []
        return (nextToStart - 1, used)
    }

    /// The next result in order, waiting for it; nil after the last.
    func next() -> Output? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToHand < count else { return nil }
        while results[nextToHand] == nil {
            if nextToStart < count && nextToStart < nextToHand + window {
                // Not ready: the next unclaimed item is worked on here, not waited out.
                let index = nextToStart
                nextToStart += 1
                helped += 1
                condition.unlock()
                let cpu = MonotonicClock.threadCPUSeconds()
                let output = work(index)
                let used = MonotonicClock.threadCPUSeconds() - cpu
                condition.lock()
                helpedCPU += used
                results[index] = (output, -1)
                continue
            }
            let t = MonotonicClock.seconds()
            consumerWaiting = true
            // (No item can become free to claim meanwhile: only this thread moves the window.)
            while results[nextToHand] == nil { condition.wait() }
            consumerWaiting = false
            waited += MonotonicClock.seconds() - t
        }
        guard let (output, maker) = results.removeValue(forKey: nextToHand) else { return nil }
        lastHandedMaker = maker
        nextToHand += 1
        if workersWaiting > 0 && nextToHand + window - nextToStart >= slack { condition.broadcast() }
        return output
    }

    /// Gives back the result `next` handed out last, once the consumer is done with it, to be
    /// freed on the thread that made it. Freeing on another thread takes the lock of the memory
    /// arena the result's allocations came from, which that thread keeps taking to allocate:
    /// a 100k build made 383,000 futex calls, most of them from the writer freeing the worker's
    /// articles and paragraphs. (A result not given back is freed where it is dropped.)
    func recycle(_ output: consuming Output) {
        condition.lock()
        let maker = lastHandedMaker
        if maker >= 0 {
            garbage[maker].append(output)
            condition.unlock()
        } else {
            condition.unlock()
            _ = consume output
        }
    }

    /// The seconds the workers waited for room (together) and the consumer for results, so far.
    var waits: (workersBlocked: Double, consumerWaited: Double) {
        condition.lock()
        defer { condition.unlock() }
        return (blocked, waited)
    }

    /// The items the consumer worked on itself and the CPU seconds that took.
    var help: (items: Int, cpuSeconds: Double) {
        condition.lock()
        defer { condition.unlock() }
        return (helped, helpedCPU)
    }

    /// Stops handing out work (after an error in the consumer) and lets the threads finish.
    func cancel() {
        condition.lock()
        nextToStart = count
        nextToHand = count
        condition.broadcast()
        condition.unlock()
    }
}
