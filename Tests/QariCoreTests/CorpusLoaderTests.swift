import XCTest
@testable import QariCore

/// Bad input gets a clear message and loses nothing.
final class CorpusLoaderTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = try Repo.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ bytes: [UInt8]) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    private func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    private let good = "A Headline About Idlib\n\nSouth Front\n\nThe Syrian Army advanced near Saraqib on Monday.\n\nClashes continued.\n"

    func testBadFilesAreReportedAndTheRestLoads() throws {
        try write("good.txt", good)
        try write("sub/also-good.md", good)
        try write("binary.bin", [0x00, 0x01, 0x02, 0xFF, 0x00])
        try write("empty.txt", [])
        try write("blank.txt", "  \n\n \n")
        try write("doc.pdf", Array("%PDF-1.4 garbage".utf8))
        try write(".hidden.txt", good)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.txt").path,
                                                   withDestinationPath: "/nonexistent/qari")
        let corpus = try CorpusLoader().load([folder.path])
        XCTAssertEqual(corpus.articles.count, 2)
        XCTAssertEqual(Set(corpus.articles.map(\.file)), ["good.txt", "sub/also-good.md"])
        let reasons = Dictionary(uniqueKeysWithValues: corpus.problems.map { (($0.path as NSString).lastPathComponent, $0.reason) })
        XCTAssertEqual(reasons["binary.bin"], "not text (binary data: contains NUL bytes)")
        XCTAssertEqual(reasons["empty.txt"], "empty file")
        XCTAssertEqual(reasons["blank.txt"], "no text (only blank space)")
        XCTAssertEqual(reasons["doc.pdf"], "not text (a PDF document)")
        XCTAssertEqual(reasons["dangling.txt"], "broken symbolic link")
        XCTAssertNil(reasons[".hidden.txt"])
        XCTAssertEqual(corpus.problems.count, 5)
    }

    func testInvalidUTF8IsReplacedAndCounted() throws {
        var bytes = Array("Title Of The Report\n\nSouth Front\n\nThe army ".utf8)
        bytes += [0xFF, 0xC3] + Array(" advanced on Saraqib and took it.\n".utf8)
        try write("bad-utf8.txt", bytes)
        let corpus = try CorpusLoader().load([folder.path])
        XCTAssertEqual(corpus.articles.count, 1)
        XCTAssertEqual(corpus.warnings.map(\.reason), ["2 invalid UTF-8 sequences replaced with U+FFFD"])
        XCTAssertTrue(corpus.articles[0].paragraphs[0].text.contains("\u{FFFD}"))
    }

    func testMissingPathIsAUserError() {
        XCTAssertThrowsError(try CorpusLoader().load(["/nonexistent/qari/corpus"])) { error in
            XCTAssertEqual(error as? CorpusError, .missingPath("/nonexistent/qari/corpus"))
        }
    }

    func testAVeryLongLineLoadsAsOneArticle() throws {
        let word = "Idlib "
        let line = String(repeating: word, count: 10_000_000 / word.utf8.count)
        try write("long.txt", "A Title Over A Long Line\n\n" + line + "\n")
        let corpus = try CorpusLoader().load([folder.path])
        XCTAssertEqual(corpus.articles.count, 1)
        XCTAssertEqual(corpus.articles[0].title, "A Title Over A Long Line")
        XCTAssertGreaterThan(corpus.articles[0].paragraphs[0].text.utf8.count, 9_000_000)
    }

    func testAFileOfOneLongLineWithoutTitleStillLoads() throws {
        try write("one-line.txt", String(repeating: "x", count: 2_000_000))
        let corpus = try CorpusLoader().load([folder.path])
        XCTAssertEqual(corpus.articles.count, 1)
        XCTAssertEqual(corpus.problems, [])
    }

    func testControlCharactersSurviveInTheCoreButAreCounted() throws {
        // Escape sequences are data to the core; the views sanitise them (TerminalText).
        try write("esc.txt", "A Title With \u{1B}[31mColour\n\nBody text with \u{202E}override and \u{1B}]0;title\u{07} more.\n")
        let corpus = try CorpusLoader().load([folder.path])
        XCTAssertEqual(corpus.articles.count, 1)
    }
}
