import ArgumentParser
import Foundation
import QariCore
import QariStore

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one clean article: title, a metadata line, paragraphs.",
        discussion: "ID is an id from `qari list` (a unique prefix is enough).")

    @Argument(help: "The article id, as `qari list` prints it.")
    var id: String
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var indexOptions: IndexOptions
    @Flag(help: "Print JSON: the list fields plus paragraphs (text, lang, direction) and boilerplate.")
    var json = false
    @Flag(help: "Also print the lines taken out of the body (boilerplate, bylines, footnotes).")
    var boilerplate = false

    struct ShownArticle: Encodable {
        var row: ArticleRow
        var publisher: String?
        var paragraphs: [Paragraph]
        var boilerplate: [BoilerplateLine]
        func encode(to encoder: Encoder) throws {
            try row.encode(to: encoder)
            enum K: String, CodingKey { case publisher, paragraphs, boilerplate }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(publisher, forKey: .publisher)
            try c.encode(paragraphs, forKey: .paragraphs)
            try c.encode(boilerplate, forKey: .boilerplate)
        }
    }

    func run() throws {
        try runReportingErrors {
            let article: Article
            if indexOptions.noIndex {
                article = try ArticleLookup.find(id, in: corpus.load().articles)
            } else {
                let (index, _) = try IndexAccess.openAndRefresh(corpus, indexOptions, relations: false)
                let found: CorpusIndex.ArticleLookup
                do {
                    found = try index.article(idOrPrefix: id)
                } catch {
                    throw UserError(IndexAccess.unreadable(index, "could not be read", error))
                }
                switch found {
                case .found(let a): article = a
                case .ambiguous(let n): throw ArticleLookup.ambiguous(id, n)
                case .none: throw ArticleLookup.missing(id)
                }
            }
            if json {
                try JSONOutput.print(ShownArticle(row: ArticleRow(article), publisher: article.publisher,
                                                  paragraphs: article.paragraphs, boilerplate: article.boilerplate))
                return
            }
            let width = min(TerminalOutput.width, 100)
            var out = TerminalOutput.paragraph(article.title, width: width) + "\n"
            var meta: [String] = []
            if let s = article.source { meta.append(s) }
            if let p = article.publisher, p != article.source { meta.append("via \(p)") }
            if let a = article.author { meta.append("by \(a)") }
            if let d = article.date { meta.append(d) }
            meta.append(article.lang.rawValue.uppercased())
            meta.append("\(article.file):\(article.firstLine)-\(article.lastLine)")
            out += TerminalOutput.paragraph(meta.joined(separator: " · "), width: width) + "\n"
            for p in article.paragraphs { out += "\n" + TerminalOutput.paragraph(p.text, width: width) + "\n" }
            if boilerplate && !article.boilerplate.isEmpty {
                out += "\n--- removed from the body ---\n"
                for b in article.boilerplate {
                    out += TerminalOutput.paragraph("\(b.line) [\(b.role.rawValue)] \(b.text)", width: width) + "\n"
                }
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }
}

enum ArticleLookup {
    static func find(_ id: String, in articles: [Article]) throws -> Article {
        if let exact = articles.first(where: { $0.id == id }) { return exact }
        let matches = articles.filter { $0.id.hasPrefix(id) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw ambiguous(id, matches.count) }
        throw missing(id)
    }

    static func ambiguous(_ id: String, _ count: Int) -> UserError {
        UserError("article id '\(Sanitizer.plain(id))' is ambiguous: \(count) articles start with it")
    }

    static func missing(_ id: String) -> UserError {
        UserError("no article with id '\(Sanitizer.plain(id))' (see `qari list`)")
    }
}
