import Foundation
import XCTest
@testable import QariCore

final class EntityFactTests: XCTestCase {
    private func summary(_ text: String) -> [String] {
        FactExtractor.casualties(in: text).map { "\($0.count) \($0.who) \($0.outcome)" }
    }

    func testListOfFiguresSharesTheOutcome() {
        XCTAssertEqual(summary("In total, 37 soldiers and 24 militants were killed in the clashes."),
                       ["37 soldiers killed", "24 militants killed"])
    }

    func testActiveVerbAndNumberWords() {
        XCTAssertEqual(summary("the army captured two field commanders and a fighter of the group"),
                       ["2 field commanders captured", "1 fighter captured"])
        XCTAssertEqual(summary("an airstrike killing 5 civilians and injuring 12 others"), ["5 civilians killed"])
        XCTAssertEqual(summary("at least 33 Turkish troops were killed by shelling"), ["33 Turkish troops killed"])
        XCTAssertEqual(summary("Three soldiers were wounded."), ["3 soldiers injured"])
    }

    func testNumbersThatAreNotCasualtiesAreIgnored() {
        XCTAssertEqual(summary("the 20th, 23rd and 110th Brigades took part; 4 rockets were launched"), [])
        XCTAssertEqual(summary("a number of militants were killed"), [])
    }

    func testCasualtyRangeIsTheFigure() {
        let text = "Yesterday 37 soldiers were killed"
        let figure = FactExtractor.casualties(in: text)[0]
        XCTAssertEqual(String(String.UnicodeScalarView(Array(text.unicodeScalars)[figure.range])), "37 soldiers")
    }

    func testDatesInTheCorpusFormats() {
        let text = "Global Research, May 12, 2020 – first published 11 May 2020; report of 23.08.2019, August 23rd, 2019 and April 2013."
        XCTAssertEqual(FactExtractor.dates(in: text).map(\.iso), ["2020-05-12", "2020-05-11", "2019-08-23", "2019-08-23", "2013-04"])
        XCTAssertEqual(FactExtractor.dates(in: "أغسطس 24, 2019").map(\.iso), ["2019-08-24"])
        XCTAssertEqual(FactExtractor.dates(in: "في 5 آذار 2020").map(\.iso), ["2020-03-05"])
    }

    func testImpossibleDatesAndBareNumbersAreNotDates() {
        XCTAssertEqual(FactExtractor.dates(in: "31.02.2020 and 45 May 2020 and the year 2019").map(\.iso), [])
        let text = "on March 05, 2019"
        let date = FactExtractor.dates(in: text)[0]
        XCTAssertEqual(String(String.UnicodeScalarView(Array(text.unicodeScalars)[date.range])), "March 05, 2019")
    }

    /// Every date line of the gold articles (and the South Front original dates) yields its date.
    func testDatesOfTheSeedArticles() throws {
        struct Dated: Decodable {
            struct Alternative: Decodable { var date: String; var line: Int }
            var file: String
            var date: String?
            var date_line: Int?
            var alt_dates: [Alternative]?
        }
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("gold/articles.json")
        let articles = try JSONDecoder().decode([Dated].self, from: Data(contentsOf: url))
        let gold = EntityGoldCorpus.shared
        var checked = 0
        for article in articles {
            var expected: [(String, Int)] = []
            if let date = article.date, let line = article.date_line { expected.append((date, line)) }
            for alternative in article.alt_dates ?? [] { expected.append((alternative.date, alternative.line)) }
            for (date, line) in expected {
                let text = gold.line(article.file, line)
                XCTAssertTrue(FactExtractor.dates(in: text).contains { $0.iso == date }, "\(article.file) L\(line): \(text)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 17)
    }
}
