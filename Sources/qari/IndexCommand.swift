import ArgumentParser
import Foundation
import QariCore
import QariStore
#if canImport(Glibc)
import Glibc
#endif

/// How commands that use the index open it.
struct IndexOptions: ParsableArguments {
    @Flag(name: .customLong("no-index"), help: "Do not use the index cache: read the corpus into memory for this run.")
    var noIndex = false
}

enum IndexAccess {
    /// The message for an index that failed to answer. A damaged value is marked in the index,
    /// so that the next run builds it again (`CorpusIndex.markDamaged`).
    static func unreadable(_ index: CorpusIndex, _ what: String, _ error: Error) -> String {
        let remedy = index.markDamaged(ifCorrupt: error) ? "the next run rebuilds it" : "`qari index` rebuilds it"
        return "the index \(what) (\(error)); \(remedy), --no-index avoids it"
    }

    /// Opens the corpus's index and brings it up to date, showing progress on stderr and
    /// reporting notices and unreadable files as `CorpusOptions.load` does.
    ///
    /// - Parameter relations: also extract the relations of new articles (the slow stage);
    ///   a search does not need them, so they wait for `qari index` or the browser.
    static func openAndRefresh(_ corpus: CorpusOptions, _ options: IndexOptions,
                               relations: Bool) throws -> (CorpusIndex, IndexRefreshSummary) {
        let paths = try corpus.resolvedPaths()
        let quiet = corpus.quiet
        let index: CorpusIndex
        do {
            index = try CorpusIndex(paths: paths, storage: options.noIndex ? .memory : .cache(directory: nil),
                                    matcher: { try Knowledge.matcher(quiet: quiet) })
        } catch {
            throw UserError("cannot open an index for \(paths.joined(separator: ", ")): \(error)")
        }
        // Notices from opening (a rebuilt or in-memory index) come before any progress.
        for notice in index.notices { Stderr.write("qari: \(Sanitizer.plain(notice.description))\n") }
        let noticesShown = index.notices.count
        let reporter = ProgressReporter()
        let summary: IndexRefreshSummary
        do {
            let report = quiet ? nil : reporter.report
            summary = relations ? try index.refresh(progress: report) : try index.updateArticles(progress: report)
        } catch let error as CorpusError {
            throw UserError(error.description)
        } catch let error as IndexError {
            throw UserError(error.description)
        }
        for notice in index.notices.dropFirst(noticesShown) { Stderr.write("qari: \(Sanitizer.plain(notice.description))\n") }
        if !quiet {
            report(problems: summary.problems, warnings: summary.warnings)
        }
        return (index, summary)
    }

    /// The same lines `CorpusOptions.report` prints for a corpus loaded into memory.
    static func report(problems: [LoadProblem], warnings: [LoadProblem]) {
        var lines: [String] = []
        if !problems.isEmpty {
            lines.append("qari: \(problems.count) file\(problems.count == 1 ? "" : "s") could not be read:")
            lines += problems.map { "  \(Sanitizer.plain($0.path)): \($0.reason)" }
        }
        lines += warnings.map { "qari: \(Sanitizer.plain($0.path)): \($0.reason)" }
        if !lines.isEmpty { Stderr.write(lines.joined(separator: "\n") + "\n") }
    }
}

/// Indexing progress on stderr: one line redrawn in place on a terminal, plain lines
/// every few seconds otherwise (logs, pipes).
final class ProgressReporter {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastPlainLine = 0.0
    private var shownThisStage = false

    func report(_ progress: IndexProgress) {
        guard progress.hasWork else { return }
        // A stage over in a blink (a few changed files) is not worth a line.
        if progress.isFinished && !shownThisStage && progress.elapsed < 0.5 { return }
        if isTerminal {
            Stderr.write("\r\u{1B}[K" + progress.summaryLine + (progress.isFinished ? "\n" : ""))
        } else if progress.isFinished || progress.elapsed - lastPlainLine >= 2 {
            Stderr.write(progress.summaryLine + "\n")
            lastPlainLine = progress.elapsed
        } else {
            return
        }
        shownThisStage = !progress.isFinished
        if progress.isFinished { lastPlainLine = 0 }
    }
}

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build or refresh the index of a corpus, and print counts and timings.",
        discussion: """
            The index lives in $XDG_CACHE_HOME/qari/ (by default ~/.cache/qari/), one database per corpus \
            root. Only files whose size, time and content changed are read again; files gone from disk \
            leave the index.
            """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var indexOptions: IndexOptions

    func run() throws {
        try runReportingErrors {
            let (index, s) = try IndexAccess.openAndRefresh(corpus, indexOptions, relations: true)
            let stats = try index.statistics()
            let g = IndexProgress.grouped
            var out = "files     \(g(s.filesFound)) found: \(g(s.filesParsed)) parsed, \(g(s.filesSameContent)) same content, "
                + "\(g(s.filesUnchanged)) unchanged, \(g(s.filesRemoved)) removed, \(g(s.problems.count)) unreadable\n"
            out += "articles  \(g(s.articlesAdded)) added, \(g(s.articlesRemoved)) removed; "
                + "relations read from \(g(s.relationArticles)) new articles: \(g(s.relationsFound)) found\n"
            out += "index     \(g(stats.articles)) articles, \(g(stats.paragraphs)) paragraphs, \(g(stats.entities)) entities, "
                + "\(g(stats.mentions)) mentions, \(g(stats.relations)) relations\n"
            if let file = index.databaseFile {
                out += "database  \(Sanitizer.plain(file.path)) (\(String(format: "%.1f", Double(stats.databaseBytes) / 1_048_576)) MB)\n"
            } else {
                out += "database  in memory\n"
            }
            let mb = Double(s.bytesRead) / 1_048_576
            out += "time      \(String(format: "%.2f", s.seconds)) s"
            if s.filesParsed > 0, s.seconds > 0 {
                let reading = s.seconds - s.relationSeconds
                out += String(format: " (%.1f MB read, parsed, matched and their relations found at ", mb)
                    + IndexProgress.rate(Double(s.articlesAdded) / max(reading, 0.001)) + " articles/s"
                if s.relationSeconds > 0 {
                    out += String(format: "; relations left by earlier searches: %.2f s", s.relationSeconds)
                }
                out += ")"
            }
            out += "\n"
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }
}
