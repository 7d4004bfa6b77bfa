import ArgumentParser
import Foundation
import QariCore
import QariStore
import QariTUI

/// `qari [browse] [--open NAME] [--no-index] [PATH...]`: the full-screen browser.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the full-screen browser (the default command).",
        discussion: """
            The browser reads the corpus through its index ($XDG_CACHE_HOME/qari/), which it brings up to \
            date in the background: the list fills as files are read, and the status bar shows how far \
            indexing has got. Press ? inside the browser for every key.
            """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var indexOptions: IndexOptions

    @Option(name: .long, help: ArgumentHelp(
        "Start on the entity page of NAME (any spelling, either script) or on the article with that id.",
        valueName: "NAME"))
    var open: String?

    func run() throws {
        try runReportingErrors {
            let paths = try corpus.resolvedPaths()
            let name = Self.corpusName(given: corpus.paths, resolved: paths)
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil {
                    throw UserError(CorpusError.missingPath(path).description)
                }
            }
            // The user's ignored knowledge lines are listed in the browser (`!`), not on stderr.
            let (matcher, knowledgeIssues) = try Knowledge.load()
            let index: CorpusIndex
            do {
                index = try CorpusIndex(paths: paths, storage: indexOptions.noIndex ? .memory : .cache(directory: nil),
                                        matcher: { matcher })
            } catch {
                throw UserError("cannot open an index for \(paths.joined(separator: ", ")): \(error)")
            }
            let store = IndexCorpusStore(index: index, matcher: matcher)
            // A rebuilt index or one kept in memory is said in the status bar.
            var news: [Message] = index.notices.map { .indexing(IndexingStatus(line: $0.description, isFinished: true)) }
            var poll: (() -> Message?)?
            if indexOptions.noIndex || index.databaseFile == nil {
                // An index in memory (asked for, or because the cache folder cannot be written)
                // cannot be read while it is written: fill it first.
                let reporter = ProgressReporter()
                let summary: IndexRefreshSummary
                do {
                    summary = try index.refresh(progress: isatty(STDERR_FILENO) == 1 ? reporter.report : nil)
                } catch let error as CustomStringConvertible {
                    throw UserError(error.description)
                }
                store.reload()
                news.append(.indexing(IndexingStatus(line: "read \(IndexProgress.grouped(store.count)) articles into memory",
                                                     isFinished: true,
                                                     problems: summary.problems.map { CorpusProblem(path: $0.path, reason: $0.reason) })))
            } else {
                let indexer = BackgroundIndexer(index: index, store: store)
                indexer.start()
                // An id or a name to open needs the articles: on a first run, wait for them.
                if open != nil {
                    let showProgress = isatty(STDERR_FILENO) == 1
                    while !indexer.articlesReady {
                        if let m = indexer.poll() {
                            news.append(m)
                            if showProgress, case .indexing(let status) = m { Stderr.write("\r\u{1B}[K" + Sanitizer.plain(status.line)) }
                        }
                        usleep(50_000)
                    }
                    if let m = indexer.poll() { news.append(m) }
                    if showProgress { Stderr.write("\r\u{1B}[K") }
                }
                poll = indexer.poll
            }
            var problems: [CorpusProblem] = []
            problems += knowledgeIssues.map { CorpusProblem(path: $0.path, reason: "line \($0.line): \($0.reason)") }
            var state = BrowserState(corpus: BrowserCorpus(name: name, store: store, problems: problems),
                                     text: TerminalTextEngine(), width: 80, height: 24)
            state.update(news)
            let readMarks = ReadMarks()
            state.rememberRead(readMarks.load())
            if let open, !state.open(name: open) {
                throw UserError("no entity or article named \(Sanitizer.plain(open))")
            }
            let status: Int32
            do {
                status = try BrowserApp.run(state, poll: poll, afterUpdate: { readMarks.save($0.list.read) })
            } catch let error as BrowserApp.RunError {
                throw UserError(error.description)
            }
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// "seeds" for the default corpus, else the names of the paths given.
    static func corpusName(given: [String], resolved: [String]) -> String {
        if given.isEmpty, let first = resolved.first { return URL(fileURLWithPath: first).lastPathComponent }
        let names = resolved.map { URL(fileURLWithPath: $0).lastPathComponent }
        return names.count <= 2 ? names.joined(separator: ", ") : "\(names[0]) and \(names.count - 1) more"
    }
}
