import ArgumentParser
import Foundation
import QariCore
import QariStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search a corpus: ranked articles with a snippet each.",
        discussion: """
            QUERY is one argument (quote it in the shell). Words must all appear (AND); OR between \
            two words accepts either and binds tighter than AND (idlib hts OR nusra = idlib AND \
            (hts OR nusra)); -word excludes; "several words" is a phrase; prefix* matches the start \
            of words; ( ) groups. Filters: entity:NAME (any spelling, either script), \
            type:faction, lang:ar, lang:en, source:"South Front", date:2019-08..2019-09, date:2019, \
            after:2019-08, before:2020.
            Arabic is matched without harakat and alef, yaa and taa marbuta variants, and through \
            the proclitics و ف ب ل ك ال (حلب finds وحلب); English ignores case and plural or -ed/-ing endings.
            Example: qari search 'entity:HTS lang:en "national front" OR nfl -turkey'
            The corpus is read through the index (see `qari index`); new and changed files are read first.
            """)

    @Argument(help: "The query.")
    var query: String
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var indexOptions: IndexOptions
    @Option(name: .long, help: "How many results to show.")
    var limit: Int = 50
    @Flag(help: "Print a JSON array of {id, title, score, snippet}.")
    var json = false

    struct Row: Encodable {
        var id: String
        var title: String
        var score: Double
        var snippet: String
    }

    func run() throws {
        try runReportingErrors {
            let parsed: SearchQuery
            do {
                parsed = try SearchQueryParser.parse(query)
            } catch let error as QueryError {
                throw UserError(error.description)
            }
            guard limit > 0 else { throw UserError("--limit must be at least 1") }
            let (index, _) = try IndexAccess.openAndRefresh(corpus, indexOptions, relations: false)
            let results: SearchResults
            do {
                results = try index.search(parsed, limit: limit, counting: !json)
            } catch let error as QueryError {
                throw UserError(error.description)
            } catch {
                throw UserError(IndexAccess.unreadable(index, "could not be searched", error))
            }
            if json {
                try JSONOutput.print(results.hits.map {
                    Row(id: $0.article.id, title: $0.article.title, score: ($0.score * 1000).rounded() / 1000, snippet: $0.snippet.text)
                })
                return
            }
            let total = results.totalCount ?? results.hits.count
            var out = total == 0 ? "no articles match\n"
                : "\(IndexProgress.grouped(total)) article\(total == 1 ? "" : "s") match"
                    + (total > results.hits.count ? "; the best \(results.hits.count):\n" : ":\n")
            let width = TerminalOutput.width
            for hit in results.hits {
                let a = hit.article
                let head = [String(format: "%6.2f", hit.score), a.id, a.date ?? "----------",
                            pad(String(Sanitizer.plain(a.source ?? "-").prefix(14)), 14)].joined(separator: "  ")
                out += "\n" + head + "  " + TerminalOutput.line(a.title, width: max(10, width - head.count - 2)) + "\n"
                if !hit.snippet.text.isEmpty {
                    let body = TerminalOutput.paragraph(hit.snippet.text, width: max(20, min(width, 100) - 8))
                    out += body.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n") + "\n"
                }
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }

    private func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
}
