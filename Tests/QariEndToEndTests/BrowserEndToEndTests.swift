import Foundation
import XCTest

/// The real binary on the seeds, through tmux, along the path the snapshot tests pin.
final class BrowserEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: TmuxSession.binary) else {
            XCTFail("build qari first (swift build): \(TmuxSession.binary) is missing")
            return
        }
    }

    func testSeedPathThroughEntitiesAndHistory() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds])
        t.waitFor(text: "seeds · 28 articles")
        t.waitFor(text: "Al-Qaeda Factions Create New Coa")
        t.send("Enter")
        t.waitFor(text: "seeds · article 1 of 28")
        t.waitFor(text: "Early on June 14, the Russian Aerospace Forces")

        // Shift-Tab leaves the reader for the list, and once more wraps round to the sidebar.
        t.send("BTab", "BTab")
        t.send("/")
        t.type("Fa Ithbatu")
        t.send("Enter", "Enter")
        t.waitFor("Fa Ithbatu's entity page") { $0.contains(" Entity ") && $0.contains("Members") && $0.contains("› Hurras al-Din") }

        t.send("Enter")   // the first related entity: Hurras al-Din, a member
        t.waitFor("Hurras al-Din's page") { $0.contains("Split from") && $0.contains("Guardians of Religion") }
        t.send("Enter")   // split from Hayat Tahrir al-Sham
        t.waitFor("HTS's page") { $0.contains("Former names") && $0.contains("› al-Nusra Front") }
        t.send("Enter")   // its former name
        t.waitFor("al-Nusra Front's page") { $0.contains("Later names") && $0.contains("Jabhat al-Nusra") }

        t.send("BSpace")
        t.waitFor(text: "Former names")
        t.send("h")
        t.waitFor(text: "Guardians of Religion")
        t.send("M-Left")
        t.waitFor("back on Fa Ithbatu") { $0.contains("Members") && $0.contains("Fathbatu") }
        t.send("l")
        t.waitFor(text: "Guardians of Religion")

        t.send("q")
        XCTAssertEqual(t.waitForExit(), 0)
        t.waitForAlternateScreen(false)
    }

    func testOpenStartsOnAnEntityPageNamedInArabic() throws {
        let t = try TmuxSession(arguments: ["--open", "هيئة تحرير الشام", TmuxSession.seeds], width: 100, height: 30)
        t.waitFor("HTS's page") { $0.contains("Hayat Tahrir al-Sham") && $0.contains("Former names") }
        t.send("?")
        t.waitFor(text: "Keys (Esc closes)")
        t.send("Escape")
        t.waitFor("the key list closed") { !$0.contains("Keys (Esc closes)") }
        t.send("q")
        XCTAssertEqual(t.waitForExit(), 0)
    }

    /// A second session finds the index made by the first (nothing to read again) and the
    /// articles read in the first marked as read.
    func testASecondSessionReusesTheIndexAndRemembersWhatWasRead() throws {
        let state = NSTemporaryDirectory() + "qari-e2e-state-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let cache = state + "-cache"
        defer {
            try? FileManager.default.removeItem(atPath: state)
            try? FileManager.default.removeItem(atPath: cache)
        }
        let environment = "XDG_STATE_HOME='\(state)' XDG_CACHE_HOME='\(cache)'"
        let first = try TmuxSession(arguments: [TmuxSession.seeds], width: 120, height: 30, environment: environment)
        first.waitFor("the index built") { $0.contains("seeds · 28 articles") && $0.contains("indexed 28 new articles") }
        first.waitFor(text: "  Video: Al-Qaeda Factions Cre")
        first.send("Enter")
        first.waitFor(text: "▶ Video: Al-Qaeda Factions Cre")
        first.send("q")
        XCTAssertEqual(first.waitForExit(), 0)
        let marks = try String(contentsOfFile: state + "/qari/read", encoding: .utf8)
        XCTAssertEqual(marks.split(separator: "\n").count, 1, marks)

        let second = try TmuxSession(arguments: [TmuxSession.seeds], width: 120, height: 30, environment: environment)
        second.waitFor("the index reused") { $0.contains("index up to date: 28 articles") }
        second.waitFor(text: "✓ Video: Al-Qaeda Factions Cre")
        second.send("q")
        XCTAssertEqual(second.waitForExit(), 0)
    }

    func testArabicShowsEvenUnderTheCLocale() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds], width: 100, height: 30,
                                environment: "env -u LANG -u LANGUAGE LC_ALL=C")
        // Shaped Arabic (presentation forms) and qari's own separators, not question marks.
        t.waitFor(text: "ﻥﻮﺨﻴﺷ ﻥﺎﺧ ﺮﻳﺮﺤﺗ ﺱﻭﺭﺩ ﻢّﻫﺃ")
        t.waitFor(text: "│ Reader")
        t.send("q")
        XCTAssertEqual(t.waitForExit(), 0)
    }

    func testResizeFollowsTheTerminalAndTinySizesSaySo() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds], width: 160, height: 50)
        t.waitFor(text: "Entities")
        try t.tmux(["resize-window", "-t", t.name, "-x", "50", "-y", "20"])
        t.waitFor("one pane at 50 columns") { !$0.contains("Entities") && $0.contains("Articles") }
        try t.tmux(["resize-window", "-t", t.name, "-x", "20", "-y", "5"])
        t.waitFor(text: "Too small: need 21x6")
        try t.tmux(["resize-window", "-t", t.name, "-x", "120", "-y", "40"])
        t.waitFor("three panes again") { $0.contains("Entities") && $0.contains("Articles") }
        t.send("q")
        XCTAssertEqual(t.waitForExit(), 0)
    }

    /// The split reader off a real screen: the Arabic article on the right, its English pair on
    /// the left, each on its own side of the divider.
    func testSplitReaderShowsAnArabicArticleBesideItsEnglishPair() throws {
        // 91e7c62903: أهمّ دروس تحرير خان شيخون, first paired with the report of Khan Shaykhun's capture.
        let t = try TmuxSession(arguments: ["--open", "91e7c62903", TmuxSession.seeds], width: 120, height: 36)
        t.waitFor(text: "seeds · article")
        t.send("s")
        t.waitFor(text: "KHAN SHAYKHOON")
        /// Each row's text left and right of the divider.
        func columns(_ screen: String) -> (left: String, right: String) {
            var left = "", right = ""
            for row in screen.split(separator: "\n").dropLast() {   // the status row spans both
                let halves = row.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false)
                left += halves[0] + "\n"
                if halves.count > 1 { right += halves[1] + "\n" }
            }
            return (left, right)
        }
        func presentationForms(_ s: String) -> Int {
            s.unicodeScalars.filter { (0xFE70...0xFEFC).contains($0.value) }.count
        }
        t.waitFor("the English pair left, the Arabic article right") { screen in
            let (left, right) = columns(screen)
            return left.contains("LIBERATED") && !right.contains("LIBERATED") && presentationForms(right) > 200
        }
        t.send("t")
        t.waitFor("English names after Arabic mentions, on the right") { columns($0).right.contains("[Khan Shaykhun]") }
        t.send("Escape")
        t.waitFor("the split closed, three panes again") { $0.contains("Entities") && !$0.contains("pair 1 of") }
        t.send("q")
        XCTAssertEqual(t.waitForExit(), 0)
    }

    func testSigtermRestoresTheTerminal() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds])
        t.waitFor(text: "seeds · 28 articles")
        XCTAssertTrue(t.alternateScreenOn)
        let pid = try XCTUnwrap(t.qariPID())
        kill(pid, SIGTERM)
        XCTAssertEqual(t.waitForExit(), 128 + Int(SIGTERM))
        t.waitForAlternateScreen(false)
    }

    func testCtrlCQuitsAndRestoresTheTerminal() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds])
        t.waitFor(text: "seeds · 28 articles")
        t.send("C-c")
        XCTAssertEqual(t.waitForExit(), 0)
        t.waitForAlternateScreen(false)
    }

    func testCtrlZGivesTheTerminalBackAndContinueRedraws() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds], interactiveShell: true)
        t.waitFor(text: "seeds · 28 articles")
        t.send("j", "Enter")
        t.waitFor(text: "seeds · article 2 of 28")
        t.send("C-z")
        t.waitFor(text: "Stopped")
        t.waitForAlternateScreen(false)
        t.type("fg")
        t.send("Enter")
        t.waitForAlternateScreen(true)
        t.waitFor(text: "seeds · article 2 of 28")
        t.send("q")
        t.waitForAlternateScreen(false)
        t.type("echo EXIT=$?")
        t.send("Enter")
        t.waitFor(text: "EXIT=0")
    }

    func testACrashStillRestoresTheTerminal() throws {
        let t = try TmuxSession(arguments: [TmuxSession.seeds])
        t.waitFor(text: "seeds · 28 articles")
        let pid = try XCTUnwrap(t.qariPID())
        kill(pid, SIGSEGV)
        XCTAssertEqual(t.waitForExit(), 128 + Int(SIGSEGV))
        t.waitForAlternateScreen(false)
    }
}

