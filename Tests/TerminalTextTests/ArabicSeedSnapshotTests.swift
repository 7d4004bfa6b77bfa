import Foundation
import XCTest
import TerminalText

/// Every Arabic paragraph of the seed corpus (each line of `seeds/*.txt` holding an
/// Arabic letter) laid out at widths 20, 37 and 80, compared with the snapshot files
/// in `Snapshots/`. Rewrite them with `QARI_UPDATE_SNAPSHOTS=1 swift test --filter
/// ArabicSeedSnapshotTests`, then read the diff.
final class ArabicSeedSnapshotTests: XCTestCase {
    static let widths = [20, 37, 80]

    private static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    private static let snapshotsDirectory = testsDirectory.appendingPathComponent("Snapshots")
    private static let seedsDirectory = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")

    func testArabicSeedParagraphs() throws {
        let paragraphs = try Self.arabicParagraphs()
        XCTAssertGreaterThan(paragraphs.count, 10, "expected the Arabic article among the seeds")
        let update = ProcessInfo.processInfo.environment["QARI_UPDATE_SNAPSHOTS"] == "1"
        for width in Self.widths {
            let rendered = Self.render(paragraphs, width: width)
            let url = Self.snapshotsDirectory.appendingPathComponent("arabic-seeds-width-\(width).txt")
            if update {
                try FileManager.default.createDirectory(at: Self.snapshotsDirectory, withIntermediateDirectories: true)
                try rendered.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
                XCTFail("missing snapshot \(url.path); create it with QARI_UPDATE_SNAPSHOTS=1")
                continue
            }
            if stored != rendered {
                let storedLines = stored.components(separatedBy: "\n")
                let renderedLines = rendered.components(separatedBy: "\n")
                let first = (0 ..< min(storedLines.count, renderedLines.count)).first { storedLines[$0] != renderedLines[$0] }
                    ?? min(storedLines.count, renderedLines.count)
                XCTFail("""
                    snapshot \(url.lastPathComponent) differs from line \(first + 1):
                      stored:   \(first < storedLines.count ? storedLines[first] : "<end>")
                      rendered: \(first < renderedLines.count ? renderedLines[first] : "<end>")
                    rerun with QARI_UPDATE_SNAPSHOTS=1 and review the diff
                    """)
            }
        }
    }

    /// The structural promises, checked on the real corpus whatever the snapshots say.
    func testArabicSeedParagraphsFitAndAreRightAligned() throws {
        for paragraph in try Self.arabicParagraphs() {
            for width in Self.widths {
                let lines = TerminalText.layout(paragraph.text, options: LayoutOptions(width: width))
                for line in lines {
                    XCTAssertLessThanOrEqual(line.width, width)
                    if line.isRTL { XCTAssertEqual(line.width, width, "right-aligned: \(paragraph.name)") }
                }
            }
        }
    }

    private struct Paragraph {
        var name: String
        var text: String
    }

    private static func arabicParagraphs() throws -> [Paragraph] {
        let files = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        var paragraphs: [Paragraph] = []
        for file in files {
            let text = try String(contentsOf: seedsDirectory.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated()
                where line.unicodeScalars.contains(where: { (0x621 ... 0x64A).contains($0.value) }) {
                paragraphs.append(Paragraph(name: "\(file) line \(number + 1)", text: line))
            }
        }
        return paragraphs
    }

    private static func render(_ paragraphs: [Paragraph], width: Int) -> String {
        var output = """
        # qari TerminalText snapshot: each Arabic paragraph of seeds/*.txt laid out at width \(width)
        # (shaping and lam-alef ligatures on, right-to-left lines right-aligned).
        # Lines are in visual order, with Arabic presentation forms, exactly as qari draws them,
        # framed by | to show the width. To read them, print this file in a terminal that does
        # not reorder text itself (xterm, most others); in VTE, Konsole or mlterm first run
        # printf '\\033[8l' so the terminal does not reverse the lines a second time.
        # An editor that applies the bidi algorithm will show them reversed.

        """
        for paragraph in paragraphs {
            output += "\n== \(paragraph.name) ==\n"
            for line in TerminalText.layout(paragraph.text, options: LayoutOptions(width: width)) {
                output += "|" + line.text + String(repeating: " ", count: width - line.width) + "|\n"
            }
        }
        return output
    }
}
