import Foundation
import XCTest
@testable import QariTUI

/// Drives a `BrowserState` message by message and renders each screen into a
/// `MemoryBackend`, as the real loop does with ncurses.
struct BrowserDriver {
    var state: BrowserState
    let backend: MemoryBackend

    init(corpus: BrowserCorpus, width: Int = 80, height: Int = 24) {
        state = BrowserState(corpus: corpus, text: TerminalTextEngine(), width: width, height: height)
        backend = MemoryBackend(width: width, height: height)
        render()
    }

    mutating func render() {
        backend.write(BrowserView.render(state))
    }

    /// Sends keys by name ("j", "5", "C-d", "Tab", "Enter") and renders after each.
    mutating func press(_ names: String..., file: StaticString = #filePath, line: UInt = #line) {
        for name in names {
            guard let key = Key(name: name) else { XCTFail("unknown key \(name)", file: file, line: line); continue }
            state.update(.key(key))
            render()
        }
    }

    /// Presses Tab until `pane` has focus (Tab first walks the reader's visible mentions).
    mutating func focus(_ pane: Pane, file: StaticString = #filePath, line: UInt = #line) {
        for _ in 0..<50 where state.focus != pane { press("Tab") }
        XCTAssertEqual(state.focus, pane, file: file, line: line)
    }

    mutating func type(_ text: String) {
        state.update(.text(text))
        render()
    }

    mutating func resize(_ width: Int, _ height: Int) {
        backend.resize(width: width, height: height)
        state.update(.resize(width: width, height: height))
        render()
    }

    var rows: [String] { backend.screen.rows }
    var screenText: String { rows.joined(separator: "\n") }

    /// Row index of the first row containing `text`.
    func row(containing text: String) -> Int? { rows.firstIndex { $0.contains(text) } }

    /// The styles of the cells showing `text` on the first row containing it.
    func styles(of text: String) -> [CellStyle]? {
        guard let y = row(containing: text) else { return nil }
        let screen = backend.screen
        var cells: [(String, CellStyle)] = []
        for x in 0..<screen.width where screen[x, y].width > 0 { cells.append((screen[x, y].text, screen[x, y].style)) }
        let chars = cells.map(\.0)
        let needle = text.map(String.init)
        guard needle.count <= chars.count else { return nil }
        for start in 0...(chars.count - needle.count) where Array(chars[start..<(start + needle.count)]) == needle {
            return cells[start..<(start + needle.count)].map(\.1)
        }
        return nil
    }

    /// Compares the whole screen (text and styles) with a committed snapshot file.
    /// QARI_UPDATE_SNAPSHOTS=1 rewrites the file instead.
    func assertSnapshot(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
        let actual = backend.snapshot
        if ProcessInfo.processInfo.environment["QARI_UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("no snapshot \(name).txt; run with QARI_UPDATE_SNAPSHOTS=1 to record it", file: file, line: line)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            XCTFail("""
                snapshot \(name) differs at line \(firstDiff + 1):
                expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")
                actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")
                (QARI_UPDATE_SNAPSHOTS=1 rewrites it)
                """, file: file, line: line)
        }
    }
}
