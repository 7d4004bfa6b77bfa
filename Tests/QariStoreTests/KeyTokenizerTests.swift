import Foundation
import GRDB
import XCTest
import QariCore
@testable import QariStore

/// `qari_keys` must give the terms and positions `unicode61 remove_diacritics 2` gives: the same
/// text goes into two full-text tables, one with each tokenizer, and their term instances
/// (term, row, column, position) must be equal.
final class KeyTokenizerTests: XCTestCase {
    private func instances(of texts: [(String, String)]) throws -> (plain: [String], keys: [String]) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try KeyTokenizer.register(db) }
        let queue = try DatabaseQueue(configuration: configuration)
        return try queue.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE plain USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
                CREATE VIRTUAL TABLE keys USING fts5(title, body, tokenize='qari_keys remove_diacritics 2');
                CREATE VIRTUAL TABLE plain_terms USING fts5vocab(plain, instance);
                CREATE VIRTUAL TABLE keys_terms USING fts5vocab(keys, instance);
                """)
            for (i, (title, body)) in texts.enumerated() {
                for table in ["plain", "keys"] {
                    try db.execute(sql: "INSERT INTO \(table)(rowid, title, body) VALUES (?, ?, ?)", arguments: [i + 1, title, body])
                }
            }
            func terms(_ table: String) throws -> [String] {
                try Row.fetchAll(db, sql: "SELECT term, doc, col, offset FROM \(table) ORDER BY doc, col, offset, term").map {
                    "\($0[0] as String) \($0[1] as Int) \($0[2] as String) \($0[3] as Int)"
                }
            }
            return (try terms("plain_terms"), try terms("keys_terms"))
        }
    }

    /// The keys the index stores for every article of the seeds.
    func testSeedKeysGiveTheTermsOfUnicode61() throws {
        let corpus = try CorpusLoader().load([Repo.seeds.path])
        let texts = corpus.articles.map { a in
            (SearchText.indexForm(a.title), String(decoding: IndexWriter.bodyKeys(a.paragraphs.lazy.map(\.text)), as: UTF8.self))
        }
        XCTAssertGreaterThan(texts.count, 20)
        let (plain, keys) = try instances(of: texts)
        XCTAssertGreaterThan(plain.count, 10_000)
        XCTAssertEqual(plain, keys)
    }

    /// Each scalar of the Arabic block and of ASCII alone and inside words (the edges of the
    /// words passed through unchanged), and random text, raw and as keys: upper case,
    /// punctuation, accents, harakat, tatweel, other scripts, spaces of every kind.
    func testAnyTextGivesTheTermsOfUnicode61() throws {
        var texts: [(String, String)] = []
        for v in Array(0x0600...0x06FF) + Array(0x20...0x7E) {
            let c = String(Unicode.Scalar(v)!)
            texts.append((c, "ب\(c)ب a\(c)a \(c)\(c) ك\(c)"))
        }
        let pieces = ["Idlib", "ATTACKS", "al-Sham", "Hay’at", "2019", "x9", "a", " ", "  ", ", ", ".", "-", "’", "'", "\n", "\t",
                      "é", "École", "İstanbul", "ß", "Ωμέγα", "中文", "😀", "\u{200D}", "\u{00A0}", "\u{0301}", "—", "وحلب", "حَلَب",
                      "حـلـب", "٢٠١٩", "۱۲", "إدلب", "مصطفى", "،", "؟", "Aleppoحلب", "ﻻ", "ab٣", "e\u{0301}", "\u{064B}", "ـ", "ٱلحلب",
                      "ۀ", "ڤ", "\u{0670}", "\u{200F}", "\u{FEFF}", "ء", "ي", "ى", "ة"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            texts.append((text, SearchText.indexForm(text)))
        }
        let (plain, keys) = try instances(of: texts)
        XCTAssertGreaterThan(plain.count, 1000)
        XCTAssertEqual(plain, keys)
    }
}
