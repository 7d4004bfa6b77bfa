import ArgumentParser
import Foundation
import QariCore
import TerminalText
#if canImport(Glibc)
import Glibc
#endif

/// Paths shared by every command: files and folders, or the seeds when none are given.
struct CorpusOptions: ParsableArguments {
    @Argument(help: "Files or folders to read (folders recursively). Default: the seed corpus, or $QARI_CORPUS.")
    var paths: [String] = []

    @Flag(name: .long, help: "Do not print the list of files that could not be read.")
    var quiet = false

    func resolvedPaths() throws -> [String] {
        if !paths.isEmpty { return paths }
        if let env = ProcessInfo.processInfo.environment["QARI_CORPUS"], !env.isEmpty { return [env] }
        guard let seeds = SeedLocator.seedsFolder() else {
            throw UserError("cannot find the seed corpus; give a path or set QARI_CORPUS")
        }
        return [seeds]
    }

    /// Loads the corpus; problems go to stderr, a user's mistake becomes a one-line error.
    func load() throws -> LoadedCorpus {
        let corpus: LoadedCorpus
        do {
            corpus = try CorpusLoader().load(resolvedPaths())
        } catch let error as CorpusError {
            throw UserError(error.description)
        }
        if !quiet { report(corpus) }
        return corpus
    }

    func report(_ corpus: LoadedCorpus) {
        var lines: [String] = []
        if !corpus.problems.isEmpty {
            let n = corpus.problems.count
            lines.append("qari: \(n) file\(n == 1 ? "" : "s") could not be read:")
            lines += corpus.problems.map { "  \(Sanitizer.plain($0.path)): \($0.reason)" }
        }
        lines += corpus.warnings.map { "qari: \(Sanitizer.plain($0.path)): \($0.reason)" }
        if !lines.isEmpty { Stderr.write(lines.joined(separator: "\n") + "\n") }
    }
}

/// A mistake the user can fix: printed as one line on stderr, exit status 1.
struct UserError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

enum Stderr {
    static func write(_ s: String) {
        FileHandle.standardError.write(s.data(using: .utf8) ?? Data())
    }
}

/// Runs a command body, turning user errors into one line on stderr and exit status 1.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as UserError {
        Stderr.write("qari: \(e.message)\n")
        throw ExitCode(1)
    }
}

enum Sanitizer {
    /// Article text is untrusted: escape sequences, controls and bidi overrides never reach the terminal.
    static func plain(_ s: String) -> String { TerminalText.sanitize(s) }
}

/// Output to a terminal is laid out (bidi, Arabic joining) for its width; output to a pipe
/// stays in logical order for scripts.
enum TerminalOutput {
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 80
    }

    /// A paragraph as visual lines when writing to a terminal, else as one logical line.
    static func paragraph(_ text: String, width: Int) -> String {
        guard isTerminal else { return Sanitizer.plain(text) }
        return TerminalText.layout(text, options: LayoutOptions(width: max(1, width))).map(\.text).joined(separator: "\n")
    }

    /// One line cut to `width` cells when writing to a terminal.
    static func line(_ text: String, width: Int) -> String {
        guard isTerminal else { return Sanitizer.plain(text) }
        return TerminalText.truncate(text, width: max(1, width)).text
    }
}
