import XCTest
@testable import QariCore

/// The readdir walk of `discover` lists exactly what FileManager's enumerator listed.
final class CorpusDiscoveryTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = try Repo.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("A Title\n\nBody text here.\n".utf8).write(to: url)
    }

    private func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: target)
    }

    private func assertSame(_ paths: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let loader = CorpusLoader()
        let new = try loader.discover(paths)
        let old = try loader.discoverWithFileManager(paths)
        XCTAssertEqual(new.files.map(\.absolute), old.files.map(\.absolute), file: file, line: line)
        XCTAssertEqual(new.files.map(\.display), old.files.map(\.display), file: file, line: line)
        XCTAssertEqual(new.problems, old.problems, file: file, line: line)
    }

    func testTheWalkListsWhatFileManagerListed() throws {
        for name in ["b.txt", "a.txt", "A.txt", "a-b.txt", "ab/c.txt", "a/b.txt", "a/z/deep/x.md", "é.txt", "e\u{301}x.txt",
                     "مقال.txt", "sub/.hidden.txt", ".hidden/inside.txt", "sub/..dots", "sub/name with space.txt", "10.txt", "9.txt"] {
            try write(name)
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try link("to-file.txt", to: folder.appendingPathComponent("b.txt").path)
        try link("to-folder", to: folder.appendingPathComponent("a").path)
        try link("dangling.txt", to: "/nonexistent/qari")
        try link("sub/dangling-too.txt", to: "nowhere")
        try link("sub/loop", to: "loop")
        let p = folder.path
        try assertSame([p])
        try assertSame([p + "/"])
        try assertSame([p + "//"])
        try assertSame([p.replacingOccurrences(of: "/qari-test", with: "//qari-test")])
        try assertSame([p + "/sub", p + "/a", p + "/b.txt"])
        try assertSame([p + "/to-folder"])
        try assertSame([p + "/to-folder/"])
        try assertSame([p + "/dangling.txt", p])
        XCTAssertEqual(try CorpusLoader().discover([p]).problems.map(\.reason), ["broken symbolic link", "broken symbolic link", "broken symbolic link"])
    }

    func testRelativeRootsAreJoinedAsBefore() throws {
        try write("x/one.txt")
        let saved = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        try assertSame(["."])
        try assertSame(["./"])
        try assertSame(["x"])
        try assertSame(["./x/"])
    }

    func testMissingRootThrowsTheSameError() {
        XCTAssertThrowsError(try CorpusLoader().discover([folder.path + "/missing"])) { error in
            XCTAssertEqual(error as? CorpusError, .missingPath(folder.path + "/missing"))
        }
    }
}
