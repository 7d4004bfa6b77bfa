import ArgumentParser
import Foundation
import QariCore

struct Pair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank articles to read beside another, by shared entities (across scripts) and closeness of date.",
        discussion: "With an ID, ranks candidates in the other language for that article; without, for each Arabic article.")

    @Argument(help: "An article id from `qari list` (a unique prefix is enough). Optional.")
    var id: String?
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "How many candidates per article.")
    var limit = 5
    @Flag(help: "Print a JSON array of {id, candidates: [{id, score, shared}]}.")
    var json = false

    struct Candidate: Encodable { var id: String; var score: Double; var shared: [String] }
    struct Row: Encodable { var id: String; var candidates: [Candidate] }

    func run() throws {
        try runReportingErrors {
            // An id that looks like a path is a path: `qari pair seeds/` pairs every Arabic article.
            var options = corpus
            var wanted = id
            if let w = wanted, FileManager.default.fileExists(atPath: w) {
                options.paths.insert(w, at: 0)
                wanted = nil
            }
            let analysis = try options.analyse()
            let pairing = ArticlePairing(analysis: analysis)
            let sources: [Int]
            if let wanted {
                let article = try ArticleLookup.find(wanted, in: analysis.articles)
                sources = [analysis.articleIndex(id: article.id)!]
            } else {
                sources = analysis.articles.indices.filter { analysis.articles[$0].lang == .ar }
            }
            let rows = sources.map { i in
                Row(id: analysis.articles[i].id, candidates: pairing.candidates(for: i, limit: limit).map {
                    Candidate(id: analysis.articles[$0.articleIndex].id, score: ($0.score * 1000).rounded() / 1000, shared: $0.shared)
                })
            }
            if json {
                try JSONOutput.print(rows)
                return
            }
            var out = ""
            for (row, i) in zip(rows, sources) {
                out += "\(row.id)  \(TerminalOutput.line(analysis.articles[i].title, width: TerminalOutput.width - 12))\n"
                for c in row.candidates {
                    let j = analysis.articleIndex(id: c.id)!
                    let names = c.shared.prefix(4).compactMap { analysis.entity(id: $0)?.name }.joined(separator: ", ")
                    out += String(format: "  %.3f  ", c.score) + "\(c.id)  "
                        + TerminalOutput.line(analysis.articles[j].title, width: max(10, TerminalOutput.width - 32)) + "\n"
                    if !names.isEmpty { out += "         shared: \(Sanitizer.plain(names))\n" }
                }
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }
}
