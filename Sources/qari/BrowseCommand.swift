import ArgumentParser
import Foundation
import QariTUI

/// `qari [browse] [--open NAME] [PATH...]`: the full-screen browser.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the full-screen browser (the default command).",
        discussion: "Press ? inside the browser for every key.")

    @OptionGroup var corpus: CorpusOptions

    @Option(name: .long, help: ArgumentHelp(
        "Start on the entity page of NAME (any spelling, either script) or on the article with that id.",
        valueName: "NAME"))
    var open: String?

    func run() throws {
        try runReportingErrors {
            let paths = try corpus.resolvedPaths()
            let name = Self.corpusName(given: corpus.paths, resolved: paths)
            // A large corpus takes a while to read and match; say so until the screen takes over.
            let showProgress = isatty(STDERR_FILENO) == 1
            if showProgress { Stderr.write("qari: reading \(Sanitizer.plain(name))…") }
            let loaded: BrowserCorpus
            do {
                loaded = try BrowserCorpus.load(paths: paths, name: name)
            } catch let error as CustomStringConvertible {
                if showProgress { Stderr.write("\r\u{1B}[K") }
                throw UserError(error.description)
            }
            if showProgress { Stderr.write("\r\u{1B}[K") }
            var state = BrowserState(corpus: loaded, text: TerminalTextEngine(), width: 80, height: 24)
            if let open, !state.open(name: open) {
                throw UserError("no entity or article named \(Sanitizer.plain(open))")
            }
            let status: Int32
            do {
                status = try BrowserApp.run(state)
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
