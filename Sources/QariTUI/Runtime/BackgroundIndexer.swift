import Foundation
import QariCore
import QariStore
#if canImport(Glibc)
import Glibc
#endif

/// Brings the index up to date on a thread of its own while the browser runs: the run loop
/// asks `poll()` each turn for a message saying how far it got, and the store is reloaded as
/// articles are committed, so the list fills while the user reads.
public final class BackgroundIndexer: @unchecked Sendable {
    private let index: CorpusIndex
    private let store: IndexCorpusStore
    private let lock = NSLock()
    private var latest: IndexProgress?
    private var summary: IndexRefreshSummary?
    private var failure: String?
    private var reported = false
    private var stageOneDone = false
    private var polled = false
    private var lastReload = 0.0
    private var articlesAtLastReload = -1
    private let thread = DispatchGroup()

    public init(index: CorpusIndex, store: IndexCorpusStore) {
        self.index = index
        self.store = store
    }

    /// Starts the refresh (both stages) on a background thread.
    public func start() {
        thread.enter()
        let worker = Thread { [self] in
            // Signals are the run loop's business (the terminal must be restored by it).
            var set = sigset_t()
            sigemptyset(&set)
            for s in [SIGINT, SIGTERM, SIGTSTP, SIGCONT, SIGWINCH, SIGQUIT, SIGHUP] { sigaddset(&set, s) }
            pthread_sigmask(SIG_BLOCK, &set, nil)
            do {
                let s = try index.refresh { [self] p in
                    lock.lock()
                    latest = p
                    if p.stage == .relations || p.isFinished { stageOneDone = true }
                    lock.unlock()
                }
                lock.lock(); summary = s; stageOneDone = true; lock.unlock()
            } catch {
                lock.lock(); failure = "\(error)"; stageOneDone = true; lock.unlock()
            }
            thread.leave()
        }
        worker.stackSize = 8 << 20
        worker.start()
    }

    /// Waits for the refresh to end.
    public func wait() { thread.wait() }

    /// True once every article is stored (relations may still be being extracted).
    public var articlesReady: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stageOneDone
    }

    /// The refresh's progress since the last call, as a message for the browser; nil when
    /// nothing changed. Reloads the store when new articles were committed.
    public func poll() -> Message? {
        lock.lock()
        let progress = latest
        latest = nil
        let done = summary
        let failed = failure
        let alreadyReported = reported
        if done != nil || failed != nil { reported = true }
        lock.unlock()
        if alreadyReported { return nil }
        defer { polled = true }
        if let failed {
            store.reload()
            return .indexing(IndexingStatus(line: "indexing stopped: \(failed)", isFinished: true))
        }
        if let done {
            store.reload()
            let problems = done.problems.map { CorpusProblem(path: $0.path, reason: $0.reason) }
            let line = done.filesParsed == 0 && done.filesRemoved == 0
                ? "index up to date: \(IndexProgress.grouped(store.count)) articles"
                : "indexed \(IndexProgress.grouped(done.articlesAdded)) new articles in \(String(format: "%.1f", done.seconds)) s"
            return .indexing(IndexingStatus(line: line, isFinished: true, problems: problems))
        }
        guard let progress, progress.hasWork else {
            // Until the first report (the files are being looked at), say that something is going on.
            return polled ? nil : .indexing(IndexingStatus(line: "checking the files of the index…", isFinished: false))
        }
        let now = MonotonicClock.seconds()
        if progress.stage == .reading, progress.articles != articlesAtLastReload, now - lastReload >= 1.0 || progress.isFinished {
            store.reload()
            lastReload = now
            articlesAtLastReload = progress.articles
        }
        return .indexing(IndexingStatus(line: progress.summaryLine, isFinished: false))
    }
}