/// The bytes qari writes, recorded with script(1): explicit bidi mode (CSI 8 l) is asked for
/// before curses first draws, and given back (CSI 8 h) after curses has let go.
final class ExplicitBidiModeTests: XCTestCase {
    func testExplicitBidiModeWrapsTheWholeSession() throws {
        let record = NSTemporaryDirectory() + "qari-typescript-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: record) }
        let command = "XDG_CONFIG_HOME=/nonexistent/qari-e2e XDG_CACHE_HOME='\(TmuxSession.cacheFolder)' XDG_STATE_HOME='\(TmuxSession.cacheFolder)/state' '\(TmuxSession.binary)' '\(TmuxSession.seeds)'"
        // q arrives after a while or is read as the first key; either way qari draws once and quits.
        try Subprocess.run(["/bin/sh", "-c",
                            "(sleep 2; printf q) | TERM=xterm-256color script -q -e -c \"\(command)\" '\(record)'"],
                           readOutput: false)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: record))
        func first(_ s: String) -> Int? { bytes.range(of: Data(s.utf8))?.lowerBound }
        func last(_ s: String) -> Int? { bytes.range(of: Data(s.utf8), options: .backwards)?.lowerBound }
        let enter = try XCTUnwrap(first("\u{1B}[8l"), "explicit mode was never asked for")
        let leave = try XCTUnwrap(last("\u{1B}[8h"), "explicit mode was never given back")
        let screenOn = try XCTUnwrap(first("\u{1B}[?1049h"))
        let screenOff = try XCTUnwrap(last("\u{1B}[?1049l"))
        XCTAssertLessThan(enter, screenOn)
        XCTAssertGreaterThan(leave, screenOff)
    }
}
