import ArgumentParser
import QariCore

@main
struct Qari: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qari",
        abstract: "A keyboard-driven terminal browser for English and Arabic news corpora.",
        subcommands: [Render.self]
    )
}
