import XCTest
import QariCore
@testable import QariStore

/// The search language: every construct, and errors that point at the mistake.
final class SearchQueryParserTests: XCTestCase {
    private func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            return try SearchQueryParser.parse(text).description
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return ""
        }
    }

    private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> QueryError? {
        do {
            let q = try SearchQueryParser.parse(text)
            XCTFail("expected an error for \(text), got \(q)", file: file, line: line)
            return nil
        } catch let e as QueryError {
            return e
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testWordsAreJoinedByAnd() {
        XCTAssertEqual(parsed("idlib"), "idlib")
        XCTAssertEqual(parsed("  idlib   saraqib "), "(and idlib saraqib)")
        XCTAssertEqual(parsed("idlib AND saraqib"), "(and idlib saraqib)")
        XCTAssertEqual(parsed("حلب ادلب"), "(and حلب ادلب)")
    }

    func testOrBindsTighterThanTheImplicitAnd() {
        XCTAssertEqual(parsed("hts OR nusra"), "(or hts nusra)")
        XCTAssertEqual(parsed("idlib hts OR nusra OR tahrir"), "(and idlib (or hts nusra tahrir))")
        XCTAssertEqual(parsed("(idlib hts) OR nusra"), "(or (and idlib hts) nusra)")
        // Lower-case "or" is a word to search for.
        XCTAssertEqual(parsed("war or peace"), "(and war or peace)")
    }

    func testExclusion() {
        XCTAssertEqual(parsed("idlib -turkey"), "(and idlib (not turkey))")
        XCTAssertEqual(parsed("idlib -\"al qaeda\""), "(and idlib (not \"al qaeda\"))")
        XCTAssertEqual(parsed("idlib -(turkey OR russia)"), "(and idlib (not (or turkey russia)))")
        XCTAssertEqual(parsed("idlib -lang:ar"), "(and idlib (not lang:ar))")
        // A hyphen inside a word is part of the word.
        XCTAssertEqual(parsed("al-Sham"), "al-Sham")
    }

    func testPhrasesAndPrefixes() {
        XCTAssertEqual(parsed("\"national front for liberation\""), "\"national front for liberation\"")
        XCTAssertEqual(parsed("\"هيئة تحرير الشام\" idlib"), "(and \"هيئة تحرير الشام\" idlib)")
        XCTAssertEqual(parsed("aleppo*"), "aleppo*")
        XCTAssertEqual(parsed("\"tahrir al\"*"), "tahrir al*")
        XCTAssertEqual(parsed("حل*"), "حل*")
    }

    func testFilters() {
        XCTAssertEqual(parsed("entity:HTS"), "entity:HTS")
        XCTAssertEqual(parsed("entity:\"Hay'at Tahrir al-Sham\""), "entity:Hay'at Tahrir al-Sham")
        XCTAssertEqual(parsed("entity:\"هيئة تحرير الشام\""), "entity:هيئة تحرير الشام")
        XCTAssertEqual(parsed("type:faction"), "type:faction")
        XCTAssertEqual(parsed("TYPE:State_Actor"), "type:state_actor")
        XCTAssertEqual(parsed("lang:ar"), "lang:ar")
        XCTAssertEqual(parsed("lang:EN"), "lang:en")
        XCTAssertEqual(parsed("source:\"South Front\""), "source:South Front")
        XCTAssertEqual(parsed("source:SouthFront"), "source:SouthFront")
        XCTAssertEqual(parsed("entity:HTS lang:en idlib"), "(and entity:HTS lang:en idlib)")
        // A colon after something that is not a filter name is part of a word.
        XCTAssertEqual(parsed("10:30"), "10:30")
    }

    func testDates() {
        XCTAssertEqual(parsed("date:2019-08..2019-09"), "date:[2019-08-01..2019-10-01)")
        XCTAssertEqual(parsed("date:2019"), "date:[2019-01-01..2020-01-01)")
        XCTAssertEqual(parsed("date:2019-12"), "date:[2019-12-01..2020-01-01)")
        XCTAssertEqual(parsed("date:2019-08-15"), "date:[2019-08-15..2019-08-16)")
        XCTAssertEqual(parsed("date:2020-02-29"), "date:[2020-02-29..2020-03-01)")
        XCTAssertEqual(parsed("date:2019-12-31"), "date:[2019-12-31..2020-01-01)")
        XCTAssertEqual(parsed("date:2019-08.."), "date:[2019-08-01..)")
        XCTAssertEqual(parsed("date:..2019-08"), "date:[..2019-09-01)")
        XCTAssertEqual(parsed("after:2019-08"), "date:[2019-09-01..)")
        XCTAssertEqual(parsed("after:2019-08-15"), "date:[2019-08-16..)")
        XCTAssertEqual(parsed("before:2020"), "date:[..2020-01-01)")
    }

    func testErrorsPointAtTheMistake() {
        XCTAssertEqual(error("idlib hts \"national front")?.description, "query error at column 11: unclosed quote")
        XCTAssertEqual(error("idlib (hts OR nusra")?.column, 7)
        XCTAssertEqual(error("idlib (hts OR nusra")?.message, "unclosed parenthesis")
        XCTAssertEqual(error("idlib hts)")?.column, 10)
        XCTAssertEqual(error("idlib ()")?.message, "empty parentheses")
        XCTAssertEqual(error("OR idlib")?.column, 1)
        XCTAssertEqual(error("idlib OR")?.column, 7)
        XCTAssertEqual(error("idlib OR OR hts")?.column, 7)
        XCTAssertEqual(error("(idlib OR) hts")?.column, 8)
        XCTAssertEqual(error("AND idlib")?.column, 1)
        XCTAssertEqual(error("idlib - hts")?.column, 7)
        XCTAssertEqual(error("idlib -")?.column, 7)
        XCTAssertEqual(error("idlib \"\"")?.message, "empty phrase")
        XCTAssertEqual(error("idlib \"\"")?.column, 7)
        XCTAssertEqual(error("ale*ppo")?.column, 4)
        XCTAssertEqual(error("idlib *")?.column, 7)
        XCTAssertEqual(error("idlib entity:")?.column, 7)
        XCTAssertEqual(error("idlib entity:\"\"")?.column, 7)
        XCTAssertEqual(error("idlib entity:\"HTS")?.message, "unclosed quote")
        XCTAssertEqual(error("idlib entity:\"HTS")?.column, 14)
        XCTAssertEqual(error("lang:fr")?.column, 6)
        XCTAssertEqual(error("type:army")?.column, 6)
        XCTAssertEqual(error("colour:red")?.column, 1)
        XCTAssertTrue(error("colour:red")?.message.contains("unknown filter 'colour:'") ?? false)
        XCTAssertEqual(error("idlib date:2019-13")?.column, 17)
        XCTAssertEqual(error("date:2019-02-30")?.column, 14)
        XCTAssertEqual(error("date:19-08")?.column, 6)
        XCTAssertEqual(error("date:2019-08..2019-07")?.message, "the date range 2019-08..2019-07 ends before it starts")
        XCTAssertEqual(error("date:..")?.column, 6)
        XCTAssertEqual(error("after:soon")?.column, 7)
        XCTAssertEqual(error("")?.column, 1)
        XCTAssertEqual(error("   ")?.message.hasPrefix("empty query"), true)
    }

    func testColumnsCountCharactersNotBytes() {
        // "حلب " is four characters: the quote opens at column 5.
        XCTAssertEqual(error("حلب \"ادلب")?.column, 5)
        XCTAssertEqual(try SearchQueryParser.parse("حلب entity:HTS"), .all([.word("حلب", column: 1), .filter(.entity("HTS"), column: 5)]))
    }
}
