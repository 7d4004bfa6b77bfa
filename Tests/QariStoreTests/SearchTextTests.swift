import Foundation
import QariCore
import XCTest
@testable import QariStore

/// Folding of text for search: Arabic letters and proclitics, English case and endings.
final class SearchTextTests: XCTestCase {
    func testArabicLettersAreNormalised() {
        // Alef forms, alef maqsura, taa marbuta, harakat and tatweel.
        XCTAssertEqual(SearchText.keys("أحمد"), SearchText.keys("احمد"))
        XCTAssertEqual(SearchText.keys("إدلب"), SearchText.keys("ادلب"))
        XCTAssertEqual(SearchText.keys("آمنة"), SearchText.keys("امنه"))
        XCTAssertEqual(SearchText.keys("مصطفى"), SearchText.keys("مصطفي"))
        XCTAssertEqual(SearchText.keys("سورية"), ["سوريه"])
        XCTAssertEqual(SearchText.keys("حَلَب"), ["حلب"])
        XCTAssertEqual(SearchText.keys("حـلـب"), ["حلب"])
    }

    func testProcliticsAreStripped() {
        for written in ["وحلب", "بحلب", "لحلب", "فحلب", "كحلب", "وبحلب", "الحلب"] {
            XCTAssertEqual(SearchText.keys(written), ["حلب"], written)
        }
        XCTAssertEqual(SearchText.keys("والحسكة"), SearchText.keys("الحسكة"))
        XCTAssertEqual(SearchText.keys("للجيش"), SearchText.keys("الجيش"))
        // Three letters always stay: بلد is not ب + لد.
        XCTAssertEqual(SearchText.keys("بلد"), ["بلد"])
        // Stripping one letter at a time keeps و + word equal to word, even for words
        // that start with a proclitic letter.
        XCTAssertEqual(SearchText.keys("ولبنان"), SearchText.keys("لبنان"))
        XCTAssertEqual(SearchText.keys("والوزير"), SearchText.keys("وزير"))
    }

    func testEnglishIsCaseFoldedAndLightlyStemmed() {
        XCTAssertEqual(SearchText.keys("Idlib IDLIB idlib"), ["idlib", "idlib", "idlib"])
        XCTAssertEqual(SearchText.keys("attacks attacked attacking attack"), ["attack", "attack", "attack", "attack"])
        XCTAssertEqual(SearchText.keys("strikes striking"), ["strike", "strike"])
        XCTAssertEqual(SearchText.keys("militias"), SearchText.keys("militia"))
        XCTAssertEqual(SearchText.keys("countries"), SearchText.keys("country"))
        XCTAssertEqual(SearchText.keys("hopping hoped"), ["hop", "hope"])
        // -ss is not a plural.
        XCTAssertEqual(SearchText.keys("press"), ["press"])
    }

    func testWordsSplitLikeTheFTS5Tokenizer() {
        XCTAssertEqual(SearchText.keys("Hay’at Tahrir al-Sham"), ["hai", "at", "tahrir", "al", "sham"])
        XCTAssertEqual(SearchText.keys("Aleppoحلب"), ["aleppo", "حلب"])
        XCTAssertEqual(SearchText.keys("٢٠١٩"), ["2019"])
        XCTAssertEqual(SearchText.keys("— !!"), [])
        XCTAssertEqual(SearchText.indexForm("The Syrian Army, near Saraqib."), "the syrian armi near saraqib")
    }

    func testPrefixKeysAreNotStemmed() {
        XCTAssertEqual(SearchText.prefixKeys("attacks"), ["attacks"])
        XCTAssertEqual(SearchText.prefixKeys("الحس"), ["حس"])
        XCTAssertEqual(SearchText.prefixKeys("tahrir al"), ["tahrir", "al"])
    }

    func testWordRangesAreScalarOffsets() {
        let words = SearchText.words(in: "In وحلب, clashes")
        XCTAssertEqual(words.map(\.range), [0..<2, 3..<7, 9..<16])
        XCTAssertEqual(words.map(\.key), ["in", "حلب", "clash"])
    }

