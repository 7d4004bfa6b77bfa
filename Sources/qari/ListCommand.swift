import ArgumentParser
import Foundation
import QariCore
import QariStore

/// One row of `qari list --json`: the stable interface scripts depend on.
struct ArticleRow: Encodable {
    var id: String
    var file: String
    var title: String
    var source: String?
    var author: String?
    var date: String?
    var lang: String
    var first_line: Int
    var last_line: Int
    var words: Int

    init(_ a: some ListedArticle) {
        id = a.id
        file = a.file
        title = a.title
        source = a.source
        author = a.author
        date = a.date
        lang = a.lang.rawValue
        first_line = a.firstLine
        last_line = a.lastLine
        words = a.listedWords
    }

    // Optional fields are written as null rather than left out: scripts can rely on every key.
    enum CodingKeys: String, CodingKey { case id, file, title, source, author, date, lang, first_line, last_line, words }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(file, forKey: .file)
        try c.encode(title, forKey: .title)
        try c.encode(source, forKey: .source)
        try c.encode(author, forKey: .author)
        try c.encode(date, forKey: .date)
        try c.encode(lang, forKey: .lang)
        try c.encode(first_line, forKey: .first_line)
        try c.encode(last_line, forKey: .last_line)
        try c.encode(words, forKey: .words)
    }
}

/// What a row of `qari list` shows: an article read into memory, or its summary in the index.
protocol ListedArticle {
    var id: String { get }
    var file: String { get }
    var title: String { get }
    var source: String? { get }
    var author: String? { get }
    var date: String? { get }
    var lang: Language { get }
    var firstLine: Int { get }
    var lastLine: Int { get }
    var listedWords: Int { get }
}

extension Article: ListedArticle { var listedWords: Int { wordCount } }
extension ArticleSummary: ListedArticle { var listedWords: Int { words } }

enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write("\n".data(using: .utf8)!)
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the articles of a corpus, one row each.",
        discussion: """
            Columns: id, date, source, language, title. Ids are stable for the same file content. \
            The corpus is read through the index (see `qari index`): new and changed files are read first.
            """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var indexOptions: IndexOptions
    @Flag(help: "Print a JSON array of {id, file, title, source, author, date, lang, first_line, last_line, words}.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let rows: [ArticleRow]
            if indexOptions.noIndex {
                rows = try corpus.load().articles.map(ArticleRow.init)
            } else {
                // Rows from the index: a large corpus already indexed lists in a second, without
                // reading every file into memory.
                let (index, _) = try IndexAccess.openAndRefresh(corpus, indexOptions, relations: false)
                do {
                    rows = try index.rows(0..<index.articleCount()).map(ArticleRow.init)
                } catch {
                    throw UserError(IndexAccess.unreadable(index, "could not be read", error))
                }
            }
            if json {
                try JSONOutput.print(rows)
                return
            }
            var out = ""
            let titleWidth = max(10, TerminalOutput.width - 50)
            for a in rows {
                let source = Sanitizer.plain(a.source ?? "-")
                out += [a.id, a.date ?? "----------", pad(String(source.prefix(16)), 16), a.lang.uppercased(),
                        TerminalOutput.line(a.title, width: titleWidth)].joined(separator: "  ") + "\n"
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }

    private func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
}
