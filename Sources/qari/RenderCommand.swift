import ArgumentParser
import Foundation
import TerminalText

/// `qari render`: lays out text from standard input for a terminal (wrapping, bidi
/// reordering, Arabic shaping, sanitising) and writes the visual lines to standard
/// output, so any terminal program can show Arabic the way the browser does.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lay out text from standard input as terminal lines: wrapped, reordered, shaped, sanitised.",
        discussion: """
            Blank lines separate paragraphs; the lines of one paragraph are joined. Each \
            paragraph is written as visual lines no wider than --width, right-to-left \
            paragraphs right-aligned, separated by one blank line. Escape sequences, \
            control characters and bidi controls in the input are removed, invalid UTF-8 \
            is replaced by U+FFFD.
            """
    )

    /// Base direction flags: `--rtl` or `--ltr`; without either, each paragraph's
    /// direction comes from its first strong character.
    enum Direction: String, EnumerableFlag {
        case rtl
        case ltr

        static func help(for value: Direction) -> ArgumentHelp? {
            switch value {
            case .rtl: return "Lay every paragraph out right to left."
            case .ltr: return "Lay every paragraph out left to right."
            }
        }
    }

    @Option(help: "Columns per line (default: $COLUMNS, else 80).")
    var width: Int?

    @Flag(name: .customLong("no-shape"), help: "Do not join Arabic letters into presentation forms.")
    var noShape = false

    @Flag(name: .customLong("no-ligatures"), help: "Do not draw lam-alef as one ligature.")
    var noLigatures = false

    @Flag(exclusivity: .exclusive)
    var direction: Direction?

    func validate() throws {
        if let width, !(1 ... Self.maximumWidth).contains(width) {
            throw ValidationError("--width must be between 1 and \(Self.maximumWidth), not \(width).")
        }
    }

    func run() throws {
        let options = LayoutOptions(width: resolvedWidth,
                                    direction: direction.map { $0 == .rtl ? .rtl : .ltr } ?? .auto,
                                    shaping: !noShape,
                                    ligatures: !noLigatures)
        var paragraph: [String] = []
        var wroteParagraph = false

        func flush() {
            guard !paragraph.isEmpty else { return }
            if wroteParagraph { print("") }
            for line in TerminalText.layout(paragraph.joined(separator: "\n"), options: options) {
                print(line.text)
            }
            wroteParagraph = true
            paragraph.removeAll(keepingCapacity: true)
        }

        // readLine decodes UTF-8 and replaces invalid sequences with U+FFFD.
        while let line = readLine(strippingNewline: true) {
            if Self.isBlank(line) {
                flush()
            } else {
                paragraph.append(line)
            }
        }
        flush()
    }

    /// Wider than any screen; a bound so that right alignment cannot ask for absurd
    /// amounts of padding.
    static let maximumWidth = 10_000

    /// --width, else a usable $COLUMNS, else 80.
    private var resolvedWidth: Int {
        if let width { return width }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), (1 ... Self.maximumWidth).contains(value) {
            return value
        }
        return 80
    }

    /// A line with nothing to show once sanitised.
    private static func isBlank(_ line: String) -> Bool {
        TerminalText.sanitize(line).unicodeScalars.allSatisfy { $0 == " " }
    }
}