    /// The byte loop of `indexForm` gives the keys of its scalar definition, on random text
    /// mixing ASCII words, digits, punctuation, Arabic (with harakat, tatweel, Arabic-Indic
    /// digits and proclitics), accented Latin, other scripts and separators.
    func testIndexFormEqualsItsScalarDefinition() {
        let pieces = ["Idlib", "ATTACKS", "hopping", "hoped", "country", "agreed", "feed", "ing", "bed", "yy", "al-Sham", "Hay’at", "2019", "x9", "ab", "a", "sses", "boxes", " ", "  ", ", ",
                      ".", "-", "’", "'", "\n", "\t", "é", "École", "Ärger", "İstanbul", "ǅ", "ß", "Ωμέγα", "中文", "😀", "\u{200D}",
                      "\u{00A0}", "\u{0301}", "—", "وحلب", "والحسكة", "حَلَب", "حـلـب", "٢٠١٩", "۱۲", "بلد", "للجيش", "إدلب",
                      "مصطفى", "،", "؟", "Aleppoحلب", "ﻻ", "ab٣", "e\u{0301}", "الالال", "وو", "ال", "فبلكم", "\u{064B}", "ـ", "ٱلحلب",
                      "ۀ", "ۿ", "ڤ", "ۦ", "\u{0670}", "وال", "لل",
                      // U+2010-2027, split on bytes, and their neighbours U+200F and U+2028.
                      "\u{2010}", "–", "‘", "“", "”", "„", "‟", "•", "…", "\u{2027}", "\u{200F}", "\u{2028}", "\u{2030}"]
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for _ in 0..<6000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += pieces.randomElement(using: &generator)! }
            texts.append(text)
        }
        assertIndexFormEqualsItsScalarDefinition(texts)
        let paragraphs = ["The Syrian Army", "", "—", "وحلب attacks"]
        XCTAssertEqual(SearchText.indexForm(joining: paragraphs),
                       paragraphs.map(SearchText.indexFormByScalars).filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// ASCII words of every length up to 24 (the fast path reads them eight bytes at a time and
    /// writes keys into room reserved exactly), in three cases, at the end of the text or before
    /// each kind of byte that ends such a word, alone, after other words and joined as a body.
    func testASCIIWordsOfEveryLengthEqualTheirScalarDefinition() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let followers = ["", " ", ",", ".", "-", "'", "’s", "\u{2010}", "…", "é", "،", "حلب", "9", "\u{00A0}", "\n"]
        var texts: [String] = []
        for length in 1...24 {
            let word = String((0..<length).map { letters[($0 * 7 + length) % 26] })
            for form in [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] {
                for follower in followers {
                    texts.append(form + follower)
                    texts.append("x " + form + follower)
                    texts.append(form + follower + form)
                }
            }
        }
        assertIndexFormEqualsItsScalarDefinition(texts)
        for k in stride(from: 0, to: texts.count - 3, by: 3) {
            let paragraphs = Array(texts[k..<(k + 3)])
            XCTAssertEqual(SearchText.indexForm(joining: paragraphs),
                           paragraphs.map(SearchText.indexFormByScalars).filter { !$0.isEmpty }.joined(separator: " "), "\(paragraphs)")
        }
    }

    /// The byte loop of `indexForm` gives the keys of its scalar definition on every title and
    /// paragraph of the seeds, one by one and joined as the index writer joins a body.
    func testSeedTextsEqualTheirScalarDefinition() throws {
        let corpus = try CorpusLoader().load([Repo.seeds.path])
        let texts = corpus.articles.flatMap { [$0.title] + $0.paragraphs.map(\.text) }
        XCTAssertGreaterThan(texts.count, 200)
        assertIndexFormEqualsItsScalarDefinition(texts)
        for article in corpus.articles {
            let paragraphs = article.paragraphs.map(\.text)
            XCTAssertEqual(SearchText.indexForm(joining: paragraphs),
                           paragraphs.map(SearchText.indexFormByScalars).filter { !$0.isEmpty }.joined(separator: " "))
        }
    }

    /// Each scalar of the Arabic block (`arabicTable` folds them on bytes) alone, inside an Arabic
    /// word, after proclitics and next to ASCII gives the keys of the scalar definition.
    func testArabicBlockEqualsItsScalarDefinition() {
        var texts: [String] = []
        for v in 0x0600...0x06FF {
            let c = String(Unicode.Scalar(v)!)
            texts += [c, "ب\(c)ب", "\(c)\(c)\(c)", "وال\(c)\(c)ب", "\(c)لحلب \(c)", "a\(c) \(c)1"]
        }
        assertIndexFormEqualsItsScalarDefinition(texts)
    }

    /// Words stemmed on bytes only when `EnglishStemmer.step1MayChange` says so get the keys of
    /// the scalar definition, which stems every word: random words of letters that make and
    /// unmake the endings step 1 looks at (s, y, -ed, -ing, -eed, doubled consonants), in
    /// either case, sometimes with a digit.
    func testSkippedStemsEqualTheScalarDefinition() {
        let letters = Array("adeginsyblxzADEGINSY7")
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for _ in 0..<20000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                for _ in 0..<Int.random(in: 1...7, using: &generator) { text.append(letters.randomElement(using: &generator)!) }
                text += " "
            }
            texts.append(text)
        }
        assertIndexFormEqualsItsScalarDefinition(texts)
    }

    /// Compares `indexForm` with `indexFormByScalars` on each text, on a thread of its own, and
    /// fails rather than hangs when one text takes longer than `limit` seconds: a fast path that
    /// does not step past the end of a stretch makes the byte loop of `indexForm` go round forever
    /// (the thread then spins on, harmlessly, until the test process exits).
    private func assertIndexFormEqualsItsScalarDefinition(_ texts: [String], limit: TimeInterval = 20,
                                                          file: StaticString = #filePath, line: UInt = #line) {
        let progress = ComparisonProgress()
        Thread.detachNewThread {
            for (k, text) in texts.enumerated() {
                progress.reach(k)
                let (keys, byScalars) = (SearchText.indexForm(text), SearchText.indexFormByScalars(text))
                if keys != byScalars { progress.differ(text, keys, byScalars) }
            }
            progress.reach(texts.count)
        }
        var reached = -1
        var since = Date()
        while true {
            let now = progress.reached
            if now == texts.count { break }
            if now != reached {
                (reached, since) = (now, Date())
            } else if Date().timeIntervalSince(since) > limit {
                return XCTFail("indexForm took more than \(limit) s on \(texts[now].debugDescription)", file: file, line: line)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        for (text, keys, byScalars) in progress.differences {
            XCTAssertEqual(keys, byScalars, text.debugDescription, file: file, line: line)
        }
    }
}

/// How far a comparison on another thread got (the index of the text being folded) and where
/// its keys differed.
private final class ComparisonProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var k = 0
    private var found: [(String, String, String)] = []

    var reached: Int { lock.withLock { k } }
    var differences: [(String, String, String)] { lock.withLock { found } }
    func reach(_ k: Int) { lock.withLock { self.k = k } }
    func differ(_ text: String, _ keys: String, _ byScalars: String) { lock.withLock { found.append((text, keys, byScalars)) } }
}
