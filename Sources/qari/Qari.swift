import ArgumentParser
import Foundation
import QariCore

@main
struct Qari: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qari",
        abstract: "A keyboard-driven terminal browser for English and Arabic news corpora.",
        discussion: "With no command, qari opens the browser. With no PATH, it opens the seed corpus.",
        subcommands: [List.self, Show.self, Search.self, Index.self, Entities.self, EntityCommand.self, Resolve.self, Graph.self, Pair.self, Render.self,
                      Browse.self],
        defaultSubcommand: Browse.self
    )
}
