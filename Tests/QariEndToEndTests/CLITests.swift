import Foundation
import XCTest

/// The command line as scripts use it: the real binary, its JSON, its exit status and its stderr.
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/qari").path

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    func qari(_ args: [String], env: [String: String] = [:]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw XCTSkip("build qari first (swift build): \(Self.binary) is missing")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        // The user's own knowledge-base extensions must not change what the tests see.
        environment["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "qari-cli-tests-config"
        // Commands that read through the index keep it here, not in the user's cache.
        environment["XDG_CACHE_HOME"] = NSTemporaryDirectory() + "qari-cli-tests-cache-\(getpid())"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func testListJSONHasEveryFieldForEveryArticle() throws {
        let run = try qari(["list", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try XCTUnwrap(try run.json() as? [[String: Any]])
        XCTAssertEqual(rows.count, 28)
        let keys: Set<String> = ["id", "file", "title", "source", "author", "date", "lang", "first_line", "last_line", "words"]
        for row in rows { XCTAssertEqual(Set(row.keys), keys) }
        let first = rows[0]
        XCTAssertEqual(first["file"] as? String, "000_1f70d02afe847750.txt")
        XCTAssertEqual(first["date"] as? String, "2020-05-12")
        XCTAssertEqual(first["source"] as? String, "South Front")
        XCTAssertEqual(first["first_line"] as? Int, 3)
        XCTAssertEqual(first["last_line"] as? Int, 41)
        // Ids are stable across runs.
        let again = try XCTUnwrap(try qari(["list", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["id"] as! String }, again.map { $0["id"] as! String })
    }

    /// `list` and `show` read the index unless told not to; either way they print the same.
    func testListAndShowPrintTheSameFromTheIndexAndFromMemory() throws {
        let fromIndex = try qari(["list", "--json"])
        let fromMemory = try qari(["list", "--json", "--no-index"])
        XCTAssertEqual(fromIndex.status, 0, fromIndex.stderr)
        XCTAssertEqual(fromIndex.stdout, fromMemory.stdout)
        XCTAssertEqual(try qari(["list"]).stdout, try qari(["list", "--no-index"]).stdout)
        let rows = try XCTUnwrap(try fromIndex.json() as? [[String: Any]])
        for row in rows {
            let id = row["id"] as! String
            let shown = try qari(["show", id, "--json"])
            XCTAssertEqual(shown.status, 0, shown.stderr)
            XCTAssertEqual(shown.stdout, try qari(["show", id, "--json", "--no-index"]).stdout, id)
        }
        // A unique start of an id is enough; one that several ids share is refused, as from memory.
        let id = rows[5]["id"] as! String
        XCTAssertEqual(try qari(["show", String(id.prefix(6))]).stdout, try qari(["show", id]).stdout)
        let ids = rows.map { $0["id"] as! String }
        if let shared = (1...4).lazy.compactMap({ n in ids.map { $0.prefix(n) }.first { p in ids.filter { $0.hasPrefix(p) }.count > 1 } }).first {
            let indexed = try qari(["show", String(shared)])
            XCTAssertEqual(indexed.status, 1)
            XCTAssertEqual(indexed.stderr, try qari(["show", String(shared), "--no-index"]).stderr)
            XCTAssertTrue(indexed.stderr.contains("ambiguous"), indexed.stderr)
        }
    }

    func testShowJSONCarriesParagraphsAndBoilerplate() throws {
        let rows = try XCTUnwrap(try qari(["list", "--json"]).json() as? [[String: Any]])
        let arabic = try XCTUnwrap(rows.first { ($0["title"] as? String) == "أهمّ دروس تحرير خان شيخون" })
        let run = try qari(["show", arabic["id"] as! String, "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try XCTUnwrap(try run.json() as? [String: Any])
        let paragraphs = try XCTUnwrap(doc["paragraphs"] as? [[String: Any]])
        XCTAssertEqual(paragraphs.count, 4)
        for p in paragraphs {
            XCTAssertEqual(p["lang"] as? String, "ar")
            XCTAssertEqual(p["direction"] as? String, "rtl")
        }
        XCTAssertEqual(doc["date"] as? String, "2019-08-24")
        XCTAssertNotNil(doc["boilerplate"] as? [[String: Any]])
    }

    func testMistakesAreOneLineOnStderrAndExitOne() throws {
        let unknown = try qari(["show", "zzzzzz"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "qari: no article with id 'zzzzzz' (see `qari list`)\n")
        XCTAssertEqual(unknown.stdout, "")
        let missing = try qari(["list", "/nonexistent/qari-corpus"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "qari: no such file or folder: /nonexistent/qari-corpus\n")
        let entity = try qari(["entity", "Nobody At All"])
        XCTAssertEqual(entity.status, 1)
        XCTAssertFalse(entity.stderr.contains("Fatal"))
        XCTAssertEqual(entity.stderr.split(separator: "\n").count, 1)
    }

    func testBadFilesAreListedAndTheCorpusStillLoads() throws {
        let dir = NSTemporaryDirectory() + "qari-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("seeds/002_1bc29e67b69ba144.txt").path,
                                         toPath: dir + "/good.txt")
        try Data([0, 1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/binary.dat"))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.txt"))
        let run = try qari(["list", dir])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(run.stderr.hasPrefix("qari: 2 files could not be read:\n"), run.stderr)
        XCTAssertTrue(run.stderr.contains("binary.dat: not text (binary data: contains NUL bytes)"))
        XCTAssertTrue(run.stderr.contains("empty.txt: empty file"))
    }

    func testEscapeSequencesNeverReachTheTerminal() throws {
        let dir = NSTemporaryDirectory() + "qari-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Title \u{1B}]0;pwned\u{07}With Escapes\n\nBody \u{1B}[2J\u{1B}[31mred\u{202E} text about Idlib.\n"
            .write(toFile: dir + "/esc.txt", atomically: true, encoding: .utf8)
        let list = try qari(["list", dir])
        XCTAssertFalse(list.stdout.contains("\u{1B}"))
        let id = String(list.stdout.prefix(10))
        let show = try qari(["show", id, dir])
        XCTAssertEqual(show.status, 0)
        XCTAssertFalse(show.stdout.contains("\u{1B}"))
        XCTAssertFalse(show.stdout.contains("\u{202E}"))
        XCTAssertTrue(show.stdout.contains("red"))
    }

    func testEntitiesResolveAndGraph() throws {
        let entities = try XCTUnwrap(try qari(["entities", "--type", "faction", "--json"]).json() as? [[String: Any]])
        let hts = try XCTUnwrap(entities.first { $0["id"] as? String == "hts" })
        XCTAssertEqual(hts["canonical"] as? String, "Hayat Tahrir al-Sham")
        XCTAssertEqual(hts["type"] as? String, "faction")
        XCTAssertTrue((hts["aliases"] as? [String] ?? []).contains("HTS"))
        XCTAssertGreaterThan(hts["mentions"] as? Int ?? 0, 30)
        XCTAssertTrue(entities.allSatisfy { $0["type"] as? String == "faction" })

        let resolved = try XCTUnwrap(try qari(["resolve", "Khan Sheikhun", "كفرزيتا", "Nobody At All", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(resolved.map { $0["id"] as? String }, ["khan_sheikhoun", "kafr_zita", nil])
        // With the names of a corpus (the form the target is read with): it read an
        // unset option and stopped the program, with ArgumentParser's message and status 1.
        let seeds = Self.root.appendingPathComponent("seeds").path
        let inCorpus = try qari(["resolve", "Khan Sheikhun", "كفرزيتا", "Latmin", "Nobody At All", "--corpus", seeds, "--json"])
        XCTAssertEqual(inCorpus.status, 0, inCorpus.stderr)
        let inCorpusRows = try XCTUnwrap(inCorpus.json() as? [[String: Any]])
        XCTAssertEqual(inCorpusRows.map { $0["id"] as? String }, ["khan_sheikhoun", "kafr_zita", "latmin", nil])
        let missing = try qari(["resolve", "HTS", "--corpus", "/nonexistent/qari-corpus"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("qari: "), missing.stderr)

        let graph = try XCTUnwrap(try qari(["graph", "--format", "json"]).json() as? [String: Any])
        let edges = try XCTUnwrap(graph["edges"] as? [[String: Any]])
        let text = edges.filter { $0["origin"] as? String == "text" }
        XCTAssertFalse(text.isEmpty)
        for e in text {
            XCTAssertNotNil(e["article"] as? String)
            XCTAssertNotNil(e["line"] as? Int)
            XCTAssertNotNil(e["evidence"] as? String)
        }
        XCTAssertTrue(edges.contains { $0["from"] as? String == "hts" && $0["to"] as? String == "al_nusra"
            && $0["kind"] as? String == "formerly_known_as" })
        let dot = try qari(["graph"])
        XCTAssertTrue(dot.stdout.hasPrefix("digraph qari {"))
    }

    func testPairingOfTheArabicSeeds() throws {
        let rows = try XCTUnwrap(try qari(["list", "--json"]).json() as? [[String: Any]])
        func id(_ title: String) -> String { rows.first { ($0["title"] as? String)?.hasPrefix(title) == true }!["id"] as! String }
        let pairs = try XCTUnwrap(try qari(["pair", "--json"]).json() as? [[String: Any]])
        func best(_ title: String) -> String? {
            (pairs.first { $0["id"] as? String == id(title) }?["candidates"] as? [[String: Any]])?.first?["id"] as? String
        }
        // The Khan Shaykhun lessons pair first with an English report of the town's capture...
        let khan = try XCTUnwrap(best("أهمّ دروس تحرير خان شيخون"))
        let khanTitle = rows.first { $0["id"] as? String == khan }!["title"] as! String
        XCTAssertTrue(khanTitle.uppercased().contains("KHAN SHAYKH"), khanTitle)
        // ...and "Aleppo's victory in ten" with the piece on the Aleppo offensive of February 2020.
        XCTAssertEqual(best("انتصار حلب بعشرة"), id("It’s time for Ankara"))
    }
}
